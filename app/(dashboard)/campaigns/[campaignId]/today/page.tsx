import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { TodayView } from '@/components/today/today-view';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { settings } from '@/lib/settings';
import { loadTodayFeed } from '@/lib/today/feed';

export const metadata: Metadata = { title: 'Today' };

type Props = { params: Promise<{ campaignId: string }> };

export default async function TodayPage({ params }: Props) {
  const { campaignId } = await params;
  const here = `/campaigns/${campaignId}/today`;
  const auth = await requireAuth(here);
  // It names people and where they are: organizers only.
  if (!auth.can('modify@interactions')) notFound();
  const feed = await withPolis(here, () => loadTodayFeed(auth, campaignId));
  if (feed.state === 'building') return <IndexingProgress loaded={feed.loaded} total={feed.total} what="today's visits" />;
  return <TodayView campaignId={campaignId} initial={feed} tileUrl={settings.tileUrl} tileAttribution={settings.tileAttribution} />;
}

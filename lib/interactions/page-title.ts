/**
 * Tab titles that name the page and the campaign, "Map · Boston Fair
 * Transit 2026", so a person with several tabs open tells them apart.
 *
 * @example
 *   export async function generateMetadata({ params }: Props) {
 *     return campaignPageMetadata('Map', (await params).campaignId);
 *   }
 */
import 'server-only';
import type { Metadata } from 'next';
import { cache } from 'react';
import { getAuth } from '@/lib/auth/session';

/** One read of the campaign's name per request, however many parts of the page ask. */
const campaignName = cache(async (campaignId: string): Promise<string | null> => {
  const auth = await getAuth();
  if (!auth) return null;
  return auth.polis.getCampaign(campaignId).then(
    (campaign) => campaign.data.name,
    () => null,
  );
});

export async function campaignPageMetadata(page: string, campaignId: string): Promise<Metadata> {
  const name = await campaignName(campaignId);
  return { title: name ? { absolute: `${page} · ${name}` } : page };
}

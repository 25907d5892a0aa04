import Link from 'next/link';
import { notFound } from 'next/navigation';
import { buttonClass } from '@/components/ui/button';
import { Suspense } from 'react';
import { CampaignTabs } from '@/components/campaigns/campaign-tabs';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { PolisApiError } from '@/lib/polis/client';
import { TimeZoneForm } from '@/components/campaigns/time-zone-form';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { zoneLabel } from '@/lib/time/format';

type Props = { children: React.ReactNode; params: Promise<{ campaignId: string }> };

export default async function CampaignLayout({ children, params }: Props) {
  const { campaignId } = await params;
  const auth = await requireAuth(`/campaigns/${campaignId}`);
  const campaign = await withPolis(`/campaigns/${campaignId}`, () => auth.polis.getCampaign(campaignId)).catch((error: unknown) => {
    if (error instanceof PolisApiError && (error.status === 404 || error.status === 400)) notFound();
    throw error;
  });
  const timeZone = await campaignTimeZone(auth, campaign);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        {/* The zone beside the name, not under it: the map keeps the first screen. */}
        <div className="flex flex-wrap items-baseline gap-x-4">
          <h1 className="text-2xl font-semibold">
            <span className="sr-only">Campaign: </span>
            {campaign.data.name}
          </h1>
          <div className="flex flex-wrap items-baseline gap-x-3 text-sm text-slate-600">
            <p data-testid="campaign-time-zone">Times in {zoneLabel(timeZone)}</p>
            {auth.can('modify@interactions') && <TimeZoneForm key={timeZone} campaignId={campaignId} timeZone={timeZone} />}
          </div>
        </div>
        {auth.can('modify@interactions') && (
          <Link href={`/campaigns/${campaignId}/new`} className={buttonClass('primary')}>
            Enter an interaction
          </Link>
        )}
      </div>
      <Suspense>
        <CampaignTabs campaignId={campaignId} review={auth.can('modify@interactions')} />
      </Suspense>
      {children}
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CorrectionHistory } from '@/components/interactions/correction-history';
import { requireAuth } from '@/lib/auth/session';
import { listCorrections } from '@/lib/store/corrections';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { IdSchema } from '@/lib/polis/schemas';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { unitSystemFor } from '@/lib/units/preference';

type Props = { params: Promise<{ campaignId: string; interactionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Correction log', (await params).campaignId);
}

/** The dashboard's log of one interaction, readable after it was deleted (its detail page is gone). */
export default async function CorrectionLogPage({ params }: Props) {
  const { campaignId, interactionId } = await params;
  const auth = await requireAuth(`/campaigns/${campaignId}/corrections/${interactionId}`);
  if (!IdSchema.safeParse(interactionId).success || !auth.can('read@interactions')) notFound();
  // The campaign layout has already checked the campaign is this organization's; the log is kept per organization.
  const [corrections, units, timeZone] = await Promise.all([
    listCorrections(auth.organization.id, interactionId),
    unitSystemFor(auth, campaignId),
    campaignTimeZone(auth, campaignId),
  ]);
  if (corrections.length === 0) notFound();
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5" aria-labelledby="log-title">
      <h2 id="log-title" className="text-base font-semibold">
        Correction log of interaction {interactionId.slice(0, 8)}
      </h2>
      <CorrectionHistory corrections={corrections} units={units} timeZone={timeZone} />
      <Link href={`/campaigns/${campaignId}/table`} className="text-sm text-brand-700 hover:underline">
        Back to the table
      </Link>
    </section>
  );
}

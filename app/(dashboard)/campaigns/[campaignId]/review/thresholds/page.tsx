import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ThresholdForm, type ThresholdGroup } from '@/components/review/threshold-form';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { DEFAULT_REVIEW_SETTINGS } from '@/lib/review/model';
import { ruleSetVersionOf, shownValue, THRESHOLDS, withOverrides, type Threshold } from '@/lib/review/thresholds';
import { readReviewThresholds } from '@/lib/store/review-settings';

export const metadata: Metadata = { title: 'Rule thresholds' };

type Props = { params: Promise<{ campaignId: string }> };

const GROUP_TITLES: Record<Threshold['group'], string> = {
  shifts: 'Shifts',
  'far-from-household': 'far-from-household: standing far from the door',
  'short-gaps': 'short-gaps: too little time between doors',
  'impossible-travel': 'impossible-travel: moving faster than a person walks',
  'one-spot': 'one-spot: many households recorded from one place',
  'contact-rate': 'contact-rate: far more successes than peers',
  'answer-pattern': 'answer-pattern: answers unlike peers\u2019',
  volume: 'volume: more doors than a person can knock',
  'outside-hours': 'outside-hours: visits at hours nobody canvasses',
  clock: 'clock: a device clock that disagrees with Polis',
  duplicate: 'duplicate: the same contact recorded twice',
  suppressions: 'Exemptions',
};

export default async function ThresholdsPage({ params }: Props) {
  const { campaignId } = await params;
  const base = `/campaigns/${campaignId}/review`;
  const here = `${base}/thresholds`;
  const auth = await requireAuth(here);
  // Flags and their thresholds are for organizers: to anyone else the page does not exist.
  if (!auth.can('modify@interactions')) notFound();
  await withPolis(here, () => auth.polis.getCampaign(campaignId));
  const stored = await readReviewThresholds(auth.organization.id, campaignId);
  const settings = withOverrides(stored?.thresholds);
  const groups: ThresholdGroup[] = [];
  for (const threshold of THRESHOLDS) {
    let group = groups.find((candidate) => candidate.id === threshold.group);
    if (!group) groups.push((group = { id: threshold.group, title: GROUP_TITLES[threshold.group], fields: [] }));
    group.fields.push({
      name: threshold.name,
      label: threshold.label,
      unit: threshold.unit,
      min: threshold.min,
      max: threshold.max,
      whole: threshold.whole ?? false,
      value: shownValue(threshold, settings),
      standard: shownValue(threshold, DEFAULT_REVIEW_SETTINGS),
    });
  }

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={base} className="text-brand-700 underline-offset-2 hover:underline">
          ← Review queue
        </Link>
      </p>
      <div>
        <h2 className="text-xl font-semibold">Rule thresholds</h2>
        <p className="text-sm text-slate-600">
          What each rule counts as worth a look, for this campaign only. Changing a threshold computes the queue again; shifts already resolved keep their
          decision. Rule set {ruleSetVersionOf(settings)}.
        </p>
      </div>
      <ThresholdForm campaignId={campaignId} groups={groups} />
    </div>
  );
}

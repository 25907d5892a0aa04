import Link from 'next/link';
import type { Campaign } from '@/lib/polis/schemas';

export type CampaignSummary = { campaign: Campaign; interactions: number; successful: number; unavailable: number };

const STATUS = { pending: 'Pending', started: 'In the field', complete: 'Complete' } as const;
const number = new Intl.NumberFormat('en-US');

export function CampaignList({ summaries }: { summaries: CampaignSummary[] }) {
  if (summaries.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-300 bg-white p-6 text-slate-600">
        Your organization has no campaigns yet. Campaigns created in Polis appear here.
      </p>
    );
  }
  return (
    <ul className="grid gap-4 md:grid-cols-2" aria-label="Campaigns">
      {summaries.map(({ campaign, interactions, successful, unavailable }) => (
        <li key={campaign.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <div className="flex items-start justify-between gap-3">
            <h2 className="text-lg font-semibold">
              <Link href={`/campaigns/${campaign.id}`} className="text-brand-700 hover:underline">
                {campaign.data.name}
              </Link>
            </h2>
            <span className="rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium text-brand-700">{STATUS[campaign.data.status]}</span>
          </div>
          {campaign.data.description && <p className="mt-1 text-sm text-slate-600">{campaign.data.description}</p>}
          <dl className="mt-4 grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-slate-500">Interactions</dt>
              <dd className="text-xl font-semibold tabular-nums" data-testid="interaction-count">
                {number.format(interactions)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Successful</dt>
              <dd className="text-xl font-semibold tabular-nums">{number.format(successful)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Not home</dt>
              <dd className="text-xl font-semibold tabular-nums">{number.format(unavailable)}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

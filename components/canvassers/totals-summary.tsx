import type { Figures } from '@/lib/canvassers/figures';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

/** The campaign's totals as a list of figures: what a viewer sees in place of the per-person table. */
export function TotalsSummary({ totals, lastSeen }: { totals: Figures; lastSeen: string }) {
  const items: [string, string][] = [
    ['Attempts', String(totals.attempts)],
    ['Doors', String(totals.doors)],
    ['Contacts', String(totals.contacts)],
    ['Contact rate', percent(totals.contactRate)],
    ['Doors per hour', totals.doorsPerHour === null ? '—' : totals.doorsPerHour.toFixed(1)],
    ['Survey completion', percent(totals.surveyCompletion)],
    ['Shifts', String(totals.shifts)],
    ['Last visit', lastSeen],
  ];
  return (
    <section aria-labelledby="totals-title" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="totals-title" className="text-base font-semibold">
        Campaign totals
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-4 sm:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import Link from 'next/link';

export type ProgressBar = { key: string; name: string; attempted: number; contacted: number; households: number | null; mapHref: string; tableHref: string };

/** Households attempted and contacted out of each list's households, as bars with their numbers; each opens the map or the table filtered to it. */
export function ProgressBars({ bars, label }: { bars: ProgressBar[]; label: string }) {
  if (bars.length === 0) return <p className="text-sm text-slate-600">No visits recorded yet.</p>;
  const percent = (part: number, whole: number | null) => (whole ? `${Math.round((part / whole) * 100)}%` : '');
  return (
    <ul aria-label={label} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      {bars.map((bar) => {
        const whole = bar.households ?? Math.max(bar.attempted, 1);
        return (
          <li key={bar.key} className="text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium">{bar.name}</span>
              <span className="tabular-nums text-slate-700">
                {bar.attempted} attempted{bar.households !== null && ` of ${bar.households} (${percent(bar.attempted, bar.households)})`}, {bar.contacted}{' '}
                contacted
                {bar.households !== null && ` (${percent(bar.contacted, bar.households)})`}
                {' · '}
                <Link href={bar.mapHref} className="text-brand-700 underline">
                  map
                </Link>{' '}
                <Link href={bar.tableHref} className="text-brand-700 underline">
                  table
                </Link>
              </span>
            </div>
            <div className="mt-1 h-3 w-full rounded bg-slate-100" aria-hidden>
              <div className="relative h-3 rounded bg-slate-400" style={{ width: `${Math.min(100, (bar.attempted / whole) * 100)}%` }}>
                <div
                  className="absolute inset-y-0 left-0 rounded bg-brand-600"
                  style={{ width: `${bar.attempted ? (bar.contacted / bar.attempted) * 100 : 0}%` }}
                />
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

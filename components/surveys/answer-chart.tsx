import Link from 'next/link';

export type Bar = { label: string; count: number; href: string; active: boolean };

const number = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/**
 * One question's answers as horizontal bars with the numbers written on
 * them, readable without colour; each bar is a link that filters by it.
 */
export function AnswerChart({ title, answered, total, bars }: { title: string; answered: number; total: number; bars: Bar[] }) {
  const max = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-5">
      <figcaption className="mb-3">
        <p className="font-medium">{title}</p>
        <p className="text-xs text-slate-500">
          {number.format(answered)} of {number.format(total)} answered ({percent.format(total ? answered / total : 0)})
        </p>
      </figcaption>
      {bars.length > 0 && (
        <ul className="space-y-1.5" aria-label={`Answers to: ${title}`}>
          {bars.map((bar) => (
            <li key={bar.label}>
              {/* Named by its visible text ("Strongly support 340 · 100%"), as a person reading the screen would say it (WCAG 2.5.3). */}
              <Link href={bar.href} aria-current={bar.active ? 'true' : undefined} title="Filter by this answer" className="group block space-y-0.5 text-sm">
                {/* The whole label, on its own line above its bar: long option texts wrap, never cut. */}
                <span className={`block break-words ${bar.active ? 'font-semibold' : ''}`}>{bar.label}</span>
                <span className="relative block h-6 rounded bg-slate-100">
                  <span
                    className={`absolute inset-y-0 left-0 rounded ${bar.active ? 'bg-brand-700' : 'bg-brand-600/70 group-hover:bg-brand-600'}`}
                    style={{ width: `${(bar.count / max) * 100}%` }}
                  />
                  <span className="absolute inset-y-0 left-2 flex items-center text-xs font-semibold text-slate-900 tabular-nums">
                    {number.format(bar.count)} · {percent.format(answered ? bar.count / answered : 0)}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

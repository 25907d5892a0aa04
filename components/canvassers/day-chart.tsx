import type { DayFigures } from '@/lib/canvassers/figures';

/** Attempts and contacts per day as paired bars, each with its number (a table a screen reader reads as one). */
export function DayChart({ days, label }: { days: DayFigures[]; label: string }) {
  const max = Math.max(1, ...days.map((d) => d.attempts));
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <table className="min-w-full text-sm" aria-label={label}>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Day
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Attempts
            </th>
            <th scope="col" className="py-1 pr-3 text-right">
              Contacts
            </th>
            <th scope="col" className="w-1/2 py-1">
              <span className="inline-block h-2 w-3 bg-slate-400" aria-hidden /> attempts{' '}
              <span className="ml-2 inline-block h-2 w-3 bg-brand-600" aria-hidden /> contacts
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row" className="whitespace-nowrap py-0.5 pr-3 text-left font-normal">
                {day.day}
              </th>
              <td className="py-0.5 pr-3 text-right tabular-nums">{day.attempts}</td>
              <td className="py-0.5 pr-3 text-right tabular-nums">{day.contacts}</td>
              <td className="py-0.5" aria-hidden>
                <div className="h-2 bg-slate-400" style={{ width: `${(day.attempts / max) * 100}%` }} />
                <div className="mt-0.5 h-2 bg-brand-600" style={{ width: `${(day.contacts / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { WEEKDAYS, type HourCell } from '@/lib/canvassers/figures';

/** Contact rate by weekday × hour of the campaign's clock, shaded by rate, each cell with its percentage (and attempts in its title). */
export function HourHeatMap({ grid, label }: { grid: HourCell[][]; label: string }) {
  const hours = Array.from({ length: 24 }, (_, h) => h).filter((h) => grid.some((row) => row[h]!.attempts > 0));
  if (hours.length === 0) return <p className="text-sm text-slate-600">No visits to show.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4">
      <table className="text-xs" aria-label={label}>
        <thead>
          <tr>
            <th scope="col" className="px-1 text-left text-slate-500">
              Day
            </th>
            {hours.map((h) => (
              <th key={h} scope="col" className="px-1 text-center font-normal text-slate-500">{`${String(h).padStart(2, '0')}h`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.map((row, weekday) => (
            <tr key={WEEKDAYS[weekday]}>
              <th scope="row" className="px-1 text-left font-medium">
                {WEEKDAYS[weekday]}
              </th>
              {hours.map((h) => {
                const cell = row[h]!;
                const rate = cell.contactRate;
                return (
                  <td
                    key={h}
                    title={`${cell.contacts} contacts of ${cell.attempts} attempts`}
                    className={`min-w-10 px-1 py-1 text-center tabular-nums ${rate !== null && rate >= 0.5 ? 'text-white' : 'text-slate-900'}`}
                    style={{ backgroundColor: rate === null ? '#f8fafc' : `rgba(37, 99, 235, ${0.1 + rate * 0.9})` }}
                  >
                    {rate === null ? '' : `${Math.round(rate * 100)}%`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

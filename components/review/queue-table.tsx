import Link from 'next/link';
import type { Reason } from '@/lib/review/score';
import { STATUS_LABELS } from '@/lib/review/queue-filters';
import type { ShiftStatus } from '@/lib/review/campaign-queue';

export type QueueRow = {
  href: string;
  canvasser: string;
  day: string;
  hours: string;
  interactions: number;
  contacts: number;
  score: number;
  reasons: Reason[];
  status: ShiftStatus;
};

/** The flagged shifts, highest score first, each with its reasons in words. */
export function QueueTable({ rows, zoneName }: { rows: QueueRow[]; zoneName: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label="Shifts to review">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              Canvasser
            </th>
            <th scope="col" className="px-3 py-2">
              Date
            </th>
            <th scope="col" className="px-3 py-2">
              Start–end ({zoneName})
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Doors
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Contacts
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Score
            </th>
            <th scope="col" className="px-3 py-2">
              Reasons
            </th>
            <th scope="col" className="px-3 py-2">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.href} className="align-top">
              <td className="px-3 py-2 font-medium">
                <Link href={row.href} className="text-brand-700 underline-offset-2 hover:underline">
                  {row.canvasser}
                </Link>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{row.day}</td>
              <td className="whitespace-nowrap px-3 py-2">{row.hours}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.interactions}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.contacts}</td>
              <td className="px-3 py-2 text-right font-semibold tabular-nums">{row.score}</td>
              <td className="px-3 py-2">
                <ul className="space-y-0.5">
                  {row.reasons.map((reason, i) => (
                    <li key={i}>
                      <span className="font-mono text-xs text-slate-500">{reason.rule}</span> {reason.sentence}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="whitespace-nowrap px-3 py-2">{STATUS_LABELS[row.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import './walk-sheet.css';
import type { Question } from '@/lib/polis/schemas';
import { sheetLegend } from '@/lib/paper/codes';
import type { SheetHousehold } from '@/lib/paper/sheet-household';

type Props = { campaignName: string; canvasser: string; date: string; surveyName: string; questions: Question[]; households: SheetHousehold[] };

/** The printable walk sheet: header, legend of codes, then one row per door in walking order. */
export function WalkSheet({ campaignName, canvasser, date, surveyName, questions, households }: Props) {
  const legend = sheetLegend(questions);
  return (
    <article className="walk-sheet space-y-3" aria-label="Walk sheet">
      <header className="flex flex-wrap items-baseline justify-between gap-4 border-b border-black pb-1">
        <h3 className="text-lg font-semibold">
          {campaignName} · {surveyName}
        </h3>
        <p>
          Canvasser: <span className="inline-block min-w-48 border-b border-black">{canvasser}</span>
        </p>
        <p>
          Date: <span className="inline-block min-w-28 border-b border-black">{date}</span>
        </p>
      </header>
      <section aria-label="Legend" className="grid grid-cols-2 gap-x-6 text-xs md:grid-cols-3">
        <p>
          <strong>Outcome</strong>: {legend.outcomes.map((o) => `${o.code} ${o.text}`).join(' · ')}
        </p>
        <p>
          <strong>Not available</strong>: {legend.reasons.map((r) => `${r.code} ${r.text}`).join(' · ')}
        </p>
        {legend.questions.map((q) => (
          <p key={q.questionId}>
            <strong>
              Q{q.number}
              {q.required ? '*' : ''}
            </strong>{' '}
            {q.text}
            {q.codes.length ? ': ' : ' (write the answer)'}
            {q.codes.map((c) => `${c.code} ${c.text}`).join(' · ')}
          </p>
        ))}
      </section>
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-black text-left">
            <th scope="col" className="w-6">
              #
            </th>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reason</th>
            {legend.questions.map((q) => (
              <th key={q.questionId} scope="col" title={q.text}>
                Q{q.number}
              </th>
            ))}
            <th scope="col" className="w-1/5">
              Notes
            </th>
          </tr>
        </thead>
        <tbody>
          {households.map((h, i) => (
            <tr key={h.contactId} className="border-b border-slate-400">
              <td>{i + 1}</td>
              <td>{h.name}</td>
              <td>{h.address}</td>
              <td aria-label="Outcome boxes">
                {legend.outcomes.map((o) => (
                  <span key={o.code} className="mr-1 whitespace-nowrap">
                    <span className="box" />
                    {o.code}
                  </span>
                ))}
              </td>
              <td />
              {legend.questions.map((q) => (
                <td key={q.questionId} className="border-l border-slate-300" />
              ))}
              <td className="border-l border-slate-300" />
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

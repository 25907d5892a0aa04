import type { Correction } from '@/lib/store/corrections';
import type { ChangeLine } from '@/lib/store/tables';
import type { Question } from '@/lib/polis/schemas';
import { formatLocal } from '@/lib/time/format';
import { formatMetres, type UnitSystem } from '@/lib/units/units';

const ACTIONS = { correct: 'Corrected', delete: 'Deleted', create: 'Entered by hand' } as const;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** For entries logged before the change was kept in words: which fields, named as people name them. */
function fieldsTouched(patch: Correction['patch'], questions: Question[]): string {
  const names: Record<string, string> = {
    successful: 'Outcome',
    unavailable: 'Outcome',
    unavailableReason: 'Unavailable reason',
    timestamp: 'Time of the visit',
    walklistId: 'Walklist',
    location: 'Location',
    distance: 'Distance',
  };
  const byId = new Map(questions.map((q) => [q.questionId, capitalized(q.tag)]));
  const fields = patch.map((op) => {
    const [, top, , responses, questionId] = op.path.split('/');
    if (top === 'survey' && responses === 'responses' && questionId) return byId.get(questionId) ?? 'A survey answer';
    return names[top ?? ''] ?? 'Other data';
  });
  return [...new Set(fields)].join(', ');
}

/** One change as a person says it; a time on the campaign's clock, a move in the organization's units. */
function changeInWords(change: ChangeLine, units: UnitSystem, timeZone: string): string {
  if ('movedMetres' in change) return `Location moved ${formatMetres(change.movedMetres, units)}`;
  if ('beforeAt' in change) {
    const at = (instant: string | null) => (instant ? formatLocal(instant, timeZone, 'long') : 'None');
    return `${change.label}: ${at(change.beforeAt)} → ${at(change.afterAt)}`;
  }
  return `${change.label}: ${change.before} → ${change.after}`;
}

/** An interaction's corrections, newest first, each change said in words; times on the campaign's clock. */
export function CorrectionHistory({
  corrections,
  questions = [],
  units,
  timeZone,
}: {
  corrections: Correction[];
  questions?: Question[];
  units: UnitSystem;
  timeZone: string;
}) {
  if (corrections.length === 0) return <p className="text-sm text-slate-600">No corrections were made through the dashboard.</p>;
  return (
    <ol className="space-y-3" aria-label="Correction history">
      {corrections.map((c) => (
        <li key={c.id} id={`correction-${c.id}`} className="border-l-2 border-brand-600 pl-3 text-sm">
          <p>
            <span className="font-medium">{ACTIONS[c.action]}</span> by {c.userName}, {formatLocal(c.created, timeZone, 'long')}
          </p>
          <p className="text-slate-700">“{c.reason}”</p>
          {c.action === 'correct' &&
            (c.changes ? (
              <ul className="mt-1 list-inside list-disc text-slate-700" aria-label="Changes">
                {c.changes.map((change, i) => (
                  <li key={i}>{changeInWords(change, units, timeZone)}</li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600">Changed: {fieldsTouched(c.patch, questions)}</p>
            ))}
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer">Patch and etags (for support)</summary>
            <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2">
              {JSON.stringify({ patch: c.patch, etagBefore: c.etagBefore, etagAfter: c.etagAfter }, null, 2)}
            </pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

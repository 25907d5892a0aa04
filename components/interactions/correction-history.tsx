import type { Correction } from '@/lib/store/corrections';
import type { Question } from '@/lib/polis/schemas';
import { formatMetres, type UnitSystem } from '@/lib/units/units';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const ACTIONS = { correct: 'Corrected', delete: 'Deleted', create: 'Entered by hand' } as const;

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** For entries logged before the change was kept in words: which fields, named as people name them. */
function fieldsTouched(patch: Correction['patch'], questions: Question[]): string {
  const names: Record<string, string> = { successful: 'Outcome', unavailable: 'Outcome', unavailableReason: 'Unavailable reason', timestamp: 'Time of the visit', walklistId: 'Walklist', location: 'Location', distance: 'Distance' };
  const byId = new Map(questions.map((q) => [q.questionId, capitalized(q.tag)]));
  const fields = patch.map((op) => {
    const [, top, , responses, questionId] = op.path.split('/');
    if (top === 'survey' && responses === 'responses' && questionId) return byId.get(questionId) ?? 'A survey answer';
    return names[top ?? ''] ?? 'Other data';
  });
  return [...new Set(fields)].join(', ');
}

/** An interaction's corrections, newest first, each change said in words. */
export function CorrectionHistory({ corrections, questions = [], units }: { corrections: Correction[]; questions?: Question[]; units: UnitSystem }) {
  if (corrections.length === 0) return <p className="text-sm text-slate-600">No corrections were made through the dashboard.</p>;
  return (
    <ol className="space-y-3" aria-label="Correction history">
      {corrections.map((c) => (
        <li key={c.id} id={`correction-${c.id}`} className="border-l-2 border-brand-600 pl-3 text-sm">
          <p>
            <span className="font-medium">{ACTIONS[c.action]}</span> by {c.userName}, {when.format(new Date(c.created))} UTC
          </p>
          <p className="text-slate-700">“{c.reason}”</p>
          {c.action === 'correct' &&
            (c.changes ? (
              <ul className="mt-1 list-inside list-disc text-slate-700" aria-label="Changes">
                {c.changes.map((change, i) => (
                  <li key={i}>{'movedMetres' in change ? `Location moved ${formatMetres(change.movedMetres, units)}` : `${change.label}: ${change.before} → ${change.after}`}</li>
                ))}
              </ul>
            ) : (
              <p className="text-slate-600">Changed: {fieldsTouched(c.patch, questions)}</p>
            ))}
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer">Patch and etags (for support)</summary>
            <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2">{JSON.stringify({ patch: c.patch, etagBefore: c.etagBefore, etagAfter: c.etagAfter }, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

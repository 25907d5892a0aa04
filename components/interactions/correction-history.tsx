import type { Correction } from '@/lib/store/corrections';
import { formatLocal } from '@/lib/time/format';

const ACTIONS = { correct: 'Corrected', delete: 'Deleted', create: 'Entered by hand' } as const;

function describe(patch: Correction['patch']): string {
  const fields = [...new Set(patch.map((op) => op.path.split('/')[1] ?? 'data').filter(Boolean))];
  return fields.length ? `changed ${fields.join(', ')}` : '';
}

export function CorrectionHistory({ corrections, timeZone }: { corrections: Correction[]; timeZone: string }) {
  if (corrections.length === 0) return <p className="text-sm text-slate-600">No corrections were made through the dashboard.</p>;
  return (
    <ol className="space-y-3" aria-label="Correction history">
      {corrections.map((c) => (
        <li key={c.id} className="border-l-2 border-brand-600 pl-3 text-sm">
          <p>
            <span className="font-medium">{ACTIONS[c.action]}</span> by {c.userName}, {formatLocal(c.created, timeZone, 'long')}
            {c.action === 'correct' && <span className="text-slate-600"> · {describe(c.patch)}</span>}
          </p>
          <p className="text-slate-700">“{c.reason}”</p>
          <details className="text-xs text-slate-500">
            <summary className="cursor-pointer">Patch and etags</summary>
            <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2">{JSON.stringify({ patch: c.patch, etagBefore: c.etagBefore, etagAfter: c.etagAfter }, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}

import type { FieldChange } from '@/lib/interactions/correction';
import { Button } from '@/components/ui/button';

/** Field by field: what someone else changed, and what this user wants. */
export function ConflictView({ changes, onReapply }: { changes: FieldChange[]; onReapply: () => void }) {
  return (
    <section aria-labelledby="conflict-title" className="rounded-lg border border-amber-300 bg-amber-50 p-5">
      <h2 id="conflict-title" className="text-base font-semibold text-amber-900">
        Someone else changed this interaction first
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        Nothing of yours was saved or lost. Compare, then re-apply your edits on top of their version and save again.
      </p>
      <table className="mt-3 w-full text-left text-sm" aria-label="Changes">
        <thead className="text-xs uppercase text-amber-900">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Field
            </th>
            <th scope="col" className="py-1 pr-3">
              When you opened it
            </th>
            <th scope="col" className="py-1 pr-3">
              Their change
            </th>
            <th scope="col" className="py-1">
              Your edit
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field} className="border-t border-amber-200 align-top">
              <th scope="row" className="py-1 pr-3 font-medium">
                {change.label}
              </th>
              <td className="py-1 pr-3">{change.original}</td>
              <td className={`py-1 pr-3 ${change.theirs !== change.original ? 'font-semibold' : ''}`}>{change.theirs}</td>
              <td className={`py-1 ${change.yours !== change.original ? 'font-semibold' : ''}`}>{change.yours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button type="button" className="mt-4" onClick={onReapply}>
        Re-apply my edits on their version
      </Button>
    </section>
  );
}

import { buttonClass } from '@/components/ui/button';
import { walklistName, type WalklistOption } from '@/lib/interactions/walklists';
import type { Sheet } from '@/lib/paper/sheet';

/** Which doors the sheet lists; a plain GET form, so the choice lives in the URL and survives a reload. */
export function SheetControls({
  sheet,
  action,
  canvasser,
  canvassers,
  walklists,
  date,
}: {
  sheet: Sheet;
  action: string;
  canvasser: string;
  canvassers: { id: string; name: string }[];
  walklists: WalklistOption[];
  date: string;
}) {
  const field = 'mt-1 block rounded border border-slate-300 px-2 py-1 text-sm';
  const chosen = sheet.query.walklistId;
  return (
    <form action={action} method="get" className="sheet-controls flex flex-wrap items-end gap-3 rounded border border-slate-200 p-3">
      <label className="text-sm">
        List
        <select name="listId" defaultValue={sheet.query.listId} className={field}>
          {sheet.lists.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Walklist
        <select name="walklistId" defaultValue={chosen ?? ''} className={field}>
          <option value="">Any walklist</option>
          {walklists.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
          {/* A walklist in the URL stays chosen even when the index does not name it. */}
          {chosen && !walklists.some((w) => w.id === chosen) && <option value={chosen}>{walklistName(walklists, chosen)}</option>}
        </select>
      </label>
      <label className="text-sm">
        Street contains
        <input name="street" defaultValue={sheet.query.street ?? ''} className={field} />
      </label>
      <label className="text-sm">
        Survey
        <select name="surveyId" defaultValue={sheet.query.surveyId} className={field}>
          {sheet.surveys.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Canvasser
        <select name="canvasser" defaultValue={canvasser} className={field}>
          <option value="">Blank: written by hand</option>
          {canvassers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Date
        <input name="date" type="date" defaultValue={date} className={field} />
      </label>
      <button type="submit" className={buttonClass('secondary')}>
        Show sheet
      </button>
    </form>
  );
}

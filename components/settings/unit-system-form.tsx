'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { saveUnitSystem } from '@/lib/units/actions';
import { UNIT_SYSTEM_LABELS, UNIT_SYSTEMS, type UnitSystem } from '@/lib/units/units';

/** The organization's unit system: one choice, used on every page. */
export function UnitSystemForm({ chosen, canChoose }: { chosen: UnitSystem | null; canChoose: boolean }) {
  const [state, action, pending] = useActionState(saveUnitSystem, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" aria-label="Units">
      <label className="block">
        <span className="block text-xs font-medium text-slate-600">Distances and GPS accuracy in</span>
        <select name="unitSystem" defaultValue={chosen ?? ''} disabled={!canChoose} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5">
          {!chosen && <option value="">As each campaign&apos;s country measures</option>}
          {UNIT_SYSTEMS.map((system) => (
            <option key={system} value={system}>
              {UNIT_SYSTEM_LABELS[system]}
            </option>
          ))}
        </select>
      </label>
      {canChoose && (
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      )}
      {state && (
        <p role="status" className={state.ok ? 'text-green-800' : 'text-red-700'}>
          {state.fieldErrors?.unitSystem ?? state.message}
        </p>
      )}
    </form>
  );
}

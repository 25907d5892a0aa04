'use client';

import { useState, useTransition } from 'react';
import { inputClass } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/auth/action';
import { restoreReviewThresholds, saveReviewThresholds } from '@/lib/review/actions';

export type ThresholdField = { name: string; label: string; unit: string; min: number; max: number; whole: boolean; value: number; standard: number };
export type ThresholdGroup = { id: string; title: string; fields: ThresholdField[] };

/**
 * The campaign's rule thresholds, one fieldset per rule, each number with its
 * unit and its default; what was typed stays on every failure, each error
 * beside its field.
 */
export function ThresholdForm({ campaignId, groups }: { campaignId: string; groups: ThresholdGroup[] }) {
  const initial = () => Object.fromEntries(groups.flatMap((group) => group.fields.map((field) => [field.name, String(field.value)])));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [state, setState] = useState<ActionState | null>(null);
  const [pending, startTransition] = useTransition();
  const error = (name: string) => state?.fieldErrors?.[`thresholds.${name}`];

  const save = () => startTransition(async () => setState(await saveReviewThresholds({ campaignId, thresholds: values })));
  const restore = () =>
    startTransition(async () => {
      const result = await restoreReviewThresholds({ campaignId });
      setState(result);
      if (result.ok) setValues(Object.fromEntries(groups.flatMap((group) => group.fields.map((field) => [field.name, String(field.standard)]))));
    });

  return (
    <form
      aria-label="Rule thresholds"
      // The server names the field at fault in words; the browser's own bubbles would stop the form first.
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <div className="grid gap-4 lg:grid-cols-2">
        {groups.map((group) => (
          <fieldset key={group.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 text-sm font-semibold">{group.title}</legend>
            {group.fields.map((field) => {
              const id = `threshold-${field.name}`;
              const problem = error(field.name);
              return (
                <div key={field.name}>
                  <label htmlFor={id} className="block text-sm text-slate-800">
                    {field.label}
                  </label>
                  <div className="flex items-center gap-2">
                    <input
                      id={id}
                      name={field.name}
                      type="number"
                      inputMode="decimal"
                      step={field.whole ? 1 : 'any'}
                      min={field.min}
                      max={field.max}
                      value={values[field.name] ?? ''}
                      onChange={(event) => setValues((current) => ({ ...current, [field.name]: event.target.value }))}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}
                      className={`${inputClass} max-w-40`}
                    />
                    <span className="mt-1 text-sm text-slate-600">{field.unit}</span>
                  </div>
                  <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
                    Default {field.standard}
                    {field.unit && ` ${field.unit}`}
                  </p>
                  {problem && (
                    <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
                      {problem}
                    </p>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
      </div>
      {state && (
        <Alert tone={state.ok ? 'success' : 'error'}>
          <p>{state.message}</p>
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save thresholds'}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={restore}>
          Restore the defaults
        </Button>
      </div>
    </form>
  );
}

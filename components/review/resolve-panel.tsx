'use client';

import { useState, useTransition } from 'react';
import { Field, inputClass } from '@/components/forms/field';
import { Alert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { resolveShift, type ResolveState } from '@/lib/review/actions';

type Removable = { id: string; etag: string; label: string };
type Props = { campaignId: string; interactionId: string; shownIds: string[]; removable: Removable[]; successful: number };

const DECISIONS = [
  { value: 'looks-fine', label: 'Looks fine', hint: 'The shift leaves the open queue; it comes back if new interactions join it and it flags again.' },
  { value: 'confirmed', label: 'Confirmed', hint: 'The ticked interactions are deleted through Polis and each is logged with your reason.' },
  { value: 'recontact', label: 'Recontact', hint: 'A random sample of the successful contacts goes on a call list to download.' },
] as const;
type Decision = (typeof DECISIONS)[number]['value'];

/** Resolve a shift: a decision, a required reason, and for *Confirmed* the interactions to remove. */
export function ResolvePanel({ campaignId, interactionId, shownIds, removable, successful }: Props) {
  const [decision, setDecision] = useState<Decision>('looks-fine');
  const [reason, setReason] = useState('');
  const [remove, setRemove] = useState(() => new Set(removable.map((item) => item.id)));
  const [share, setShare] = useState(10);
  const [state, setState] = useState<ResolveState | null>(null);
  const [pending, startTransition] = useTransition();
  const sampleSize = Math.min(successful, Math.max(3, Math.ceil((successful * share) / 100)));

  const submit = () =>
    startTransition(async () => {
      const common = { campaignId, interactionId, shownIds, reason };
      const input =
        decision === 'confirmed'
          ? { ...common, status: decision, remove: removable.filter((item) => remove.has(item.id)).map(({ id, etag }) => ({ id, etag })) }
          : decision === 'recontact'
            ? { ...common, status: decision, sharePercent: share }
            : { ...common, status: decision };
      setState(await resolveShift(input));
    });

  return (
    <section aria-labelledby="resolve-title" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="resolve-title" className="text-lg font-semibold">
        Resolve
      </h2>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Decision</legend>
        <div className="mt-2 space-y-2">
          {DECISIONS.map((option) => (
            <label key={option.value} className="flex gap-2 text-sm">
              <input type="radio" name="decision" value={option.value} checked={decision === option.value} onChange={() => setDecision(option.value)} />
              <span>
                <span className="font-medium">{option.label}</span> <span className="text-slate-600">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {decision === 'confirmed' && (
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">
            Interactions to remove ({remove.size} of {removable.length})
          </legend>
          <ul className="mt-2 max-h-60 space-y-1 overflow-y-auto text-sm">
            {removable.map((item) => (
              <li key={item.id}>
                <label className="flex gap-2">
                  <input
                    type="checkbox"
                    checked={remove.has(item.id)}
                    onChange={(event) => {
                      const next = new Set(remove);
                      if (event.target.checked) next.add(item.id);
                      else next.delete(item.id);
                      setRemove(next);
                    }}
                  />
                  {item.label}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {decision === 'recontact' && (
        <Field
          id="recontact-share"
          label="Share of successful contacts to call (%)"
          hint={`${sampleSize} of ${successful} successful contacts (at least 3).`}
          error={state?.fieldErrors?.sharePercent}
        >
          <input
            id="recontact-share"
            type="number"
            min={1}
            max={100}
            className={inputClass}
            value={share}
            onChange={(event) => setShare(Number(event.target.value))}
          />
        </Field>
      )}
      <Field id="resolve-reason" label="Reason" error={state?.fieldErrors?.reason}>
        <textarea
          id="resolve-reason"
          className={inputClass}
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          aria-invalid={state?.fieldErrors?.reason ? true : undefined}
        />
      </Field>
      {state && (
        <Alert tone={state.ok ? 'success' : 'error'}>
          <p>{state.fieldErrors?.remove ?? state.message}</p>
          {state.ok && decision === 'recontact' && state.resolutionId && (
            <a className={`${buttonClass('secondary')} mt-2`} href={`/campaigns/${campaignId}/review/calls/${state.resolutionId}`} download>
              Download the call list
            </a>
          )}
        </Alert>
      )}
      <Button type="button" onClick={submit} disabled={pending} variant={decision === 'confirmed' ? 'danger' : 'primary'}>
        {pending ? 'Saving…' : `Resolve as ${DECISIONS.find((option) => option.value === decision)!.label.toLowerCase()}`}
      </Button>
    </section>
  );
}

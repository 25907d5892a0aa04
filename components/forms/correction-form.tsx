'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { correctInteraction, type CorrectionState } from '@/lib/interactions/actions';
import { correctionSchema, describeConflict, reapplyEdits, type CorrectionValues, type InteractionFields as Values } from '@/lib/interactions/correction';
import { walklistName, type WalklistOption } from '@/lib/interactions/walklists';
import type { Question } from '@/lib/polis/schemas';
import { ActionFailure } from './action-failure';
import { CharacterCount } from './character-count';
import { ConflictView } from './conflict-view';
import { Field, inputClass } from './field';
import { InteractionFields } from './interaction-fields';
import { useSignInKeepingValues } from './use-kept-values';
import { useUnsavedWarning } from './use-unsaved-warning';

const CONNECTION_LOST: CorrectionState = { ok: false, retry: true, message: 'The connection to the dashboard failed. Your entries are still here: try again.' };

type Props = {
  interactionId: string;
  etag: string;
  initial: Values;
  questions: Question[];
  household: { lat: number; lng: number } | null;
  walklists: WalklistOption[];
  detailHref: string;
  tileUrl: string;
  tileAttribution: string;
  /** The campaign's zone: the time is shown and typed on its clock. */
  timeZone: string;
};

/** Correct an interaction: validated as the server will, sent with the etag it was loaded with, never cleared on failure. */
export function CorrectionForm({
  interactionId,
  etag: loadedEtag,
  initial,
  questions,
  household,
  walklists,
  detailHref,
  tileUrl,
  tileAttribution,
  timeZone,
}: Props) {
  const router = useRouter();
  const schema = useMemo(() => correctionSchema(questions, timeZone), [questions, timeZone]);
  const form = useForm<CorrectionValues>({ resolver: zodResolver(schema), defaultValues: { ...initial, reason: '' }, mode: 'onTouched' });
  const signInAgain = useSignInKeepingValues(`polis.correction.${interactionId}`, form);
  const [base, setBase] = useState({ values: initial, etag: loadedEtag });
  const [state, setState] = useState<CorrectionState | null>(null);
  const [pending, startTransition] = useTransition();
  const [savedReason, setSavedReason] = useState('');
  const outcome = useRef<HTMLDivElement>(null);
  useUnsavedWarning(form.formState.isDirty && !pending);
  // The outcome is shown at the top of the form, far from the Save button: focus (and so scroll) goes to it.
  useEffect(() => {
    if (state) outcome.current?.focus();
  }, [state]);

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      const result = await correctInteraction({ interactionId, etag: base.etag, values }).catch(() => CONNECTION_LOST);
      setState(result);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as Path<CorrectionValues>, { message });
      if (result.ok && result.saved && result.etag) {
        setSavedReason(values.reason);
        setBase({ values: result.saved, etag: result.etag });
        form.reset({ ...result.saved, reason: '' });
        router.refresh();
      }
    }),
  );

  const conflict = state?.conflict;
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="space-y-6" aria-label="Correct the interaction">
        <div ref={outcome} tabIndex={-1} role="region" className="space-y-4 outline-none" aria-label="Outcome of saving">
          {state?.ok && (
            <Alert tone="success" title={state.message}>
              {savedReason && <p>Reason kept in the history: “{savedReason}”</p>}
              <Link href={detailHref} className="underline">
                Back to the interaction
              </Link>
            </Alert>
          )}
          {state && !state.ok && !conflict && <ActionFailure state={state} pending={pending} onSignInAgain={signInAgain} />}
          {conflict && (
            <ConflictView
              changes={describeConflict(base.values, conflict.theirs, form.getValues(), questions, timeZone, (id) => walklistName(walklists, id))}
              onReapply={() => {
                const { reason } = form.getValues();
                form.reset({ ...reapplyEdits(base.values, conflict.theirs, form.getValues()), reason });
                setBase({ values: conflict.theirs, etag: conflict.etag });
                setState(null);
              }}
            />
          )}
        </div>
        <InteractionFields
          questions={questions}
          household={household}
          walklists={walklists}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
          timeZone={timeZone}
        />
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <Field
            id="reason"
            label="Reason for the correction"
            hint="Kept in the interaction's correction history."
            error={form.formState.errors.reason?.message}
          >
            <textarea id="reason" rows={2} className={inputClass} {...form.register('reason')} aria-invalid={form.formState.errors.reason ? true : undefined} />
            <CharacterCount name="reason" max={500} />
          </Field>
          <div className="flex gap-3">
            <Button type="submit" disabled={pending || Boolean(conflict)}>
              {pending ? 'Saving…' : 'Save correction'}
            </Button>
            <Link href={detailHref} className="inline-flex items-center px-3 text-sm text-slate-700 hover:underline">
              Cancel
            </Link>
          </div>
        </section>
      </form>
    </FormProvider>
  );
}

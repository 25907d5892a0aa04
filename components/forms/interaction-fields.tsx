'use client';

import dynamic from 'next/dynamic';
import { useCallback } from 'react';
import { useFormContext, useWatch, type FieldErrors } from 'react-hook-form';
import { OUTCOME_LABELS, OUTCOMES } from '@/lib/filters/outcome';
import { wallTimeOf, type InteractionFields as Values } from '@/lib/interactions/correction';
import type { Question } from '@/lib/polis/schemas';
import { TEXT_ANSWER_DEFAULT_MAX } from '@/lib/polis/schemas';
import { walklistName, type WalklistOption } from '@/lib/interactions/walklists';
import { formatLocal, zoneLabel } from '@/lib/time/format';
import { CharacterCount } from './character-count';
import { Field, FieldSet, inputClass } from './field';

const LocationPicker = dynamic(() => import('./location-picker'), {
  ssr: false,
  loading: () => <div className="h-64 w-full animate-pulse rounded-md bg-slate-100" />,
});

const REASONS = ['Not home', 'Refused to open the door', 'Moved', 'Language barrier', 'Inaccessible building', 'Come back later', 'Deceased'];

function errorAt(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return (node as { message?: string } | undefined)?.message;
}

type Props = {
  questions: Question[];
  household: { lat: number; lng: number } | null;
  walklists: WalklistOption[];
  tileUrl: string;
  tileAttribution: string;
  timeZone: string;
};

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The fields an interaction shares between correction and manual entry, wired to the surrounding react-hook-form. */
export function InteractionFields({ questions, household, walklists, tileUrl, tileAttribution, timeZone }: Props) {
  const { register, setValue, control, formState } = useFormContext<Values>();
  const { errors } = formState;
  const [outcome, lat, lng, walklistId, timestamp] = useWatch({ control, name: ['outcome', 'lat', 'lng', 'walklistId', 'timestamp'] });
  // A wall time the daylight-saving change repeats: the form asks which of the two it was.
  const wall = timestamp && LOCAL_TIME.test(timestamp) ? wallTimeOf({ timestamp }, timeZone) : null;
  const repeated = wall?.kind === 'ambiguous' ? wall : null;
  const invalid = (path: string) => ({
    'aria-invalid': errorAt(errors, path) ? true : undefined,
    'aria-describedby': errorAt(errors, path) ? `${path}-error` : undefined,
  });
  const onMove = useCallback(
    (newLat: number, newLng: number) => {
      setValue('lat', newLat, { shouldDirty: true, shouldValidate: true });
      setValue('lng', newLng, { shouldDirty: true, shouldValidate: true });
    },
    [setValue],
  );

  return (
    <div className="space-y-6">
      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">Outcome</h2>
        <FieldSet legend="Outcome" id="outcome" error={errorAt(errors, 'outcome')}>
          {OUTCOMES.map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input type="radio" value={value} {...register('outcome')} />
              {OUTCOME_LABELS[value]}
            </label>
          ))}
        </FieldSet>
        {outcome === 'unavailable' && (
          <Field id="unavailableReason" label="Unavailable reason" error={errorAt(errors, 'unavailableReason')}>
            <input
              id="unavailableReason"
              list="unavailable-reasons"
              className={inputClass}
              {...register('unavailableReason')}
              {...invalid('unavailableReason')}
            />
            <datalist id="unavailable-reasons">
              {REASONS.map((reason) => (
                <option key={reason} value={reason} />
              ))}
            </datalist>
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-3">
            <Field id="timestamp" label="Time of the visit" hint={`On the campaign's clock: ${zoneLabel(timeZone)}.`} error={errorAt(errors, 'timestamp')}>
              <input id="timestamp" type="datetime-local" step="1" className={inputClass} {...register('timestamp')} {...invalid('timestamp')} />
            </Field>
            {repeated && (
              <FieldSet legend="This time happens twice on that day: which one?" id="timestampChoice" error={errorAt(errors, 'timestampChoice')}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" value="earlier" {...register('timestampChoice')} />
                  {formatLocal(repeated.earlier, timeZone, 'time')} (the first, before the clocks go back)
                </label>
                <label className="flex items-center gap-2 text-sm">
                  <input type="radio" value="later" {...register('timestampChoice')} />
                  {formatLocal(repeated.later, timeZone, 'time')} (the second, after the clocks go back)
                </label>
              </FieldSet>
            )}
          </div>
          <Field id="walklistId" label="Walklist" error={errorAt(errors, 'walklistId')}>
            <select id="walklistId" className={inputClass} {...register('walklistId')} {...invalid('walklistId')}>
              <option value="">Not on a walklist</option>
              {walklists.map((walklist) => (
                <option key={walklist.id} value={walklist.id}>
                  {walklist.name}
                </option>
              ))}
              {walklistId && !walklists.some((w) => w.id === walklistId) && <option value={walklistId}>{walklistName(walklists, walklistId)}</option>}
            </select>
          </Field>
        </div>
      </section>

      <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">Where the canvasser stood</h2>
        <LocationPicker lat={lat} lng={lng} household={household} onMove={onMove} tileUrl={tileUrl} tileAttribution={tileAttribution} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="lat" label="Latitude" error={errorAt(errors, 'lat')}>
            <input id="lat" type="number" step="any" className={inputClass} {...register('lat', { valueAsNumber: true })} {...invalid('lat')} />
          </Field>
          <Field id="lng" label="Longitude" error={errorAt(errors, 'lng')}>
            <input id="lng" type="number" step="any" className={inputClass} {...register('lng', { valueAsNumber: true })} {...invalid('lng')} />
          </Field>
        </div>
      </section>

      <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">Survey answers</h2>
        {questions.map((question) => {
          const name = `answers.${question.questionId}` as const;
          const error = errorAt(errors, name);
          const id = `answer-${question.questionId}`;
          if (question.type === 'multi-select') {
            return (
              <FieldSet key={question.questionId} legend={question.text} id={name} error={error}>
                {(question.choices ?? []).map((choice) => (
                  <label key={choice.tag} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" value={choice.tag} {...register(name)} />
                    {choice.text}
                  </label>
                ))}
              </FieldSet>
            );
          }
          if (question.type === 'text') {
            const max = question.max ?? TEXT_ANSWER_DEFAULT_MAX;
            const props = { id, placeholder: question.placeholder, className: inputClass, ...register(name), ...invalid(name) };
            return (
              <Field key={question.questionId} id={id} label={question.text} error={error}>
                {question.multiline ? (
                  <textarea rows={3} {...props} />
                ) : (
                  <input
                    type={question.keyboard === 'email' ? 'email' : 'text'}
                    inputMode={question.keyboard === 'number' ? 'decimal' : undefined}
                    {...props}
                  />
                )}
                <CharacterCount name={name} max={max} />
              </Field>
            );
          }
          return (
            <FieldSet key={question.questionId} legend={question.text} id={name} error={error}>
              {question.options.map((option) => (
                <label key={String(option.value)} className="flex items-center gap-2 text-sm">
                  <input type="radio" value={String(option.value)} {...register(name)} />
                  {question.type === 'scale' ? `${option.value} · ${option.text}` : option.text}
                </label>
              ))}
              <label className="flex items-center gap-2 text-sm text-slate-500">
                <input type="radio" value="" {...register(name)} />
                Not answered
              </label>
            </FieldSet>
          );
        })}
      </section>
    </div>
  );
}

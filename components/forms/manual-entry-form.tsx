'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useMemo, useState, useTransition } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { enterInteraction, searchContacts, type ContactMatch, type EntryState } from '@/lib/interactions/actions';
import { localFormTime, manualEntrySchema, type ManualEntryValues } from '@/lib/interactions/correction';
import type { WalklistOption } from '@/lib/interactions/walklists';
import type { Question } from '@/lib/polis/schemas';
import { ActionFailure } from './action-failure';
import { Field, inputClass } from './field';
import { InteractionFields } from './interaction-fields';
import { useSignInKeepingValues } from './use-kept-values';

type Survey = { id: string; name: string; questions: Question[] };
type Props = {
  campaignId: string;
  surveys: Survey[];
  walklists: WalklistOption[];
  canvassers: { id: string; name: string }[];
  tileUrl: string;
  tileAttribution: string;
  timeZone: string;
};

/** The form opens at "now" on the campaign's clock, whatever the browser's zone. */
function blank(survey: Survey, timeZone: string): ManualEntryValues {
  return {
    // Chosen once, when the form opens: a double click, a retry after a timeout or a resubmit creates one interaction.
    id: crypto.randomUUID(),
    surveyId: survey.id,
    contactId: '',
    canvasserId: '',
    // No outcome preselected: a sheet read too fast must not become a "contacted" by default.
    outcome: '' as ManualEntryValues['outcome'],
    unavailableReason: '',
    ...localFormTime(new Date(), timeZone),
    walklistId: '',
    lat: NaN,
    lng: NaN,
    answers: Object.fromEntries(survey.questions.map((q) => [q.questionId, q.type === 'multi-select' ? [] : ''])),
  };
}

/** Enter an interaction from a paper canvass sheet. */
export function ManualEntryForm({ campaignId, surveys, walklists, canvassers, tileUrl, tileAttribution, timeZone }: Props) {
  const [surveyId, setSurveyId] = useState(surveys[0]!.id);
  const survey = surveys.find((s) => s.id === surveyId)!;
  const schema = useMemo(() => manualEntrySchema(survey.questions, timeZone), [survey, timeZone]);
  const form = useForm<ManualEntryValues>({ resolver: zodResolver(schema), defaultValues: blank(survey, timeZone), mode: 'onTouched' });
  const signInAgain = useSignInKeepingValues(`polis.entry.${campaignId}`, form);
  const [contact, setContact] = useState<ContactMatch | null>(null);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<ContactMatch[] | null>(null);
  const [matchTotal, setMatchTotal] = useState(0);
  const [searchMessage, setSearchMessage] = useState<string | null>(null);
  const [state, setState] = useState<EntryState | null>(null);
  const [pending, startTransition] = useTransition();
  const [searching, startSearch] = useTransition();

  const chooseSurvey = (id: string) => {
    const next = surveys.find((s) => s.id === id)!;
    setSurveyId(id);
    form.reset({
      ...blank(next, timeZone),
      contactId: form.getValues('contactId'),
      canvasserId: form.getValues('canvasserId'),
      lat: form.getValues('lat'),
      lng: form.getValues('lng'),
    });
  };

  const search = () =>
    startSearch(async () => {
      const result = await searchContacts({ campaignId, query });
      setMatches(result.matches ?? []);
      setMatchTotal(result.total ?? 0);
      setSearchMessage(result.ok ? null : (result.message ?? 'The search failed.'));
    });

  const choose = (match: ContactMatch) => {
    setContact(match);
    setMatches(null);
    // The household's position is shown on the map for reference, never copied as where the canvasser stood.
    form.setValue('contactId', match.id, { shouldValidate: true });
  };

  const submit = form.handleSubmit((values) =>
    startTransition(async () => {
      // A lost answer is retried with the same id, so it cannot create a second interaction.
      const result = await enterInteraction({ campaignId, values }).catch((): EntryState => ({
        ok: false,
        retry: true,
        message: 'The connection to the dashboard failed. Your entries are still here: try again.',
      }));
      setState(result);
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) form.setError(field as Path<ManualEntryValues>, { message });
    }),
  );

  if (state?.ok && state.contact) {
    return (
      <section className="space-y-4 rounded-lg border border-green-300 bg-green-50 p-6" aria-labelledby="saved-title">
        <h2 id="saved-title" className="text-lg font-semibold text-green-900">
          Saved: the visit to {state.contact.name}
        </h2>
        <dl className="grid gap-2 text-sm sm:grid-cols-2" aria-label="This visit's answers">
          <div>
            <dt className="text-xs font-medium text-green-800">Outcome</dt>
            <dd>{state.outcome}</dd>
          </div>
          {(state.answers ?? []).map((row) => (
            <div key={row.question}>
              <dt className="text-xs font-medium text-green-800">{row.question}</dt>
              <dd>{row.answer}</dd>
            </div>
          ))}
        </dl>
        <div className="flex gap-3">
          <Link className="text-sm font-medium text-brand-700 underline" href={`/campaigns/${campaignId}/interactions/${state.interactionId}`}>
            Open the interaction
          </Link>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              form.reset(blank(survey, timeZone));
              setContact(null);
              setState(null);
            }}
          >
            Enter another
          </Button>
        </div>
      </section>
    );
  }

  const contactError = form.formState.errors.contactId?.message;
  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate className="space-y-6" aria-label="Enter an interaction">
        {state && !state.ok && <ActionFailure state={state} pending={pending} onSignInAgain={signInAgain} />}
        <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">Who was visited</h2>
          <Field id="survey" label="Survey">
            <select id="survey" className={inputClass} value={surveyId} onChange={(event) => chooseSurvey(event.target.value)}>
              {surveys.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="canvasserId" label="Whose sheet is this?" error={form.formState.errors.canvasserId?.message}>
            <select
              id="canvasserId"
              className={inputClass}
              {...form.register('canvasserId')}
              aria-invalid={form.formState.errors.canvasserId ? true : undefined}
            >
              <option value="">Choose the canvasser</option>
              {canvassers.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="contact-search" label="Contact (search by name or address)" error={contactError}>
            <div className="mt-1 flex gap-2">
              <input
                id="contact-search"
                className={`${inputClass} mt-0`}
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    search();
                  }
                }}
                aria-invalid={contactError ? true : undefined}
              />
              <Button type="button" variant="secondary" onClick={search} disabled={searching}>
                {searching ? 'Searching…' : 'Search'}
              </Button>
            </div>
          </Field>
          {searchMessage && <p className="text-sm text-red-700">{searchMessage}</p>}
          {matches && (
            <ul aria-label="Matching contacts" className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {matches.length === 0 && <li className="p-2 text-sm text-slate-600">No contact of this campaign matches.</li>}
              {matches.map((match) => (
                <li key={match.id}>
                  <button type="button" className="w-full p-2 text-left text-sm hover:bg-brand-50" onClick={() => choose(match)}>
                    <span className="font-medium">{match.name}</span> <span className="text-slate-600">{match.address}</span>
                  </button>
                </li>
              ))}
              {matchTotal > matches.length && (
                <li className="p-2 text-sm text-slate-600" role="status">
                  {matchTotal - matches.length} more contacts match. Type more of the name or the address to narrow the search.
                </li>
              )}
            </ul>
          )}
          {contact && (
            <p className="text-sm" aria-live="polite">
              Chosen: <strong>{contact.name}</strong>, {contact.address}
            </p>
          )}
        </section>
        <InteractionFields
          key={surveyId}
          questions={survey.questions}
          household={contact?.position ?? null}
          walklists={walklists}
          tileUrl={tileUrl}
          tileAttribution={tileAttribution}
          timeZone={timeZone}
        />
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save interaction'}
        </Button>
      </form>
    </FormProvider>
  );
}

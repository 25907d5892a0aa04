/**
 * The correction and manual-entry forms' model, shared by the browser
 * (react-hook-form's resolver) and the server actions: one zod schema built
 * from the API's own schemas and the survey's questions, and the mapping
 * between an interaction's `data` and the form's values.
 *
 * @example
 *   const schema = correctionSchema(questions, zone);
 *   const values = toFormValues(interaction.data, questions, zone);
 *   const corrected = applyFormValues(interaction.data, schema.parse(values), questions, zone);
 *
 * The time is typed on the campaign's clock (`zone`): a wall time that the
 * daylight-saving change skips is refused, one it repeats must be chosen.
 */
import { z } from 'zod';
import { IdSchema, InteractionDataSchema, LocationSchema, TEXT_ANSWER_DEFAULT_MAX, type InteractionData, type Question } from '@/lib/polis/schemas';
import { optionText, choiceText, recordedValue } from '@/lib/surveys/format-answer';
import { formatLocal, zoneLabel } from '@/lib/time/format';
import { resolveWallTime, type WallTime } from '@/lib/time/wall-time';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { OUTCOME_LABELS, OUTCOMES, outcomeOf } from '@/lib/filters/outcome';
import type { ChangeLine } from '@/lib/store/tables';

/** Answers as the form holds them: option values as strings, choice tags, or text; '' when unanswered. */

/**
 * Why a change is made, as the log keeps it: 3 to 500 characters of text. Control characters
 * (a NUL, which PostgreSQL refuses to store) are refused by name rather than failing the save.
 */
export function reasonSchema(missing: string) {
  return z
    .string()
    .trim()
    .min(3, missing)
    .max(500, 'Keep the reason to 500 characters or fewer')
    .refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text), 'The reason holds a control character; type it again as plain text');
}

export type AnswerValue = string | string[];

const OPTION_TYPES = new Set(['availability', 'verification', 'pdf', 'youtube', 'multi-choice', 'payment', 'scale']);

/** Minutes of clock difference tolerated before a time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

function answerSchema(question: Question): z.ZodType<AnswerValue> {
  if (question.type === 'multi-select') {
    const tags = (question.choices ?? []).map((c) => c.tag);
    return z.array(z.string().refine((tag) => tags.includes(tag), { message: 'Choose among the listed choices' }));
  }
  if (OPTION_TYPES.has(question.type)) {
    const values = question.options.map((o) => String(o.value));
    return z.string().refine((value) => value === '' || values.includes(value), { message: 'Choose one of the options this question offers' });
  }
  const max = question.max ?? TEXT_ANSWER_DEFAULT_MAX;
  let text = z.string().max(max, `Keep the answer to ${max} characters or fewer`);
  if (question.keyboard === 'email') text = text.refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter an email address' });
  if (question.keyboard === 'number') text = text.refine((v) => v === '' || !Number.isNaN(Number(v)), { message: 'Enter a number' });
  return text;
}

/** `YYYY-MM-DDTHH:mm[:ss]` on the campaign's clock, as a datetime-local input gives it. */
const LocalTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'Enter a date and time')
  .refine((value) => !Number.isNaN(Date.parse(`${value}Z`)) && new Date(`${value}Z`).toISOString().slice(0, 10) === value.slice(0, 10), {
    message: 'Enter a real date and time',
  });

/** Which reading of a wall time the daylight-saving change repeats: the first (still summer time) or the second. */
export const TIME_CHOICES = ['earlier', 'later'] as const;

/** The local time field read in `zone`. */
export function wallTimeOf(values: Pick<InteractionFields, 'timestamp'>, zone: string): WallTime {
  const [date, time] = values.timestamp.split('T') as [string, string];
  return resolveWallTime(zone, date, time);
}

/** The instant the form's time names, or null while it is missing, skipped or not yet chosen. */
export function instantOf(values: Pick<InteractionFields, 'timestamp' | 'timestampChoice'>, zone: string): Date | null {
  const wall = wallTimeOf(values, zone);
  if (wall.kind === 'exact') return wall.instant;
  if (wall.kind === 'ambiguous' && values.timestampChoice) return values.timestampChoice === 'earlier' ? wall.earlier : wall.later;
  return null;
}

/** Refuses a skipped time, asks which one for a repeated time, and refuses a time in the future. */
function checkTime(zone: string) {
  return (values: Pick<InteractionFields, 'timestamp' | 'timestampChoice'>, ctx: z.RefinementCtx) => {
    if (!LocalTimestamp.safeParse(values.timestamp).success) return;
    const wall = wallTimeOf(values, zone);
    if (wall.kind === 'nonexistent') {
      ctx.addIssue({
        code: 'custom',
        path: ['timestamp'],
        message: `This time does not exist in ${zoneLabel(zone)}: the clocks skip it for daylight saving. Enter a time outside the skipped hour.`,
      });
      return;
    }
    if (wall.kind === 'ambiguous' && !values.timestampChoice) {
      ctx.addIssue({
        code: 'custom',
        path: ['timestampChoice'],
        message: `This time happens twice in ${zoneLabel(zone)} (${formatLocal(wall.earlier, zone, 'time')} and ${formatLocal(wall.later, zone, 'time')}): choose which one.`,
      });
      return;
    }
    const instant = instantOf(values, zone);
    if (instant && instant.getTime() > Date.now() + FUTURE_TOLERANCE_MS)
      ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'The time cannot be in the future' });
  };
}

/** The API's own range, with messages written for the form (a sentence, naming the field). */
const Coordinate = (shape: z.ZodNumber, name: string) => {
  const [min, max] = [shape.minValue ?? -Infinity, shape.maxValue ?? Infinity];
  const range = `The ${name} must be between ${min} and ${max}`;
  return z
    .number({ error: `Enter the ${name}` })
    .min(min, range)
    .max(max, range);
};

/** An id as the API takes it (`IdSchema`), with a message written for the form: a sentence saying what to do. */
const formId = (message: string) => z.uuid({ error: message }) satisfies z.ZodType<z.infer<typeof IdSchema>>;

const AnswersOfAnySurvey = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/**
 * The fields without the time's zone check; extend this, then add `checkTime`
 * (a refined object cannot be extended). With `questions`, the answers are
 * checked against that survey; without, any survey's answers pass: the shape
 * a server action reads before it knows which survey the interaction records.
 */
function fieldsObject(questions?: Question[]) {
  return z.object({
    outcome: z.enum(OUTCOMES, { error: 'Choose an outcome' }),
    unavailableReason: InteractionDataSchema.shape.unavailableReason.unwrap().or(z.literal('')),
    timestamp: LocalTimestamp,
    timestampChoice: z.enum(TIME_CHOICES).or(z.literal('')).optional(),
    walklistId: formId('Choose a walklist from the list').or(z.literal('')),
    lat: Coordinate(LocationSchema.shape.lat, 'latitude'),
    lng: Coordinate(LocationSchema.shape.lng, 'longitude'),
    // Keys are the survey's question ids, known only at run time.
    answers: questions
      ? (z.strictObject(Object.fromEntries(questions.map((q) => [q.questionId, answerSchema(q)])), {
          error: (issue) => (issue.code === 'unrecognized_keys' ? `Not a question of this survey: ${issue.keys.join(', ')}` : undefined),
        }) as unknown as z.ZodType<Record<string, AnswerValue>, Record<string, AnswerValue>>)
      : AnswersOfAnySurvey,
  });
}

/** Without a zone, only the shape is checked: what a server action reads before it knows the campaign's clock. */
const withTimeCheck = <T extends z.ZodType<Pick<InteractionFields, 'timestamp' | 'timestampChoice'>>>(schema: T, zone?: string): T =>
  zone ? schema.superRefine(checkTime(zone)) : schema;

export function interactionFieldsSchema(questions?: Question[], zone?: string) {
  return withTimeCheck(fieldsObject(questions), zone);
}

export function correctionSchema(questions?: Question[], zone?: string) {
  return withTimeCheck(
    fieldsObject(questions)
      .extend({
        reason: reasonSchema('Say why you are correcting this interaction, in at least 3 characters'),
        // A visit entered from a paper sheet may have no position: it stays without one unless the user gives both.
        lat: OptionalCoordinate(LocationSchema.shape.lat, 'latitude'),
        lng: OptionalCoordinate(LocationSchema.shape.lng, 'longitude'),
      })
      .superRefine(bothCoordinatesOrNeither),
    zone,
  );
}

/** A paper sheet often has no position: an empty field (NaN from the number input) means none, never the household's. */
const OptionalCoordinate = (shape: z.ZodNumber, name: string) => z.nan().or(Coordinate(shape, name));

function bothCoordinatesOrNeither(values: { lat: number; lng: number }, ctx: z.RefinementCtx) {
  if (Number.isNaN(values.lat) === Number.isNaN(values.lng)) return;
  const missing = Number.isNaN(values.lat) ? 'latitude' : 'longitude';
  ctx.addIssue({
    code: 'custom',
    path: [missing === 'latitude' ? 'lat' : 'lng'],
    message: `Enter the ${missing} too, or leave both empty when there is no position`,
  });
}

/**
 * Entry from a paper sheet: whose sheet it is (the credit), an optional
 * position, and a reason whenever nobody was available.
 */
export function manualEntrySchema(questions?: Question[], zone?: string) {
  return withTimeCheck(
    fieldsObject(questions)
      .extend({
        id: formId('This form lost its id: reload the page and enter the visit again'),
        surveyId: formId('Choose the survey of the paper sheet'),
        contactId: z.uuid({ error: 'Choose the contact who was visited' }),
        canvasserId: z.string({ error: 'Choose whose sheet this is' }).min(1, 'Choose whose sheet this is').max(64, 'Choose whose sheet this is from the list'),
        lat: OptionalCoordinate(LocationSchema.shape.lat, 'latitude'),
        lng: OptionalCoordinate(LocationSchema.shape.lng, 'longitude'),
      })
      .superRefine((values, ctx) => {
        if (values.outcome === 'unavailable' && !values.unavailableReason)
          ctx.addIssue({ code: 'custom', path: ['unavailableReason'], message: 'Say why nobody was available' });
        bothCoordinatesOrNeither(values, ctx);
      }),
    zone,
  );
}

export type InteractionFields = z.infer<ReturnType<typeof fieldsObject>>;
export type CorrectionValues = z.infer<ReturnType<typeof correctionSchema>>;
export type ManualEntryValues = z.infer<ReturnType<typeof manualEntrySchema>>;

/** A recorded response as the form holds it. */
function formAnswer(question: Question, response: InteractionData['survey']['responses'][string] | undefined): AnswerValue {
  const value = recordedValue(question, response);
  if (question.type === 'multi-select') return Array.isArray(value) ? value.map(String) : value === undefined || value === '' ? [] : [String(value)];
  return value === undefined ? '' : String(Array.isArray(value) ? value[0] : value);
}

/** An instant as the form's local time field holds it, and which reading it is when the zone repeats that time. */
export function localFormTime(instant: Date | string, zone: string): Pick<InteractionFields, 'timestamp' | 'timestampChoice'> {
  const timestamp = format(new TZDate(new Date(instant).getTime(), zone), "yyyy-MM-dd'T'HH:mm:ss");
  const wall = wallTimeOf({ timestamp }, zone);
  const timestampChoice = wall.kind === 'ambiguous' ? (wall.earlier.getTime() === new Date(instant).getTime() ? 'earlier' : 'later') : '';
  return { timestamp, timestampChoice };
}

export function toFormValues(data: InteractionData, questions: Question[], zone: string): InteractionFields {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) answers[question.questionId] = formAnswer(question, data.survey.responses[question.questionId]);
  return {
    outcome: outcomeOf(data),
    unavailableReason: data.unavailableReason ?? '',
    ...localFormTime(data.timestamp, zone),
    walklistId: data.walklistId ?? '',
    lat: data.location?.lat ?? NaN,
    lng: data.location?.lng ?? NaN,
    answers,
  };
}

/** The recorded form of an answer: the option's own value (its type kept), the choice tags, or the text. */
function recorded(question: Question, value: AnswerValue): string | number | boolean | string[] {
  if (Array.isArray(value)) return value;
  if (OPTION_TYPES.has(question.type)) return question.options.find((o) => String(o.value) === value)?.value ?? value;
  return value;
}

const isEmpty = (value: AnswerValue | undefined) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** The interaction's data with the form's values applied; untouched parts (and unknown questions) are kept as they were. */
export function applyFormValues(data: InteractionData, values: InteractionFields, questions: Question[], zone: string): InteractionData {
  const responses = { ...data.survey.responses };
  for (const question of questions) {
    const value = values.answers[question.questionId] ?? '';
    if (JSON.stringify(formAnswer(question, responses[question.questionId])) === JSON.stringify(value)) continue;
    responses[question.questionId] = { questionId: question.questionId, fields: isEmpty(value) ? {} : { [question.tag]: recorded(question, value) } };
  }
  const instant = instantOf(values, zone);
  if (!instant) throw new RangeError(`${values.timestamp} names no single instant in ${zone}; validate with the form's schema first`);
  const timestamp = instant.toISOString();
  const next: InteractionData = {
    ...data,
    successful: values.outcome === 'successful',
    unavailable: values.outcome === 'unavailable',
    timestamp: timestamp === new Date(data.timestamp).toISOString() ? data.timestamp : timestamp,
    location: { ...data.location, lat: values.lat, lng: values.lng },
    survey: { ...data.survey, responses },
  };
  if (Number.isNaN(values.lat) || Number.isNaN(values.lng)) delete next.location;
  if (values.outcome === 'unavailable' && values.unavailableReason) next.unavailableReason = values.unavailableReason;
  else delete next.unavailableReason;
  if (values.walklistId) next.walklistId = values.walklistId;
  else delete next.walklistId;
  return next;
}

/** Miles between two points (haversine), as Polis records `distance`. */
export function milesBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return Math.round(2 * 3958.7613 * Math.asin(Math.sqrt(h)) * 10_000) / 10_000;
}

export type FieldChange = { field: string; label: string; original: string; theirs: string; yours: string };

function show(question: Question | null, value: AnswerValue): string {
  if (isEmpty(value)) return 'Not answered';
  if (!question) return String(value);
  if (Array.isArray(value)) return value.map((tag) => choiceText(question, tag) ?? tag).join('; ');
  return OPTION_TYPES.has(question.type) ? (optionText(question, value) ?? value) : value;
}

/**
 * Field by field, what someone else changed (`original` → `theirs`) and what
 * the user wants (`yours`), for every field either side touched.
 */
export function describeConflict(
  original: InteractionFields,
  theirs: InteractionFields,
  yours: InteractionFields,
  questions: Question[],
  zone: string,
  walklistName: (id: string) => string = (id) => id,
): FieldChange[] {
  const when = (v: InteractionFields) => {
    const instant = instantOf(v, zone);
    return instant ? formatLocal(instant, zone, 'long') : v.timestamp.replace('T', ' ');
  };
  const rows: { field: string; label: string; pick: (v: InteractionFields) => string }[] = [
    { field: 'outcome', label: 'Outcome', pick: (v) => OUTCOME_LABELS[v.outcome] },
    { field: 'unavailableReason', label: 'Unavailable reason', pick: (v) => v.unavailableReason || '—' },
    { field: 'timestamp', label: 'Time', pick: when },
    { field: 'walklistId', label: 'Walklist', pick: (v) => (v.walklistId ? walklistName(v.walklistId) : '—') },
    { field: 'location', label: 'Canvasser location', pick: (v) => `${v.lat.toFixed(6)}, ${v.lng.toFixed(6)}` },
    ...questions.map((q) => ({ field: `answers.${q.questionId}`, label: q.text, pick: (v: InteractionFields) => show(q, v.answers[q.questionId] ?? '') })),
  ];
  return rows
    .map(({ field, label, pick }) => ({ field, label, original: pick(original), theirs: pick(theirs), yours: pick(yours) }))
    .filter((row) => row.original !== row.theirs || row.original !== row.yours);
}

export type { ChangeLine } from '@/lib/store/tables';

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What a correction changed, as a person says it: "Support: Leaning support → Strongly oppose",
 * "Outcome: Not available → Successful", "Location moved 120 m" (the distance is written in the
 * organization's units where it is shown).
 */
export function describeCorrection(
  before: InteractionFields,
  after: InteractionFields,
  questions: Question[],
  zone: string,
  walklistName: (id: string) => string = (id) => id,
): ChangeLine[] {
  const lines: ChangeLine[] = [];
  const push = (label: string, a: string, b: string) => {
    if (a !== b) lines.push({ label, before: a, after: b });
  };
  push('Outcome', OUTCOME_LABELS[before.outcome], OUTCOME_LABELS[after.outcome]);
  push('Unavailable reason', before.unavailableReason || 'None', after.unavailableReason || 'None');
  const [beforeAt, afterAt] = [instantOf(before, zone)?.toISOString() ?? null, instantOf(after, zone)?.toISOString() ?? null];
  if (beforeAt !== afterAt) lines.push({ label: 'Time of the visit', beforeAt, afterAt });
  push('Walklist', before.walklistId ? walklistName(before.walklistId) : 'None', after.walklistId ? walklistName(after.walklistId) : 'None');
  const place = (v: { lat: number; lng: number }) => (Number.isNaN(v.lat) ? 'None' : `${v.lat.toFixed(5)}, ${v.lng.toFixed(5)}`);
  if (place(before) !== place(after)) {
    const moved = Number.isFinite(before.lat) && Number.isFinite(after.lat) ? milesBetween(before, after) * 1609.344 : NaN;
    if (Number.isFinite(moved)) lines.push({ label: 'Location', movedMetres: Math.round(moved) });
    else push('Location', place(before), place(after));
  }
  for (const question of questions) {
    push(capitalized(question.tag), show(question, before.answers[question.questionId] ?? ''), show(question, after.answers[question.questionId] ?? ''));
  }
  return lines;
}

/** The user's edits (what differs from `original`) laid over `theirs`: "re-apply my edits" after a conflict. */
export function reapplyEdits(original: InteractionFields, theirs: InteractionFields, yours: InteractionFields): InteractionFields {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const merged: InteractionFields = { ...theirs, answers: { ...theirs.answers } };
  for (const key of ['outcome', 'unavailableReason', 'timestamp', 'timestampChoice', 'walklistId'] as const) {
    if (!same(original[key], yours[key])) (merged as Record<string, unknown>)[key] = yours[key];
  }
  if (!same([original.lat, original.lng], [yours.lat, yours.lng])) Object.assign(merged, { lat: yours.lat, lng: yours.lng });
  for (const [questionId, value] of Object.entries(yours.answers)) {
    if (!same(original.answers[questionId], value)) merged.answers[questionId] = value;
  }
  return merged;
}

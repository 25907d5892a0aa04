/**
 * The interaction filters the map, the table, the survey results and the
 * point index share: one model, read from the URL, written back to it, and
 * translated to the Polis filter language.
 * They live in the URL (so a view is a link) and translate to the Polis
 * filter language for everything the API can express; a survey answer,
 * which the API cannot filter on, is applied through the point index.
 *
 * @example
 *   const filters = parseFilters(await searchParams);      // bad values are dropped
 *   const expression = toPolisFilter(campaignId, filters, zone); // '/data/campaignId eq "…" and …'
 *
 * `from` and `to` are calendar days of the campaign's time zone, both
 * inclusive; every reader turns them into instants with that zone.
 */
import { z } from 'zod';
import { and, eq, gte, lt } from '@/lib/polis/filter';
import { IdSchema } from '@/lib/polis/schemas';
import { localDayRange } from '@/lib/time/days';
import { outcomeFilter, OUTCOMES } from './outcome';

/** A survey answer filter: the question and one recorded value (a choice tag for multi-select). */
export type AnswerFilter = { questionId: string; value: string };

const FilterFields = {
  from: z.iso.date(),
  to: z.iso.date(),
  outcome: z.enum(OUTCOMES),
  list: IdSchema,
  walklist: IdSchema,
  canvasser: IdSchema,
  /** One contact's visits; the point index does not keep contacts, so the API alone answers it. */
  contact: IdSchema,
  answer: z
    .string()
    .max(300)
    .regex(/^[0-9a-f-]{36}~.+$/)
    .transform((raw): AnswerFilter => {
      const at = raw.indexOf('~');
      return { questionId: raw.slice(0, at), value: raw.slice(at + 1) };
    }),
  minDistance: z.coerce.number().nonnegative().finite(),
  minConfidence: z.coerce.number().nonnegative().finite(),
};

export type InteractionFilters = { [K in keyof typeof FilterFields]?: z.output<(typeof FilterFields)[K]> };
export const FILTER_KEYS = Object.keys(FilterFields) as (keyof InteractionFilters)[];

type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: SearchParams, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The filter bar's number boxes are typed in the organization's units and say which
 * (`distanceUnit=m|ft`, `accuracyUnit=ft`); the filters themselves are in Polis's units,
 * miles for the distance and metres for the accuracy, as a bare value in a link is.
 */
const DISTANCE_UNITS: Record<string, number> = { mi: 1, m: 1 / 1609.344, ft: 1 / 5280 };
const ACCURACY_UNITS: Record<string, number> = { m: 1, ft: 0.3048 };

/** Reads the filters from a URL's parameters; a value that does not parse is left out (and `filterProblems` says so). */
export function parseFilters(params: SearchParams): InteractionFilters {
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const raw = first(params, key);
    if (raw === undefined || raw === '') continue;
    const parsed = FilterFields[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  const distanceScale = DISTANCE_UNITS[first(params, 'distanceUnit') ?? 'mi'] ?? 1;
  if (typeof filters.minDistance === 'number') filters.minDistance *= distanceScale;
  const accuracyScale = ACCURACY_UNITS[first(params, 'accuracyUnit') ?? 'm'] ?? 1;
  if (typeof filters.minConfidence === 'number') filters.minConfidence *= accuracyScale;
  return filters;
}

/**
 * The filters of a request to a route handler (an export, the map's data): a page leaves a bad value
 * out and says so beside the results, but a file or an answer has nowhere to say it, so the request
 * is refused naming the parameter, rather than answered unfiltered.
 */
export function routeFilters(params: SearchParams): { ok: true; filters: InteractionFilters } | { ok: false; error: string } {
  for (const key of FILTER_KEYS) {
    const raw = first(params, key);
    if (raw === undefined || raw === '' || FilterFields[key].safeParse(raw).success) continue;
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    return { ok: false, error: `${key}: “${shown}” is not a value this filter takes` };
  }
  return { ok: true, filters: parseFilters(params) };
}

const FIELD_NAMES: Record<keyof InteractionFilters, string> = {
  from: 'From',
  to: 'To',
  outcome: 'Outcome',
  list: 'List',
  walklist: 'Walklist',
  canvasser: 'Canvasser',
  contact: 'Contact',
  answer: 'Survey answer',
  minDistance: 'Distance at least',
  minConfidence: 'GPS accuracy worse than',
};

/** What is wrong with the filters a URL asks for, in words for the person who followed it. */
export function filterProblems(params: SearchParams): string[] {
  const problems: string[] = [];
  for (const key of FILTER_KEYS) {
    const raw = first(params, key);
    if (raw === undefined || raw === '' || FilterFields[key].safeParse(raw).success) continue;
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
    problems.push(`${FIELD_NAMES[key]} “${shown}” is not a value it can take, so it was left out.`);
  }
  const from = first(params, 'from');
  const to = first(params, 'to');
  if (from && to && FilterFields.from.safeParse(from).success && FilterFields.to.safeParse(to).success && from > to) {
    problems.push('From is after To, so no interaction can match. Swap the dates or change one of them.');
  }
  return problems;
}

/** The filters as URL parameters, in a stable order. */
export function filtersToSearch(filters: InteractionFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined) continue;
    search.set(key, typeof value === 'object' ? `${value.questionId}~${value.value}` : String(value));
  }
  return search;
}

/** The part of the filters the Polis filter language can express, scoped to the campaign; days are read in `zone`. */
export function toPolisFilter(campaignId: string, filters: InteractionFilters, zone: string): string {
  const { start, end } = localDayRange(zone, filters.from, filters.to);
  return and(
    eq('/data/campaignId', campaignId),
    start && gte('/data/timestamp', start.toISOString()),
    end && lt('/data/timestamp', end.toISOString()),
    filters.outcome && outcomeFilter(filters.outcome),
    filters.list && eq('/data/listId', filters.list),
    filters.walklist && eq('/data/walklistId', filters.walklist),
    filters.canvasser && eq('/meta/createdBy', filters.canvasser),
    filters.contact && eq('/data/contactId', filters.contact),
    filters.minDistance !== undefined && gte('/data/distance', filters.minDistance),
    filters.minConfidence !== undefined && gte('/data/location/confidence', filters.minConfidence),
  );
}

/** The time window of the filters in epoch seconds (end exclusive), for the point index; the same instants as `toPolisFilter`. */
export function timeWindow(filters: InteractionFilters, zone: string): [from: number, to: number] {
  const { start, end } = localDayRange(zone, filters.from, filters.to);
  return [start ? start.getTime() / 1000 : 0, end ? end.getTime() / 1000 : Number.MAX_SAFE_INTEGER];
}

/** Whether an interaction recorded `answer` (for a multi-select, among its choices). */
export function matchesAnswer(
  interaction: { data: { survey: { responses: Record<string, { fields: Record<string, unknown> }> } } },
  answer: AnswerFilter | undefined,
): boolean {
  if (!answer) return true;
  const fields = interaction.data.survey.responses[answer.questionId]?.fields ?? {};
  return Object.values(fields).some((value) => (Array.isArray(value) ? value.map(String).includes(answer.value) : String(value) === answer.value));
}

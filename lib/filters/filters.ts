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
  answer: z.string().regex(/^[0-9a-f-]{36}~.+$/).transform((raw): AnswerFilter => {
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
  const value = params instanceof URLSearchParams ? params.get(key) ?? undefined : params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** Reads the filters from a URL's parameters; a value that does not parse is ignored, not fatal. */
export function parseFilters(params: SearchParams): InteractionFilters {
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const raw = first(params, key);
    if (raw === undefined || raw === '') continue;
    const parsed = FilterFields[key].safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  return filters as InteractionFilters;
}

/** The filters as URL parameters, in a stable order. */
export function filtersToSearch(filters: InteractionFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value === undefined) continue;
    search.set(key, key === 'answer' ? `${(value as AnswerFilter).questionId}~${(value as AnswerFilter).value}` : String(value));
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
export function matchesAnswer(interaction: { data: { survey: { responses: Record<string, { fields: Record<string, unknown> }> } } }, answer: AnswerFilter | undefined): boolean {
  if (!answer) return true;
  const fields = interaction.data.survey.responses[answer.questionId]?.fields ?? {};
  return Object.values(fields).some((value) => (Array.isArray(value) ? value.map(String).includes(answer.value) : String(value) === answer.value));
}

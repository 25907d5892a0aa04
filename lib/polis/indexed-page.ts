/**
 * A list page of interactions as the map's point index reads it, checked by
 * hand against the rules of `IndexedInteractionSchema`, which stays their
 * statement (the tests hold this reader to it, value by value). A campaign's
 * first index reads hundreds of such pages; zod's pass over each cost a
 * worker about as much as `JSON.parse` itself.
 *
 * @example
 *   const { data, total } = IndexedPageSchema.parse(JSON.parse(body));
 *   // a bad value: "data[3].data.location.lat: latitude must be between -90 and 90"
 */
import { z } from 'zod';
import type { IndexedInteraction } from './schemas';

export type IndexedPage = { data: IndexedInteraction[]; total: number };

const UUID = z.regexes.uuid();
const DATE_TIME = z.regexes.datetime({ offset: true });

class Problem extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(value: unknown, path: string): Json {
  if (!isObject(value)) throw new Problem(`${path}: must be an object`);
  return value;
}

function id(value: unknown, path: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string' || !UUID.test(value)) throw new Problem(`${path}: must be a UUID`);
}

function text(value: unknown, path: string): void {
  if (typeof value !== 'string') throw new Problem(`${path}: must be a string`);
}

function flag(value: unknown, path: string, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'boolean') throw new Problem(`${path}: must be true or false`);
}

function number(value: unknown, path: string, min: number, max: number, range: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Problem(`${path}: must be a number`);
  if (value < min || value > max) throw new Problem(`${path}: ${range}`);
}

function interaction(value: unknown, path: string): IndexedInteraction {
  const item = object(value, path);
  id(item.id, `${path}.id`);
  const data = object(item.data, `${path}.data`);
  id(data.contactId, `${path}.data.contactId`);
  id(data.listId, `${path}.data.listId`, true);
  id(data.walklistId, `${path}.data.walklistId`, true);
  if (typeof data.timestamp !== 'string' || !DATE_TIME.test(data.timestamp)) throw new Problem(`${path}.data.timestamp: must be an ISO 8601 date-time`);
  flag(data.unavailable, `${path}.data.unavailable`);
  flag(data.successful, `${path}.data.successful`, true);
  if (data.location !== undefined) {
    const location = object(data.location, `${path}.data.location`);
    number(location.lat, `${path}.data.location.lat`, -90, 90, 'latitude must be between -90 and 90');
    number(location.lng, `${path}.data.location.lng`, -180, 180, 'longitude must be between -180 and 180');
    number(location.confidence, `${path}.data.location.confidence`, 0, Infinity, 'must be 0 or more');
  }
  number(data.distance, `${path}.data.distance`, 0, Infinity, 'must be 0 or more');
  const survey = object(data.survey, `${path}.data.survey`);
  if (survey.responses === undefined) survey.responses = {};
  const responses = object(survey.responses, `${path}.data.survey.responses`);
  for (const questionId in responses)
    object(object(responses[questionId], `${path}.data.survey.responses.${questionId}`).fields, `${path}.data.survey.responses.${questionId}.fields`);
  const meta = object(item.meta, `${path}.meta`);
  text(meta.created, `${path}.meta.created`);
  text(meta.createdBy, `${path}.meta.createdBy`);
  text(meta.modified, `${path}.meta.modified`);
  return item as IndexedInteraction;
}

/** Reads a page, or throws naming the first value at fault by its path. */
export function readIndexedPage(value: unknown): IndexedPage {
  const page = object(value, 'response');
  if (!Array.isArray(page.data)) throw new Problem('data: must be an array');
  const total = object(page.meta, 'meta').total;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw new Problem('meta.total: must be a whole number of 0 or more');
  return { data: page.data.map((item, i) => interaction(item, `data[${i}]`)), total };
}

/** The reader as a schema, for the client's `request`: a problem becomes its issue. */
export const IndexedPageSchema = z.unknown().transform((value, context): IndexedPage => {
  try {
    return readIndexedPage(value);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    context.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
});

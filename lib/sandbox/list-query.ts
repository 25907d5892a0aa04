/**
 * Reads a list request's `filter`, `filter[/path]`, `skip`, `limit` and
 * `sort` parameters into one validated query, or a 400 that names the
 * parameter at fault.
 *
 * @example
 *   parseListQuery(new URLSearchParams('filter[/data/campaignId]=…&sort=/data/timestamp&sort=DESC'), attrs)
 *   // { where: [...], skip: 0, limit: 100, sort: [{ column: 'timestamp', direction: 'desc' }] }
 */
import { sql } from 'kysely';
import type { Engine } from '@/lib/db/engine';
import { ApiError } from './errors';
import { columnValue, compileFilter, resolveAttribute, type AttributeTable, type FilterExpression } from './filter/compile-filter';
import { FilterSyntaxError, parseFilter, type FilterLimits } from './filter/parse-filter';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_PARAMS, MAX_FILTER_TERMS, MAX_FILTER_VALUES, MAX_SKIP, MAX_SORT_KEYS } from './limits';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export type SortKey = { column: string; direction: 'asc' | 'desc' };
export type ListQuery = { where: FilterExpression[]; skip: number; limit: number; sort: SortKey[] };

function badParam(param: string, message: string): ApiError {
  return new ApiError(400, 'invalid_parameter', `${param}: ${message}`, [{ path: param, message }]);
}

const FILTER_LIMITS: FilterLimits = { maxLength: MAX_FILTER_LENGTH, maxTerms: MAX_FILTER_TERMS, maxDepth: MAX_FILTER_DEPTH, maxValues: MAX_FILTER_VALUES };

function integerParam(params: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw badParam(name, `"${raw.slice(0, 40)}" is not a whole number of 0 or more`);
  const value = Number(raw);
  if (value > max) throw badParam(name, `${raw.slice(0, 40)} is more than the limit of ${max}`);
  return value;
}

function parseFilterParam(source: string, attributes: AttributeTable, used: { terms: number; values: number }, engine: Engine): FilterExpression {
  try {
    return compileFilter(parseFilter(source, FILTER_LIMITS, used), attributes, engine);
  } catch (error) {
    if (error instanceof FilterSyntaxError) {
      throw new ApiError(400, 'invalid_filter', `filter: ${error.message}`, [{ path: 'filter', message: error.message }]);
    }
    throw error;
  }
}

/** `filter[/data/campaignId]=abc`: one equality per parameter; the value is taken as the attribute's type. */
function equalityParam(pointer: string, raw: string, attributes: AttributeTable, engine: Engine): FilterExpression {
  const param = `filter[${pointer}]`;
  const attribute = resolveAttribute(attributes, pointer, undefined, param);
  let value: string | number | null = raw;
  if (raw === 'nil' || raw === 'null') value = null;
  else if (attribute.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw badParam(param, `"${raw}" is not true or false`);
    // As the filter language stores a flag: 0/1 on SQLite, a boolean on PostgreSQL.
    const flag = columnValue({ kind: 'literal', value: raw === 'true', position: 0 }, pointer, attribute, engine);
    return (eb) => eb(sql.ref(attribute.column), '=', flag);
  } else if (attribute.type === 'number') {
    if (raw.trim() === '' || Number.isNaN(Number(raw))) throw badParam(param, `"${raw}" is not a number`);
    value = Number(raw);
  } else if (attribute.type === 'timestamp') {
    if (Number.isNaN(Date.parse(raw))) throw badParam(param, `"${raw}" is not an ISO 8601 date`);
    value = new Date(raw).toISOString();
  } else if (raw.includes('\0')) throw badParam(param, 'contains a NUL character, which no stored value holds');
  const ref = sql.ref(attribute.column);
  return value === null ? (eb) => eb(ref, 'is', null) : (eb) => eb(ref, '=', value);
}

function parseSort(values: string[], attributes: AttributeTable): SortKey[] {
  if (values.length === 0) return [];
  // Each key takes two values in the repeated form; refuse long lists before reading them.
  if (values.length > MAX_SORT_KEYS * 2) throw badParam('sort', `${values.length} sort parameters is more than the limit of ${MAX_SORT_KEYS} sort keys`);
  let pairs: unknown[];
  if (values.length === 1 && values[0]!.trim().startsWith('[')) {
    try {
      const parsed = JSON.parse(values[0]!) as unknown;
      pairs = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed];
    } catch {
      throw badParam('sort', `${values[0]} is not valid JSON; write ["data/timestamp","DESC"]`);
    }
  } else {
    pairs = [];
    for (let i = 0; i < values.length; i++) {
      const direction = values[i + 1];
      if (direction && /^(asc|desc)$/i.test(direction)) {
        pairs.push([values[i], direction]);
        i++;
      } else pairs.push([values[i], 'ASC']);
    }
  }
  if (pairs.length > MAX_SORT_KEYS) throw badParam('sort', `${pairs.length} sort keys is more than the limit of ${MAX_SORT_KEYS} sort keys`);
  return pairs.map((pair) => {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || (pair[1] !== undefined && typeof pair[1] !== 'string')) {
      throw badParam('sort', `${JSON.stringify(pair)} is not ["<attribute>","ASC"|"DESC"]`);
    }
    const direction = (pair[1] ?? 'ASC').toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') throw badParam('sort', `"${pair[1]}" is not ASC or DESC`);
    return { column: resolveAttribute(attributes, pair[0], undefined, 'sort').column, direction };
  });
}

export function parseListQuery(params: URLSearchParams, attributes: AttributeTable, engine: Engine = 'sqlite'): ListQuery {
  const where: FilterExpression[] = [];
  const used = { terms: 0, values: 0 };
  let filterParams = 0;
  for (const [key, value] of params) {
    const isFilter = key === 'filter';
    const isEquality = key.startsWith('filter[') && key.endsWith(']');
    if (!isFilter && !isEquality) continue;
    if (++filterParams > MAX_FILTER_PARAMS) {
      throw badParam(
        key,
        `more than the limit of ${MAX_FILTER_PARAMS} filter parameters (filter= and filter[...] together); combine them in one filter with and`,
      );
    }
    if (isFilter) {
      if (value.trim() !== '') where.push(parseFilterParam(value, attributes, used, engine));
    } else {
      if (++used.terms > MAX_FILTER_TERMS) throw badParam(key, `more than the limit of ${MAX_FILTER_TERMS} comparisons per request`);
      where.push(equalityParam(key.slice(7, -1), value, attributes, engine));
    }
  }
  const skip = integerParam(params, 'skip', 0, MAX_SKIP);
  // The contract clamps limit rather than refusing it; any whole number is taken as at most MAX_LIMIT.
  const limit = Math.min(integerParam(params, 'limit', DEFAULT_LIMIT, Infinity), MAX_LIMIT);
  return { where, skip, limit, sort: parseSort(params.getAll('sort'), attributes) };
}

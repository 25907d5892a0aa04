/**
 * Polis filter expressions built from parts, so every filter the dashboard
 * sends quotes its values one way (JSON string literals, `nil` for null) and
 * groups `or` in parentheses (in the Polis language `and` binds tighter).
 * Parts that are `undefined`, `false` or empty are left out, which keeps
 * optional conditions inline.
 *
 * @example
 *   and(eq('/data/campaignId', campaignId), from && gte('/data/timestamp', from));
 *   // '/data/campaignId eq "…" and /data/timestamp gte "2026-09-01T00:00:00.000Z"'
 *   or(eq('/data/successful', false), eq('/data/successful', null));
 *   // '(/data/successful eq false or /data/successful eq nil)'
 */

export type FilterLiteral = string | number | boolean | null;
type Comparison = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like';
type Part = string | undefined | null | false | 0;

/** How many values go in one `in [...]` list: keeps a request URL well under common limits (about 6 KB of ids). */
export const IN_BATCH_SIZE = 150;

/** A value as a Polis literal. */
export function literal(value: FilterLiteral): string {
  if (value === null) return 'nil';
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`a filter cannot compare with ${value}`);
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function compare(path: string, op: Comparison, value: FilterLiteral): string {
  return `${path} ${op} ${literal(value)}`;
}

export const eq = (path: string, value: FilterLiteral) => compare(path, 'eq', value);
export const gt = (path: string, value: FilterLiteral) => compare(path, 'gt', value);
export const gte = (path: string, value: FilterLiteral) => compare(path, 'gte', value);
export const lt = (path: string, value: FilterLiteral) => compare(path, 'lt', value);
/** `*` in `pattern` is the wildcard; the value is quoted like any other. */
export const like = (path: string, pattern: string) => compare(path, 'like', pattern);

/** `path in [values]`, for one request's worth of values (see `inBatches` for more). */
export function isIn(path: string, values: readonly FilterLiteral[]): string {
  return `${path} in [${values.map(literal).join(',')}]`;
}

/** `path in [...]` split into filters of at most `size` values each, one per request. */
export function inBatches(path: string, values: readonly FilterLiteral[], size = IN_BATCH_SIZE): string[] {
  const batches: string[] = [];
  for (let i = 0; i < values.length; i += size) batches.push(isIn(path, values.slice(i, i + size)));
  return batches;
}

const present = (parts: Part[]) => parts.filter((part): part is string => typeof part === 'string' && part !== '');

export function and(...parts: Part[]): string {
  return present(parts).join(' and ');
}

export function or(...parts: Part[]): string {
  const kept = present(parts);
  return kept.length > 1 ? `(${kept.join(' or ')})` : (kept[0] ?? '');
}

/**
 * Compiles a parsed filter into a Kysely expression over a resource's indexed
 * columns, for the engine the sandbox runs on. Values become bound
 * parameters; only column names from the resource's attribute table ever
 * reach the SQL text.
 *
 * The two engines answer alike: `like` ignores case (SQLite's LIKE does for
 * ASCII; PostgreSQL is given ILIKE), a flag is compared as 0/1 on SQLite and
 * as a boolean on PostgreSQL, and where PostgreSQL would refuse to compare
 * two columns of different types (or match a number with `like`), both sides
 * are compared as text.
 *
 * @example
 *   const where = compileFilter(parseFilter('/data/distance gte 0.5'), INTERACTION_ATTRIBUTES);
 *   db.selectFrom('interactions').where(where)   // ... where "distance" >= ?
 */
import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Engine } from '@/lib/db/engine';
import { ApiError } from '../errors';
import type { FilterNode, Literal, LiteralRef, PathRef } from './parse-filter';

export type AttributeType = 'id' | 'string' | 'number' | 'boolean' | 'timestamp';
export type Attribute = { column: string; type: AttributeType };
export type AttributeTable = Record<string, Attribute>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the columns are checked against the attribute table instead
type AnyBuilder = ExpressionBuilder<any, any>;
export type FilterExpression = (eb: AnyBuilder) => Expression<SqlBool>;

const SQL_OPS = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Resolves a JSON pointer to its attribute, or a 400 that names it and what is allowed. */
export function resolveAttribute(attributes: AttributeTable, pointer: string, position?: number, param = 'filter'): Attribute {
  const normal = pointer.startsWith('/') ? pointer : `/${pointer}`;
  const attribute = attributes[normal];
  if (!attribute) {
    const at = position === undefined ? '' : ` at position ${position}`;
    throw new ApiError(
      400,
      'invalid_attribute',
      `${param}: ${normal}${at} is not an attribute you can filter or sort on; use one of ${Object.keys(attributes).join(', ')}`,
      [{ path: param, message: `unknown attribute ${normal}` }],
    );
  }
  return attribute;
}

function badValue(ref: LiteralRef, attribute: string, expected: string): never {
  const shown = JSON.stringify(ref.value);
  throw new ApiError(400, 'invalid_filter', `filter: ${shown} at position ${ref.position} is not a valid value for ${attribute}; expected ${expected}`, [
    { path: 'filter', message: `invalid value ${shown} for ${attribute}` },
  ]);
}

/** Checks a literal against the attribute's type and turns it into what the column stores. */
export function columnValue(ref: LiteralRef, pointer: string, attribute: Attribute, engine: Engine = 'sqlite'): Literal {
  const { value } = ref;
  if (value === null) return null;
  switch (attribute.type) {
    case 'boolean':
      if (typeof value !== 'boolean') badValue(ref, pointer, 'true or false');
      return engine === 'postgres' ? value : value ? 1 : 0;
    case 'number':
      if (typeof value !== 'number') badValue(ref, pointer, 'a number');
      return value;
    case 'timestamp': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) badValue(ref, pointer, 'an ISO 8601 date or date-time string');
      return new Date(value).toISOString();
    }
    default:
      if (typeof value !== 'string' || !storable(value)) badValue(ref, pointer, 'a string (without NUL characters or unpaired surrogates)');
      return value;
  }
}

/** Text a database can compare: PostgreSQL refuses a NUL character in a parameter; no stored string holds one. */
const storable = (text: string) => !text.includes('\0') && text.isWellFormed();

function likePattern(ref: LiteralRef, pointer: string): string {
  if (typeof ref.value !== 'string' || !storable(ref.value)) badValue(ref, pointer, 'a string pattern with * wildcards');
  return ref.value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/** What a column holds, as far as comparing it goes. */
const storage = (type: AttributeType) => (type === 'number' || type === 'boolean' ? type : 'text');

export function compileFilter(tree: FilterNode, attributes: AttributeTable, engine: Engine = 'sqlite'): FilterExpression {
  const column = (ref: PathRef) => resolveAttribute(attributes, ref.pointer, ref.position);
  const postgres = engine === 'postgres';
  const like = postgres ? sql.raw('ilike') : sql.raw('like');
  /** A column as text, where PostgreSQL needs it so (SQLite converts by itself). */
  const asText = (attr: Attribute): RawBuilder<unknown> =>
    postgres && storage(attr.type) !== 'text' ? sql`${sql.ref(attr.column)}::text` : sql`${sql.ref(attr.column)}`;
  /** Two columns side by side: as they are when PostgreSQL can compare them, else both as text. */
  const pair = (a: Attribute, b: Attribute) =>
    !postgres || storage(a.type) === storage(b.type)
      ? [sql.ref(a.column), sql.ref(b.column)]
      : [sql`${sql.ref(a.column)}::text`, sql`${sql.ref(b.column)}::text`];

  const compile = (node: FilterNode): FilterExpression => {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const left = compile(node.left);
        const right = compile(node.right);
        return (eb) => eb[node.kind]([left(eb), right(eb)]);
      }
      case 'compare': {
        const attr = column(node.path);
        const ref = sql.ref(attr.column);
        if (node.value.kind === 'path') {
          const otherAttr = column(node.value);
          if (node.op === 'like') return () => sql<SqlBool>`${asText(attr)} ${like} ${asText(otherAttr)}`;
          const [left, right] = pair(attr, otherAttr);
          return (eb) => eb(left!, SQL_OPS[node.op as keyof typeof SQL_OPS], right!);
        }
        const literal = node.value;
        if (node.op === 'like') {
          const pattern = likePattern(literal, node.path.pointer);
          return () => sql<SqlBool>`${asText(attr)} ${like} ${pattern} escape '\\'`;
        }
        const value = columnValue(literal, node.path.pointer, attr, engine);
        if (value === null) {
          if (node.op === 'eq') return (eb) => eb(ref, 'is', null);
          if (node.op === 'neq') return (eb) => eb(ref, 'is not', null);
          badValue(literal, node.path.pointer, 'a value other than nil for this operator');
        }
        return (eb) => eb(ref, SQL_OPS[node.op as keyof typeof SQL_OPS], value);
      }
      case 'in':
      case 'nin': {
        const attr = column(node.path);
        const ref = sql.ref(attr.column);
        if (!Array.isArray(node.values)) {
          const [left, right] = pair(attr, column(node.values));
          return (eb) => eb(left!, node.kind === 'in' ? '=' : '!=', right!);
        }
        const values = node.values.map((v) => columnValue(v, node.path.pointer, attr, engine));
        if (values.length === 0) {
          const always = node.kind === 'nin';
          return () => sql<SqlBool>`${postgres ? sql.lit(always) : sql.lit(always ? 1 : 0)}`;
        }
        return (eb) => eb(ref, node.kind === 'in' ? 'in' : 'not in', values);
      }
      case 'between': {
        const attr = column(node.path);
        const ref = sql.ref(attr.column);
        const low = columnValue(node.low, node.path.pointer, attr, engine);
        const high = columnValue(node.high, node.path.pointer, attr, engine);
        if (low === null) badValue(node.low, node.path.pointer, 'a bound other than nil');
        if (high === null) badValue(node.high, node.path.pointer, 'a bound other than nil');
        return (eb) => eb.between(ref, low, high);
      }
    }
  };

  return compile(tree);
}

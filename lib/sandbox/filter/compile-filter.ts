/**
 * Compiles a parsed filter into a Kysely expression over a resource's indexed
 * columns. Values become bound parameters; only column names from the
 * resource's attribute table ever reach the SQL text.
 *
 * @example
 *   const where = compileFilter(parseFilter('/data/distance gte 0.5'), INTERACTION_ATTRIBUTES);
 *   db.selectFrom('interactions').where(where)   // ... where "distance" >= ?
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
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
function columnValue(ref: LiteralRef, pointer: string, attribute: Attribute): Literal {
  const { value } = ref;
  if (value === null) return null;
  switch (attribute.type) {
    case 'boolean':
      if (typeof value !== 'boolean') badValue(ref, pointer, 'true or false');
      return value ? 1 : 0;
    case 'number':
      if (typeof value !== 'number') badValue(ref, pointer, 'a number');
      return value;
    case 'timestamp': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) badValue(ref, pointer, 'an ISO 8601 date or date-time string');
      return new Date(value).toISOString();
    }
    default:
      if (typeof value !== 'string') badValue(ref, pointer, 'a string');
      return value;
  }
}

function likePattern(ref: LiteralRef, pointer: string): string {
  if (typeof ref.value !== 'string') badValue(ref, pointer, 'a string pattern with * wildcards');
  return ref.value.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

export function compileFilter(tree: FilterNode, attributes: AttributeTable): FilterExpression {
  const column = (ref: PathRef) => resolveAttribute(attributes, ref.pointer, ref.position);

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
          const other = sql.ref(column(node.value).column);
          if (node.op === 'like') return () => sql<SqlBool>`${ref} like ${other}`;
          return (eb) => eb(ref, SQL_OPS[node.op as keyof typeof SQL_OPS], other);
        }
        const literal = node.value;
        if (node.op === 'like') {
          const pattern = likePattern(literal, node.path.pointer);
          return () => sql<SqlBool>`${ref} like ${pattern} escape '\\'`;
        }
        const value = columnValue(literal, node.path.pointer, attr);
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
          const other = sql.ref(column(node.values).column);
          return (eb) => eb(ref, node.kind === 'in' ? '=' : '!=', other);
        }
        const values = node.values.map((v) => columnValue(v, node.path.pointer, attr));
        if (values.length === 0) return () => sql<SqlBool>`${sql.lit(node.kind === 'nin' ? 1 : 0)}`;
        return (eb) => eb(ref, node.kind === 'in' ? 'in' : 'not in', values);
      }
      case 'between': {
        const attr = column(node.path);
        const ref = sql.ref(attr.column);
        const low = columnValue(node.low, node.path.pointer, attr);
        const high = columnValue(node.high, node.path.pointer, attr);
        if (low === null) badValue(node.low, node.path.pointer, 'a bound other than nil');
        if (high === null) badValue(node.high, node.path.pointer, 'a bound other than nil');
        return (eb) => eb.between(ref, low, high);
      }
    }
  };

  return compile(tree);
}

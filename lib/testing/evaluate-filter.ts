/**
 * Evaluates a Polis filter against plain objects, for fakes of the Polis API
 * in unit tests: the sandbox's parser reads the expression, this walks the
 * tree. Timestamps compare as ISO strings, which holds for the UTC form the
 * dashboard sends and Polis returns.
 *
 * @example
 *   const rows = interactions.filter(matchesFilter('/data/successful eq true'));
 */
import { parseFilter, type FilterNode, type Literal } from '@/lib/sandbox/filter/parse-filter';

function at(object: unknown, pointer: string): unknown {
  let value = object;
  for (const key of pointer.replace(/^\//, '').split('/'))
    value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[key];
  return value;
}

const same = (a: unknown, b: Literal) => (b === null ? a === null || a === undefined : a === b);

function likePattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'i',
  );
}

function evaluate(node: FilterNode, object: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, object) && evaluate(node.right, object);
    case 'or':
      return evaluate(node.left, object) || evaluate(node.right, object);
    case 'in':
    case 'nin': {
      if (!Array.isArray(node.values)) throw new Error('in with a path is not evaluated here');
      const found = node.values.some((literal) => same(at(object, node.path.pointer), literal.value));
      return node.kind === 'in' ? found : !found;
    }
    case 'between': {
      const value = at(object, node.path.pointer) as string | number;
      return value >= (node.low.value as string | number) && value <= (node.high.value as string | number);
    }
    case 'compare': {
      if (node.value.kind === 'path') throw new Error('comparing two paths is not evaluated here');
      const value = at(object, node.path.pointer);
      const other = node.value.value;
      if (node.op === 'eq') return same(value, other);
      if (node.op === 'neq') return !same(value, other);
      if (node.op === 'like') return typeof value === 'string' && likePattern(String(other)).test(value);
      if (value === undefined || value === null || other === null) return false;
      const [a, b] = [value as string | number, other as string | number];
      return node.op === 'gt' ? a > b : node.op === 'gte' ? a >= b : node.op === 'lt' ? a < b : a <= b;
    }
  }
}

/** A predicate for `Array.prototype.filter`; an empty expression matches everything. */
export function matchesFilter(expression: string | undefined): (object: unknown) => boolean {
  if (!expression) return () => true;
  const tree = parseFilter(expression);
  return (object) => evaluate(tree, object);
}

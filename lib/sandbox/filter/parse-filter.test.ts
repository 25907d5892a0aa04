import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilter } from './parse-filter';

const path = (pointer: string, position: number) => ({ kind: 'path', pointer, position });
const lit = (value: unknown, position: number) => ({ kind: 'literal', value, position });

describe('parseFilter', () => {
  it('parses the contract example with and binding tighter than or', () => {
    const tree = parseFilter('(/data/successful eq true and /data/distance gte 0.5) or /data/unavailableReason like "Not*"');
    expect(tree).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'compare', op: 'eq', path: path('/data/successful', 1), value: lit(true, 21) },
        right: { kind: 'compare', op: 'gte', path: path('/data/distance', 30), value: lit(0.5, 49) },
      },
      right: { kind: 'compare', op: 'like', path: path('/data/unavailableReason', 57), value: lit('Not*', 86) },
    });
  });

  it('binds and tighter than or without parentheses', () => {
    const tree = parseFilter('a eq 1 or b eq 2 and c eq 3');
    expect(tree.kind).toBe('or');
    expect(tree.kind === 'or' && tree.right.kind).toBe('and');
  });

  it('accepts every comparison, literal and the path without a leading slash', () => {
    for (const op of ['eq', 'neq', 'gt', 'gte', 'lt', 'lte']) {
      expect(parseFilter(`data/distance ${op} -1.5e2`)).toMatchObject({ kind: 'compare', op, path: { pointer: '/data/distance' }, value: { value: -150 } });
    }
    expect(parseFilter('/data/walklistId eq nil')).toMatchObject({ value: { value: null } });
    expect(parseFilter('/data/unavailable neq false')).toMatchObject({ value: { value: false } });
    expect(parseFilter('/data/unavailableReason eq "say \\"hi\\""')).toMatchObject({ value: { value: 'say "hi"' } });
  });

  it('parses in and nin with arrays or a path, and between', () => {
    expect(parseFilter('/data/listId in [42,"a", true]')).toMatchObject({ kind: 'in', values: [{ value: 42 }, { value: 'a' }, { value: true }] });
    expect(parseFilter('/data/listId nin []')).toMatchObject({ kind: 'nin', values: [] });
    expect(parseFilter('/data/listId in /data/contactId')).toMatchObject({ kind: 'in', values: { kind: 'path', pointer: '/data/contactId' } });
    expect(parseFilter('/data/timestamp between "2026-09-01","2026-09-30"')).toMatchObject({
      kind: 'between',
      low: { value: '2026-09-01' },
      high: { value: '2026-09-30' },
    });
    expect(parseFilter('/data/distance gt /data/location/confidence')).toMatchObject({ value: { kind: 'path', pointer: '/data/location/confidence' } });
  });

  it('treats keywords case-insensitively', () => {
    expect(parseFilter('/a EQ 1 AND /b Eq 2')).toMatchObject({ kind: 'and' });
  });

  const errors: [string, number, RegExp][] = [
    ['', 0, /expected a filter expression/],
    ['/data/distance', 14, /end of filter.*expected an operator/],
    ['/data/distance gte', 18, /expected a value/],
    ['/data/distance is 4', 15, /"is" at position 15/],
    ['(/a eq 1', 8, /expected "\)"/],
    ['/a eq 1 /b eq 2', 8, /expected "and", "or"/],
    ['/a eq "open', 6, /unterminated string/],
    ['/a in [1 2]', 9, /expected "," or "\]"/],
    ['/a between 1 2', 13, /"," between the two bounds/],
    ['/a eq 1 & /b eq 2', 8, /unexpected character "&"/],
    ['eq eq 1', 0, /expected an attribute path/],
    ['/a in 5', 6, /array/],
  ];
  it.each(errors)('reports the position of the error in %j', (source, position, message) => {
    let error: unknown;
    try {
      parseFilter(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FilterSyntaxError);
    expect((error as FilterSyntaxError).position).toBe(position);
    expect((error as FilterSyntaxError).message).toMatch(message);
  });
});

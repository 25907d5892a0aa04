import { describe, expect, it } from 'vitest';
import { parseFilter } from '@/lib/sandbox/filter/parse-filter';
import { and, eq, gte, inBatches, isIn, like, literal, or } from './filter';

describe('the Polis filter builder', () => {
  it('quotes every string one way, so a quote or backslash in a value cannot end the literal', () => {
    const tricky = 'O"Brien \\ "or /id neq "x';
    const expression = eq('/data/profile/name/last', tricky);
    // The sandbox's own parser reads back exactly the value that went in.
    expect(parseFilter(expression)).toMatchObject({ kind: 'compare', op: 'eq', value: { value: tricky } });
  });

  it('writes null as nil, booleans and numbers bare, and refuses what the language cannot say', () => {
    expect([literal(null), literal(true), literal(0.5), literal('a')]).toEqual(['nil', 'true', '0.5', '"a"']);
    expect(() => gte('/data/distance', Number.NaN)).toThrow(/NaN/);
  });

  it('leaves out absent parts and groups an or, which binds looser than and', () => {
    const expression = and(eq('/data/campaignId', 'c'), undefined, false, or(eq('/data/successful', false), eq('/data/successful', null)));
    expect(expression).toBe('/data/campaignId eq "c" and (/data/successful eq false or /data/successful eq nil)');
    const tree = parseFilter(expression);
    expect(tree).toMatchObject({ kind: 'and', right: { kind: 'or' } });
    expect(or(eq('/id', 'a'))).toBe('/id eq "a"');
    expect(and()).toBe('');
  });

  it('keeps wildcards in a like pattern and quotes the rest', () => {
    expect(like('/data/profile/address/formatted', '*Main "St*')).toBe('/data/profile/address/formatted like "*Main \\"St*"');
  });

  it('splits a long in-list into requests of at most the batch size, losing no value', () => {
    const ids = Array.from({ length: 301 }, (_, i) => `id-${i}`);
    const batches = inBatches('/id', ids, 150);
    expect(batches).toHaveLength(3);
    const values = batches.flatMap((filter) => {
      const tree = parseFilter(filter);
      if (tree.kind !== 'in' || !Array.isArray(tree.values)) throw new Error(`not an in-list: ${filter}`);
      return tree.values.map((v) => v.value);
    });
    expect(values).toEqual(ids);
    expect(inBatches('/id', [])).toEqual([]);
    expect(isIn('/data/listId', ['a', 'b'])).toBe('/data/listId in ["a","b"]');
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { idRanges, rangeFilter } from './walk';

describe('id ranges of a walk', () => {
  it('split the ids into about 8 pages a range, up to 128 ranges, one range for a small campaign', () => {
    expect(idRanges(5000)).toEqual([{}]);
    expect(idRanges(600_000)).toHaveLength(75);
    expect(idRanges(10_000_000)).toHaveLength(128);
  });

  it('hold every id in exactly one range, whatever its form', () => {
    const ranges = idRanges(600_000);
    const ids = [
      ...Array.from({ length: 2000 }, () => randomUUID()),
      '00000000-0000-0000-0000-000000000000',
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ranges[7]!.from!,
      'not-a-uuid',
      'FFFFFFFF-0000-4000-8000-000000000000',
    ];
    for (const id of ids)
      expect(
        ranges.filter((r) => (r.from === undefined || id >= r.from) && (r.to === undefined || id < r.to)),
        id,
      ).toHaveLength(1);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from).toBe(ranges[i - 1]!.to);
  });

  it('are read with the filter language, after the last id once the walk has begun', () => {
    const [, range] = idRanges(600_000);
    expect(rangeFilter('c', range!)).toBe(`/data/campaignId eq "c" and /id gte "${range!.from}" and /id lt "${range!.to}"`);
    // The last id read is in the range: it is the only lower bound from then on.
    expect(rangeFilter('c', range!, 'x')).toBe(`/data/campaignId eq "c" and /id gt "x" and /id lt "${range!.to}"`);
    expect(rangeFilter('c', {})).toBe('/data/campaignId eq "c"');
  });
});

import { describe, expect, it } from 'vitest';
import { AFTERNOON, context, visit } from '../fixtures';
import { duplicate } from './duplicate';

const twice = (seconds: number, times = 2) => {
  const visits = Array.from({ length: times }, (_, i) => visit({ household: 'same', time: AFTERNOON + i * seconds }));
  return duplicate({ canvasser: 'c1', visits }, context());
};

describe('duplicate', () => {
  it('scores the same contact again within 10 min: 599 s and 600 s yes, 601 s no', () => {
    expect(twice(599)[0]!.points).toBe(1);
    expect(twice(600)[0]!.points).toBe(1);
    expect(twice(601)).toEqual([]);
  });
  it('scores only the repeat, never the first visit', () => {
    const [finding] = twice(60);
    expect(finding!.perVisit!.size).toBe(1);
  });
});

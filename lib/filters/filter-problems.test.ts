import { describe, expect, it } from 'vitest';
import { filterProblems, parseFilters } from './filters';

describe('filters from a URL', () => {
  it('reads the distance and accuracy boxes in the units they were typed in', () => {
    expect(parseFilters(new URLSearchParams('minDistance=1320&distanceUnit=ft')).minDistance).toBeCloseTo(0.25, 6);
    expect(parseFilters(new URLSearchParams('minDistance=1609.344&distanceUnit=m')).minDistance).toBeCloseTo(1, 6);
    expect(parseFilters(new URLSearchParams('minConfidence=100&accuracyUnit=ft')).minConfidence).toBeCloseTo(30.48, 6);
    // A bare value in an old link is in Polis's own units.
    expect(parseFilters(new URLSearchParams('minDistance=0.5&minConfidence=40'))).toEqual({ minDistance: 0.5, minConfidence: 40 });
  });

  it('points out a value it leaves out, naming the filter', () => {
    const problems = filterProblems(new URLSearchParams('outcome=maybe&from=2026-13-45&list=dorchester'));
    expect(problems).toEqual([
      'From “2026-13-45” is not a value it can take, so it was left out.',
      'Outcome “maybe” is not a value it can take, so it was left out.',
      'List “dorchester” is not a value it can take, so it was left out.',
    ]);
  });

  it('points out a From after the To', () => {
    expect(filterProblems(new URLSearchParams('from=2026-11-02&to=2026-11-01'))).toEqual([
      'From is after To, so no interaction can match. Swap the dates or change one of them.',
    ]);
    expect(filterProblems(new URLSearchParams('from=2026-11-01&to=2026-11-01'))).toEqual([]);
  });
});

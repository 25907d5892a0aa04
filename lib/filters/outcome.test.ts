import { describe, expect, it } from 'vitest';
import { matchesFilter } from '@/lib/testing/evaluate-filter';
import { outcomeFilter, outcomeOf, OUTCOMES } from './outcome';

// Every combination Polis can record, including both flags set (the schema does not forbid it).
const RECORDED = [true, false, undefined].flatMap((successful) => [true, false].map((unavailable) => ({ successful, unavailable })));

describe('the outcome of a visit', () => {
  it('counts a successful visit as successful even when it is also marked not available', () => {
    expect(outcomeOf({ successful: true, unavailable: true })).toBe('successful');
    expect(outcomeOf({ unavailable: true })).toBe('unavailable');
    expect(outcomeOf({ successful: false, unavailable: false })).toBe('contacted');
    expect(outcomeOf({ unavailable: false })).toBe('contacted');
  });

  it('selects through the Polis filter exactly the interactions whose outcome it is', () => {
    for (const outcome of OUTCOMES) {
      const matches = matchesFilter(outcomeFilter(outcome));
      for (const data of RECORDED) expect(matches({ data }), `${outcome} for ${JSON.stringify(data)}`).toBe(outcomeOf(data) === outcome);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { context, visit } from '../fixtures';
import { outsideHours } from './outside-hours';

/** A visit at the given Boston wall-clock time on 3 October 2026 (UTC−4). */
const at = (hh: number, mm: number, timeZone = 'America/New_York') => {
  const v = visit({ time: Date.UTC(2026, 9, 3, hh + 4, mm) / 1000 });
  return outsideHours({ canvasser: 'c1', visits: [v] }, context({ timeZone })).length;
};

describe('outside-hours', () => {
  it('scores before 09:00 local: 08:59 yes, 09:00 and 09:01 no', () => {
    expect(at(8, 59)).toBe(1);
    expect(at(9, 0)).toBe(0);
    expect(at(9, 1)).toBe(0);
  });
  it('scores after 21:00 local: 20:59 and 21:00 no, 21:01 yes', () => {
    expect(at(20, 59)).toBe(0);
    expect(at(21, 0)).toBe(0);
    expect(at(21, 1)).toBe(1);
  });
  it('reads the campaign zone, not UTC: 23:00 in Boston is 03:00 UTC', () => {
    expect(at(23, 0)).toBe(1);
    // The same instant is 21:00 in Denver (UTC−6): inside hours.
    expect(at(23, 0, 'America/Denver')).toBe(0);
  });
  it('says when, in local time', () => {
    const v = visit({ time: Date.UTC(2026, 9, 4, 3, 0) / 1000 });
    expect(outsideHours({ canvasser: 'c1', visits: [v] }, context())[0]!.sentence).toBe('1 of 1 doors before 09:00 or after 21:00 local time (at 23:00)');
  });
});

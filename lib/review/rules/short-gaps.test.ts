import { describe, expect, it } from 'vitest';
import { context, walk } from '../fixtures';
import { shortGaps } from './short-gaps';

const perVisit = (gap: number) => shortGaps(walk(2, { gap }), context()).find((f) => f.level === 'interaction')?.perVisit?.size ?? 0;
const sprint = (doors: number, gap: number) => shortGaps(walk(doors, { gap }), context()).some((f) => f.level === 'shift' && f.points === 3);

describe('short-gaps', () => {
  it('scores a gap under 30 s between different households: 29 s yes, 30 s and 31 s no', () => {
    expect(perVisit(29)).toBe(1);
    expect(perVisit(30)).toBe(0);
    expect(perVisit(31)).toBe(0);
  });
  it('scores the shift when 20 or more doors have a median gap under 60 s', () => {
    expect(sprint(20, 59)).toBe(true);
    expect(sprint(20, 60)).toBe(false);
    expect(sprint(19, 59)).toBe(false);
    expect(sprint(21, 59)).toBe(true);
    expect(sprint(20, 61)).toBe(false);
  });
  it('does not count a revisit of the same household as a gap', () => {
    const shift = walk(2, { gap: 5 });
    shift.visits[1] = { ...shift.visits[1]!, household: shift.visits[0]!.household };
    expect(shortGaps(shift, context())).toEqual([]);
  });
  it('exempts flats of one building, by street address or by position', () => {
    const byAddress = walk(2, { gap: 5, make: () => ({ building: '12 elm st' }) });
    expect(shortGaps(byAddress, context())).toEqual([]);
    const byPosition = walk(2, { gap: 5, spacing: 0 });
    expect(shortGaps(byPosition, context())).toEqual([]);
    const sprintInATower = walk(25, { gap: 20, make: () => ({ building: '1 tower pl' }) });
    expect(shortGaps(sprintInATower, context())).toEqual([]);
  });
  it('says how many doors were too close together', () => {
    expect(shortGaps(walk(3, { gap: 10 }), context())[0]!.sentence).toBe('2 of 3 doors under 30 s apart');
  });
});

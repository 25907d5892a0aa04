import { describe, expect, it } from 'vitest';
import { AFTERNOON, visit } from './fixtures';
import { splitShifts } from './shifts';

describe('splitShifts', () => {
  it('splits one canvasser where visits are more than 30 minutes apart, not at exactly 30', () => {
    const times = [0, 600, 600 + 1800, 600 + 1800 + 1801, 600 + 1800 + 1801 + 60];
    const shifts = splitShifts(
      times.map((t) => visit({ time: AFTERNOON + t })),
      30,
    );
    expect(shifts.map((s) => s.visits.length)).toEqual([3, 2]);
  });
  it('keeps canvassers apart and orders each shift by time', () => {
    const late = visit({ canvasser: 'a', time: AFTERNOON + 100 });
    const early = visit({ canvasser: 'a', time: AFTERNOON });
    const other = visit({ canvasser: 'b', time: AFTERNOON + 50 });
    const shifts = splitShifts([late, other, early], 30);
    expect(shifts.map((s) => [s.canvasser, s.visits.map((v) => v.id)])).toEqual([
      ['a', [early.id, late.id]],
      ['b', [other.id]],
    ]);
  });
  it('follows the gap setting', () => {
    const visits = [0, 900].map((t) => visit({ time: AFTERNOON + t }));
    expect(splitShifts(visits, 10)).toHaveLength(2);
    expect(splitShifts(visits, 15)).toHaveLength(1);
  });
});

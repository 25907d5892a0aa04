import { describe, expect, it } from 'vitest';
import { canvasserFigures, hourByWeekday, perDay, progressBy, shiftsOf, type Attempt } from './figures';

const NY = 'America/New_York';
const at = (local: string) => Date.parse(local) / 1000;
let n = 0;
const attempt = (canvasser: string, household: string, local: string, successful: boolean, complete = successful): Attempt => ({
  id: `i-${++n}`,
  canvasser,
  household,
  time: at(local),
  successful,
  complete,
});

// Monday 5 October 2026 in Boston (EDT, UTC−4).
const A = [
  attempt('a', 'h1', '2026-10-05T14:00:00-04:00', false),
  attempt('a', 'h1', '2026-10-05T14:10:00-04:00', true),
  attempt('a', 'h2', '2026-10-05T14:20:00-04:00', true, false),
  // 70 minutes later: a second shift.
  attempt('a', 'h3', '2026-10-05T15:30:00-04:00', false),
  attempt('a', 'h4', '2026-10-05T15:50:00-04:00', true),
];
const B = [attempt('b', 'h4', '2026-10-05T16:00:00-04:00', true)];

describe('canvasserFigures', () => {
  it('computes each canvasser’s attempts, doors, contacts, rates, active hours and shifts as counted by hand', () => {
    const { rows } = canvasserFigures([...B, ...A], { openFlags: new Map([['a', 2]]) });
    expect(rows.map((r) => r.canvasser)).toEqual(['a', 'b']);
    const [a, b] = rows;
    // a: 5 visits, households h1–h4, 3 successful; shifts 14:00–14:20 and 15:30–15:50 = 40 minutes.
    expect(a).toMatchObject({
      attempts: 5,
      doors: 4,
      contacts: 3,
      shifts: 2,
      openFlags: 2,
      firstSeen: at('2026-10-05T14:00:00-04:00'),
      lastSeen: at('2026-10-05T15:50:00-04:00'),
    });
    expect(a!.contactRate).toBeCloseTo(3 / 5);
    expect(a!.activeHours).toBeCloseTo(40 / 60);
    expect(a!.doorsPerHour).toBeCloseTo(4 / (40 / 60)); // 6 doors an hour
    expect(a!.surveyCompletion).toBeCloseTo(2 / 3);
    // b: one visit, a shift of no length: no hourly rate rather than an infinite one.
    expect(b).toMatchObject({
      attempts: 1,
      doors: 1,
      contacts: 1,
      contactRate: 1,
      activeHours: 0,
      doorsPerHour: null,
      surveyCompletion: 1,
      shifts: 1,
      openFlags: 0,
    });
  });

  it('totals count a door once across canvassers and sum everyone’s hours, shifts and flags', () => {
    const { totals } = canvasserFigures([...A, ...B], {
      openFlags: new Map([
        ['a', 2],
        ['b', 1],
      ]),
    });
    expect(totals).toMatchObject({ attempts: 6, doors: 4, contacts: 4, shifts: 3, openFlags: 3 });
    expect(totals.contactRate).toBeCloseTo(4 / 6);
    expect(totals.doorsPerHour).toBeCloseTo(4 / (40 / 60));
    expect(totals.surveyCompletion).toBeCloseTo(3 / 4);
  });

  it('says nothing rather than zero or infinity when there is nothing to divide by', () => {
    expect(canvasserFigures([attempt('c', 'h9', '2026-10-05T10:00:00-04:00', false)]).rows[0]).toMatchObject({
      contactRate: 0,
      surveyCompletion: null,
      doorsPerHour: null,
    });
    expect(canvasserFigures([]).totals).toMatchObject({ attempts: 0, contactRate: null, firstSeen: null, lastSeen: null });
  });

  it('lists a canvasser’s shifts latest first', () => {
    expect(shiftsOf([...A, ...B], 'a').map((shift) => shift.map((v) => v.household))).toEqual([
      ['h3', 'h4'],
      ['h1', 'h1', 'h2'],
    ]);
  });
});

describe('perDay', () => {
  it('groups by the campaign’s day, fills quiet days with zeros, and puts a late evening on its local day', () => {
    // 23:30 on Wednesday in Boston is already Thursday in UTC.
    const late = attempt('b', 'h5', '2026-10-07T23:30:00-04:00', true);
    expect(perDay([...A, ...B, late], NY)).toEqual([
      { day: '2026-10-05', attempts: 6, contacts: 4 },
      { day: '2026-10-06', attempts: 0, contacts: 0 },
      { day: '2026-10-07', attempts: 1, contacts: 1 },
    ]);
  });
});

describe('hourByWeekday', () => {
  it('puts each attempt in its local weekday and hour, with the contact rate of the cell', () => {
    const late = attempt('b', 'h5', '2026-10-07T23:30:00-04:00', false);
    const grid = hourByWeekday([...A, ...B, late], NY);
    // Monday (row 0): 14h has 3 visits, 2 successful; 15h has 2, 1 successful; 16h has 1, 1 successful.
    expect(grid[0]![14]).toEqual({ attempts: 3, contacts: 2, contactRate: 2 / 3 });
    expect(grid[0]![15]).toEqual({ attempts: 2, contacts: 1, contactRate: 0.5 });
    expect(grid[0]![16]).toEqual({ attempts: 1, contacts: 1, contactRate: 1 });
    // Wednesday (row 2) at 23h, not Thursday at 3h UTC.
    expect(grid[2]![23]).toEqual({ attempts: 1, contacts: 0, contactRate: 0 });
    expect(grid[3]![3]).toEqual({ attempts: 0, contacts: 0, contactRate: null });
    expect(grid.flat().reduce((sum, cell) => sum + cell.attempts, 0)).toBe(7);
  });
});

describe('progressBy', () => {
  it('counts each household once per list, contacted when any of its visits succeeded', () => {
    const inList = (group: string | null) => (a: Attempt) => ({ ...a, group });
    // List L: h1 (miss, then success), h2 (success), h3 (unavailable); list M: h4 twice; one visit without a list.
    const attempts = [...A.slice(0, 4).map(inList('L')), A[4]!, ...B].map((a) =>
      a.household === 'h4' ? { ...a, group: 'M' } : 'group' in a ? a : { ...a, group: null },
    );
    expect(progressBy(attempts as (Attempt & { group: string | null })[])).toEqual([
      { key: 'L', attempted: 3, contacted: 2 },
      { key: 'M', attempted: 1, contacted: 1 },
    ]);
  });
});

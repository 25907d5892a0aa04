import { describe, expect, it } from 'vitest';
import { filterShifts, parseQueueFilters } from './queue-filters';

const C1 = '11111111-1111-4111-8111-111111111111';
const L1 = '22222222-2222-4222-8222-222222222222';
// 23:30 on 3 October in Boston is 4 October in UTC.
const lateOct3 = Date.UTC(2026, 9, 4, 3, 30) / 1000;
const shifts = [
  { canvasser: C1, lists: [L1], start: lateOct3, status: 'open' as const, score: 7 },
  { canvasser: 'other', lists: [], start: lateOct3, status: 'looks-fine' as const, score: 3 },
];

describe('queue filters', () => {
  it('shows open shifts unless a status is chosen', () => {
    expect(filterShifts(shifts, {}, 'America/New_York')).toEqual([shifts[0]]);
    expect(filterShifts(shifts, { status: 'looks-fine' }, 'America/New_York')).toEqual([shifts[1]]);
    expect(filterShifts(shifts, { status: 'all' }, 'America/New_York')).toHaveLength(2);
  });
  it('filters dates by the campaign-local day of the shift start', () => {
    expect(filterShifts(shifts, { from: '2026-10-03', to: '2026-10-03' }, 'America/New_York')).toEqual([shifts[0]]);
    expect(filterShifts(shifts, { from: '2026-10-04' }, 'America/New_York')).toEqual([]);
  });
  it('filters by canvasser, list and minimum score', () => {
    expect(filterShifts(shifts, { canvasser: C1, list: L1, minScore: 7, status: 'all' }, 'America/New_York')).toEqual([shifts[0]]);
    expect(filterShifts(shifts, { minScore: 8 }, 'America/New_York')).toEqual([]);
  });
  it('drops values that do not parse', () => {
    expect(parseQueueFilters({ minScore: '11', status: 'maybe', canvasser: 'x', from: '2026-10-03' })).toEqual({ from: '2026-10-03' });
  });
});

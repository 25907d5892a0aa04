import { describe, expect, it } from 'vitest';
import { resolveWallTime } from './wall-time';

const NY = 'America/New_York';

describe('resolveWallTime', () => {
  it('reads an ordinary evening in EST', () => {
    expect(resolveWallTime(NY, '2026-11-19', '20:30')).toEqual({ kind: 'exact', instant: new Date('2026-11-20T01:30:00Z') });
  });

  it('reads a summer evening in EDT, seconds included', () => {
    expect(resolveWallTime(NY, '2026-10-31', '20:30:15')).toEqual({ kind: 'exact', instant: new Date('2026-11-01T00:30:15Z') });
  });

  it('refuses 2:30 am on 8 March 2026, which New York skips', () => {
    expect(resolveWallTime(NY, '2026-03-08', '02:30')).toEqual({ kind: 'nonexistent' });
    expect(resolveWallTime(NY, '2026-03-08', '02:00')).toEqual({ kind: 'nonexistent' });
  });

  it('takes the minutes either side of the spring gap exactly', () => {
    expect(resolveWallTime(NY, '2026-03-08', '01:59')).toEqual({ kind: 'exact', instant: new Date('2026-03-08T06:59:00Z') });
    expect(resolveWallTime(NY, '2026-03-08', '03:00')).toEqual({ kind: 'exact', instant: new Date('2026-03-08T07:00:00Z') });
  });

  it('offers both readings of 1:30 am on 1 November 2026: EDT first, then EST', () => {
    expect(resolveWallTime(NY, '2026-11-01', '01:30')).toEqual({
      kind: 'ambiguous',
      earlier: new Date('2026-11-01T05:30:00Z'),
      later: new Date('2026-11-01T06:30:00Z'),
    });
  });

  it('takes the minutes either side of the repeated hour exactly', () => {
    expect(resolveWallTime(NY, '2026-11-01', '00:59')).toEqual({ kind: 'exact', instant: new Date('2026-11-01T04:59:00Z') });
    expect(resolveWallTime(NY, '2026-11-01', '02:00')).toEqual({ kind: 'exact', instant: new Date('2026-11-01T07:00:00Z') });
  });

  it('follows the zone it is given, whatever the process runs in', () => {
    expect(resolveWallTime('America/Denver', '2026-11-19', '18:30')).toEqual({ kind: 'exact', instant: new Date('2026-11-20T01:30:00Z') });
    expect(resolveWallTime('Asia/Tokyo', '2026-11-20', '10:30')).toEqual({ kind: 'exact', instant: new Date('2026-11-20T01:30:00Z') });
  });

  it('handles a half-hour change (Lord Howe Island)', () => {
    // Lord Howe goes from +10:30 to +11:00 at 2:00 am on 4 October 2026.
    expect(resolveWallTime('Australia/Lord_Howe', '2026-10-04', '02:15')).toEqual({ kind: 'nonexistent' });
  });

  it('rejects text that is not a date and time', () => {
    expect(() => resolveWallTime(NY, '19/11/2026', '20:30')).toThrow(RangeError);
  });
});

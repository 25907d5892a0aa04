import { describe, expect, it } from 'vitest';
import { localDayOf, localDayRange, matchingQuickRange, quickRange, shiftDay } from './days';

const NY = 'America/New_York';
const iso = (date: Date | undefined) => date?.toISOString();

describe('localDayRange', () => {
  it('spans a New York day from local midnight to the next, in EST', () => {
    const { start, end } = localDayRange(NY, '2026-11-19', '2026-11-19');
    expect(iso(start)).toBe('2026-11-19T05:00:00.000Z');
    expect(iso(end)).toBe('2026-11-20T05:00:00.000Z');
  });

  it('gives the spring-forward day 23 hours', () => {
    const { start, end } = localDayRange(NY, '2026-03-08', '2026-03-08');
    expect(iso(start)).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(end)).toBe('2026-03-09T04:00:00.000Z');
    expect((end!.getTime() - start!.getTime()) / 3_600_000).toBe(23);
  });

  it('gives the fall-back day 25 hours', () => {
    const { start, end } = localDayRange(NY, '2026-11-01', '2026-11-01');
    expect(iso(start)).toBe('2026-11-01T04:00:00.000Z');
    expect(iso(end)).toBe('2026-11-02T05:00:00.000Z');
    expect((end!.getTime() - start!.getTime()) / 3_600_000).toBe(25);
  });

  it('includes the whole `to` day and leaves open sides open', () => {
    expect(localDayRange('America/Denver', '2026-10-31', undefined)).toEqual({ start: new Date('2026-10-31T06:00:00Z'), end: undefined });
    expect(localDayRange('America/Denver', undefined, '2026-10-31')).toEqual({ start: undefined, end: new Date('2026-11-01T06:00:00Z') });
  });

  it('starts a day whose midnight does not exist at the first minute that does', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on 6 September 2026.
    expect(iso(localDayRange('America/Santiago', '2026-09-06').start)).toBe('2026-09-06T04:00:00.000Z');
  });
});

describe('localDayOf', () => {
  it('files an evening visit in Boston under its own day, not the UTC one', () => {
    expect(localDayOf(NY, '2026-11-20T01:30:00Z')).toBe('2026-11-19');
    expect(localDayOf('Asia/Tokyo', '2026-11-20T01:30:00Z')).toBe('2026-11-20');
  });

  it('puts both 1:30 am readings of the fall-back night on 1 November', () => {
    expect(localDayOf(NY, '2026-11-01T05:30:00Z')).toBe('2026-11-01');
    expect(localDayOf(NY, '2026-11-01T06:30:00Z')).toBe('2026-11-01');
  });
});

describe('shiftDay', () => {
  it('moves calendar days across months and leap years', () => {
    expect(shiftDay('2026-02-28', 1)).toBe('2026-03-01');
    expect(shiftDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('quickRange', () => {
  // 8:30 pm on Thursday 19 November in New York is already Friday in UTC.
  const evening = new Date('2026-11-20T01:30:00Z');

  it('counts today and yesterday in the campaign zone, not in UTC', () => {
    expect(quickRange(NY, 'today', evening)).toEqual({ from: '2026-11-19', to: '2026-11-19' });
    expect(quickRange(NY, 'yesterday', evening)).toEqual({ from: '2026-11-18', to: '2026-11-18' });
    expect(quickRange('UTC', 'today', evening)).toEqual({ from: '2026-11-20', to: '2026-11-20' });
  });

  it('counts 7 and 30 days including today', () => {
    expect(quickRange(NY, 'last-7-days', evening)).toEqual({ from: '2026-11-13', to: '2026-11-19' });
    expect(quickRange(NY, 'last-30-days', evening)).toEqual({ from: '2026-10-21', to: '2026-11-19' });
  });

  it('starts this week on Monday', () => {
    expect(quickRange(NY, 'this-week', evening)).toEqual({ from: '2026-11-16', to: '2026-11-19' });
    // Sunday evening still belongs to the week that began the Monday before.
    expect(quickRange(NY, 'this-week', new Date('2026-11-23T01:00:00Z'))).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('leaves All open', () => {
    expect(quickRange(NY, 'all', evening)).toEqual({});
  });

  it('crosses the spring change: yesterday of 9 March is the 23-hour 8 March', () => {
    const morning = new Date('2026-03-09T13:00:00Z');
    const { from, to } = quickRange(NY, 'yesterday', morning);
    expect({ from, to }).toEqual({ from: '2026-03-08', to: '2026-03-08' });
    const { start, end } = localDayRange(NY, from, to);
    expect((end!.getTime() - start!.getTime()) / 3_600_000).toBe(23);
    expect(quickRange(NY, 'last-7-days', morning)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
  });

  it('crosses the fall change: an hour after midnight EST on 2 November is today, not 1 November', () => {
    const justAfter = new Date('2026-11-02T05:30:00Z'); // 00:30 EST on 2 November
    expect(quickRange(NY, 'today', justAfter)).toEqual({ from: '2026-11-02', to: '2026-11-02' });
    const justBefore = new Date('2026-11-02T04:30:00Z'); // 23:30 EST on 1 November, 24.5 h after its midnight
    expect(quickRange(NY, 'today', justBefore)).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(quickRange(NY, 'this-week', justBefore)).toEqual({ from: '2026-10-26', to: '2026-11-01' });
  });

  it('recognises the quick range a from/to pair is', () => {
    expect(matchingQuickRange(NY, '2026-11-13', '2026-11-19', evening)).toBe('last-7-days');
    expect(matchingQuickRange(NY, undefined, undefined, evening)).toBe('all');
    expect(matchingQuickRange(NY, '2026-11-12', '2026-11-19', evening)).toBeUndefined();
  });
});

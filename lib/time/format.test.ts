import { describe, expect, it } from 'vitest';
import { formatLocal, formatLocalIso, isTimeZone, localDateTimeFields, zoneAbbreviation, zoneLabel } from './format';
import { zoneOfPoints } from './zone-of-points';

describe('formatLocal', () => {
  it('shows a Boston evening with its weekday and abbreviation', () => {
    expect(formatLocal('2026-11-20T01:30:00Z', 'America/New_York')).toBe('Thu Nov 19, 8:30 PM EST');
    expect(formatLocal('2026-11-01T00:30:00Z', 'America/New_York')).toBe('Sat Oct 31, 8:30 PM EDT');
  });

  it('tells the two 1:30 am of the fall-back night apart', () => {
    expect(formatLocal('2026-11-01T05:30:00Z', 'America/New_York', 'time')).toBe('1:30 AM EDT');
    expect(formatLocal('2026-11-01T06:30:00Z', 'America/New_York', 'time')).toBe('1:30 AM EST');
  });

  it('shows the same instant on the Denver clock', () => {
    expect(formatLocal('2026-11-20T01:30:00Z', 'America/Denver', 'long')).toBe('Thu Nov 19, 2026, 6:30 PM MST');
  });
});

describe('formatLocalIso', () => {
  it('writes ISO 8601 with the offset of that instant', () => {
    expect(formatLocalIso('2026-11-01T00:30:00Z', 'America/New_York')).toBe('2026-10-31T20:30:00-04:00');
    expect(formatLocalIso('2026-11-20T01:30:00Z', 'America/New_York')).toBe('2026-11-19T20:30:00-05:00');
  });
});

describe('zone names', () => {
  it('labels the zone for the campaign header', () => {
    expect(zoneLabel('America/New_York')).toBe('Eastern Time (New York)');
    expect(zoneLabel('America/Denver')).toBe('Mountain Time (Denver)');
    expect(zoneAbbreviation('America/Denver', '2026-07-01T12:00:00Z')).toBe('MDT');
  });

  it('knows real zones from made-up ones', () => {
    expect(isTimeZone('America/Denver')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('gives form fields the local date and time', () => {
    expect(localDateTimeFields('2026-11-20T01:30:00Z', 'America/New_York')).toEqual({ date: '2026-11-19', time: '20:30' });
  });
});

describe('zoneOfPoints', () => {
  it('places the demo cities in their zones', () => {
    expect(
      zoneOfPoints([
        [42.3097, -71.1151],
        [42.3016, -71.0676],
      ]),
    ).toBe('America/New_York');
    expect(
      zoneOfPoints([
        [39.762, -105.011],
        [39.731, -104.979],
      ]),
    ).toBe('America/Denver');
  });

  it('goes with the majority when a point strays over a line', () => {
    expect(
      zoneOfPoints([
        [39.762, -105.011],
        [39.731, -104.979],
        [42.3097, -71.1151],
      ]),
    ).toBe('America/Denver');
    expect(zoneOfPoints([])).toBeUndefined();
  });
});

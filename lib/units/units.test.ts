import { describe, expect, it } from 'vitest';
import { defaultUnitSystem, DISTANCE_INPUT, formatMetres, formatMiles } from './units';

describe('distances in one unit system', () => {
  it('never writes a small distance as a fraction of a mile', () => {
    expect(formatMiles(0.002, 'imperial')).toBe('11 ft');
    expect(formatMiles(0.002, 'metric')).toBe('3 m');
  });

  it('switches to the large unit where people do', () => {
    expect(formatMiles(0.25, 'imperial')).toBe('0.25 mi');
    expect(formatMiles(0.0746, 'metric')).toBe('120 m');
    expect(formatMetres(1400, 'metric')).toBe('1.4 km');
    expect(formatMiles(12.34, 'imperial')).toBe('12.3 mi');
  });

  it('writes GPS accuracy in the same system as the distance', () => {
    expect(formatMetres(12, 'metric')).toBe('12 m');
    expect(formatMetres(12, 'imperial')).toBe('39 ft');
  });

  it('defaults by the campaign country, metric where it is unknown', () => {
    expect(defaultUnitSystem('United States of America')).toBe('imperial');
    expect(defaultUnitSystem('US')).toBe('imperial');
    expect(defaultUnitSystem('Germany')).toBe('metric');
    expect(defaultUnitSystem(undefined)).toBe('metric');
  });

  it('turns what is typed in the filter into the miles Polis filters on, and back', () => {
    expect(DISTANCE_INPUT.imperial.toMiles(1320)).toBe(0.25);
    expect(DISTANCE_INPUT.metric.fromMiles(DISTANCE_INPUT.metric.toMiles(400))).toBe(400);
  });
});

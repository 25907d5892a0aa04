import { describe, expect, it } from 'vitest';
import { offsetBy } from '../geo';
import { AFTERNOON, context, ORIGIN, visit } from '../fixtures';
import { oneSpot } from './one-spot';

/** `n` households `away` metres from the spot (spread around it), all recorded within `within` metres of it. */
function coffeeShop(n: number, options: { away?: number; within?: number; paper?: boolean; building?: (i: number) => string } = {}) {
  const { away = 400, within = 10 } = options;
  const visits = Array.from({ length: n }, (_, i) =>
    visit({
      time: AFTERNOON + i * 300,
      position: offsetBy(ORIGIN, within, i),
      home: offsetBy(ORIGIN, away, (2 * Math.PI * i) / n),
      building: options.building?.(i) ?? `${i} oak st`,
      paper: options.paper ?? false,
    }),
  );
  return oneSpot({ canvasser: 'c1', visits }, context());
}

describe('one-spot', () => {
  it('scores the shift when 8 households far away were recorded from one spot; 7 is not enough', () => {
    expect(coffeeShop(7)).toEqual([]);
    expect(coffeeShop(8)).toEqual([expect.objectContaining({ points: 3, sentence: '8 households more than 150 m away recorded within 30 m of one spot' })]);
    expect(coffeeShop(9)[0]!.points).toBe(3);
  });
  it('needs the households more than 150 m from the spot', () => {
    expect(coffeeShop(8, { away: 149, within: 0 })).toEqual([]);
    expect(coffeeShop(8, { away: 151, within: 0 })).toHaveLength(1);
  });
  it('needs the recordings within 30 m of the spot', () => {
    // Positions spread on a circle of radius `within`: any two are within 2×within of each other.
    expect(coffeeShop(8, { within: 16 })).toEqual([]);
    expect(coffeeShop(8, { within: 14 })).toHaveLength(1);
  });
  it('counts a building once, so a tower block is not a coffee shop', () => {
    expect(coffeeShop(12, { building: () => '1 tower pl' })).toEqual([]);
  });
  it('exempts paper entries', () => {
    expect(coffeeShop(12, { paper: true })).toEqual([]);
  });
});

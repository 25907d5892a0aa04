import { describe, expect, it } from 'vitest';
import { binomialUpperTail, chiSquareFit, chiSquarePValue } from './statistics';

describe('statistics', () => {
  it('binomial upper tail matches known values', () => {
    expect(binomialUpperTail(5, 10, 0.5)).toBeCloseTo(0.623046875, 9); // P(X ≥ 5), X ~ B(10, ½)
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(1 / 1024, 9);
    expect(binomialUpperTail(0, 10, 0.5)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
  });
  it('chi-square p values match the table: 3.841 on 1 df and 11.070 on 5 df are p = 0.05', () => {
    expect(chiSquarePValue(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(11.07, 5)).toBeCloseTo(0.05, 3);
    expect(chiSquarePValue(10.828, 1)).toBeCloseTo(0.001, 4);
    expect(chiSquarePValue(5, 0)).toBe(1);
  });
  it('fits observed counts to expected shares', () => {
    expect(
      chiSquareFit(
        new Map([
          ['a', 30],
          ['b', 10],
        ]),
        new Map([
          ['a', 0.5],
          ['b', 0.5],
        ]),
      ),
    ).toEqual({ statistic: 10, df: 1 });
    expect(
      chiSquareFit(
        new Map([
          ['a', 20],
          ['b', 20],
        ]),
        new Map([
          ['a', 0.5],
          ['b', 0.5],
        ]),
      ),
    ).toEqual({ statistic: 0, df: 1 });
  });
  it('counts a value the peers never gave against the fit', () => {
    const fit = chiSquareFit(new Map([['new', 10]]), new Map([['a', 1]]));
    expect(fit.df).toBe(1);
    expect(chiSquarePValue(fit.statistic, fit.df)).toBeLessThan(0.001);
  });
});

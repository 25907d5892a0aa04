import { describe, expect, it } from 'vitest';
import { context, visit } from '../fixtures';
import { farFromHousehold } from './far-from-household';

const pointsFor = (distance: number, accuracy: number | null = 10, paper = false) => {
  const v = visit({ distance, accuracy, paper });
  const findings = farFromHousehold({ canvasser: 'c1', visits: [v] }, context());
  return findings.find((f) => f.level === 'interaction')?.perVisit?.get(v.id) ?? 0;
};

describe('far-from-household', () => {
  it('scores distance beyond the accuracy: at 100 m nothing, one metre over 1 point', () => {
    expect(pointsFor(109, 10)).toBe(0);
    expect(pointsFor(110, 10)).toBe(0);
    expect(pointsFor(111, 10)).toBe(1);
  });
  it('2 points over 300 m and 3 over 1 km, each at its threshold and one step either side', () => {
    expect(pointsFor(309, 10)).toBe(1);
    expect(pointsFor(310, 10)).toBe(1);
    expect(pointsFor(311, 10)).toBe(2);
    expect(pointsFor(1009, 10)).toBe(2);
    expect(pointsFor(1010, 10)).toBe(2);
    expect(pointsFor(1011, 10)).toBe(3);
  });
  it('counts accuracy worse than 100 m as poor GPS, unscored', () => {
    expect(pointsFor(5000, 100)).toBe(3);
    expect(pointsFor(5000, 101)).toBe(0);
    const findings = farFromHousehold({ canvasser: 'c1', visits: [visit({ distance: 5000, accuracy: 101 })] }, context());
    expect(findings).toEqual([expect.objectContaining({ points: 0, sentence: '1 doors with poor GPS (accuracy worse than 100 m), not scored' })]);
  });
  it('exempts paper entries', () => {
    expect(pointsFor(5000, 10, true)).toBe(0);
  });
  it('says how many and how far', () => {
    const visits = [visit({ distance: 1500, accuracy: 0 }), visit({ distance: 5 })];
    expect(farFromHousehold({ canvasser: 'c1', visits }, context())[0]!.sentence).toBe(
      '1 of 2 doors recorded more than 100 m from the household beyond the GPS accuracy (farthest 1.5 km)',
    );
  });
});

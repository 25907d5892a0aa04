import { describe, expect, it } from 'vitest';
import { offsetBy } from '../geo';
import { AFTERNOON, context, ORIGIN, visit } from '../fixtures';
import { impossibleTravel } from './impossible-travel';

/** Two visits `metres` apart (beyond accuracy: accuracy 0), `seconds` apart. */
function leg(metres: number, seconds: number, paper = false) {
  const a = visit({ position: ORIGIN, accuracy: 0, time: AFTERNOON });
  const b = visit({ position: offsetBy(ORIGIN, metres, 0), accuracy: 0, time: AFTERNOON + seconds, paper });
  return impossibleTravel({ canvasser: 'c1', visits: [a, b] }, context());
}
const points = (findings: ReturnType<typeof leg>) => findings.reduce((sum, f) => sum + f.points, 0);

describe('impossible-travel', () => {
  it('scores 3 over 35 m/s: 3,510 m in 100 s yes; 3,500 m and 3,490 m no', () => {
    expect(points(leg(3510, 100))).toBe(3);
    expect(points(leg(3500, 100))).toBe(0);
    expect(points(leg(3490, 100))).toBe(0);
  });
  it('shows over 8 m/s as "driving?" without points', () => {
    const driving = leg(810, 100);
    expect(points(driving)).toBe(0);
    expect(driving[0]!.sentence).toContain('(driving?)');
    expect(leg(800, 100)).toEqual([]);
    expect(leg(790, 100)).toEqual([]);
  });
  it('reads movement within the GPS accuracy as standing still', () => {
    const a = visit({ position: ORIGIN, accuracy: 30, time: AFTERNOON });
    const b = visit({ position: offsetBy(ORIGIN, 55, 0), accuracy: 30, time: AFTERNOON + 1 });
    expect(impossibleTravel({ canvasser: 'c1', visits: [a, b] }, context())).toEqual([]);
  });
  it('blames a lone reading far off, not the honest door after it', () => {
    const a = visit({ position: ORIGIN, accuracy: 0, time: AFTERNOON });
    const spike = visit({ position: offsetBy(ORIGIN, 5000, 0), accuracy: 0, time: AFTERNOON + 120 });
    const c = visit({ position: offsetBy(ORIGIN, 40, 0), accuracy: 0, time: AFTERNOON + 240 });
    const [finding] = impossibleTravel({ canvasser: 'c1', visits: [a, spike, c] }, context());
    expect([...finding!.perVisit!.keys()]).toEqual([spike.id]);
  });
  it('exempts paper entries', () => {
    expect(leg(100_000, 10, true)).toEqual([]);
  });
});

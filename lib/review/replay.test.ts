import { describe, expect, it } from 'vitest';
import { offsetBy } from './geo';
import { AFTERNOON, ORIGIN, visit } from './fixtures';
import { DEFAULT_REVIEW_SETTINGS } from './model';
import { replayLegs } from './replay';

describe('replayLegs', () => {
  it('marks fast legs, driving legs and long pauses, and leaves a walk unmarked', () => {
    const at = (metres: number, seconds: number) => visit({ position: offsetBy(ORIGIN, metres, 0), accuracy: 0, time: AFTERNOON + seconds });
    const visits = [at(0, 0), at(50, 120), at(5050, 180), at(6050, 280), at(6100, 280 + 15 * 60)];
    const kinds = replayLegs({ canvasser: 'c1', visits }, DEFAULT_REVIEW_SETTINGS).map((leg) => [leg.kind, leg.label]);
    expect(kinds).toEqual([
      ['fast', '5.0 km in 60 s: faster than 35 m/s'],
      ['driving', '999 m in 2 min: driving?'],
      ['gap', '15 min between these doors'],
    ]);
  });
});

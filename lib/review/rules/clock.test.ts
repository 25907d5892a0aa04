import { describe, expect, it } from 'vitest';
import { AFTERNOON, context, visit } from '../fixtures';
import { clock } from './clock';

const skewed = (seconds: number, paper = false) =>
  clock({ canvasser: 'c1', visits: [visit({ time: AFTERNOON + seconds, received: AFTERNOON, paper })] }, context()).length;

describe('clock', () => {
  it('scores a timestamp over 5 min after Polis received it: 301 s yes, 300 s and 299 s no', () => {
    expect(skewed(301)).toBe(1);
    expect(skewed(300)).toBe(0);
    expect(skewed(299)).toBe(0);
  });
  it('scores a timestamp over 48 h before it was received', () => {
    expect(skewed(-48 * 3600 - 1)).toBe(1);
    expect(skewed(-48 * 3600)).toBe(0);
    expect(skewed(-48 * 3600 + 1)).toBe(0);
  });
  it('exempts paper entries', () => {
    expect(skewed(-30 * 86400, true)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { context, peersWith, walk } from '../fixtures';
import { contactRate } from './contact-rate';

const run = (doors: number, successful: number, peerRate = 0.4) =>
  contactRate(
    walk(doors, { make: (i) => ({ successful: i < successful }) }),
    context({ peers: peersWith({ successByList: () => ({ doors: 10_000, successful: 10_000 * peerRate }) }) }),
  );

describe('contact-rate', () => {
  it('needs 30 doors: 29 at 100 % is not scored, 30 and 31 are', () => {
    expect(run(29, 29)).toEqual([]);
    expect(run(30, 30)[0]!.points).toBe(2);
    expect(run(31, 31)[0]!.points).toBe(2);
  });
  it('needs a rate over 60 %: 18 of 30 is not, 19 of 30 is (against peers at 20 %)', () => {
    expect(run(30, 18, 0.2)).toEqual([]);
    expect(run(30, 19, 0.2)).toHaveLength(1);
  });
  it('needs p < 0.01 against peers: the same 19 of 30 is ordinary where peers reach 55 %', () => {
    expect(run(30, 19, 0.55)).toEqual([]);
  });
  it('says the rates and the p value', () => {
    expect(run(30, 30, 0.4)[0]!.sentence).toBe('30 of 30 doors successful (100 %) where peers on the same lists reach 40 % (p = < 0.0001)');
  });
  it('does not judge a list nobody else knocked on', () => {
    const lonely = contactRate(
      walk(40, { make: () => ({ successful: true }) }),
      context({ peers: peersWith({ successByList: () => ({ doors: 0, successful: 0 }) }) }),
    );
    expect(lonely).toEqual([]);
  });
});

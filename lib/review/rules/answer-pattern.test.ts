import { describe, expect, it } from 'vitest';
import { context, peersWith, walk } from '../fixtures';
import { answerPattern } from './answer-pattern';

const peers = peersWith({
  answersByQuestion: () =>
    new Map([
      ['yes', 500],
      ['no', 500],
    ]),
});
const run = (answers: number, yes: number) => answerPattern(walk(answers, { make: (i) => ({ answers: { q1: i < yes ? 'yes' : 'no' } }) }), context({ peers }));

describe('answer-pattern', () => {
  it('needs 30 answers: 29 identical answers are not scored, 30 and 31 are', () => {
    expect(run(29, 29)).toEqual([]);
    expect(run(30, 30)).toEqual([expect.objectContaining({ points: 1 })]);
    expect(run(31, 31)).toHaveLength(1);
  });
  it('needs p < 0.001: 24 of 30 "yes" against peers at half is χ² 10.8 (p ≈ 0.001), 25 of 30 is beyond', () => {
    expect(run(30, 23)).toEqual([]);
    expect(run(30, 24)).toEqual([]);
    expect(run(30, 25)).toHaveLength(1);
  });
  it("does not flag answers like the peers'", () => {
    expect(run(40, 20)).toEqual([]);
  });
  it('says the statistic', () => {
    expect(run(30, 30)[0]!.sentence).toBe("30 answers to 1 questions unlike peers' (χ² = 30.0 on 1 degrees of freedom, p < 0.0001)");
  });
});

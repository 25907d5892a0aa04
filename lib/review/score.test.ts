import { describe, expect, it } from 'vitest';
import { context, walk } from './fixtures';
import type { Finding } from './model';
import { reasonsText, reviewShift, scoreFindings } from './score';

const visitFinding = (ids: string[], points: number): Finding => ({
  rule: 'far-from-household',
  level: 'interaction',
  points: ids.length * points,
  perVisit: new Map(ids.map((id) => [id, points])),
  visits: ids,
  sentence: 'far',
});
const shiftFinding = (points: number, rule: Finding['rule'] = 'one-spot'): Finding => ({
  rule,
  level: 'shift',
  points,
  visits: [],
  sentence: `${rule} worth ${points}`,
});

describe('queue entry and score', () => {
  it('queues a shift once its shift-level points reach 3', () => {
    const shift = walk(10);
    expect(scoreFindings(shift, [shiftFinding(2, 'contact-rate')]).queued).toBe(false);
    expect(scoreFindings(shift, [shiftFinding(3)]).queued).toBe(true);
    expect(scoreFindings(shift, [shiftFinding(2, 'contact-rate'), shiftFinding(1, 'answer-pattern')]).queued).toBe(true);
  });
  it('queues when 10 % of interactions, and at least 5, score 2 or more', () => {
    const shift = walk(50);
    const ids = shift.visits.map((v) => v.id);
    expect(scoreFindings(shift, [visitFinding(ids.slice(0, 4), 2)]).queued).toBe(false);
    expect(scoreFindings(shift, [visitFinding(ids.slice(0, 5), 2)]).queued).toBe(true);
    expect(scoreFindings(shift, [visitFinding(ids.slice(0, 5), 1)]).queued).toBe(false);
    const long = walk(60);
    const longIds = long.visits.map((v) => v.id);
    expect(scoreFindings(long, [visitFinding(longIds.slice(0, 5), 2)]).queued).toBe(false);
    expect(scoreFindings(long, [visitFinding(longIds.slice(0, 6), 2)]).queued).toBe(true);
  });
  it('bands the score from 0 to 10 and ranks reasons by weight', () => {
    const shift = walk(10);
    const ids = shift.visits.map((v) => v.id);
    const review = scoreFindings(shift, [shiftFinding(1, 'answer-pattern'), visitFinding(ids.slice(0, 5), 3), shiftFinding(3)]);
    expect(review.score).toBe(9); // 4 shift points + 10 × 5/10
    expect(review.reasons.map((r) => r.rule)).toEqual(['far-from-household', 'one-spot', 'answer-pattern']);
    expect(scoreFindings(shift, [shiftFinding(12), visitFinding(ids, 3)]).score).toBe(10);
    expect(scoreFindings(shift, []).score).toBe(0);
  });
  it('writes reasons as rule-id: sentence items', () => {
    expect(
      reasonsText([
        { rule: 'one-spot', weight: 3, sentence: 'a' },
        { rule: 'clock', weight: 1, sentence: 'b' },
      ]),
    ).toBe('one-spot: a; clock: b');
  });
  it('leaves an honest walk out of the queue', () => {
    const review = reviewShift(walk(40, { gap: 150 }), context());
    expect(review).toMatchObject({ queued: false, score: 0, reasons: [] });
  });
  it('queues a porch-to-porch sprint with its reasons in words', () => {
    const review = reviewShift(walk(40, { gap: 15 }), context());
    expect(review.queued).toBe(true);
    expect(review.reasons[0]!.rule).toBe('short-gaps');
  });
});

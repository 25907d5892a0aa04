import { describe, expect, it } from 'vitest';
import { decodeAnswer, decodeOutcome, decodeReason, sheetLegend } from './codes';
import { Q, questions } from './test-fixtures';

const byId = (id: string) => questions.find((q) => q.questionId === id)!;

describe('sheet codes', () => {
  it('reads every code the legend prints back as the answer it names', () => {
    const legend = sheetLegend(questions);
    for (const entry of legend.questions) {
      const question = byId(entry.questionId);
      for (const { code, text } of entry.codes) {
        const decoded = decodeAnswer(question, code);
        expect(decoded.ok).toBe(true);
        expect(decodeAnswer(question, text)).toEqual(decoded);
      }
    }
    for (const { code, text } of legend.outcomes) expect(decodeOutcome(code)).toEqual(decodeOutcome(text));
  });

  it('takes option codes, choice letters, and the export’s scale and list texts', () => {
    expect(decodeAnswer(byId(Q.support), '2')).toEqual({ ok: true, value: 'undecided' });
    expect(decodeAnswer(byId(Q.issues), 'ac')).toEqual({ ok: true, value: ['Housing', 'Schools'] });
    expect(decodeAnswer(byId(Q.issues), 'Housing costs; Buses')).toEqual({ ok: true, value: ['Housing', 'Transit'] });
    expect(decodeAnswer(byId(Q.likely), '4 of 5 (L4)')).toEqual({ ok: true, value: '4' });
    expect(decodeOutcome('s')).toEqual({ ok: true, value: 'successful' });
    expect(decodeReason('nh')).toBe('Not home');
    expect(decodeReason('Dog in the yard')).toBe('Dog in the yard');
  });

  it('names the question when an answer is not one of its options', () => {
    expect(decodeAnswer(byId(Q.support), '7')).toEqual({ ok: false, message: 'Unknown answer “7” to “Support?”' });
    expect(decodeAnswer(byId(Q.issues), 'az')).toMatchObject({ ok: false });
    expect(decodeOutcome('X')).toMatchObject({ ok: false });
  });
});

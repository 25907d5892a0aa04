import { describe, expect, it } from 'vitest';
import type { Question } from '@/lib/polis/schemas';
import { answerToText, formatAnswer, valueLabel } from './format-answer';

const q = (type: Question['type'], extra: Partial<Question> = {}): Question => ({
  questionId: '6430c7c8-364c-4fa5-b145-9dbaa2795f7d',
  tag: 'tag',
  text: 'Question?',
  type,
  required: false,
  options: [],
  ...extra,
});

const yesNo = [
  { text: 'Yes, home', tag: 'available', value: 'true' },
  { text: 'Nobody answered', tag: 'available', value: 'false' },
];

describe('formatAnswer', () => {
  it('shows availability, verification, pdf and youtube answers as their option text, string booleans included', () => {
    for (const type of ['availability', 'verification', 'pdf', 'youtube'] as const) {
      const question = q(type, { tag: 'available', options: yesNo });
      expect(formatAnswer(question, { fields: { available: 'true' } })).toEqual({ kind: 'text', text: 'Yes, home', known: true });
      expect(formatAnswer(question, { fields: { available: false } })).toEqual({ kind: 'text', text: 'Nobody answered', known: true });
    }
  });

  it('shows a multi-choice answer as its option text, and flags a value the survey does not offer', () => {
    const question = q('multi-choice', { tag: 'bestpet', options: [{ text: 'A cat', tag: 'bestpet', value: 'Cat' }] });
    expect(formatAnswer(question, { fields: { bestpet: 'Cat' } })).toEqual({ kind: 'text', text: 'A cat', known: true });
    expect(formatAnswer(question, { fields: { bestpet: 'Llama' } })).toEqual({ kind: 'text', text: 'Llama', known: false });
  });

  it('shows a payment answer by its option text, whatever the number type', () => {
    const question = q('payment', { tag: 'donation', options: [{ text: '$25', tag: 'donation', value: 25 }] });
    expect(answerToText(formatAnswer(question, { fields: { donation: '25' } }))).toBe('$25');
  });

  it('shows a multi-select answer as the list of choice texts', () => {
    const question = q('multi-select', {
      tag: 'buypet',
      choices: [
        { tag: 'Horse', text: 'A horse' },
        { tag: 'Snake', text: 'A snake' },
      ],
    });
    const answer = formatAnswer(question, { fields: { buypet: ['Horse', 'Snake', 'Yak'] } });
    expect(answer).toEqual({
      kind: 'list',
      items: [
        { text: 'A horse', known: true },
        { text: 'A snake', known: true },
        { text: 'Yak', known: false },
      ],
    });
    expect(answerToText(answer)).toBe('A horse; A snake; Yak');
  });

  it('shows a scale answer as a value out of five with its label', () => {
    const question = q('scale', { tag: 'catlikeness', options: [1, 2, 3, 4, 5].map((value) => ({ text: `Level ${value}`, tag: 'catlikeness', value })) });
    const answer = formatAnswer(question, { fields: { catlikeness: 4 } });
    expect(answer).toEqual({ kind: 'scale', value: 4, of: 5, label: 'Level 4' });
    expect(answerToText(answer)).toBe('4 of 5 (Level 4)');
    expect(valueLabel(question, '4')).toBe('4 · Level 4');
  });

  it('shows text as text and marks empty fields as unanswered', () => {
    const question = q('text', { tag: 'mothername' });
    expect(formatAnswer(question, { fields: { mothername: 'Jane Doe' } })).toEqual({ kind: 'text', text: 'Jane Doe', known: true });
    expect(formatAnswer(question, { fields: {} })).toEqual({ kind: 'unanswered' });
    expect(formatAnswer(question, { fields: { mothername: '' } })).toEqual({ kind: 'unanswered' });
    expect(formatAnswer(question, undefined)).toEqual({ kind: 'unanswered' });
    expect(answerToText({ kind: 'unanswered' })).toBe('');
  });

  it('reads a single field recorded under another tag', () => {
    const question = q('multi-choice', { tag: 'support', options: [{ text: 'Yes', tag: 'support', value: 'y' }] });
    expect(formatAnswer(question, { fields: { legacyTag: 'y' } })).toEqual({ kind: 'text', text: 'Yes', known: true });
  });
});

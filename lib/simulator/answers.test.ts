import { Faker, base, en } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { QuestionSchema, type Question } from '@/lib/polis/schemas';
import { answerSurvey } from './answers';

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const questions: Question[] = [
  {
    questionId: id(1),
    tag: 'available',
    text: 'Available?',
    type: 'availability',
    required: true,
    options: [
      { text: 'Yes', tag: 'available', value: 'true', success: true, action: { type: 'question', questionId: id(3) } },
      { text: 'No', tag: 'available', value: 'false', success: false, action: { type: 'end' } },
    ],
  },
  // Skipped by the flow: availability jumps straight to question 3.
  { questionId: id(2), tag: 'skipped', text: 'Never asked', type: 'verification', required: true, options: [{ text: 'Yes', tag: 'skipped', value: 'true' }] },
  {
    questionId: id(3),
    tag: 'support',
    text: 'Support?',
    type: 'multi-choice',
    required: true,
    options: [
      { text: 'Yes', tag: 'support', value: 'yes', success: true, action: { type: 'question', questionId: id(4) } },
      { text: 'No', tag: 'support', value: 'no', success: false, action: { type: 'end' } },
    ],
  },
  {
    questionId: id(4),
    tag: 'issues',
    text: 'Issues',
    type: 'multi-select',
    required: false,
    options: [{ text: 'Continue', tag: 'issues', value: 'continue' }],
    choices: [
      { tag: 'Housing', text: 'Housing' },
      { tag: 'Transit', text: 'Transit' },
    ],
  },
  {
    questionId: id(5),
    tag: 'likely',
    text: 'Likely?',
    type: 'scale',
    required: false,
    options: [1, 2, 3, 4, 5].map((value) => ({ text: String(value), tag: 'likely', value })),
  },
  { questionId: id(6), tag: 'notes', text: 'Notes', type: 'text', required: false, max: 10, options: [] },
].map((q) => QuestionSchema.parse(q));

const faker = new Faker({ locale: [en, base] });
faker.seed(5);

describe('answerSurvey', () => {
  it('nobody home: the availability question answered "no", nothing else', () => {
    expect(answerSurvey(faker, questions, 'unavailable')).toEqual({
      responses: { [id(1)]: { questionId: id(1), fields: { available: 'false' } } },
      successful: false,
    });
  });

  it('home but not successful: someone came to the door, and the survey stopped there', () => {
    expect(answerSurvey(faker, questions, 'contacted')).toEqual({
      responses: { [id(1)]: { questionId: id(1), fields: { available: 'true' } } },
      successful: false,
    });
  });

  it('successful: walks the flow as the options direct it, with answers each question type accepts', () => {
    for (let run = 0; run < 50; run++) {
      const { responses, successful } = answerSurvey(faker, questions, 'successful');
      expect(successful).toBe(true);
      expect(responses[id(2)]).toBeUndefined();
      expect(responses[id(1)]!.fields).toEqual({ available: 'true' });
      const support = responses[id(3)]!.fields.support;
      // The deciding question lands on a successful option whenever it is answered.
      if (support !== undefined) expect(support).toBe('yes');
      const issues = responses[id(4)]?.fields.issues;
      if (issues !== undefined) expect(['Housing', 'Transit']).toEqual(expect.arrayContaining(issues as string[]));
      const likely = responses[id(5)]?.fields.likely;
      if (likely !== undefined) expect([1, 2, 3, 4, 5]).toContain(likely);
      const notes = responses[id(6)]?.fields.notes;
      if (notes !== undefined) expect((notes as string).length).toBeLessThanOrEqual(10);
    }
  });
});

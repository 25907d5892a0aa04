import { describe, expect, it } from 'vitest';
import type { InteractionData, Question } from '@/lib/polis/schemas';
import {
  applyFormValues,
  correctionSchema,
  describeConflict,
  describeCorrection,
  manualEntrySchema,
  milesBetween,
  reapplyEdits,
  toFormValues,
} from './correction';

const NY = 'America/New_York';

const Q = {
  available: 'aaaaaaaa-0000-4000-8000-000000000001',
  support: 'aaaaaaaa-0000-4000-8000-000000000002',
  issues: 'aaaaaaaa-0000-4000-8000-000000000003',
  likely: 'aaaaaaaa-0000-4000-8000-000000000004',
  comments: 'aaaaaaaa-0000-4000-8000-000000000005',
  donation: 'aaaaaaaa-0000-4000-8000-000000000006',
};
const questions: Question[] = [
  {
    questionId: Q.available,
    tag: 'available',
    text: 'Home?',
    type: 'availability',
    required: true,
    options: [
      { text: 'Yes', tag: 'available', value: 'true' },
      { text: 'No', tag: 'available', value: 'false' },
    ],
  },
  {
    questionId: Q.support,
    tag: 'support',
    text: 'Support?',
    type: 'multi-choice',
    required: false,
    options: [
      { text: 'Strongly support', tag: 'support', value: 'strong-yes' },
      { text: 'Undecided', tag: 'support', value: 'undecided' },
    ],
  },
  {
    questionId: Q.issues,
    tag: 'issues',
    text: 'Issues?',
    type: 'multi-select',
    required: false,
    options: [],
    choices: [
      { tag: 'Housing', text: 'Housing costs' },
      { tag: 'Transit', text: 'Buses' },
    ],
  },
  {
    questionId: Q.likely,
    tag: 'likelihood',
    text: 'Likely?',
    type: 'scale',
    required: false,
    options: [1, 2, 3, 4, 5].map((value) => ({ text: `L${value}`, tag: 'likelihood', value })),
  },
  { questionId: Q.comments, tag: 'comments', text: 'Comments?', type: 'text', required: false, options: [], max: 20 },
  {
    questionId: Q.donation,
    tag: 'donation',
    text: 'Donate?',
    type: 'payment',
    required: false,
    options: [
      { text: '$25', tag: 'donation', value: 25 },
      { text: 'No', tag: 'donation', value: 0 },
    ],
  },
];

const data: InteractionData = {
  campaignId: 'bbbbbbbb-0000-4000-8000-000000000001',
  contactId: 'bbbbbbbb-0000-4000-8000-000000000002',
  listId: 'bbbbbbbb-0000-4000-8000-000000000003',
  timestamp: '2026-09-12T15:04:05.000Z',
  survey: {
    surveyId: 'bbbbbbbb-0000-4000-8000-000000000004',
    responses: {
      [Q.available]: { questionId: Q.available, fields: { available: 'true' } },
      [Q.support]: { questionId: Q.support, fields: { support: 'undecided' } },
      [Q.issues]: { questionId: Q.issues, fields: { issues: ['Housing'] } },
      [Q.likely]: { questionId: Q.likely, fields: { likelihood: 4 } },
      'cccccccc-0000-4000-8000-000000000009': { questionId: 'cccccccc-0000-4000-8000-000000000009', fields: { retired: 'x' } },
    },
  },
  unavailable: false,
  successful: true,
  location: { lat: 42.3, lng: -71.1, confidence: 12 },
  distance: 0.01,
};

const valid = (overrides: Partial<ReturnType<typeof toFormValues>> & { reason?: string } = {}) => ({
  ...toFormValues(data, questions, NY),
  reason: 'Canvasser misread the answer',
  ...overrides,
});

describe('the correction form model', () => {
  it('round-trips: unchanged values give back the same data', () => {
    const values = correctionSchema(questions, NY).parse(valid());
    expect(applyFormValues(data, values, questions, NY)).toEqual(data);
  });

  it('applies edits as the app records them: typed option values, choice tags, scale numbers', () => {
    const values = correctionSchema(questions, NY).parse(
      valid({
        outcome: 'unavailable',
        unavailableReason: 'Moved',
        answers: {
          ...valid().answers,
          [Q.support]: 'strong-yes',
          [Q.issues]: ['Housing', 'Transit'],
          [Q.likely]: '2',
          [Q.donation]: '25',
          [Q.comments]: 'Call back',
        },
      }),
    );
    const next = applyFormValues(data, values, questions, NY);
    expect(next).toMatchObject({ successful: false, unavailable: true, unavailableReason: 'Moved' });
    expect(next.survey.responses[Q.support]!.fields).toEqual({ support: 'strong-yes' });
    expect(next.survey.responses[Q.issues]!.fields).toEqual({ issues: ['Housing', 'Transit'] });
    expect(next.survey.responses[Q.likely]!.fields).toEqual({ likelihood: 2 });
    expect(next.survey.responses[Q.donation]!.fields).toEqual({ donation: 25 });
    expect(next.survey.responses[Q.comments]!.fields).toEqual({ comments: 'Call back' });
    // An answer to a question that left the survey is kept, not dropped.
    expect(next.survey.responses['cccccccc-0000-4000-8000-000000000009']).toEqual(data.survey.responses['cccccccc-0000-4000-8000-000000000009']);
  });

  it('clears an answer to empty fields and drops the reason when the person was home', () => {
    const next = applyFormValues(
      { ...data, unavailableReason: 'Not home' },
      correctionSchema(questions, NY).parse(valid({ answers: { ...valid().answers, [Q.support]: '' } })),
      questions,
      NY,
    );
    expect(next.survey.responses[Q.support]!.fields).toEqual({});
    expect(next.unavailableReason).toBeUndefined();
  });

  const refusals: [string, Record<string, unknown>, string][] = [
    ['an option the question does not offer', { answers: { ...valid().answers, [Q.support]: 'maybe' } }, 'Choose one of the options'],
    ['a choice the question does not list', { answers: { ...valid().answers, [Q.issues]: ['Llamas'] } }, 'Choose among the listed choices'],
    ['a question that is not in the survey', { answers: { ...valid().answers, 'dddddddd-0000-4000-8000-000000000000': 'x' } }, 'Not a question of this survey'],
    ['text over the question max', { answers: { ...valid().answers, [Q.comments]: 'x'.repeat(21) } }, '20 characters'],
    ['a latitude out of range', { lat: 91 }, 'The latitude must be between -90 and 90'],
    ['a missing longitude', { lng: NaN }, 'Enter the longitude'],
    ['a time in the future', { timestamp: '2999-01-01T00:00:00' }, 'cannot be in the future'],
    ['a time that is not one', { timestamp: 'soon' }, 'Enter a date and time'],
    ['no reason', { reason: ' ' }, 'Say why'],
    ['a reason with a NUL character (the store could not keep it)', { reason: 'typo\u0000fixed' }, 'control character'],
  ];
  it.each(refusals)('refuses %s with a plain message', (_, overrides, message) => {
    const result = correctionSchema(questions, NY).safeParse(valid(overrides));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join(' | ')).toContain(message);
  });

  it('reads the typed time on the campaign clock: 8:30 PM in Boston on 19 November is 01:30 UTC the next day', () => {
    const next = applyFormValues(data, correctionSchema(questions, NY).parse(valid({ timestamp: '2026-11-19T20:30' })), questions, NY);
    expect(next.timestamp).toBe('2026-11-20T01:30:00.000Z');
    expect(toFormValues(next, questions, NY)).toMatchObject({ timestamp: '2026-11-19T20:30:00', timestampChoice: '' });
    expect(toFormValues(next, questions, 'America/Denver').timestamp).toBe('2026-11-19T18:30:00');
  });

  it('refuses 2:30 am on 8 March 2026 next to the time, which New York skips', () => {
    const result = correctionSchema(questions, NY).safeParse(valid({ timestamp: '2026-03-08T02:30' }));
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ['timestamp'], message: expect.stringContaining('does not exist in Eastern Time (New York)') }),
    ]);
  });

  it('asks which 1:30 am of 1 November 2026 was meant, and stores the one chosen', () => {
    const unchosen = correctionSchema(questions, NY).safeParse(valid({ timestamp: '2026-11-01T01:30' }));
    expect(unchosen.error!.issues).toEqual([
      expect.objectContaining({ path: ['timestampChoice'], message: expect.stringContaining('1:30 AM EDT and 1:30 AM EST') }),
    ]);
    const first = applyFormValues(
      data,
      correctionSchema(questions, NY).parse(valid({ timestamp: '2026-11-01T01:30', timestampChoice: 'earlier' })),
      questions,
      NY,
    );
    const second = applyFormValues(
      data,
      correctionSchema(questions, NY).parse(valid({ timestamp: '2026-11-01T01:30', timestampChoice: 'later' })),
      questions,
      NY,
    );
    expect([first.timestamp, second.timestamp]).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
    // Loaded again, each keeps its reading, so saving it unchanged changes nothing.
    expect(toFormValues(second, questions, NY)).toMatchObject({ timestamp: '2026-11-01T01:30:00', timestampChoice: 'later' });
    expect(applyFormValues(second, correctionSchema(questions, NY).parse({ ...toFormValues(second, questions, NY), reason: 'same' }), questions, NY)).toEqual(
      second,
    );
  });

  it('asks manual entries for the contact', () => {
    const { reason: _reason, ...fields } = valid();
    const result = manualEntrySchema(questions, NY).safeParse({
      ...fields,
      id: 'eeeeeeee-0000-4000-8000-000000000001',
      surveyId: data.survey.surveyId,
      contactId: '',
    });
    expect(result.error!.issues[0]).toMatchObject({ path: ['contactId'], message: 'Choose the contact who was visited' });
  });
});

describe('conflicts', () => {
  it('shows what the other change did and what the user wants, field by field, and re-applies the user edits on top', () => {
    const original = toFormValues(data, questions, NY);
    const theirs = { ...original, outcome: 'unavailable' as const, unavailableReason: 'Moved', answers: { ...original.answers, [Q.likely]: '5' } };
    const yours = { ...original, answers: { ...original.answers, [Q.support]: 'strong-yes' } };
    const changes = describeConflict(original, theirs, yours, questions, NY);
    expect(changes).toEqual([
      { field: 'outcome', label: 'Outcome', original: 'Successful', theirs: 'Not available', yours: 'Successful' },
      { field: 'unavailableReason', label: 'Unavailable reason', original: '—', theirs: 'Moved', yours: '—' },
      { field: `answers.${Q.support}`, label: 'Support?', original: 'Undecided', theirs: 'Undecided', yours: 'Strongly support' },
      { field: `answers.${Q.likely}`, label: 'Likely?', original: 'L4', theirs: 'L5', yours: 'L4' },
    ]);
    // A walklist is named as people know it, not by its id.
    const moved = { ...original, walklistId: 'aaaaaaaa-0000-4000-8000-0000000000aa' };
    expect(describeConflict(original, moved, original, questions, NY, () => 'Dorchester, walklist 2').find((row) => row.field === 'walklistId')?.theirs).toBe(
      'Dorchester, walklist 2',
    );
    const merged = reapplyEdits(original, theirs, yours);
    expect(merged).toMatchObject({ outcome: 'unavailable', unavailableReason: 'Moved' });
    expect(merged.answers[Q.support]).toBe('strong-yes');
    expect(merged.answers[Q.likely]).toBe('5');
  });

  it('measures distance in miles', () => {
    expect(milesBetween({ lat: 42.3601, lng: -71.0589 }, { lat: 42.3601, lng: -71.0589 })).toBe(0);
    expect(milesBetween({ lat: 42.3601, lng: -71.0589 }, { lat: 40.7128, lng: -74.006 })).toBeCloseTo(190.2, 0);
  });
});

describe('a correction in words', () => {
  const questions = [
    {
      questionId: '00000000-0000-4000-8000-00000000000a',
      tag: 'support',
      text: 'Do you support fare-free buses?',
      type: 'multi-choice',
      required: false,
      options: [
        { value: 'lean-yes', text: 'Leaning support' },
        { value: 'strong-no', text: 'Strongly oppose' },
      ],
    },
  ] as Question[];
  const before = {
    outcome: 'unavailable',
    unavailableReason: 'Not home',
    timestamp: '2026-10-31T21:35:00',
    walklistId: '',
    lat: 42.3,
    lng: -71.06,
    answers: { '00000000-0000-4000-8000-00000000000a': 'lean-yes' },
  } as const;

  it('says each change with its value before and after, and how far the location moved', () => {
    const after = {
      ...before,
      outcome: 'successful',
      unavailableReason: '',
      lat: 42.301,
      answers: { '00000000-0000-4000-8000-00000000000a': 'strong-no' },
    } as const;
    expect(describeCorrection(before as never, after as never, questions, NY)).toEqual([
      { label: 'Outcome', before: 'Not available', after: 'Successful' },
      { label: 'Unavailable reason', before: 'Not home', after: 'None' },
      { label: 'Location', movedMetres: 111 },
      { label: 'Support', before: 'Leaning support', after: 'Strongly oppose' },
    ]);
  });

  it('corrects a visit entered without a position, keeping it without one', () => {
    const { location: _none, ...unplaced } = data;
    const form = { ...toFormValues(unplaced, questions, NY), reason: 'Answer misread from the sheet' };
    const values = correctionSchema(questions, NY).parse(form);
    const next = applyFormValues(unplaced, values, questions, NY);
    expect(next.location).toBeUndefined();
    expect(describeCorrection(toFormValues(unplaced, questions, NY), values, questions, NY).map((line) => line.label)).not.toContain('Location');
    expect(
      correctionSchema(questions, NY)
        .safeParse({ ...form, lat: 42.3 })
        .error?.issues.map((issue) => issue.path.join('.')),
    ).toEqual(['lng']);
  });

  it('keeps a changed time as the instants the campaign clock names, to be shown in the campaign zone', () => {
    const after = { ...before, timestamp: '2026-10-31T22:05:00' } as const;
    expect(describeCorrection(before as never, after as never, questions, NY)).toEqual([
      { label: 'Time of the visit', beforeAt: '2026-11-01T01:35:00.000Z', afterAt: '2026-11-01T02:05:00.000Z' },
    ]);
  });
});

describe("the forms' messages", () => {
  it('start with a capital and say the rule, "at least 3 characters" included', () => {
    const wrong = {
      outcome: 'maybe',
      unavailableReason: 'On holiday',
      timestamp: 'yesterday',
      walklistId: 'x',
      lat: 200,
      lng: Number.NaN,
      answers: { [Q.support]: 'nope', [Q.comments]: 'x'.repeat(21), [Q.issues]: ['Nothing'] },
      reason: 'no',
    };
    const issues = correctionSchema(questions, NY).safeParse(wrong).error!.issues;
    const entry = manualEntrySchema(questions, NY).safeParse({ ...wrong, id: 'x', surveyId: 'x', contactId: '' }).error!.issues;
    const messages = [...issues, ...entry].map((issue) => issue.message);
    expect(messages.length).toBeGreaterThan(8);
    expect(messages.filter((message) => !/^[A-Z]/.test(message))).toEqual([]);
    expect(messages).toContain('Say why you are correcting this interaction, in at least 3 characters');
    expect(messages).toContain('Keep the answer to 20 characters or fewer');
  });
});

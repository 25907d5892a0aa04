import type { Contact, Question } from '@/lib/polis/schemas';

export const Q = {
  available: 'aaaaaaaa-0000-4000-8000-000000000001',
  support: 'aaaaaaaa-0000-4000-8000-000000000002',
  issues: 'aaaaaaaa-0000-4000-8000-000000000003',
  likely: 'aaaaaaaa-0000-4000-8000-000000000004',
  comments: 'aaaaaaaa-0000-4000-8000-000000000005',
};

export const questions: Question[] = [
  {
    questionId: Q.available,
    tag: 'available',
    text: 'Is the voter available?',
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
      { tag: 'Schools', text: 'Schools' },
    ],
  },
  {
    questionId: Q.likely,
    tag: 'likelihood',
    text: 'Likely to vote?',
    type: 'scale',
    required: false,
    options: [1, 2, 3, 4, 5].map((value) => ({ text: `L${value}`, tag: 'likelihood', value })),
  },
  { questionId: Q.comments, tag: 'comments', text: 'Comments?', type: 'text', required: false, options: [], max: 20 },
];

let next = 0;
export function contact(first: string, last: string, number: string, route: string, position: [number, number] | null = [-71.06, 42.36]): Contact {
  next += 1;
  return {
    id: `cccccccc-0000-4000-8000-${String(next).padStart(12, '0')}`,
    customerId: 'dddddddd-0000-4000-8000-000000000001',
    securityGroupId: 'dddddddd-0000-4000-8000-000000000002',
    meta: {
      created: '2026-01-01T00:00:00Z',
      createdBy: 'x',
      modified: '2026-01-01T00:00:00Z',
      modifiedBy: 'x',
      resource: 'contacts',
      etag: 'e',
      isDeleted: false,
    },
    data: {
      listId: 'dddddddd-0000-4000-8000-000000000003',
      profile: {
        name: { first, last },
        address: {
          formatted: `${number} ${route}, Boston, MA`,
          streetAddress: { number, route },
          ...(position ? { position: { type: 'Point', coordinates: position } } : {}),
        },
      },
      fields: {},
    },
  };
}

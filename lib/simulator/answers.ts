/**
 * What a canvasser's phone records at a door: the survey walked as the app
 * walks it (from the first question, following each option's `action` to the
 * next question or the end), answers of the right kind for each question type,
 * required questions almost always answered, optional ones often skipped.
 * Works for any survey, not only the seeded one.
 *
 * @example
 *   const { responses, successful } = answerSurvey(faker, survey.data.questions, 'successful');
 */
import type { Faker } from '@faker-js/faker';
import type { Outcome } from '@/lib/filters/outcome';
import type { InteractionData, Option, Question } from '@/lib/polis/schemas';

type Responses = InteractionData['survey']['responses'];

const COMMENTS = [
  'Wants a call back about the bus route changes.',
  'Asked for a yard sign.',
  'Concerned about property taxes.',
  'Prefers Spanish-language materials.',
  'Will vote early at the library.',
  'Has a dog; use the side door.',
  'Asked when the community meeting is.',
  'Already voted by mail.',
];

/** Share of required and of optional questions a canvasser fills in at a successful door. */
const ANSWER_REQUIRED = 0.96;
const ANSWER_OPTIONAL = 0.75;

/** The option of an availability question that means "came to the door" (or "nobody answered"). */
function availabilityOption(question: Question, home: boolean): Option | undefined {
  return (
    question.options.find((option) => option.success === home) ??
    question.options.find((option) => String(option.value) === String(home)) ??
    (home ? question.options[0] : question.options[question.options.length - 1])
  );
}

function nextQuestion(questions: Question[], from: Question, option: Option | undefined): Question | undefined {
  const action = option?.action ?? from.options[0]?.action;
  if (action?.type === 'end') return undefined;
  if (action?.type === 'question' && action.questionId) return questions.find((q) => q.questionId === action.questionId);
  return questions[questions.indexOf(from) + 1];
}

/** One question's answer: the fields recorded and the option chosen (which decides where the survey goes next). */
function answerQuestion(faker: Faker, question: Question, wantSuccess: boolean): { fields: Record<string, string | number | string[]>; option?: Option } {
  switch (question.type) {
    case 'multi-select': {
      const tags = (question.choices ?? []).map((choice) => choice.tag);
      return {
        fields: tags.length ? { [question.tag]: faker.helpers.arrayElements(tags, { min: 1, max: Math.min(3, tags.length) }) } : {},
        option: question.options[0],
      };
    }
    case 'text': {
      const max = question.max ?? 256;
      const comment = faker.helpers.arrayElement(COMMENTS).slice(0, max);
      return { fields: faker.number.float() < 0.35 ? { [question.tag]: comment } : {}, option: question.options[0] };
    }
    case 'scale': {
      const option = faker.helpers.weightedArrayElement(question.options.map((value, i) => ({ value, weight: [1, 2, 3, 5, 6][i] ?? 1 })));
      return { fields: { [question.tag]: option.value as number }, option };
    }
    default: {
      if (question.options.length === 0) return { fields: {} };
      // At a successful door the deciding question lands on an option that counts as success.
      const pool = wantSuccess && question.type === 'multi-choice' ? question.options.filter((o) => o.success === true) : [];
      const option = faker.helpers.arrayElement(pool.length ? pool : question.options);
      return { fields: { [question.tag]: option.value as string | number }, option };
    }
  }
}

/**
 * Responses for a visit with this outcome. Not available: the availability
 * question says nobody answered; home but not successful: someone came to the
 * door and the conversation stopped there; successful: the survey, walked.
 */
export function answerSurvey(faker: Faker, questions: Question[], outcome: Outcome): { responses: Responses; successful: boolean } {
  const responses: Responses = {};
  const availability = questions.find((q) => q.type === 'availability');
  const home = outcome !== 'unavailable';
  let current: Question | undefined = questions[0];
  if (availability) {
    const option = availabilityOption(availability, home);
    responses[availability.questionId] = { questionId: availability.questionId, fields: option ? { [availability.tag]: option.value } : {} };
    current = home ? nextQuestion(questions, availability, option) : undefined;
  } else if (!home) current = undefined;
  if (outcome !== 'successful') return { responses, successful: false };

  const seen = new Set<string>(availability ? [availability.questionId] : []);
  while (current && !seen.has(current.questionId)) {
    seen.add(current.questionId);
    const answers = faker.number.float() < (current.required ? ANSWER_REQUIRED : ANSWER_OPTIONAL);
    const { fields, option } = answers ? answerQuestion(faker, current, true) : { fields: {}, option: undefined };
    responses[current.questionId] = { questionId: current.questionId, fields };
    current = nextQuestion(questions, current, option);
  }
  return { responses, successful: true };
}

/** Reasons nobody was available, weighted as doors go (most are simply not home). */
export const UNAVAILABLE_WEIGHTS: [code: string, weight: number][] = [
  ['NH', 60],
  ['RF', 12],
  ['MV', 8],
  ['LB', 6],
  ['IB', 6],
  ['CB', 6],
  ['DC', 2],
];

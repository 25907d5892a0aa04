/**
 * Turns a recorded survey response into what a person reads: the option or
 * choice text, never only a tag or a raw value.
 *
 * @example
 *   formatAnswer(question, { fields: { likelihood: 4 } });
 *   // { kind: 'scale', value: 4, of: 5, label: 'Likely' }
 */
import type { FieldValue, Question, SurveyResponse } from '@/lib/polis/schemas';

export type FormattedAnswer =
  | { kind: 'unanswered' }
  | { kind: 'text'; text: string; known: boolean }
  | { kind: 'list'; items: { text: string; known: boolean }[] }
  | { kind: 'scale'; value: number; of: number; label: string | null };

/** The value recorded for a question: under its tag, else the only field there is. */
export function recordedValue(question: Pick<Question, 'tag'>, response: Pick<SurveyResponse, 'fields'> | undefined): FieldValue | undefined {
  if (!response) return undefined;
  const { fields } = response;
  if (question.tag in fields) return fields[question.tag];
  const values = Object.values(fields);
  return values.length === 1 ? values[0] : undefined;
}

const isEmpty = (value: FieldValue | undefined) => value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Matches a stored value against option values, across the app's string/number/boolean forms. */
const sameValue = (a: unknown, b: unknown) => String(a) === String(b);

export function optionText(question: Question, value: unknown): string | null {
  return question.options.find((option) => sameValue(option.value, value))?.text ?? null;
}

export function choiceText(question: Question, tag: unknown): string | null {
  return question.choices?.find((choice) => sameValue(choice.tag, tag))?.text ?? null;
}

export function formatAnswer(question: Question, response: Pick<SurveyResponse, 'fields'> | undefined): FormattedAnswer {
  const value = recordedValue(question, response);
  if (isEmpty(value)) return { kind: 'unanswered' };
  switch (question.type) {
    case 'multi-select': {
      const items = (Array.isArray(value) ? value : [value]).map((tag) => {
        const text = choiceText(question, tag) ?? optionText(question, tag);
        return { text: text ?? String(tag), known: text !== null };
      });
      return { kind: 'list', items };
    }
    case 'scale': {
      const number = Number(Array.isArray(value) ? value[0] : value);
      return { kind: 'scale', value: number, of: question.options.length || 5, label: optionText(question, number) };
    }
    case 'text':
      return { kind: 'text', text: Array.isArray(value) ? value.join(', ') : String(value), known: true };
    default: {
      const scalar = Array.isArray(value) ? value[0] : value;
      const text = optionText(question, scalar);
      return { kind: 'text', text: text ?? String(scalar), known: text !== null };
    }
  }
}

/** One line of text for tables and CSV cells. */
export function answerToText(answer: FormattedAnswer): string {
  switch (answer.kind) {
    case 'unanswered':
      return '';
    case 'list':
      return answer.items.map((item) => item.text).join('; ');
    case 'scale':
      return `${answer.value} of ${answer.of}${answer.label ? ` (${answer.label})` : ''}`;
    case 'text':
      return answer.text;
  }
}

/** The label of one recorded value of a question, as the survey results chart shows it. */
export function valueLabel(question: Question, value: string): string {
  if (question.type === 'multi-select') return choiceText(question, value) ?? value;
  if (question.type === 'scale') return `${value} · ${optionText(question, value) ?? ''}`.replace(/ · $/, '');
  return optionText(question, value) ?? value;
}

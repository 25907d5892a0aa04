/**
 * The compact codes a walk sheet prints in its legend and the grid and the
 * import read back: one letter per outcome and per unavailable reason, the
 * option's position for a single-answer question, letters for the choices
 * of a multi-select. Typed codes and the full text are both accepted.
 *
 * @example
 *   const legend = sheetLegend(questions);
 *   decodeAnswer(question, '2');      // { ok: true, value: '<the second option's value>' }
 *   decodeAnswer(question, 'ac');     // multi-select: { ok: true, value: ['<tag a>', '<tag c>'] }
 */
import { OUTCOME_LABELS, type Outcome } from '@/lib/filters/outcome';
import type { Question } from '@/lib/polis/schemas';
import type { AnswerValue } from '@/lib/interactions/correction';

export const OUTCOME_CODES: Record<string, Outcome> = { S: 'successful', H: 'contacted', N: 'unavailable' };

export const REASON_CODES: Record<string, string> = {
  NH: 'Not home',
  RF: 'Refused to open the door',
  MV: 'Moved',
  LB: 'Language barrier',
  IB: 'Inaccessible building',
  CB: 'Come back later',
  DC: 'Deceased',
};

const OPTION_TYPES = new Set(['availability', 'verification', 'pdf', 'youtube', 'multi-choice', 'payment', 'scale']);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

const norm = (text: string) => text.trim().toLowerCase();

export function decodeOutcome(typed: string): Decoded<Outcome | ''> {
  const text = typed.trim();
  if (!text) return { ok: true, value: '' };
  const byCode = OUTCOME_CODES[text.toUpperCase()];
  if (byCode) return { ok: true, value: byCode };
  const byName = (Object.keys(OUTCOME_LABELS) as Outcome[]).find((o) => norm(o) === norm(text) || norm(OUTCOME_LABELS[o]) === norm(text));
  return byName
    ? { ok: true, value: byName }
    : { ok: false, message: `Unknown outcome “${text}”: use ${Object.keys(OUTCOME_CODES).join(', ')} or the outcome’s name` };
}

/** A reason's code becomes its text; any other text is kept as written (Polis takes free text). */
export function decodeReason(typed: string): string {
  const text = typed.trim();
  return REASON_CODES[text.toUpperCase()] ?? text;
}

export function isOptionQuestion(question: Question): boolean {
  return OPTION_TYPES.has(question.type);
}

/** The code printed for each answer of `question`, in the order shown. */
export function answerCodes(question: Question): { code: string; text: string }[] {
  if (question.type === 'multi-select') return (question.choices ?? []).map((c, i) => ({ code: LETTERS[i] ?? c.tag, text: c.text }));
  if (isOptionQuestion(question)) return question.options.map((o, i) => ({ code: String(i + 1), text: o.text }));
  return [];
}

/** Reads a typed answer (code, option text, or for text questions the text) as the form holds it. */
export function decodeAnswer(question: Question, typed: string): Decoded<AnswerValue> {
  const text = typed.trim();
  if (question.type === 'multi-select') {
    const choices = question.choices ?? [];
    if (!text) return { ok: true, value: [] };
    const byText = text.split(/\s*;\s*/).map((part) => choices.find((c) => norm(c.text) === norm(part) || norm(c.tag) === norm(part)));
    if (byText.every(Boolean)) return { ok: true, value: byText.map((c) => c!.tag) };
    if (/^[a-z]+$/i.test(text)) {
      const picked = [...text.toLowerCase()].map((letter) => choices[LETTERS.indexOf(letter)]);
      if (picked.every(Boolean)) return { ok: true, value: [...new Set(picked.map((c) => c!.tag))] };
    }
    return { ok: false, message: `Unknown answer “${text}” to “${question.text}”` };
  }
  if (isOptionQuestion(question)) {
    if (!text) return { ok: true, value: '' };
    // The export writes a scale answer as "4 of 5 (Agree)": the value comes first.
    const scale = question.type === 'scale' ? /^(\S+) of \d+/.exec(text) : null;
    if (scale) {
      const option = question.options.find((o) => String(o.value) === scale[1]);
      if (option) return { ok: true, value: String(option.value) };
    }
    const position = /^\d+$/.test(text) ? question.options[Number(text) - 1] : undefined;
    const option = position ?? question.options.find((o) => norm(o.text) === norm(text) || norm(String(o.value)) === norm(text) || norm(o.tag) === norm(text));
    return option ? { ok: true, value: String(option.value) } : { ok: false, message: `Unknown answer “${text}” to “${question.text}”` };
  }
  return { ok: true, value: typed };
}

/** What a sheet's legend prints: the outcome and reason codes, then each question's answers. */
export function sheetLegend(questions: Question[]) {
  return {
    outcomes: Object.entries(OUTCOME_CODES).map(([code, outcome]) => ({ code, text: OUTCOME_LABELS[outcome] })),
    reasons: Object.entries(REASON_CODES).map(([code, text]) => ({ code, text })),
    questions: questions.map((q, i) => ({ number: i + 1, questionId: q.questionId, text: q.text, required: q.required, codes: answerCodes(q) })),
  };
}

/**
 * A grid row's typed cells read as the manual-entry form's values, checked
 * with the form's own schema. Shared by the grid (in the browser) and its
 * tests.
 *
 * @example
 *   const read = readGridRow(cells, { household, questions, zone, surveyId, id, date, time });
 *   if (read.ok) await saveSheetRow({ campaignId, values: read.values });
 */
import { manualEntrySchema, type ManualEntryValues } from '@/lib/interactions/correction';
import type { Question } from '@/lib/polis/schemas';
import { decodeAnswer, decodeOutcome, decodeReason } from './codes';
import type { SheetHousehold } from './sheet-household';

export type GridCells = { outcome: string; reason: string; time: string; answers: Record<string, string> };

export const emptyCells = (): GridCells => ({ outcome: '', reason: '', time: '', answers: {} });

/** An empty row is a door not knocked: nothing is sent. */
export function isBlank(cells: GridCells): boolean {
  return !cells.outcome.trim() && !cells.reason.trim() && !cells.time.trim() && Object.values(cells.answers).every((v) => !v.trim());
}

type RowContext = {
  household: SheetHousehold;
  questions: Question[];
  zone: string;
  surveyId: string;
  id: string;
  date: string;
  time: string;
  canvasserId: string;
};

export type ReadRow = { ok: true; values: ManualEntryValues } | { ok: false; errors: Record<string, string> };

export function readGridRow(cells: GridCells, context: RowContext): ReadRow {
  const errors: Record<string, string> = {};
  const outcome = decodeOutcome(cells.outcome);
  if (!outcome.ok) errors.outcome = outcome.message;
  else if (!outcome.value) errors.outcome = 'Enter the outcome';
  const answers: Record<string, string | string[]> = {};
  for (const question of context.questions) {
    const decoded = decodeAnswer(question, cells.answers[question.questionId] ?? '');
    if (!decoded.ok) errors[`answers.${question.questionId}`] = decoded.message;
    else answers[question.questionId] = decoded.value;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const time = cells.time.trim() || context.time;
  const parsed = manualEntrySchema(context.questions, context.zone).safeParse({
    id: context.id,
    surveyId: context.surveyId,
    contactId: context.household.contactId,
    outcome: outcome.ok ? outcome.value : '',
    unavailableReason: decodeReason(cells.reason),
    timestamp: `${context.date}T${/^\d:/.test(time) ? `0${time}` : time}`,
    timestampChoice: '',
    canvasserId: context.canvasserId,
    walklistId: '',
    // A sheet records no position: none is sent, never the household's own.
    lat: NaN,
    lng: NaN,
    answers,
  });
  if (parsed.success) return { ok: true, values: parsed.data };
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[
      path === 'timestamp' || path === 'timestampChoice'
        ? 'time'
        : path === 'unavailableReason'
          ? 'reason'
          : path === 'canvasserId'
            ? 'canvasser'
            : path || 'form'
    ] ??= issue.message;
  }
  return { ok: false, errors };
}

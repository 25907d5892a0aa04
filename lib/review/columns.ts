/**
 * Shifts as columns, the form every rule reads: `ShiftColumns` is a set of
 * typed arrays that the queue fills for one shift after another (grown when
 * a longer shift comes, never made afresh), and `columnsOf` turns `Visit`
 * objects into one, for tests and for anything that already holds visits.
 *
 * @example
 *   const shift = columnsOf({ canvasser: 'c1', visits });
 *   shift.time[0]; // the first visit's time, epoch seconds
 *   export const myRule = defineRule((shift, context) => []); // also callable with { canvasser, visits }
 */
import type { Finding, Rule, RuleContext, Shift, ShiftAnswers, ShiftData } from './model';

export class ShiftColumns implements ShiftData {
  canvasser = '';
  length = 0;
  capacity = 0;
  id: (i: number) => string = (i) => String(i);
  listId: (code: number) => string = (code) => String(code);
  time = new Float64Array(0);
  received = new Float64Array(0);
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  accuracy = new Float64Array(0);
  distance = new Float64Array(0);
  household = new Int32Array(0);
  homeLat = new Float64Array(0);
  homeLng = new Float64Array(0);
  building = new Int32Array(0);
  paper = new Uint8Array(0);
  successful = new Uint8Array(0);
  list = new Int32Array(0);
  answers: ShiftAnswers[] = [];

  constructor(capacity: number, questions: { questionId: string; text: (cell: number) => string | undefined }[] = []) {
    this.answers = questions.map((question) => ({ ...question, cells: new Int32Array(0) }));
    this.reserve(capacity);
  }

  /** Room for at least `capacity` visits; what was there is not kept. */
  reserve(capacity: number) {
    if (capacity <= this.capacity) return;
    const n = Math.max(capacity, this.capacity * 2, 64);
    this.time = new Float64Array(n);
    this.received = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
    this.accuracy = new Float64Array(n);
    this.distance = new Float64Array(n);
    this.household = new Int32Array(n);
    this.homeLat = new Float64Array(n);
    this.homeLng = new Float64Array(n);
    this.building = new Int32Array(n);
    this.paper = new Uint8Array(n);
    this.successful = new Uint8Array(n);
    this.list = new Int32Array(n);
    for (const answer of this.answers) answer.cells = new Int32Array(n);
    this.capacity = n;
  }
}

/** Codes for strings, in order of first appearance. */
function coder() {
  const codes = new Map<string, number>();
  const values: string[] = [];
  return {
    values,
    code(value: string) {
      let code = codes.get(value);
      if (code === undefined) {
        codes.set(value, (code = values.length));
        values.push(value);
      }
      return code;
    },
  };
}

/** A shift of `Visit` objects as the columns the rules read. */
export function columnsOf(shift: Shift): ShiftColumns {
  const { visits } = shift;
  const households = coder();
  const buildings = coder();
  const lists = coder();
  const questions = coder();
  for (const visit of visits) for (const questionId of Object.keys(visit.answers)) questions.code(questionId);
  const answerValues = questions.values.map(() => coder());
  const columns = new ShiftColumns(
    visits.length,
    questions.values.map((questionId, q) => ({ questionId, text: (cell: number) => (cell > 0 ? answerValues[q]!.values[cell - 1] : undefined) })),
  );
  columns.canvasser = shift.canvasser;
  columns.length = visits.length;
  columns.id = (i) => visits[i]!.id;
  columns.listId = (code) => lists.values[code]!;
  visits.forEach((visit, i) => {
    columns.time[i] = visit.time;
    columns.received[i] = visit.received;
    columns.lat[i] = visit.position?.lat ?? NaN;
    columns.lng[i] = visit.position?.lng ?? NaN;
    columns.accuracy[i] = visit.accuracy ?? NaN;
    columns.distance[i] = visit.distance ?? NaN;
    columns.household[i] = households.code(visit.household);
    columns.homeLat[i] = visit.home?.lat ?? NaN;
    columns.homeLng[i] = visit.home?.lng ?? NaN;
    columns.building[i] = visit.building === null ? -1 : buildings.code(visit.building);
    columns.paper[i] = visit.paper ? 1 : 0;
    columns.successful[i] = visit.successful ? 1 : 0;
    columns.list[i] = lists.code(visit.list);
    questions.values.forEach((questionId, q) => {
      const value = visit.answers[questionId];
      columns.answers[q]!.cells[i] = value === undefined ? 0 : answerValues[q]!.code(value) + 1;
    });
  });
  return columns;
}

export const asColumns = (shift: Shift | ShiftData): ShiftData => ('visits' in shift ? columnsOf(shift) : shift);

/** A rule written over columns, callable with columns or with `Visit` objects. */
export function defineRule(body: (shift: ShiftData, context: RuleContext) => Finding[]): Rule {
  return (shift, context) => body(asColumns(shift), context);
}

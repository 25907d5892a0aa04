/**
 * A compact in-memory index of one campaign's interactions: just what the
 * map, the counts, the answer filter and the survey results need, in typed
 * arrays (about 58 bytes an interaction) instead of an object per point.
 * The review queue reads the same rows: who created each interaction and
 * when Polis received it, and which household it was, whose position and
 * building sit once per household in `households`.
 * Strings that repeat (canvassers, lists, walklists, answers) are stored
 * once in dictionaries and referenced by number.
 *
 * @example
 *   const index = new PointIndex(questions);
 *   index.upsert(interaction);
 *   const rows = index.select(filters, zone);  // Uint32Array of row numbers
 *   index.idAt(rows[0]);                       // '0b8c5147-…'
 */
import type { IndexedInteraction, Question } from '@/lib/polis/schemas';
import { timeWindow, type InteractionFilters } from '@/lib/filters/filters';
import { outcomeFrom, OUTCOMES, type Outcome } from '@/lib/filters/outcome';

export const FLAG_SUCCESSFUL = 1;
export const FLAG_UNAVAILABLE = 2;
export const FLAG_DELETED = 4;
export const FLAG_LOCATED = 8;

/**
 * The layout of the index's arrays and dictionaries. A snapshot written
 * under another version is refused and the index rebuilt: bump it whenever
 * a column, its type or its encoding changes.
 */
export const INDEX_FORMAT_VERSION = 1;

type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** Everything an index holds, as arrays and plain values: what a snapshot stores. */
export type IndexState = {
  size: number;
  sortedCount: number;
  columns: Record<(typeof COLUMNS)[number], Column>;
  canvassers: string[];
  lists: string[];
  walklists: string[];
  answers: { questionId: string; kind: AnswerColumn['kind']; tag?: string; values: string[]; cells: Uint8Array | Uint16Array }[];
  households: { ids: string[]; buildings: string[]; lat: Float32Array; lng: Float32Array; building: Int32Array; loaded: boolean };
};

const COLUMNS = ['ids', 'lat', 'lng', 'time', 'flags', 'distance', 'confidence', 'canvasser', 'list', 'walklist', 'received', 'household'] as const;

/** The one outcome rule, read once for each combination of the successful and unavailable flags. */
const OUTCOME_BY_FLAGS = [0, 1, 2, 3].map((flags) => outcomeFrom((flags & FLAG_SUCCESSFUL) !== 0, (flags & FLAG_UNAVAILABLE) !== 0));
const OUTCOME_CODE_BY_FLAGS = OUTCOME_BY_FLAGS.map((outcome) => OUTCOMES.indexOf(outcome));

const NONE = 0xffff;
const NO_CONFIDENCE = 0xff;
const INITIAL_CAPACITY = 1024;
const TOUCHED_ROWS_LIMIT = 100_000;

/** Strings stored once, referred to by a 16-bit code (0xffff means none). */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();

  code(value: string | undefined | null): number {
    if (value === undefined || value === null) return NONE;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      if (code >= NONE) return NONE;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }

  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

/**
 * How one survey question's answers are kept: a value code (one byte), a
 * bitmask of up to 16 choices (two bytes), or answered/not (one byte).
 * `none` marks "answered, but with a value beyond what the cell can hold".
 */
export type AnswerColumn = { kind: 'value' | 'choices' | 'answered'; tag?: string; values: Dictionary; cells: Uint8Array | Uint16Array; none: number };

/** A hex digit's value (either case). */
const nibble = (code: number) => (code <= 57 ? code - 48 : (code | 32) - 87);

/** The 16 bytes of a UUID, read from its hex digits (dashes skipped), written at `offset`. */
function uuidToBytes(id: string, target: Uint8Array, offset: number) {
  let byte = 0;
  for (let i = 0; i < id.length && byte < 16; i++) {
    const code = id.charCodeAt(i);
    if (code === 45) continue;
    target[offset + byte++] = (nibble(code) << 4) | nibble(id.charCodeAt(++i));
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
function bytesToUuid(source: Uint8Array, offset: number): string {
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[source[offset + i]!];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The rows (below `size`) where `column` holds `code`, ascending. */
function rowsHolding(column: Uint16Array, code: number, size: number): Uint32Array {
  let rows = new Uint32Array(1024);
  let n = 0;
  for (let row = 0; row < size; row++) {
    if (column[row] !== code) continue;
    if (n === rows.length) {
      const wider = new Uint32Array(n * 2);
      wider.set(rows);
      rows = wider;
    }
    rows[n++] = row;
  }
  return rows.subarray(0, n);
}

export class PointIndex {
  size = 0;
  /** Moves with every change, so caches built on the index know to rebuild. */
  version = 0;
  private capacity = 0;
  /** Rows [0, sortedCount) hold ids in ascending order (as the keyset walk delivers them). */
  private sortedCount = 0;
  /** Rows appended out of order (created after the walk), found by id here. */
  private readonly late = new Map<string, number>();

  ids = new Uint8Array(0);
  lat = new Float32Array(0);
  lng = new Float32Array(0);
  /**
   * Seconds since 1970 as a double, milliseconds in the fraction: `timeAt`
   * recovers every accepted timestamp to the millisecond (a 32-bit count of
   * whole seconds lost the milliseconds and ended in 2106).
   */
  time = new Float64Array(0);
  flags = new Uint8Array(0);
  distance = new Float32Array(0);
  /** GPS accuracy in whole metres, 254 meaning 254 or worse; 255 when none was recorded. */
  confidence = new Uint8Array(0);
  canvasser = new Uint16Array(0);
  list = new Uint16Array(0);
  walklist = new Uint16Array(0);
  /** When Polis received it (`meta.created`), epoch seconds. */
  received = new Uint32Array(0);
  /** The contact visited, a code into `households`. */
  household = new Uint32Array(0);

  readonly canvassers = new Dictionary();
  readonly lists = new Dictionary();
  readonly walklists = new Dictionary();
  readonly answers = new Map<string, AnswerColumn>();
  readonly households = new HouseholdTable();
  /** Canvasser codes whose rows changed since the review queue last looked. */
  readonly touchedCanvassers = new Set<number>();
  /**
   * Rows changed since the review queue last looked, so it reviews only the
   * shifts holding them; null once more changed than is worth listing (or
   * for a restored index), when every shift of a touched canvasser counts as changed.
   */
  touchedRows: Set<number> | null = new Set();

  private touchRow(row: number) {
    if (this.touchedRows && this.touchedRows.size < TOUCHED_ROWS_LIMIT) this.touchedRows.add(row);
    else this.touchedRows = null;
  }

  /** What changed since the last call (canvasser codes, and rows unless too many), and forgets it. */
  takeChanges(): { canvassers: Set<number>; rows: Set<number> | null } {
    const changes = { canvassers: new Set(this.touchedCanvassers), rows: this.touchedRows };
    this.touchedCanvassers.clear();
    this.touchedRows = new Set();
    return changes;
  }
  /** Paper sheets: interaction id → the canvasser whose sheet it was (Polis names whoever typed it in). */
  private readonly credits = new Map<string, string>();

  constructor(questions: Question[] = []) {
    for (const question of questions) {
      const kind = question.type === 'multi-select' ? 'choices' : question.type === 'text' ? 'answered' : 'value';
      const wide = kind === 'choices';
      this.answers.set(question.questionId, {
        kind,
        tag: question.tag,
        values: new Dictionary(),
        cells: wide ? new Uint16Array(0) : new Uint8Array(0),
        none: wide ? 0xffff : 0xff,
      });
    }
    this.grow(INITIAL_CAPACITY);
  }

  private grow(capacity: number) {
    const copy = <T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array>(array: T, length: number): T => {
      // Same kind of array, longer or shorter; what fits is kept.
      const next = new (array.constructor as new (n: number) => T)(length);
      next.set(array.subarray(0, Math.min(array.length, length)));
      return next;
    };
    this.ids = copy(this.ids, capacity * 16);
    this.lat = copy(this.lat, capacity);
    this.lng = copy(this.lng, capacity);
    this.time = copy(this.time, capacity);
    this.flags = copy(this.flags, capacity);
    this.distance = copy(this.distance, capacity);
    this.confidence = copy(this.confidence, capacity);
    this.canvasser = copy(this.canvasser, capacity);
    this.list = copy(this.list, capacity);
    this.walklist = copy(this.walklist, capacity);
    this.received = copy(this.received, capacity);
    this.household = copy(this.household, capacity);
    for (const column of this.answers.values()) column.cells = copy(column.cells, capacity);
    this.capacity = capacity;
  }

  /** Keeps the arrays as long as the data, once a build is complete. */
  compact() {
    if (this.capacity > this.size) this.grow(Math.max(this.size, 1));
  }

  idAt(row: number): string {
    return bytesToUuid(this.ids, row * 16);
  }

  private compareAt(row: number, bytes: Uint8Array): number {
    const base = row * 16;
    for (let i = 0; i < 16; i++) {
      const d = this.ids[base + i]! - bytes[i]!;
      if (d !== 0) return d;
    }
    return 0;
  }

  private readonly scratch = new Uint8Array(16);

  /** The row holding `id`, or -1. */
  find(id: string): number {
    const late = this.late.get(id);
    if (late !== undefined) return late;
    uuidToBytes(id, this.scratch, 0);
    return this.findBytes(this.scratch);
  }

  /** The row in the sorted part holding these id bytes, or -1. */
  private findBytes(bytes: Uint8Array): number {
    let low = 0;
    let high = this.sortedCount - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const c = this.compareAt(mid, bytes);
      if (c === 0) return mid;
      if (c < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /**
   * Adds or replaces an interaction. Ids arriving in ascending order extend
   * the sorted part (a walk's pages append without a search). The version
   * moves only when the row changes, so re-reading an unchanged interaction
   * (a refresh always reads the one at its watermark again) keeps caches.
   */
  upsert(interaction: IndexedInteraction): number {
    const bytes = this.scratch;
    let row = this.late.get(interaction.id) ?? -1;
    let appended = false;
    if (row === -1) {
      uuidToBytes(interaction.id, bytes, 0);
      // Past the last sorted id (a walk's next row): new, no search needed.
      const last = this.sortedCount - 1;
      if (last < 0 || this.compareAt(last, bytes) < 0) appended = this.sortedCount === this.size;
      if (!appended) row = this.findBytes(bytes);
    }
    const before = row === -1 ? null : this.rowText(row);
    if (row !== -1) this.touchedCanvassers.add(this.canvasser[row]!);
    if (row === -1) {
      if (this.size === this.capacity) this.grow(this.capacity * 2);
      row = this.size++;
      this.ids.set(bytes, row * 16);
      if (appended) this.sortedCount++;
      else this.late.set(interaction.id, row);
    }
    this.write(row, interaction);
    if (before === null || this.rowText(row) !== before) this.version++;
    this.touchRow(row);
    return row;
  }

  /** Every column of a row as one string, to tell whether a rewrite changed it. */
  private rowText(row: number): string {
    let text = `${this.lat[row]} ${this.lng[row]} ${this.time[row]} ${this.flags[row]} ${this.distance[row]} ${this.confidence[row]} ${this.canvasser[row]} ${this.received[row]} ${this.household[row]} ${this.list[row]} ${this.walklist[row]}`;
    for (const column of this.answers.values()) text += ` ${column.cells[row]}`;
    return text;
  }

  private write(row: number, interaction: IndexedInteraction) {
    const { data } = interaction;
    const located = data.location?.lat !== undefined && data.location?.lng !== undefined;
    this.lat[row] = located ? data.location!.lat! : 0;
    this.lng[row] = located ? data.location!.lng! : 0;
    this.time[row] = Date.parse(data.timestamp) / 1000;
    this.flags[row] = (data.successful ? FLAG_SUCCESSFUL : 0) | (data.unavailable ? FLAG_UNAVAILABLE : 0) | (located ? FLAG_LOCATED : 0);
    this.distance[row] = data.distance ?? NaN;
    const accuracy = data.location?.confidence;
    this.confidence[row] = accuracy === undefined ? NO_CONFIDENCE : Math.min(NO_CONFIDENCE - 1, Math.round(accuracy));
    this.canvasser[row] = this.canvassers.code(this.credits.get(interaction.id) ?? interaction.meta.createdBy);
    this.touchedCanvassers.add(this.canvasser[row]);
    this.received[row] = Math.floor(Date.parse(interaction.meta.created) / 1000);
    this.household[row] = this.households.code(data.contactId);
    this.list[row] = this.lists.code(data.listId);
    this.walklist[row] = this.walklists.code(data.walklistId);
    for (const [questionId, column] of this.answers) {
      const fields = data.survey.responses[questionId]?.fields;
      const value = fields ? (column.tag !== undefined && column.tag in fields ? fields[column.tag] : Object.values(fields)[0]) : undefined;
      column.cells[row] = encodeAnswer(column, value);
    }
  }

  /** Each walklist seen with the list its visits belong to (a walklist is cut from one list). */
  walklistLists(): { walklistId: string; listId: string | null }[] {
    const listOf = new Map<number, number>();
    for (let row = 0; row < this.size; row++) {
      const walklist = this.walklist[row]!;
      if (walklist !== NONE && !listOf.has(walklist)) listOf.set(walklist, this.list[row]!);
    }
    return [...listOf].map(([walklist, list]) => ({
      walklistId: this.walklists.values[walklist]!,
      listId: list === NONE ? null : (this.lists.values[list] ?? null),
    }));
  }

  /** Credits an interaction (present or still to come) to the canvasser whose paper sheet it was. */
  credit(id: string, canvasser: string) {
    this.credits.set(id, canvasser);
    const row = this.find(id);
    if (row === -1) return;
    this.version++;
    this.touchedCanvassers.add(this.canvasser[row]!);
    this.canvasser[row] = this.canvassers.code(canvasser);
    this.touchedCanvassers.add(this.canvasser[row]);
    this.touchRow(row);
  }

  /** Marks an interaction deleted; it stops matching any filter. */
  remove(id: string): boolean {
    const row = this.find(id);
    if (row === -1) return false;
    this.version++;
    this.flags[row]! |= FLAG_DELETED;
    this.touchedCanvassers.add(this.canvasser[row]!);
    this.touchRow(row);
    return true;
  }

  /** The interaction's timestamp in epoch milliseconds, exactly as recorded. */
  timeAt(row: number): number {
    return Math.round(this.time[row]! * 1000);
  }

  outcomeAt(row: number): Outcome {
    return OUTCOME_BY_FLAGS[this.flags[row]! & 3]!;
  }

  /** The outcome's position in `OUTCOMES`, for loops over many rows. */
  outcomeCodeAt(row: number): number {
    return OUTCOME_CODE_BY_FLAGS[this.flags[row]! & 3]!;
  }

  /** Rows matching every filter, in row order; `from`/`to` are days of `zone`. */
  select(filters: InteractionFilters, zone: string): Uint32Array {
    const [from, to] = timeWindow(filters, zone);
    const list = filters.list ? (this.lists.find(filters.list) ?? -1) : undefined;
    const walklist = filters.walklist ? (this.walklists.find(filters.walklist) ?? -1) : undefined;
    const canvasser = filters.canvasser ? (this.canvassers.find(filters.canvasser) ?? -1) : undefined;
    const answer = filters.answer ? this.answerMatcher(filters.answer.questionId, filters.answer.value) : undefined;
    const { outcome, minConfidence } = filters;
    // Distances are kept at 32-bit precision: the threshold is compared at the same precision, so a
    // visit whose recorded distance is exactly the minimum is kept here as the API keeps it.
    const minDistance = filters.minDistance === undefined ? undefined : Math.fround(filters.minDistance);
    // A new filter's selection runs on the thread that answers the map. With one canvasser, walk
    // list or list, a first pass reads that column alone for its rows (a quarter of the time of the
    // full test on every row), and only those are tested further. The columns are read from locals.
    const { flags: flagColumn, time, list: lists, walklist: walklists, canvasser: canvassers } = this;
    const oneValue: [Uint16Array, number] | undefined =
      canvasser !== undefined ? [canvassers, canvasser] : walklist !== undefined ? [walklists, walklist] : list !== undefined ? [lists, list] : undefined;
    const candidates = oneValue && rowsHolding(oneValue[0], oneValue[1], this.size);
    const count = candidates ? candidates.length : this.size;
    const out = new Uint32Array(count);
    let n = 0;
    const outcomeCode = outcome === undefined ? undefined : OUTCOMES.indexOf(outcome);
    for (let i = 0; i < count; i++) {
      const row = candidates ? candidates[i]! : i;
      if (canvasser !== undefined && canvassers[row] !== canvasser) continue;
      if (list !== undefined && lists[row] !== list) continue;
      if (walklist !== undefined && walklists[row] !== walklist) continue;
      const flags = flagColumn[row]!;
      if (flags & FLAG_DELETED) continue;
      if (outcomeCode !== undefined && OUTCOME_CODE_BY_FLAGS[flags & 3] !== outcomeCode) continue;
      const t = time[row]!;
      if (t < from || t >= to) continue;
      if (minDistance !== undefined && !(this.distance[row]! >= minDistance)) continue;
      if (minConfidence !== undefined && (this.confidence[row] === NO_CONFIDENCE || this.confidence[row]! < Math.min(minConfidence, NO_CONFIDENCE - 1)))
        continue;
      if (answer && !answer(row)) continue;
      out[n++] = row;
    }
    return out.subarray(0, n);
  }

  private answerMatcher(questionId: string, value: string): (row: number) => boolean {
    const column = this.answers.get(questionId);
    const code = column?.values.find(value);
    if (!column || code === undefined) return () => false;
    if (column.kind === 'choices') {
      const bit = 1 << code;
      return (row) => column.cells[row] !== column.none && (column.cells[row]! & bit) !== 0;
    }
    return (row) => column.cells[row] === code + 1;
  }

  /**
   * The answer recorded at `row` as one comparable string: the value for a
   * single-choice question, the set of choices for a multi-select; undefined
   * when unanswered or a free text (whose wording is not compared).
   */
  answerAt(row: number, questionId: string): string | undefined {
    const column = this.answers.get(questionId);
    return column ? this.answerText(column, column.cells[row]!) : undefined;
  }

  private readonly choiceTexts = new Map<AnswerColumn, Map<number, string>>();
  /** A cell of a column as the comparable string `answerAt` gives (choice sets are built once per mask). */
  answerText(column: AnswerColumn, cell: number): string | undefined {
    if (!cell || column.kind === 'answered') return undefined;
    if (cell === column.none) return '(other)';
    if (column.kind === 'value') return column.values.values[cell - 1];
    let texts = this.choiceTexts.get(column);
    if (!texts) this.choiceTexts.set(column, (texts = new Map()));
    let text = texts.get(cell);
    if (text === undefined) {
      const chosen: string[] = [];
      for (let bit = 0; bit < 16; bit++) if (cell & (1 << bit)) chosen.push(column.values.values[bit]!);
      texts.set(cell, (text = chosen.join('+')));
    }
    return text;
  }

  /**
   * For each question, how many of `rows` gave each answer, and how many answered at all.
   * Text questions report only the answered count.
   */
  distribution(rows: Uint32Array): Map<string, { answered: number; counts: Map<string, number> }> {
    const result = new Map<string, { answered: number; counts: Map<string, number> }>();
    for (const [questionId, column] of this.answers) {
      const tally = new Uint32Array(column.values.values.length + 1);
      let answered = 0;
      for (const row of rows) {
        const cell = column.cells[row]!;
        if (cell === 0) continue;
        answered++;
        if (cell === column.none) continue;
        if (column.kind === 'choices') {
          for (let bit = 0; bit < 16; bit++) if (cell & (1 << bit)) tally[bit]!++;
        } else if (column.kind === 'value') tally[cell - 1]!++;
      }
      const counts = new Map<string, number>();
      column.values.values.forEach((value, code) => counts.set(value, tally[code]!));
      result.set(questionId, { answered, counts });
    }
    return result;
  }

  /** Makes room for `count` rows in all, at once rather than by doubling. */
  reserve(count: number) {
    if (count > this.capacity) this.grow(count);
  }

  /**
   * Appends every row of another index's state (a part of the campaign
   * walked apart, as one id range), translating its dictionary codes into
   * this index's. Parts hold distinct ids; appended in id order they extend
   * the sorted part, as one walk would have.
   */
  appendState(part: IndexState) {
    const start = this.size;
    const count = part.size;
    this.reserve(start + count);
    this.ids.set(part.columns.ids.subarray(0, count * 16), start * 16);
    for (const name of ['lat', 'lng', 'time', 'flags', 'distance', 'confidence', 'received'] as const)
      this[name].set(part.columns[name].subarray(0, count), start);
    const translate = (target: Uint16Array, source: Column, values: string[], dictionary: Dictionary) => {
      const codes = values.map((value) => dictionary.code(value));
      for (let row = 0; row < count; row++) {
        const code = source[row]!;
        target[start + row] = code === NONE ? NONE : codes[code]!;
      }
      return codes;
    };
    for (const code of translate(this.canvasser, part.columns.canvasser, part.canvassers, this.canvassers)) this.touchedCanvassers.add(code);
    this.touchedCanvassers.add(NONE);
    translate(this.list, part.columns.list, part.lists, this.lists);
    translate(this.walklist, part.columns.walklist, part.walklists, this.walklists);
    const households = part.households.ids.map((id, code) => {
      const mine = this.households.code(id);
      if (!Number.isNaN(part.households.lat[code]!)) {
        this.households.lat[mine] = part.households.lat[code]!;
        this.households.lng[mine] = part.households.lng[code]!;
      }
      return mine;
    });
    for (let row = 0; row < count; row++) this.household[start + row] = households[part.columns.household[row]!]!;
    for (const answer of part.answers) {
      const column = this.answers.get(answer.questionId);
      if (!column || column.kind !== answer.kind) continue;
      const codes = answer.values.map((value) => column.values.code(value));
      const cells = new Map<number, number>();
      const cellOf = (cell: number) => {
        if (cell === 0 || column.kind === 'answered') return cell;
        if (cell === column.none) return column.none;
        if (column.kind === 'value') return codes[cell - 1]! + 1 >= column.none ? column.none : codes[cell - 1]! + 1;
        let mask = 0;
        for (let bit = 0; bit < 16; bit++) if (cell & (1 << bit) && codes[bit]! < 16) mask |= 1 << codes[bit]!;
        return mask === 0 || mask === column.none ? column.none : mask;
      };
      for (let row = 0; row < count; row++) {
        const cell = answer.cells[row]!;
        let mine = cells.get(cell);
        if (mine === undefined) cells.set(cell, (mine = cellOf(cell)));
        column.cells[start + row] = mine;
      }
    }
    this.size += count;
    const extendsSorted =
      this.sortedCount === start &&
      part.sortedCount === count &&
      (start === 0 || count === 0 || this.compareAt(start - 1, this.ids.subarray(start * 16, start * 16 + 16)) < 0);
    if (extendsSorted) this.sortedCount = this.size;
    else
      for (let row = start; row < this.size; row++) {
        const ascending = row === this.sortedCount && (row === 0 || this.compareAt(row - 1, this.ids.subarray(row * 16, row * 16 + 16)) < 0);
        if (ascending) this.sortedCount++;
        else this.late.set(this.idAt(row), row);
      }
    this.version++;
  }

  /** The index as arrays and plain values, trimmed to its size, for a snapshot. */
  exportState(): IndexState {
    const columns = Object.fromEntries(
      COLUMNS.map((name) => [name, this[name].subarray(0, name === 'ids' ? this.size * 16 : this.size)]),
    ) as IndexState['columns'];
    return {
      size: this.size,
      sortedCount: this.sortedCount,
      columns,
      canvassers: this.canvassers.values,
      lists: this.lists.values,
      walklists: this.walklists.values,
      answers: [...this.answers].map(([questionId, column]) => ({
        questionId,
        kind: column.kind,
        tag: column.tag,
        values: column.values.values,
        cells: column.cells.subarray(0, this.size),
      })),
      households: this.households.exportState(),
    };
  }

  /** An index holding exactly `state`, as `exportState` gave it. */
  static fromState(state: IndexState): PointIndex {
    const index = new PointIndex();
    index.grow(Math.max(state.size, 1));
    for (const name of COLUMNS) (index[name] as Column).set(state.columns[name]);
    index.size = state.size;
    index.sortedCount = state.sortedCount;
    // Only rows appended out of order sit past the sorted part.
    for (let row = state.sortedCount; row < state.size; row++) index.late.set(index.idAt(row), row);
    for (const value of state.canvassers) index.canvassers.code(value);
    for (const value of state.lists) index.lists.code(value);
    for (const value of state.walklists) index.walklists.code(value);
    for (const answer of state.answers) {
      const values = new Dictionary();
      for (const value of answer.values) values.code(value);
      const wide = answer.kind === 'choices';
      const cells = wide ? new Uint16Array(index.capacity) : new Uint8Array(index.capacity);
      cells.set(answer.cells);
      index.answers.set(answer.questionId, { kind: answer.kind, tag: answer.tag, values, cells, none: wide ? 0xffff : 0xff });
    }
    index.households.restore(state.households);
    // The review queue has seen none of these rows yet.
    for (let code = 0; code < state.canvassers.length; code++) index.touchedCanvassers.add(code);
    index.touchedCanvassers.add(NONE);
    index.touchedRows = null;
    index.version = 1;
    return index;
  }

  /** Resident bytes of the typed arrays (dictionaries aside). */
  byteLength(): number {
    let bytes = 0;
    for (const array of [
      this.ids,
      this.lat,
      this.lng,
      this.time,
      this.flags,
      this.distance,
      this.confidence,
      this.canvasser,
      this.list,
      this.walklist,
      this.received,
      this.household,
    ])
      bytes += array.byteLength;
    for (const column of this.answers.values()) bytes += column.cells.byteLength;
    return bytes;
  }
}

/**
 * Households once each: a code per contact id, with its position (NaN until
 * the contact is loaded) and its building (street address without unit, a
 * code into `buildings`, -1 when unknown).
 */
export class HouseholdTable {
  size = 0;
  private readonly codes = new Map<string, number>();
  readonly ids: string[] = [];
  lat = new Float32Array(256).fill(NaN);
  lng = new Float32Array(256).fill(NaN);
  building = new Int32Array(256).fill(-1);
  readonly buildings: string[] = [];
  private readonly buildingCodes = new Map<string, number>();
  /** Whether positions and buildings were loaded from the contacts. */
  loaded = false;

  code(contactId: string): number {
    let code = this.codes.get(contactId);
    if (code === undefined) {
      code = this.size++;
      if (code >= this.lat.length) this.grow(this.lat.length * 2);
      this.codes.set(contactId, code);
      this.ids.push(contactId);
    }
    return code;
  }

  private grow(length: number) {
    const widen = <T extends Float32Array | Int32Array>(array: T, fill: number): T => {
      const next = new (array.constructor as new (n: number) => T)(length);
      next.fill(fill);
      next.set(array);
      return next;
    };
    this.lat = widen(this.lat, NaN);
    this.lng = widen(this.lng, NaN);
    this.building = widen(this.building, -1);
  }

  /** Records where a household is and which building it belongs to. */
  place(contactId: string, lat: number | undefined, lng: number | undefined, building: string | null) {
    const code = this.code(contactId);
    this.lat[code] = lat ?? NaN;
    this.lng[code] = lng ?? NaN;
    if (building !== null) {
      let b = this.buildingCodes.get(building);
      if (b === undefined) {
        b = this.buildings.length;
        this.buildings.push(building);
        this.buildingCodes.set(building, b);
      }
      this.building[code] = b;
    }
  }

  byteLength(): number {
    return this.lat.byteLength + this.lng.byteLength + this.building.byteLength;
  }

  exportState(): IndexState['households'] {
    return {
      ids: this.ids,
      buildings: this.buildings,
      lat: this.lat.subarray(0, this.size),
      lng: this.lng.subarray(0, this.size),
      building: this.building.subarray(0, this.size),
      loaded: this.loaded,
    };
  }

  restore(state: IndexState['households']) {
    for (const id of state.ids) this.code(id);
    for (const building of state.buildings) {
      this.buildingCodes.set(building, this.buildings.length);
      this.buildings.push(building);
    }
    this.lat.set(state.lat);
    this.lng.set(state.lng);
    this.building.set(state.building);
    this.loaded = state.loaded;
  }
}

/** 0 = unanswered; single values are code + 1; multi-select keeps a bitmask of its first 16 choices. */
function encodeAnswer(column: AnswerColumn, value: unknown): number {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return 0;
  if (column.kind === 'answered') return 1;
  if (column.kind === 'choices') {
    let mask = 0;
    for (const item of Array.isArray(value) ? value : [value]) {
      const code = column.values.code(String(item));
      if (code < 16) mask |= 1 << code;
    }
    return mask === 0 || mask === column.none ? column.none : mask;
  }
  const code = column.values.code(String(Array.isArray(value) ? value[0] : value));
  return code + 1 >= column.none ? column.none : code + 1;
}

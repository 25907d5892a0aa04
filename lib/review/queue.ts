/**
 * The campaign's review queue, computed from the point index: every
 * canvasser's rows in time order, cut into shifts, each shift run through
 * the rules, the flagged ones kept with their reasons.
 *
 * It works on the index's typed arrays throughout: rows are grouped by
 * canvasser with a counting sort and put in time order with a native sort of
 * numeric keys; a stretch of canvassers at a time is copied out of the index
 * column by column, and each shift from there into one reused set of columns
 * (no object per interaction) that the rules read. The peer figures (contact
 * rate per list, answer shares per question) are counted in one pass and
 * shared by every shift; the doors of a canvasser's day come from that
 * canvasser's own rows.
 *
 * The queue is computed whole once per index, then kept current: when the
 * index's incremental refresh changes rows, only the canvassers concerned are
 * regrouped, and only their shifts that hold a changed row (or whose day's
 * door count moved) are reviewed again. Peer figures are taken at the full
 * computation; a handful of new visits hardly moves them, and the index's
 * periodic rebuild recomputes everything.
 *
 * @example
 *   const queue = computeQueue(index, { timeZone: 'America/New_York', settings, paper });
 *   refreshQueue(queue, index);            // after the index applied changes
 *   queue.queued;                          // ReviewedShift[], highest score first
 */
import { FLAG_DELETED, FLAG_LOCATED, FLAG_SUCCESSFUL, FLAG_UNAVAILABLE, type AnswerColumn, type PointIndex } from '@/lib/map-index/point-index';
import { ShiftColumns } from './columns';
import { METRES_PER_MILE } from './geo';
import { DEFAULT_REVIEW_SETTINGS, type PeerFigures, type ReviewSettings, type RuleContext, type Shift, type Visit } from './model';
import { findingsOf, scoreFindings, type Reason, type ShiftReview } from './score';
import { ruleSetVersionOf } from './thresholds';
import { localDayNumber } from './zone';

/** Rows entered from paper sheets: exempt from the GPS and clock rules. */
export type PaperRows = ReadonlySet<number>;

export type QueueOptions = {
  timeZone: string;
  settings?: ReviewSettings;
  paper?: PaperRows;
};

/** A shift as the queue keeps it: rows of the index, its figures and its review. */
export type ReviewedShift = {
  /** Stable while the shift keeps its first interaction: `<canvasser id>:<first interaction id>`. */
  key: string;
  canvasser: string;
  rows: number[];
  start: number;
  end: number;
  interactions: number;
  /** Doors where someone was home. */
  contacts: number;
  successful: number;
  lists: string[];
  score: number;
  reasons: Reason[];
  notes: Reason[];
};

/** One canvasser's shifts: the rows in time order, where each shift starts, and what its review found. */
type CanvasserShifts = {
  rows: Uint32Array;
  /** Shift `s` is `rows[starts[s]]` up to (not including) `rows[starts[s + 1]]`. */
  starts: Uint32Array;
  /** Per shift, the doors of the canvasser's day it was reviewed with, and the review when it flagged. */
  dayDoors: Int32Array;
  reviewed: (ReviewedShift | null)[];
  queued: ReviewedShift[];
};

export type Queue = {
  /** The rule set the flags were computed under: its version, with a digest of the campaign's own thresholds when it has any. */
  ruleSetVersion: string;
  timeZone: string;
  settings: ReviewSettings;
  paper: PaperRows;
  peers: CampaignPeers;
  /** Every shift's count, and each canvasser's shifts by canvasser code. */
  shiftCount: number;
  byCanvasser: Map<number, CanvasserShifts>;
  /** Flagged shifts, highest score first, then latest first. */
  queued: ReviewedShift[];
  /** Shifts run through the rules by the last computation or refresh. */
  reviewedLast: number;
  indexVersion: number;
  computedAt: number;
  /** The one set of columns every shift is copied into before the rules read it. */
  columns: IndexColumns;
};

/** The shift's columns, filled from the index; a visit's id is its row number until shown. */
class IndexColumns extends ShiftColumns {
  rows: Uint32Array = new Uint32Array(0);
  start = 0;
  override id = (i: number) => String(this.rows[this.start + i]);
}

const canvasserId = (index: PointIndex, code: number) => index.canvassers.values[code] ?? '';

/** The rule model's view of one index row, for the shift's page; the visit's id is its row number until shown. */
export function visitAt(index: PointIndex, row: number, paper: PaperRows): Visit {
  const flags = index.flags[row]!;
  const located = (flags & FLAG_LOCATED) !== 0;
  const household = index.household[row]!;
  const { households } = index;
  const homeLat = households.lat[household]!;
  const building = households.building[household]!;
  const confidence = index.confidence[row]!;
  const distance = index.distance[row]!;
  const answers: Record<string, string> = {};
  for (const questionId of index.answers.keys()) {
    const value = index.answerAt(row, questionId);
    if (value !== undefined) answers[questionId] = value;
  }
  return {
    id: String(row),
    canvasser: canvasserId(index, index.canvasser[row]!),
    time: index.time[row]!,
    received: index.received[row]!,
    position: located ? { lat: index.lat[row]!, lng: index.lng[row]! } : null,
    accuracy: confidence === 255 ? null : confidence,
    distance: Number.isNaN(distance) ? null : distance * METRES_PER_MILE,
    household: households.ids[household]!,
    home: Number.isNaN(homeLat) ? null : { lat: homeLat, lng: households.lng[household]! },
    building: building < 0 ? null : households.buildings[building]!,
    paper: paper.has(row),
    successful: (flags & FLAG_SUCCESSFUL) !== 0,
    list: index.lists.values[index.list[row]!] ?? '',
    answers,
  };
}

/**
 * Copies the index's rows `rows` (in that order) into `columns` from 0 on,
 * column by column: each loop reads one of the index's arrays, so its
 * scattered reads stay within one array the cache can hold, rather than
 * touching twenty arrays for every row.
 */
function gatherColumns(columns: ShiftColumns, index: PointIndex, paper: PaperRows, rows: Uint32Array) {
  const n = rows.length;
  columns.reserve(n);
  const { time, received, lat, lng, accuracy, distance, household, homeLat, homeLng, building, successful, list } = columns;
  const flags = index.flags;
  const source = {
    time: index.time,
    received: index.received,
    lat: index.lat,
    lng: index.lng,
    confidence: index.confidence,
    distance: index.distance,
    household: index.household,
    list: index.list,
  };
  for (let i = 0; i < n; i++) time[i] = source.time[rows[i]!]!;
  for (let i = 0; i < n; i++) received[i] = source.received[rows[i]!]!;
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    const located = (flags[row]! & FLAG_LOCATED) !== 0;
    lat[i] = located ? source.lat[row]! : NaN;
    lng[i] = located ? source.lng[row]! : NaN;
    successful[i] = flags[row]! & FLAG_SUCCESSFUL ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    const confidence = source.confidence[rows[i]!]!;
    accuracy[i] = confidence === 255 ? NaN : confidence;
  }
  for (let i = 0; i < n; i++) distance[i] = source.distance[rows[i]!]! * METRES_PER_MILE;
  for (let i = 0; i < n; i++) household[i] = source.household[rows[i]!]!;
  const places = index.households;
  for (let i = 0; i < n; i++) homeLat[i] = places.lat[household[i]!]!;
  for (let i = 0; i < n; i++) homeLng[i] = places.lng[household[i]!]!;
  for (let i = 0; i < n; i++) building[i] = places.building[household[i]!]!;
  for (let i = 0; i < n; i++) list[i] = source.list[rows[i]!]!;
  if (paper.size === 0) columns.paper.fill(0, 0, n);
  else for (let i = 0; i < n; i++) columns.paper[i] = paper.has(rows[i]!) ? 1 : 0;
  for (const answer of columns.answers) {
    const cells = index.answers.get(answer.questionId)!.cells;
    const out = answer.cells;
    for (let i = 0; i < n; i++) out[i] = cells[rows[i]!]!;
  }
}

/** Copies visits `[from, from + n)` of `stretch` into the shift's columns: plain sequential copies. */
function copyShift(stretch: ShiftColumns, from: number, n: number, columns: ShiftColumns) {
  columns.reserve(n);
  columns.length = n;
  const copy = <T extends Float64Array | Int32Array | Uint8Array>(source: T, target: T) => {
    for (let i = 0; i < n; i++) target[i] = source[from + i]!;
  };
  copy(stretch.time, columns.time);
  copy(stretch.received, columns.received);
  copy(stretch.lat, columns.lat);
  copy(stretch.lng, columns.lng);
  copy(stretch.accuracy, columns.accuracy);
  copy(stretch.distance, columns.distance);
  copy(stretch.homeLat, columns.homeLat);
  copy(stretch.homeLng, columns.homeLng);
  copy(stretch.household, columns.household);
  copy(stretch.building, columns.building);
  copy(stretch.list, columns.list);
  copy(stretch.paper, columns.paper);
  copy(stretch.successful, columns.successful);
  for (let q = 0; q < columns.answers.length; q++) copy(stretch.answers[q]!.cells, columns.answers[q]!.cells);
}

function indexColumns(index: PointIndex): IndexColumns {
  const compared = [...index.answers].filter(([, column]) => column.kind !== 'answered');
  const columns = new IndexColumns(
    256,
    compared.map(([questionId, column]) => ({ questionId, text: (cell: number) => index.answerText(column, cell) })),
  );
  columns.listId = (code) => index.lists.values[code] ?? '';
  return columns;
}

/** The peer figures of the whole campaign; the doors of a canvasser's day are that canvasser's own. */
export type CampaignPeers = Omit<PeerFigures, 'doorsThatDay'>;

/**
 * Campaign totals per list and per question, so each canvasser is compared
 * with everyone else: one pass over the index into typed arrays (a map for
 * multi-select answers, whose cells are too many to lay out), then each
 * canvasser's figures are the totals less their own, turned into answer
 * texts once per canvasser and question, when a rule asks.
 */
export function peerFigures(index: PointIndex): CampaignPeers {
  const canvassers = index.canvassers.values.length + 1;
  const lists = index.lists.values.length + 1;
  const doors = new Int32Array(canvassers * lists);
  const wins = new Int32Array(canvassers * lists);
  const columns = [...index.answers].filter(([, column]) => column.kind !== 'answered');
  // Per question: a count per canvasser and cell, dense for single choices (cells under 256).
  const dense = columns.map(([, column]) => (column.kind === 'value' && canvassers * 256 <= 1 << 22 ? new Int32Array(canvassers * 256) : null));
  const sparse = columns.map(() => new Map<number, number>());
  const cellColumns = columns.map(([, column]) => column.cells);
  for (let row = 0; row < index.size; row++) {
    const flags = index.flags[row]!;
    if (flags & FLAG_DELETED) continue;
    const canvasser = index.canvasser[row]! === 0xffff ? canvassers - 1 : index.canvasser[row]!;
    const at = canvasser * lists + (index.list[row]! === 0xffff ? lists - 1 : index.list[row]!);
    doors[at]!++;
    if (flags & FLAG_SUCCESSFUL) wins[at]!++;
    for (let q = 0; q < cellColumns.length; q++) {
      const cell = cellColumns[q]![row]!;
      if (cell === 0) continue;
      const counts = dense[q];
      if (counts) counts[canvasser * 256 + cell]!++;
      else {
        const key = canvasser * 65536 + cell;
        sparse[q]!.set(key, (sparse[q]!.get(key) ?? 0) + 1);
      }
    }
  }
  const listDoors = new Int32Array(lists);
  const listWins = new Int32Array(lists);
  for (let c = 0; c < canvassers; c++) {
    for (let l = 0; l < lists; l++) {
      listDoors[l]! += doors[c * lists + l]!;
      listWins[l]! += wins[c * lists + l]!;
    }
  }
  // Per question: every canvasser's count of each cell, and each canvasser's own.
  const totals = columns.map((_, q) => {
    const all = new Map<number, number>();
    const own = new Map<number, Map<number, number>>();
    const counts = dense[q];
    const add = (canvasser: number, cell: number, count: number) => {
      all.set(cell, (all.get(cell) ?? 0) + count);
      let mine = own.get(canvasser);
      if (!mine) own.set(canvasser, (mine = new Map()));
      mine.set(cell, count);
    };
    if (counts) {
      for (let at = 0; at < counts.length; at++) if (counts[at]! > 0) add(Math.floor(at / 256), at % 256, counts[at]!);
    } else for (const [key, count] of sparse[q]!) add(Math.floor(key / 65536), key % 65536, count);
    return { all, own };
  });
  const codeOf = (canvasser: string) => index.canvassers.find(canvasser) ?? canvassers - 1;
  const byQuestion = new Map(columns.map(([questionId], q) => [questionId, q]));
  // Per canvasser, per question.
  const answerCache = new Map<string, Map<string, Map<string, number>>>();
  const allTexts: Map<string, number>[] = [];
  const textCounts = (column: AnswerColumn, cells: Map<number, number>) => {
    const texts = new Map<string, number>();
    for (const [cell, count] of cells) {
      const text = index.answerText(column, cell);
      if (text !== undefined) texts.set(text, (texts.get(text) ?? 0) + count);
    }
    return texts;
  };
  return {
    successByList(listId, canvasser) {
      const list = index.lists.find(listId);
      if (list === undefined) return { doors: 0, successful: 0 };
      const own = codeOf(canvasser) * lists + list;
      return { doors: listDoors[list]! - doors[own]!, successful: listWins[list]! - wins[own]! };
    },
    answersByQuestion(questionId, canvasser) {
      let mine = answerCache.get(canvasser);
      if (!mine) answerCache.set(canvasser, (mine = new Map()));
      let out = mine.get(questionId);
      if (out) return out;
      const q = byQuestion.get(questionId);
      if (q === undefined) out = new Map();
      else {
        // Everyone's counts by value, less this canvasser's own.
        const column = columns[q]![1];
        const { all, own } = totals[q]!;
        out = new Map((allTexts[q] ??= textCounts(column, all)));
        for (const [cell, count] of own.get(codeOf(canvasser)) ?? []) {
          const text = index.answerText(column, cell);
          if (text === undefined) continue;
          const left = out.get(text)! - count;
          if (left > 0) out.set(text, left);
          else out.delete(text);
        }
      }
      mine.set(questionId, out);
      return out;
    },
  };
}

/** Canvassers' rows grouped: canvasser `code`'s rows are `order[start, end)`, the groups one after another in code order. */
type Groups = { order: Uint32Array; groups: { code: number; start: number; end: number }[] };

/** The live rows of every canvasser (or of those `only` marks), grouped by canvasser code in row order: a counting sort. */
function groupByCanvasser(index: PointIndex, only?: Uint8Array): Groups {
  const counts = new Uint32Array(0x10000);
  let total = 0;
  for (let row = 0; row < index.size; row++) {
    if (index.flags[row]! & FLAG_DELETED) continue;
    const code = index.canvasser[row]!;
    if (only && !only[code]) continue;
    counts[code]!++;
    total++;
  }
  const order = new Uint32Array(total);
  const next = new Uint32Array(counts.length);
  const groups: Groups['groups'] = [];
  let offset = 0;
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0) continue;
    next[code] = offset;
    groups.push({ code, start: offset, end: offset + counts[code]! });
    offset += counts[code]!;
  }
  for (let row = 0; row < index.size; row++) {
    if (index.flags[row]! & FLAG_DELETED) continue;
    const code = index.canvasser[row]!;
    if (!only || only[code]) order[next[code]!++] = row;
  }
  return { order, groups };
}

/**
 * Puts `rows` in time order (ties in row order), in place. The keys are
 * milliseconds since the earliest row times a power of two, plus the
 * position: a plain numeric sort of doubles does the work, with no
 * comparison function called per pair.
 */
function sortByTime(index: PointIndex, rows: Uint32Array) {
  const n = rows.length;
  if (n < 2) return;
  const keys = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < n; j++) {
    const ms = Math.round(index.time[rows[j]!]! * 1000);
    keys[j] = ms;
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  const scale = 2 ** Math.ceil(Math.log2(n));
  if (!Number.isFinite(min) || !Number.isFinite(max) || (max - min + 1) * scale > Number.MAX_SAFE_INTEGER) {
    const sorted = Array.from(rows).sort((a, b) => index.time[a]! - index.time[b]! || a - b);
    rows.set(sorted);
    return;
  }
  for (let j = 0; j < n; j++) keys[j] = (keys[j]! - min) * scale + j;
  keys.sort();
  const original = rows.slice();
  for (let j = 0; j < n; j++) rows[j] = original[keys[j]! % scale]!;
}

/** Where each shift of time-ordered visits starts: wherever two are more than the gap apart (plus the end). */
function shiftStarts(time: Float64Array, from: number, n: number, gapMinutes: number): Uint32Array {
  const gap = gapMinutes * 60;
  const starts = [0];
  for (let j = 1; j < n; j++) if (time[from + j]! - time[from + j - 1]! > gap) starts.push(j);
  starts.push(n);
  return Uint32Array.from(starts);
}

/** Doors per campaign-local day of time-ordered visits. */
function doorsByDay(time: Float64Array, from: number, n: number, timeZone: string): Map<number, number> {
  const days = new Map<number, number>();
  let day = NaN;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const next = localDayNumber(timeZone, time[from + j]!);
    if (next !== day) {
      if (count > 0) days.set(day, (days.get(day) ?? 0) + count);
      day = next;
      count = 0;
    }
    count++;
  }
  if (count > 0) days.set(day, (days.get(day) ?? 0) + count);
  return days;
}

function contextFor(queue: Pick<Queue, 'settings' | 'timeZone' | 'peers'>, days: Map<number, number>): RuleContext {
  return {
    settings: queue.settings,
    timeZone: queue.timeZone,
    peers: { ...queue.peers, doorsThatDay: (_canvasser, time) => days.get(localDayNumber(queue.timeZone, time)) ?? 0 },
  };
}

function summarise(index: PointIndex, canvasser: string, rows: Uint32Array, review: ShiftReview): ReviewedShift {
  const lists = new Set<string>();
  let contacts = 0;
  let successful = 0;
  for (const row of rows) {
    lists.add(index.lists.values[index.list[row]!] ?? '');
    if (!(index.flags[row]! & FLAG_UNAVAILABLE)) contacts++;
    if (index.flags[row]! & FLAG_SUCCESSFUL) successful++;
  }
  return {
    key: `${canvasser}:${index.idAt(rows[0]!)}`,
    canvasser,
    rows: Array.from(rows),
    start: index.time[rows[0]!]!,
    end: index.time[rows.at(-1)!]!,
    interactions: rows.length,
    contacts,
    successful,
    lists: [...lists],
    score: review.score,
    reasons: review.reasons,
    notes: review.notes,
  };
}

const sameRows = (a: Uint32Array, b: Uint32Array) => a.length === b.length && a.every((row, j) => row === b[j]);

/** About how many rows are copied out of the index at a time: whole canvassers, one stretch after another. */
const STRETCH_ROWS = 1 << 16;

/**
 * Reviews the canvassers of `grouped`: each one's rows put in time order,
 * then a stretch of canvassers at a time copied out of the index column by
 * column, then each canvasser's shifts reviewed from that copy. With `before`
 * (the queue's shifts at the last look) and the rows changed since, a shift
 * with the same rows, none changed, and the same doors that day keeps its review.
 */
function reviewCanvassers(queue: Queue, index: PointIndex, grouped: Groups, previous?: Map<number, CanvasserShifts>, changed?: ReadonlySet<number>) {
  const { order, groups } = grouped;
  for (const group of groups) sortByTime(index, order.subarray(group.start, group.end));
  const stretch = new ShiftColumns(0, queue.columns.answers);
  for (let first = 0; first < groups.length;) {
    let last = first + 1;
    while (last < groups.length && groups[last]!.end - groups[first]!.start <= STRETCH_ROWS) last++;
    const from = groups[first]!.start;
    gatherColumns(stretch, index, queue.paper, order.subarray(from, groups[last - 1]!.end));
    for (let g = first; g < last; g++) {
      const { code, start, end } = groups[g]!;
      const before = changed ? previous?.get(code) : undefined;
      queue.byCanvasser.set(code, reviewCanvasser(queue, index, code, order.subarray(start, end), stretch, start - from, before, changed));
    }
    first = last;
  }
}

/** Cuts one canvasser's time-ordered rows (copied into `stretch` from `offset` on) into shifts and reviews them. */
function reviewCanvasser(
  queue: Queue,
  index: PointIndex,
  code: number,
  rows: Uint32Array,
  stretch: ShiftColumns,
  offset: number,
  before?: CanvasserShifts,
  changed?: ReadonlySet<number>,
): CanvasserShifts {
  const starts = shiftStarts(stretch.time, offset, rows.length, queue.settings.shiftGapMinutes);
  const days = doorsByDay(stretch.time, offset, rows.length, queue.timeZone);
  const context = contextFor(queue, days);
  const canvasser = canvasserId(index, code);
  const shifts = starts.length - 1;
  const dayDoors = new Int32Array(shifts);
  const reviewed: (ReviewedShift | null)[] = new Array(shifts).fill(null);
  const earlier = new Map<number, number>();
  if (before && changed) for (let s = 0; s + 1 < before.starts.length; s++) earlier.set(before.rows[before.starts[s]!]!, s);
  const columns = queue.columns;
  columns.canvasser = canvasser;
  columns.rows = rows;
  for (let s = 0; s < shifts; s++) {
    const start = starts[s]!;
    const end = starts[s + 1]!;
    dayDoors[s] = days.get(localDayNumber(queue.timeZone, stretch.time[offset + start]!)) ?? 0;
    const was = earlier.get(rows[start]!);
    if (before && changed && was !== undefined && before.dayDoors[was] === dayDoors[s]) {
      const shiftRows = rows.subarray(start, end);
      if (sameRows(shiftRows, before.rows.subarray(before.starts[was], before.starts[was + 1])) && !shiftRows.some((row) => changed.has(row))) {
        reviewed[s] = before.reviewed[was] ?? null;
        continue;
      }
    }
    copyShift(stretch, offset + start, end - start, columns);
    columns.start = start;
    queue.reviewedLast++;
    const findings = findingsOf(columns, context);
    if (findings.length === 0) continue;
    const review = scoreFindings(columns, findings);
    if (review.queued) reviewed[s] = summarise(index, canvasser, rows.subarray(start, end), review);
  }
  return { rows, starts, dayDoors, reviewed, queued: reviewed.filter((shift) => shift !== null) };
}

const byScore = (a: ReviewedShift, b: ReviewedShift) => b.score - a.score || b.start - a.start;

function collect(queue: Queue) {
  queue.queued = [...queue.byCanvasser.values()].flatMap((entry) => entry.queued).sort(byScore);
  queue.shiftCount = [...queue.byCanvasser.values()].reduce((sum, entry) => sum + entry.starts.length - 1, 0);
}

export function computeQueue(index: PointIndex, options: QueueOptions): Queue {
  index.takeChanges();
  const settings = options.settings ?? DEFAULT_REVIEW_SETTINGS;
  const queue: Queue = {
    ruleSetVersion: ruleSetVersionOf(settings),
    timeZone: options.timeZone,
    settings,
    paper: options.paper ?? new Set(),
    peers: peerFigures(index),
    shiftCount: 0,
    byCanvasser: new Map(),
    queued: [],
    reviewedLast: 0,
    indexVersion: index.version,
    computedAt: Date.now(),
    columns: indexColumns(index),
  };
  reviewCanvassers(queue, index, groupByCanvasser(index));
  collect(queue);
  return queue;
}

/**
 * Reviews again the shifts that changed since the last look: those holding
 * rows the index changed, or rows that became or stopped being paper entries
 * (`paper`, when given, replaces the queue's). Returns how many canvassers were regrouped.
 */
export function refreshQueue(queue: Queue, index: PointIndex, paper?: PaperRows): number {
  const changes = index.takeChanges();
  const touched = changes.canvassers;
  const changedRows = changes.rows;
  if (paper && paper !== queue.paper) {
    for (const row of paper) if (!queue.paper.has(row)) changedRows?.add(row);
    for (const row of queue.paper) if (!paper.has(row)) changedRows?.add(row);
    for (const row of changedRows ?? [...paper, ...queue.paper]) if (row < index.size) touched.add(index.canvasser[row]!);
    queue.paper = paper;
  }
  queue.reviewedLast = 0;
  if (touched.size === 0) return 0;
  const only = new Uint8Array(0x10000);
  for (const code of touched) only[code] = 1;
  const previous = new Map<number, CanvasserShifts>();
  for (const code of touched) {
    const entry = queue.byCanvasser.get(code);
    if (entry) previous.set(code, entry);
    queue.byCanvasser.delete(code);
  }
  // Without the list of changed rows (too many, or a restored index), every shift of these canvassers is reviewed.
  reviewCanvassers(queue, index, groupByCanvasser(index, only), previous, changedRows ?? undefined);
  collect(queue);
  queue.indexVersion = index.version;
  queue.computedAt = Date.now();
  return touched.size;
}

/** The shift holding `row`, with its visits and full review (findings per interaction), for the shift's page. */
export function shiftAt(queue: Queue, index: PointIndex, row: number): { shift: Shift; review: ShiftReview } | null {
  if (row < 0 || row >= index.size || index.flags[row]! & FLAG_DELETED) return null;
  const code = index.canvasser[row]!;
  const only = new Uint8Array(0x10000);
  only[code] = 1;
  const rows = groupByCanvasser(index, only).order;
  sortByTime(index, rows);
  const canvasser = canvasserId(index, code);
  const all = indexColumns(index);
  gatherColumns(all, index, queue.paper, rows);
  const starts = shiftStarts(all.time, 0, rows.length, queue.settings.shiftGapMinutes);
  const at = rows.indexOf(row);
  let s = 0;
  while (starts[s + 1]! <= at) s++;
  const columns = indexColumns(index);
  copyShift(all, starts[s]!, starts[s + 1]! - starts[s]!, columns);
  Object.assign(columns, { canvasser, rows, start: starts[s] });
  const review = scoreFindings(columns, findingsOf(columns, contextFor(queue, doorsByDay(all.time, 0, rows.length, queue.timeZone))));
  const visits = Array.from(rows.subarray(starts[s], starts[s + 1]), (r) => visitAt(index, r, queue.paper));
  return { shift: { canvasser, visits }, review };
}

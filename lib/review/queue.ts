/**
 * The campaign's review queue, computed from the point index: every
 * canvasser's rows in time order, cut into shifts, each shift run through
 * the rules, the flagged ones kept with their reasons.
 *
 * It works on the index's typed arrays throughout: rows are grouped by
 * canvasser with a counting sort and put in time order with a native sort of
 * numeric keys; each shift is copied into one reused set of columns (no
 * object per interaction) that the rules read. The peer figures (contact
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
import { FLAG_DELETED, FLAG_LOCATED, FLAG_SUCCESSFUL, FLAG_UNAVAILABLE, type PointIndex } from '@/lib/map-index/point-index';
import { ShiftColumns } from './columns';
import { METRES_PER_MILE } from './geo';
import { DEFAULT_REVIEW_SETTINGS, RULE_SET_VERSION, type PeerFigures, type ReviewSettings, type RuleContext, type Shift, type Visit } from './model';
import { findingsOf, scoreFindings, type Reason, type ShiftReview } from './score';
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

/** Copies rows `rows[start, end)` of the index into the reused columns. */
function fillColumns(columns: IndexColumns, index: PointIndex, paper: PaperRows, canvasser: string, rows: Uint32Array, start: number, end: number) {
  const n = end - start;
  columns.reserve(n);
  columns.canvasser = canvasser;
  columns.length = n;
  columns.rows = rows;
  columns.start = start;
  const { households } = index;
  const checkPaper = paper.size > 0;
  for (let i = 0; i < n; i++) {
    const row = rows[start + i]!;
    const flags = index.flags[row]!;
    const located = (flags & FLAG_LOCATED) !== 0;
    const confidence = index.confidence[row]!;
    const household = index.household[row]!;
    columns.time[i] = index.time[row]!;
    columns.received[i] = index.received[row]!;
    columns.lat[i] = located ? index.lat[row]! : NaN;
    columns.lng[i] = located ? index.lng[row]! : NaN;
    columns.accuracy[i] = confidence === 255 ? NaN : confidence;
    columns.distance[i] = index.distance[row]! * METRES_PER_MILE;
    columns.household[i] = household;
    columns.homeLat[i] = households.lat[household]!;
    columns.homeLng[i] = households.lng[household]!;
    columns.building[i] = households.building[household]!;
    columns.paper[i] = checkPaper && paper.has(row) ? 1 : 0;
    columns.successful[i] = flags & FLAG_SUCCESSFUL ? 1 : 0;
    columns.list[i] = index.list[row]!;
  }
  for (const answer of columns.answers) {
    const cells = index.answers.get(answer.questionId)!.cells;
    for (let i = 0; i < n; i++) answer.cells[i] = cells[rows[start + i]!]!;
  }
}

function indexColumns(index: PointIndex): IndexColumns {
  const compared = [...index.answers].filter(([, column]) => column.kind !== 'answered');
  const columns = new IndexColumns(256, compared.map(([questionId, column]) => ({ questionId, text: (cell: number) => index.answerText(column, cell) })));
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
  const answerCache = new Map<string, Map<string, number>>();
  return {
    successByList(listId, canvasser) {
      const list = index.lists.find(listId);
      if (list === undefined) return { doors: 0, successful: 0 };
      const own = codeOf(canvasser) * lists + list;
      return { doors: listDoors[list]! - doors[own]!, successful: listWins[list]! - wins[own]! };
    },
    answersByQuestion(questionId, canvasser) {
      const key = `${canvasser}\n${questionId}`;
      let out = answerCache.get(key);
      if (out) return out;
      out = new Map();
      const q = byQuestion.get(questionId);
      if (q !== undefined) {
        const column = columns[q]![1];
        const mine = totals[q]!.own.get(codeOf(canvasser));
        for (const [cell, count] of totals[q]!.all) {
          const peers = count - (mine?.get(cell) ?? 0);
          const text = index.answerText(column, cell);
          if (peers > 0 && text !== undefined) out.set(text, (out.get(text) ?? 0) + peers);
        }
      }
      answerCache.set(key, out);
      return out;
    },
  };
}

/**
 * The live rows of every canvasser (or of those `only` marks), grouped by
 * canvasser code in row order: a counting sort into one array, each
 * canvasser's rows a view of it.
 */
function groupByCanvasser(index: PointIndex, only?: Uint8Array): Map<number, Uint32Array> {
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
  const groups = new Map<number, Uint32Array>();
  let offset = 0;
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0) continue;
    next[code] = offset;
    groups.set(code, order.subarray(offset, offset + counts[code]!));
    offset += counts[code]!;
  }
  for (let row = 0; row < index.size; row++) {
    if (index.flags[row]! & FLAG_DELETED) continue;
    const code = index.canvasser[row]!;
    if (!only || only[code]) order[next[code]!++] = row;
  }
  return groups;
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
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < n; j++) {
    const ms = Math.round(index.time[rows[j]!]! * 1000);
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  const scale = 2 ** Math.ceil(Math.log2(n));
  if (!Number.isFinite(min) || !Number.isFinite(max) || (max - min + 1) * scale > Number.MAX_SAFE_INTEGER) {
    const sorted = Array.from(rows).sort((a, b) => index.time[a]! - index.time[b]! || a - b);
    rows.set(sorted);
    return;
  }
  const keys = new Float64Array(n);
  for (let j = 0; j < n; j++) keys[j] = (Math.round(index.time[rows[j]!]! * 1000) - min) * scale + j;
  keys.sort();
  const original = rows.slice();
  for (let j = 0; j < n; j++) rows[j] = original[keys[j]! % scale]!;
}

/** Where each shift of time-ordered rows starts: wherever two visits are more than the gap apart (plus the end). */
function shiftStarts(index: PointIndex, rows: Uint32Array, gapMinutes: number): Uint32Array {
  const gap = gapMinutes * 60;
  const starts = [0];
  for (let j = 1; j < rows.length; j++) if (index.time[rows[j]!]! - index.time[rows[j - 1]!]! > gap) starts.push(j);
  starts.push(rows.length);
  return Uint32Array.from(starts);
}

/** Doors per campaign-local day of time-ordered rows, and each shift's day count. */
function doorsByDay(index: PointIndex, rows: Uint32Array, timeZone: string): Map<number, number> {
  const days = new Map<number, number>();
  let day = NaN;
  let count = 0;
  for (let j = 0; j < rows.length; j++) {
    const next = localDayNumber(timeZone, index.time[rows[j]!]!);
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
  return { settings: queue.settings, timeZone: queue.timeZone, peers: { ...queue.peers, doorsThatDay: (_canvasser, time) => days.get(localDayNumber(queue.timeZone, time)) ?? 0 } };
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

/**
 * Cuts one canvasser's rows into shifts and reviews them. With `before` (the
 * canvasser's shifts at the last look) and the rows changed since, a shift
 * with the same rows, none changed, and the same doors that day keeps its review.
 */
function reviewCanvasser(queue: Queue, index: PointIndex, code: number, rows: Uint32Array, before?: CanvasserShifts, changed?: ReadonlySet<number>): CanvasserShifts {
  sortByTime(index, rows);
  const starts = shiftStarts(index, rows, queue.settings.shiftGapMinutes);
  const days = doorsByDay(index, rows, queue.timeZone);
  const context = contextFor(queue, days);
  const canvasser = canvasserId(index, code);
  const shifts = starts.length - 1;
  const dayDoors = new Int32Array(shifts);
  const reviewed: (ReviewedShift | null)[] = new Array(shifts).fill(null);
  const earlier = new Map<number, number>();
  if (before && changed) for (let s = 0; s + 1 < before.starts.length; s++) earlier.set(before.rows[before.starts[s]!]!, s);
  for (let s = 0; s < shifts; s++) {
    const start = starts[s]!;
    const end = starts[s + 1]!;
    dayDoors[s] = days.get(localDayNumber(queue.timeZone, index.time[rows[start]!]!)) ?? 0;
    const was = earlier.get(rows[start]!);
    if (before && changed && was !== undefined && before.dayDoors[was] === dayDoors[s]) {
      const shiftRows = rows.subarray(start, end);
      if (sameRows(shiftRows, before.rows.subarray(before.starts[was], before.starts[was + 1])) && !shiftRows.some((row) => changed.has(row))) {
        reviewed[s] = before.reviewed[was] ?? null;
        continue;
      }
    }
    fillColumns(queue.columns, index, queue.paper, canvasser, rows, start, end);
    queue.reviewedLast++;
    const findings = findingsOf(queue.columns, context);
    if (findings.length === 0) continue;
    const review = scoreFindings(queue.columns, findings);
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
  const queue: Queue = {
    ruleSetVersion: RULE_SET_VERSION,
    timeZone: options.timeZone,
    settings: options.settings ?? DEFAULT_REVIEW_SETTINGS,
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
  for (const [code, rows] of groupByCanvasser(index)) queue.byCanvasser.set(code, reviewCanvasser(queue, index, code, rows));
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
  const groups = groupByCanvasser(index, only);
  for (const code of touched) {
    const rows = groups.get(code);
    if (rows) queue.byCanvasser.set(code, reviewCanvasser(queue, index, code, rows, queue.byCanvasser.get(code), changedRows ?? undefined));
    else queue.byCanvasser.delete(code);
  }
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
  const rows = groupByCanvasser(index, only).get(code);
  if (!rows) return null;
  sortByTime(index, rows);
  const starts = shiftStarts(index, rows, queue.settings.shiftGapMinutes);
  const at = rows.indexOf(row);
  let s = 0;
  while (starts[s + 1]! <= at) s++;
  const canvasser = canvasserId(index, code);
  const columns = indexColumns(index);
  fillColumns(columns, index, queue.paper, canvasser, rows, starts[s]!, starts[s + 1]!);
  const review = scoreFindings(columns, findingsOf(columns, contextFor(queue, doorsByDay(index, rows, queue.timeZone))));
  const visits = Array.from(rows.subarray(starts[s], starts[s + 1]), (r) => visitAt(index, r, queue.paper));
  return { shift: { canvasser, visits }, review };
}

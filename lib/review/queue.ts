/**
 * The campaign's review queue, computed from the point index: every
 * canvasser's rows in time order, cut into shifts, each shift run through
 * the rules, the flagged ones kept with their reasons.
 *
 * The queue is computed whole once per index (a few seconds at 600,000
 * interactions), then kept current: when the index's incremental refresh
 * changes rows, only the shifts of the canvassers concerned are reviewed
 * again. Peer figures (contact rate, answer shares) are taken at the full
 * computation; a handful of new visits hardly moves them, and the index's
 * periodic rebuild recomputes everything.
 *
 * @example
 *   const queue = computeQueue(index, { timeZone: 'America/New_York', settings, paperRows });
 *   refreshQueue(queue, index);            // after the index applied changes
 *   queue.queued;                          // ReviewedShift[], highest score first
 */
import { FLAG_DELETED, FLAG_LOCATED, FLAG_SUCCESSFUL, FLAG_UNAVAILABLE, type PointIndex } from '@/lib/map-index/point-index';
import { METRES_PER_MILE } from './geo';
import { DEFAULT_REVIEW_SETTINGS, RULE_SET_VERSION, type PeerFigures, type ReviewSettings, type Shift, type Visit } from './model';
import { reviewShift, type Reason, type ShiftReview } from './score';
import { splitShifts } from './shifts';
import { localDayNumber } from './zone';

export type QueueOptions = {
  timeZone: string;
  settings?: ReviewSettings;
  /** Rows entered by hand from paper sheets (exempt from the GPS and clock rules). */
  paperRows?: ReadonlySet<number>;
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

export type Queue = {
  ruleSetVersion: string;
  timeZone: string;
  settings: ReviewSettings;
  paperRows: ReadonlySet<number>;
  peers: PeerFigures;
  /** Every shift's count, and the flagged ones by canvasser code. */
  shiftCount: number;
  byCanvasser: Map<number, { shifts: number; queued: ReviewedShift[] }>;
  /** Flagged shifts, highest score first, then latest first. */
  queued: ReviewedShift[];
  indexVersion: number;
  computedAt: number;
};

/** The rule model's view of one index row; the visit's id is its row number until shown. */
export function visitAt(index: PointIndex, row: number, paperRows: ReadonlySet<number>): Visit {
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
    canvasser: index.canvassers.values[index.canvasser[row]!] ?? '',
    time: index.time[row]!,
    received: index.received[row]!,
    position: located ? { lat: index.lat[row]!, lng: index.lng[row]! } : null,
    accuracy: confidence === 255 ? null : confidence,
    distance: Number.isNaN(distance) ? null : distance * METRES_PER_MILE,
    household: households.ids[household]!,
    home: Number.isNaN(homeLat) ? null : { lat: homeLat, lng: households.lng[household]! },
    building: building < 0 ? null : households.buildings[building]!,
    paper: paperRows.has(row),
    successful: (flags & FLAG_SUCCESSFUL) !== 0,
    list: index.lists.values[index.list[row]!] ?? '',
    answers,
  };
}

/**
 * Campaign totals per list, per question and per canvasser-day, so each
 * canvasser is compared with everyone else. Counted in typed arrays and
 * numeric keys (one pass over the index); the per-canvasser answer tallies
 * are turned into strings once per canvasser and question, when a rule asks.
 */
export function peerFigures(index: PointIndex, timeZone: string): PeerFigures {
  const canvassers = index.canvassers.values.length + 1;
  const lists = index.lists.values.length + 1;
  const doors = new Int32Array(canvassers * lists);
  const wins = new Int32Array(canvassers * lists);
  const days = new Map<number, number>();
  const columns = [...index.answers.entries()].filter(([, column]) => column.kind !== 'answered');
  // Per question: canvasser code × 65,536 + cell → count.
  const tallies = columns.map(() => new Map<number, number>());
  for (let row = 0; row < index.size; row++) {
    const flags = index.flags[row]!;
    if (flags & FLAG_DELETED) continue;
    const canvasser = index.canvasser[row]! === 0xffff ? canvassers - 1 : index.canvasser[row]!;
    const at = canvasser * lists + (index.list[row]! === 0xffff ? lists - 1 : index.list[row]!);
    doors[at]!++;
    if (flags & FLAG_SUCCESSFUL) wins[at]!++;
    for (let q = 0; q < columns.length; q++) {
      const cell = columns[q]![1].cells[row]!;
      if (cell === 0) continue;
      const key = canvasser * 65536 + cell;
      tallies[q]!.set(key, (tallies[q]!.get(key) ?? 0) + 1);
    }
    const day = canvasser * 1_000_000 + localDayNumber(timeZone, index.time[row]!);
    days.set(day, (days.get(day) ?? 0) + 1);
  }
  const codeOf = (canvasser: string) => index.canvassers.find(canvasser) ?? canvassers - 1;
  const byQuestion = new Map(columns.map(([questionId], q) => [questionId, q]));
  const answerCache = new Map<string, Map<string, number>>();
  return {
    successByList(listId, canvasser) {
      const list = index.lists.find(listId);
      if (list === undefined) return { doors: 0, successful: 0 };
      const own = codeOf(canvasser);
      let all = 0;
      let successful = 0;
      for (let c = 0; c < canvassers; c++) {
        if (c === own) continue;
        all += doors[c * lists + list]!;
        successful += wins[c * lists + list]!;
      }
      return { doors: all, successful };
    },
    answersByQuestion(questionId, canvasser) {
      const key = `${canvasser}\n${questionId}`;
      let out = answerCache.get(key);
      if (out) return out;
      out = new Map();
      const q = byQuestion.get(questionId);
      if (q !== undefined) {
        const own = codeOf(canvasser);
        const column = columns[q]![1];
        for (const [tallyKey, count] of tallies[q]!) {
          if (Math.floor(tallyKey / 65536) === own) continue;
          const text = index.answerText(column, tallyKey % 65536);
          if (text !== undefined) out.set(text, (out.get(text) ?? 0) + count);
        }
      }
      answerCache.set(key, out);
      return out;
    },
    doorsThatDay(canvasser, time) {
      return days.get(codeOf(canvasser) * 1_000_000 + localDayNumber(timeZone, time)) ?? 0;
    },
  };
}

function summarise(index: PointIndex, shift: Shift, review: ShiftReview): ReviewedShift {
  const rows = shift.visits.map((visit) => Number(visit.id));
  const lists = [...new Set(shift.visits.map((visit) => visit.list))];
  let contacts = 0;
  let successful = 0;
  for (const row of rows) {
    if (!(index.flags[row]! & FLAG_UNAVAILABLE)) contacts++;
    if (index.flags[row]! & FLAG_SUCCESSFUL) successful++;
  }
  return {
    key: `${shift.canvasser}:${index.idAt(rows[0]!)}`,
    canvasser: shift.canvasser,
    rows,
    start: shift.visits[0]!.time,
    end: shift.visits.at(-1)!.time,
    interactions: rows.length,
    contacts,
    successful,
    lists,
    score: review.score,
    reasons: review.reasons,
    notes: review.notes,
  };
}

/** The live rows of the given canvassers (all when `only` is absent), grouped by canvasser code. */
function rowsByCanvasser(index: PointIndex, only?: ReadonlySet<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let row = 0; row < index.size; row++) {
    if (index.flags[row]! & FLAG_DELETED) continue;
    const canvasser = index.canvasser[row]!;
    if (only && !only.has(canvasser)) continue;
    let group = groups.get(canvasser);
    if (!group) groups.set(canvasser, (group = []));
    group.push(row);
  }
  return groups;
}

function reviewCanvasser(index: PointIndex, rows: number[], queue: Pick<Queue, 'settings' | 'timeZone' | 'peers' | 'paperRows'>) {
  const visits = rows.map((row) => visitAt(index, row, queue.paperRows));
  const shifts = splitShifts(visits, queue.settings.shiftGapMinutes);
  const queued: ReviewedShift[] = [];
  for (const shift of shifts) {
    const review = reviewShift(shift, queue);
    if (review.queued) queued.push(summarise(index, shift, review));
  }
  return { shifts: shifts.length, queued };
}

const byScore = (a: ReviewedShift, b: ReviewedShift) => b.score - a.score || b.start - a.start;

function collect(queue: Queue) {
  queue.queued = [...queue.byCanvasser.values()].flatMap((entry) => entry.queued).sort(byScore);
  queue.shiftCount = [...queue.byCanvasser.values()].reduce((sum, entry) => sum + entry.shifts, 0);
}

export function computeQueue(index: PointIndex, options: QueueOptions): Queue {
  index.touchedCanvassers.clear();
  const queue: Queue = {
    ruleSetVersion: RULE_SET_VERSION,
    timeZone: options.timeZone,
    settings: options.settings ?? DEFAULT_REVIEW_SETTINGS,
    paperRows: options.paperRows ?? new Set(),
    peers: peerFigures(index, options.timeZone),
    shiftCount: 0,
    byCanvasser: new Map(),
    queued: [],
    indexVersion: index.version,
    computedAt: Date.now(),
  };
  for (const [canvasser, rows] of rowsByCanvasser(index)) queue.byCanvasser.set(canvasser, reviewCanvasser(index, rows, queue));
  collect(queue);
  return queue;
}

/** Reviews again the shifts of canvassers whose rows changed since the last look. Returns how many canvassers. */
export function refreshQueue(queue: Queue, index: PointIndex, paperRows?: ReadonlySet<number>): number {
  if (paperRows) queue.paperRows = paperRows;
  const touched = new Set(index.touchedCanvassers);
  index.touchedCanvassers.clear();
  if (touched.size === 0) return 0;
  const groups = rowsByCanvasser(index, touched);
  for (const canvasser of touched) {
    const rows = groups.get(canvasser);
    if (rows) queue.byCanvasser.set(canvasser, reviewCanvasser(index, rows, queue));
    else queue.byCanvasser.delete(canvasser);
  }
  collect(queue);
  queue.indexVersion = index.version;
  queue.computedAt = Date.now();
  return touched.size;
}

/** The shift holding `row`, with its full review (findings per interaction), for the shift's page. */
export function shiftAt(queue: Queue, index: PointIndex, row: number): { shift: Shift; review: ShiftReview } | null {
  if (row < 0 || row >= index.size || index.flags[row]! & FLAG_DELETED) return null;
  const canvasser = index.canvasser[row]!;
  const rows = rowsByCanvasser(index, new Set([canvasser])).get(canvasser) ?? [];
  const shifts = splitShifts(rows.map((r) => visitAt(index, r, queue.paperRows)), queue.settings.shiftGapMinutes);
  const shift = shifts.find((candidate) => candidate.visits.some((visit) => visit.id === String(row)));
  return shift ? { shift, review: reviewShift(shift, queue) } : null;
}

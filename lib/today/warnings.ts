/**
 * The Today view's warning marks, from the open shifts of the review queue:
 * a visit a rule names gets that rule's sentence; a finding about the whole
 * shift (a median gap, say) that names no visit marks every visit of it.
 *
 * @example
 *   const marks = warningsOf(loaded, new Set(todaysRows)); // row → sentences
 */
import type { PointIndex } from '@/lib/map-index/point-index';
import { shiftAt, type Queue, type ReviewedShift } from '@/lib/review/queue';
import type { ShiftReview } from '@/lib/review/score';

/** What `loadReviewQueue` answers when ready, as far as the marks need it. */
export type QueueState = { index: PointIndex; queue: Queue; shifts: (ReviewedShift & { status: string })[] };

/** Full reviews of today's flagged shifts, kept while the index does not change (the view asks every few seconds). */
const reviews = new WeakMap<PointIndex, { version: number; byShift: Map<string, ShiftReview | null> }>();

export function warningsOf(loaded: QueueState, today: ReadonlySet<number>): Map<number, string[]> {
  const { index, queue } = loaded;
  let cache = reviews.get(index);
  if (!cache || cache.version !== index.version) reviews.set(index, (cache = { version: index.version, byShift: new Map() }));
  const out = new Map<number, string[]>();
  for (const shift of loaded.shifts) {
    if (shift.status !== 'open' || !shift.rows.some((row) => today.has(row))) continue;
    let review = cache.byShift.get(shift.key);
    if (review === undefined) cache.byShift.set(shift.key, (review = shiftAt(queue, index, shift.rows[0]!)?.review ?? null));
    if (!review) continue;
    const scored = review.findings.filter((finding) => finding.points > 0);
    const wholeShift = scored.filter((finding) => finding.visits.length === 0 && !finding.perVisit).map((finding) => finding.sentence);
    for (const row of shift.rows) {
      if (!today.has(row)) continue;
      const id = String(row);
      const own = scored.filter((finding) => finding.perVisit?.has(id) || finding.visits.includes(id)).map((finding) => finding.sentence);
      const sentences = [...new Set([...own, ...wholeShift])];
      if (sentences.length) out.set(row, sentences);
    }
  }
  return out;
}

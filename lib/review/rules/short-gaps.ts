import { formatSeconds } from '../geo';
import type { Finding, Rule } from '../model';
import { sameBuilding } from '../suppressions';

/**
 * `short-gaps`: too little time between different households. A gap under
 * the limit scores the later visit; a long shift whose median gap is short
 * scores the shift. Doors of one building are exempt (flats are quick).
 */
export const shortGaps: Rule = (shift, { settings }) => {
  const gaps: number[] = [];
  const perVisit = new Map<string, number>();
  const { visits } = shift;
  for (let i = 1; i < visits.length; i++) {
    const previous = visits[i - 1]!;
    const visit = visits[i]!;
    if (visit.household === previous.household || sameBuilding(previous, visit, settings.sameBuildingMetres)) continue;
    const gap = visit.time - previous.time;
    gaps.push(gap);
    if (gap < settings.shortGapSeconds) perVisit.set(visit.id, 1);
  }
  const findings: Finding[] = [];
  const median = medianOf(gaps);
  if (perVisit.size > 0) {
    findings.push({
      rule: 'short-gaps',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${gaps.length + 1} doors under ${formatSeconds(settings.shortGapSeconds)} apart`,
    });
  }
  if (visits.length >= settings.sprintMinDoors && median !== null && median < settings.sprintMedianSeconds) {
    findings.push({
      rule: 'short-gaps',
      level: 'shift',
      points: 3,
      visits: [],
      sentence: `${visits.length} doors with a median of ${formatSeconds(median)} between households (under ${formatSeconds(settings.sprintMedianSeconds)})`,
    });
  }
  return findings;
};

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

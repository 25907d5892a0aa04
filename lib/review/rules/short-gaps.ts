import { defineRule } from '../columns';
import { formatSeconds } from '../geo';
import type { Finding } from '../model';
import { sameBuildingAt } from '../suppressions';

// The gaps of the shift under review; grown as longer shifts come.
let gaps = new Float64Array(256);

/**
 * `short-gaps`: too little time between different households. A gap under
 * the limit scores the later visit; a long shift whose median gap is short
 * scores the shift. Doors of one building are exempt (flats are quick).
 */
export const shortGaps = defineRule((shift, { settings }) => {
  if (gaps.length < shift.length) gaps = new Float64Array(shift.length * 2);
  let counted = 0;
  let perVisit: Map<string, number> | undefined;
  for (let i = 1; i < shift.length; i++) {
    if (shift.household[i] === shift.household[i - 1] || sameBuildingAt(shift, i - 1, i, settings.sameBuildingMetres)) continue;
    const gap = shift.time[i]! - shift.time[i - 1]!;
    gaps[counted++] = gap;
    if (gap < settings.shortGapSeconds) (perVisit ??= new Map()).set(shift.id(i), 1);
  }
  const findings: Finding[] = [];
  if (perVisit) {
    findings.push({
      rule: 'short-gaps',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${counted + 1} doors under ${formatSeconds(settings.shortGapSeconds)} apart`,
    });
  }
  const median = shift.length >= settings.sprintMinDoors ? medianOf(gaps.subarray(0, counted)) : null;
  if (median !== null && median < settings.sprintMedianSeconds) {
    findings.push({
      rule: 'short-gaps',
      level: 'shift',
      points: 3,
      visits: [],
      sentence: `${shift.length} doors with a median of ${formatSeconds(median)} between households (under ${formatSeconds(settings.sprintMedianSeconds)})`,
    });
  }
  return findings;
});

/** The median, sorting `values` in place. */
function medianOf(values: Float64Array): number | null {
  if (values.length === 0) return null;
  values.sort();
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

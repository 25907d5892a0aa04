/**
 * Known false positives, exempted before a rule counts anything:
 * flats of one building (same spot within a few metres, or the same street
 * address with different units) for `short-gaps` and `one-spot`, and paper
 * entries for the GPS and clock rules.
 */
import { columnsOf } from './columns';
import { metresBetweenPoints } from './geo';
import type { ShiftData, Visit } from './model';

export function sameBuilding(a: Visit, b: Visit, withinMetres: number): boolean {
  return sameBuildingAt(columnsOf({ canvasser: a.canvasser, visits: [a, b] }), 0, 1, withinMetres);
}

/** `sameBuilding` for visits `a` and `b` of a shift's columns. */
export function sameBuildingAt(shift: ShiftData, a: number, b: number, withinMetres: number): boolean {
  const building = shift.building[a]!;
  if (building >= 0 && building === shift.building[b]) return true;
  const latA = shift.homeLat[a]!;
  const latB = shift.homeLat[b]!;
  return !Number.isNaN(latA) && !Number.isNaN(latB) && metresBetweenPoints(latA, shift.homeLng[a]!, latB, shift.homeLng[b]!) <= withinMetres;
}

/** Visit `i` of a shift has a position from the canvasser's own device (not typed in from paper). */
export const hasDeviceGpsAt = (shift: ShiftData, i: number) => shift.paper[i] === 0 && !Number.isNaN(shift.lat[i]!);

/** Visit `i`'s timestamps are the device's (not typed in from paper). */
export const hasDeviceClockAt = (shift: ShiftData, i: number) => shift.paper[i] === 0;

/** A street address without its unit: `12 Elm St` for `12 Elm St Apt 3`, lower-cased, blanks squeezed. */
export function buildingOf(streetAddress: { formatted?: string; number?: string; route?: string } | undefined): string | null {
  if (!streetAddress) return null;
  if (streetAddress.number && streetAddress.route) return `${streetAddress.number} ${streetAddress.route}`.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!streetAddress.formatted) return null;
  return (
    streetAddress.formatted
      .toLowerCase()
      .replace(/\s*(,|\b(apt|apartment|unit|suite|ste|fl|floor)\b\.?|#).*$/, '')
      .replace(/\s+/g, ' ')
      .trim() || null
  );
}

/**
 * Known false positives, exempted before a rule counts anything:
 * flats of one building (same spot within a few metres, or the same street
 * address with different units) for `short-gaps` and `one-spot`, and paper
 * entries for the GPS and clock rules.
 */
import { metresBetween } from './geo';
import type { Visit } from './model';

export function sameBuilding(a: Visit, b: Visit, withinMetres: number): boolean {
  if (a.building !== null && a.building === b.building) return true;
  return a.home !== null && b.home !== null && metresBetween(a.home, b.home) <= withinMetres;
}

/** The position and accuracy are the canvasser's own (not typed in from paper). */
export const hasDeviceGps = (visit: Visit): visit is Visit & { position: NonNullable<Visit['position']> } => !visit.paper && visit.position !== null;

/** The timestamps are the device's (not typed in from paper). */
export const hasDeviceClock = (visit: Visit) => !visit.paper;

/** A street address without its unit: `12 Elm St` for `12 Elm St Apt 3`, lower-cased, blanks squeezed. */
export function buildingOf(streetAddress: { formatted?: string; number?: string; route?: string } | undefined): string | null {
  if (!streetAddress) return null;
  if (streetAddress.number && streetAddress.route) return `${streetAddress.number} ${streetAddress.route}`.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!streetAddress.formatted) return null;
  return streetAddress.formatted.toLowerCase().replace(/\s*(,|\b(apt|apartment|unit|suite|ste|fl|floor)\b\.?|#).*$/, '').replace(/\s+/g, ' ').trim() || null;
}

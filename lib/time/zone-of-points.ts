/**
 * The time zone of a set of places, by a maintained boundary lookup
 * (`@photostructure/tz-lookup`, offline): the zone most of the points lie
 * in, so a stray geocode across a line does not move a whole campaign.
 *
 * @example
 *   zoneOfPoints([[42.31, -71.11], [42.30, -71.07]]); // 'America/New_York'
 */
import tzLookup from '@photostructure/tz-lookup';

export function zoneOfPoints(points: Iterable<readonly [lat: number, lng: number]>): string | undefined {
  const votes = new Map<string, number>();
  for (const [lat, lng] of points) {
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    const zone = tzLookup(lat, lng);
    votes.set(zone, (votes.get(zone) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [zone, count] of votes) if (!best || count > votes.get(best)!) best = zone;
  return best;
}

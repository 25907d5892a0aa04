import { formatMetres, metresBetween } from '../geo';
import type { Rule, Visit } from '../model';
import { hasDeviceGps, sameBuilding } from '../suppressions';

/**
 * `one-spot`: many households recorded from one place. Around each device
 * position of the shift, the visits recorded within the radius are taken;
 * their households that lie beyond the "apart" distance from that spot
 * (one per building) are counted. Enough of them scores the shift.
 */
export const oneSpot: Rule = (shift, { settings }) => {
  // A household beyond "apart" from the spot, recorded within the radius of it, lies at least
  // apart − radius from where it was recorded: visits recorded at their door cannot take part.
  const within = settings.oneSpotApartMetres - settings.oneSpotRadiusMetres;
  const located = shift.visits.filter(hasDeviceGps);
  let candidates = 0;
  for (const visit of located) if (visit.home !== null && metresBetween(visit.position, visit.home) > within) candidates++;
  if (candidates < settings.oneSpotHouseholds) return [];
  let best: Visit[] = [];
  for (const centre of located) {
    const away: Visit[] = [];
    for (const visit of located) {
      if (metresBetween(centre.position, visit.position) > settings.oneSpotRadiusMetres) continue;
      if (visit.home === null || metresBetween(centre.position, visit.home) <= settings.oneSpotApartMetres) continue;
      if (away.some((other) => other.household === visit.household || sameBuilding(other, visit, settings.sameBuildingMetres))) continue;
      away.push(visit);
    }
    if (away.length > best.length) best = away;
  }
  if (best.length < settings.oneSpotHouseholds) return [];
  return [
    {
      rule: 'one-spot',
      level: 'shift',
      points: 3,
      visits: best.map((visit) => visit.id),
      sentence: `${best.length} households more than ${formatMetres(settings.oneSpotApartMetres)} away recorded within ${formatMetres(settings.oneSpotRadiusMetres)} of one spot`,
    },
  ];
};

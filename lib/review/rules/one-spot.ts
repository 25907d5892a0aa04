import { defineRule } from '../columns';
import { formatMetres, metresBetweenPoints } from '../geo';
import { hasDeviceGpsAt, sameBuildingAt } from '../suppressions';

/**
 * `one-spot`: many households recorded from one place. Around each device
 * position of the shift, the visits recorded within the radius are taken;
 * their households that lie beyond the "apart" distance from that spot
 * (one per building) are counted. Enough of them scores the shift.
 */
export const oneSpot = defineRule((shift, { settings }) => {
  // A household beyond "apart" from the spot, recorded within the radius of it, lies at least
  // apart − radius from where it was recorded: visits recorded at their door cannot take part.
  const within = settings.oneSpotApartMetres - settings.oneSpotRadiusMetres;
  const { lat, lng, homeLat, homeLng } = shift;
  let candidates = 0;
  for (let i = 0; i < shift.length; i++) {
    if (hasDeviceGpsAt(shift, i) && !Number.isNaN(homeLat[i]!) && metresBetweenPoints(lat[i]!, lng[i]!, homeLat[i]!, homeLng[i]!) > within) candidates++;
  }
  if (candidates < settings.oneSpotHouseholds) return [];
  const located: number[] = [];
  for (let i = 0; i < shift.length; i++) if (hasDeviceGpsAt(shift, i)) located.push(i);
  let best: number[] = [];
  for (const centre of located) {
    const away: number[] = [];
    for (const i of located) {
      if (metresBetweenPoints(lat[centre]!, lng[centre]!, lat[i]!, lng[i]!) > settings.oneSpotRadiusMetres) continue;
      if (Number.isNaN(homeLat[i]!) || metresBetweenPoints(lat[centre]!, lng[centre]!, homeLat[i]!, homeLng[i]!) <= settings.oneSpotApartMetres) continue;
      if (away.some((other) => shift.household[other] === shift.household[i] || sameBuildingAt(shift, other, i, settings.sameBuildingMetres))) continue;
      away.push(i);
    }
    if (away.length > best.length) best = away;
  }
  if (best.length < settings.oneSpotHouseholds) return [];
  return [
    {
      rule: 'one-spot',
      level: 'shift',
      points: 3,
      visits: best.map((i) => shift.id(i)),
      sentence: `${best.length} households more than ${formatMetres(settings.oneSpotApartMetres)} away recorded within ${formatMetres(settings.oneSpotRadiusMetres)} of one spot`,
    },
  ];
});

import { defineRule } from '../columns';
import { formatMetres } from '../geo';
import type { Finding } from '../model';

/**
 * `far-from-household`: the canvasser stood far from the household, beyond
 * what the GPS accuracy explains (distance minus accuracy). Readings with
 * accuracy worse than the poor-GPS limit are counted, not scored.
 */
export const farFromHousehold = defineRule((shift, { settings }) => {
  const [one, two, three] = settings.farMetres;
  let perVisit: Map<string, number> | undefined;
  let points = 0;
  let poor = 0;
  let farthest = 0;
  let scored = 0;
  for (let i = 0; i < shift.length; i++) {
    const distance = shift.distance[i]!;
    if (shift.paper[i] || Number.isNaN(distance)) continue;
    const accuracy = shift.accuracy[i]!;
    if (accuracy > settings.poorAccuracyMetres) {
      poor++;
      continue;
    }
    scored++;
    const beyond = distance - (Number.isNaN(accuracy) ? 0 : accuracy);
    const visitPoints = beyond > three ? 3 : beyond > two ? 2 : beyond > one ? 1 : 0;
    if (visitPoints > 0) {
      (perVisit ??= new Map()).set(shift.id(i), visitPoints);
      points += visitPoints;
      farthest = Math.max(farthest, beyond);
    }
  }
  const findings: Finding[] = [];
  if (perVisit) {
    findings.push({
      rule: 'far-from-household',
      level: 'interaction',
      points,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${scored} doors recorded more than ${formatMetres(one)} from the household beyond the GPS accuracy (farthest ${formatMetres(farthest)})`,
    });
  }
  if (poor > 0) {
    findings.push({
      rule: 'far-from-household',
      level: 'shift',
      points: 0,
      visits: [],
      sentence: `${poor} doors with poor GPS (accuracy worse than ${formatMetres(settings.poorAccuracyMetres)}), not scored`,
    });
  }
  return findings;
});

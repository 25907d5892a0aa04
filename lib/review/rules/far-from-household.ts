import { formatMetres } from '../geo';
import type { Finding, Rule } from '../model';

/**
 * `far-from-household`: the canvasser stood far from the household, beyond
 * what the GPS accuracy explains (distance minus accuracy). Readings with
 * accuracy worse than the poor-GPS limit are counted, not scored.
 */
export const farFromHousehold: Rule = (shift, { settings }) => {
  const [one, two, three] = settings.farMetres;
  const perVisit = new Map<string, number>();
  let poor = 0;
  let farthest = 0;
  let scored = 0;
  for (const visit of shift.visits) {
    if (visit.paper || visit.distance === null) continue;
    if (visit.accuracy !== null && visit.accuracy > settings.poorAccuracyMetres) {
      poor++;
      continue;
    }
    scored++;
    const beyond = visit.distance - (visit.accuracy ?? 0);
    const points = beyond > three ? 3 : beyond > two ? 2 : beyond > one ? 1 : 0;
    if (points > 0) {
      perVisit.set(visit.id, points);
      farthest = Math.max(farthest, beyond);
    }
  }
  const findings: Finding[] = [];
  if (perVisit.size > 0) {
    const points = [...perVisit.values()].reduce((a, b) => a + b, 0);
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
    findings.push({ rule: 'far-from-household', level: 'shift', points: 0, visits: [], sentence: `${poor} doors with poor GPS (accuracy worse than ${formatMetres(settings.poorAccuracyMetres)}), not scored` });
  }
  return findings;
};

import { formatMetres } from '../geo';
import { metresBetween } from '../geo';
import type { Finding, Rule, Visit } from '../model';
import { hasDeviceGps } from '../suppressions';

export type Leg = { from: string; to: string; metres: number; seconds: number; speed: number };

/**
 * The legs between consecutive device positions of a shift. The distance
 * counts only what lies beyond both readings' accuracy, so GPS jitter over
 * a few seconds does not read as a sprint.
 */
export function legsOf(visits: Visit[]): Leg[] {
  const located = visits.filter(hasDeviceGps);
  const legs: Leg[] = [];
  for (let i = 1; i < located.length; i++) {
    const a = located[i - 1]!;
    const b = located[i]!;
    const metres = Math.max(0, metresBetween(a.position, b.position) - (a.accuracy ?? 0) - (b.accuracy ?? 0));
    const seconds = b.time - a.time;
    const speed = metres === 0 ? 0 : seconds <= 0 ? Infinity : metres / seconds;
    legs.push({ from: a.id, to: b.id, metres, seconds, speed });
  }
  return legs;
}

/** `impossible-travel`: the implied speed between consecutive positions; driving speed is shown, not scored. */
export const impossibleTravel: Rule = (shift, { settings }) => {
  const legs = legsOf(shift.visits);
  const impossible = legs.filter((leg) => leg.speed > settings.impossibleSpeed);
  const driving = legs.filter((leg) => leg.speed > settings.drivingSpeed && leg.speed <= settings.impossibleSpeed);
  const findings: Finding[] = [];
  if (impossible.length > 0) {
    // A lone reading far off makes two impossible legs, there and back: only that reading is to blame.
    const perVisit = new Map<string, number>();
    for (let i = 0; i < legs.length; i++) {
      if (!(legs[i]!.speed > settings.impossibleSpeed)) continue;
      perVisit.set(legs[i]!.to, 3);
      if (i + 1 < legs.length && legs[i + 1]!.speed > settings.impossibleSpeed) i++;
    }
    const fastest = impossible.reduce((a, b) => (b.speed > a.speed ? b : a));
    findings.push({
      rule: 'impossible-travel',
      level: 'interaction',
      points: perVisit.size * 3,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${impossible.length} of ${legs.length} moves faster than ${settings.impossibleSpeed} m/s (fastest ${formatMetres(fastest.metres)} in ${fastest.seconds} s)`,
    });
  }
  if (driving.length > 0) {
    findings.push({
      rule: 'impossible-travel',
      level: 'interaction',
      points: 0,
      visits: driving.map((leg) => leg.to),
      sentence: `${driving.length} moves between ${settings.drivingSpeed} and ${settings.impossibleSpeed} m/s (driving?)`,
    });
  }
  return findings;
};

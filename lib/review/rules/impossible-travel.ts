import { asColumns, defineRule } from '../columns';
import { formatMetres, metresBetweenPoints } from '../geo';
import type { Finding, Shift, ShiftData } from '../model';
import { hasDeviceGpsAt } from '../suppressions';

/** A move between two consecutive device positions: visits `from` and `to` of the shift. */
export type Leg = { from: number; to: number; metres: number; seconds: number; speed: number };

/** The legs of the shift under review, as columns; grown as longer shifts come. */
const legs = {
  count: 0,
  to: new Int32Array(256),
  metres: new Float64Array(256),
  seconds: new Float64Array(256),
  speed: new Float64Array(256),
  from: new Int32Array(256),
};

/**
 * The legs between consecutive device positions of a shift, into `legs`.
 * The distance counts only what lies beyond both readings' accuracy, so GPS
 * jitter over a few seconds does not read as a sprint.
 */
function measureLegs(shift: ShiftData) {
  if (legs.to.length < shift.length) {
    const n = shift.length * 2;
    Object.assign(legs, {
      to: new Int32Array(n),
      from: new Int32Array(n),
      metres: new Float64Array(n),
      seconds: new Float64Array(n),
      speed: new Float64Array(n),
    });
  }
  legs.count = 0;
  let a = -1;
  for (let b = 0; b < shift.length; b++) {
    if (!hasDeviceGpsAt(shift, b)) continue;
    if (a >= 0) {
      const accuracyA = shift.accuracy[a]!;
      const accuracyB = shift.accuracy[b]!;
      const between = metresBetweenPoints(shift.lat[a]!, shift.lng[a]!, shift.lat[b]!, shift.lng[b]!);
      const metres = Math.max(0, between - (Number.isNaN(accuracyA) ? 0 : accuracyA) - (Number.isNaN(accuracyB) ? 0 : accuracyB));
      const seconds = shift.time[b]! - shift.time[a]!;
      const k = legs.count++;
      legs.from[k] = a;
      legs.to[k] = b;
      legs.metres[k] = metres;
      legs.seconds[k] = seconds;
      legs.speed[k] = metres === 0 ? 0 : seconds <= 0 ? Infinity : metres / seconds;
    }
    a = b;
  }
}

/** The legs between consecutive device positions of a shift (for the replay). */
export function legsOf(shift: Shift | ShiftData): Leg[] {
  measureLegs(asColumns(shift));
  return Array.from({ length: legs.count }, (_, k) => ({
    from: legs.from[k]!,
    to: legs.to[k]!,
    metres: legs.metres[k]!,
    seconds: legs.seconds[k]!,
    speed: legs.speed[k]!,
  }));
}

/** `impossible-travel`: the implied speed between consecutive positions; driving speed is shown, not scored. */
export const impossibleTravel = defineRule((shift, { settings }) => {
  measureLegs(shift);
  let impossible = 0;
  let fastest = -1;
  let driving: string[] | undefined;
  for (let k = 0; k < legs.count; k++) {
    const speed = legs.speed[k]!;
    if (speed > settings.impossibleSpeed) {
      impossible++;
      if (fastest < 0 || speed > legs.speed[fastest]!) fastest = k;
    } else if (speed > settings.drivingSpeed) (driving ??= []).push(shift.id(legs.to[k]!));
  }
  const findings: Finding[] = [];
  if (impossible > 0) {
    // A lone reading far off makes two impossible legs, there and back: only that reading is to blame.
    const perVisit = new Map<string, number>();
    for (let k = 0; k < legs.count; k++) {
      if (!(legs.speed[k]! > settings.impossibleSpeed)) continue;
      perVisit.set(shift.id(legs.to[k]!), 3);
      if (k + 1 < legs.count && legs.speed[k + 1]! > settings.impossibleSpeed) k++;
    }
    findings.push({
      rule: 'impossible-travel',
      level: 'interaction',
      points: perVisit.size * 3,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${impossible} of ${legs.count} moves faster than ${settings.impossibleSpeed} m/s (fastest ${formatMetres(legs.metres[fastest]!)} in ${legs.seconds[fastest]!} s)`,
    });
  }
  if (driving) {
    findings.push({
      rule: 'impossible-travel',
      level: 'interaction',
      points: 0,
      visits: driving,
      sentence: `${driving.length} moves between ${settings.drivingSpeed} and ${settings.impossibleSpeed} m/s (driving?)`,
    });
  }
  return findings;
});

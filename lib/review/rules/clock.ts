import { formatSeconds } from '../geo';
import type { Rule } from '../model';
import { hasDeviceClock } from '../suppressions';

/**
 * `clock`: the device's time disagrees with when Polis received the visit:
 * stamped after it arrived (a clock set ahead), or long before (held back
 * or backdated).
 */
export const clock: Rule = (shift, { settings }) => {
  const perVisit = new Map<string, number>();
  let ahead = 0;
  let behind = 0;
  let worst = 0;
  for (const visit of shift.visits) {
    if (!hasDeviceClock(visit)) continue;
    const skew = visit.time - visit.received;
    if (skew > settings.clockAheadSeconds) ahead++;
    else if (-skew > settings.clockBehindSeconds) behind++;
    else continue;
    perVisit.set(visit.id, 1);
    worst = Math.max(worst, Math.abs(skew));
  }
  if (perVisit.size === 0) return [];
  const parts = [ahead > 0 ? `${ahead} stamped over ${formatSeconds(settings.clockAheadSeconds)} after Polis received them` : '', behind > 0 ? `${behind} stamped over ${formatSeconds(settings.clockBehindSeconds)} before` : ''].filter(Boolean);
  return [
    {
      rule: 'clock',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${shift.visits.length} doors with a device clock off: ${parts.join(', ')} (worst ${formatSeconds(worst)})`,
    },
  ];
};

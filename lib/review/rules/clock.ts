import { defineRule } from '../columns';
import { formatSeconds } from '../geo';
import { hasDeviceClockAt } from '../suppressions';

/**
 * `clock`: the device's time disagrees with when Polis received the visit:
 * stamped after it arrived (a clock set ahead), or long before (held back
 * or backdated).
 */
export const clock = defineRule((shift, { settings }) => {
  let perVisit: Map<string, number> | undefined;
  let ahead = 0;
  let behind = 0;
  let worst = 0;
  for (let i = 0; i < shift.length; i++) {
    if (!hasDeviceClockAt(shift, i)) continue;
    const skew = shift.time[i]! - shift.received[i]!;
    if (skew > settings.clockAheadSeconds) ahead++;
    else if (-skew > settings.clockBehindSeconds) behind++;
    else continue;
    (perVisit ??= new Map()).set(shift.id(i), 1);
    worst = Math.max(worst, Math.abs(skew));
  }
  if (!perVisit) return [];
  const parts = [
    ahead > 0 ? `${ahead} stamped over ${formatSeconds(settings.clockAheadSeconds)} after Polis received them` : '',
    behind > 0 ? `${behind} stamped over ${formatSeconds(settings.clockBehindSeconds)} before` : '',
  ].filter(Boolean);
  return [
    {
      rule: 'clock',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${shift.length} doors with a device clock off: ${parts.join(', ')} (worst ${formatSeconds(worst)})`,
    },
  ];
});

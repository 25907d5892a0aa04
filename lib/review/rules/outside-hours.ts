import { defineRule } from '../columns';
import { localClock, localSecondOfDay } from '../zone';

/** `outside-hours`: visits before the earliest or after the latest canvassing hour, campaign-local. */
export const outsideHours = defineRule((shift, { settings, timeZone }) => {
  let perVisit: Map<string, number> | undefined;
  let first = 0;
  let last = 0;
  const earliest = settings.earliestHour * 3600;
  const latest = settings.latestHour * 3600;
  for (let i = 0; i < shift.length; i++) {
    const second = localSecondOfDay(timeZone, shift.time[i]!);
    if (second < earliest || second > latest) {
      if (!perVisit) first = i;
      (perVisit ??= new Map()).set(shift.id(i), 1);
      last = i;
    }
  }
  if (!perVisit) return [];
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const span =
    perVisit.size === 1
      ? `at ${localClock(timeZone, shift.time[first]!)}`
      : `between ${localClock(timeZone, shift.time[first]!)} and ${localClock(timeZone, shift.time[last]!)}`;
  return [
    {
      rule: 'outside-hours',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${shift.length} doors before ${hour(settings.earliestHour)} or after ${hour(settings.latestHour)} local time (${span})`,
    },
  ];
});

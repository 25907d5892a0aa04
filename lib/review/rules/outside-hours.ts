import type { Rule } from '../model';
import { localClock, localSecondOfDay } from '../zone';

/** `outside-hours`: visits before the earliest or after the latest canvassing hour, campaign-local. */
export const outsideHours: Rule = (shift, { settings, timeZone }) => {
  const perVisit = new Map<string, number>();
  const times: string[] = [];
  for (const visit of shift.visits) {
    const second = localSecondOfDay(timeZone, visit.time);
    if (second < settings.earliestHour * 3600 || second > settings.latestHour * 3600) {
      perVisit.set(visit.id, 1);
      times.push(localClock(timeZone, visit.time));
    }
  }
  if (perVisit.size === 0) return [];
  const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const span = times.length === 1 ? `at ${times[0]}` : `between ${times[0]} and ${times.at(-1)}`;
  return [
    {
      rule: 'outside-hours',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} of ${shift.visits.length} doors before ${hour(settings.earliestHour)} or after ${hour(settings.latestHour)} local time (${span})`,
    },
  ];
};

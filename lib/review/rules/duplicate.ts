import { formatSeconds } from '../geo';
import type { Rule } from '../model';

/** `duplicate`: the same contact recorded twice by the same canvasser within minutes; the repeat scores, once. */
export const duplicate: Rule = (shift, { settings }) => {
  const lastSeen = new Map<string, number>();
  const perVisit = new Map<string, number>();
  for (const visit of shift.visits) {
    const previous = lastSeen.get(visit.household);
    if (previous !== undefined && visit.time - previous <= settings.duplicateSeconds) perVisit.set(visit.id, 1);
    else lastSeen.set(visit.household, visit.time);
  }
  if (perVisit.size === 0) return [];
  return [
    {
      rule: 'duplicate',
      level: 'interaction',
      points: perVisit.size,
      perVisit,
      visits: [...perVisit.keys()],
      sentence: `${perVisit.size} contacts recorded again within ${formatSeconds(settings.duplicateSeconds)}`,
    },
  ];
};

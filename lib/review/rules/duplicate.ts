import { defineRule } from '../columns';
import { formatSeconds } from '../geo';

// When each household of the shift was last recorded; one map, emptied for every shift.
const lastSeen = new Map<number, number>();

/** `duplicate`: the same contact recorded twice by the same canvasser within minutes; the repeat scores, once. */
export const duplicate = defineRule((shift, { settings }) => {
  let perVisit: Map<string, number> | undefined;
  lastSeen.clear();
  for (let i = 0; i < shift.length; i++) {
    const household = shift.household[i]!;
    const time = shift.time[i]!;
    const previous = lastSeen.get(household);
    if (previous !== undefined && time - previous <= settings.duplicateSeconds) (perVisit ??= new Map()).set(shift.id(i), 1);
    else lastSeen.set(household, time);
  }
  if (!perVisit) return [];
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
});

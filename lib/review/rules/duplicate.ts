import { defineRule } from '../columns';
import { formatSeconds } from '../geo';

// When each household was last recorded in the shift under review, by household code: a time is
// current only where its stamp is the shift's, so nothing is cleared from one shift to the next.
let lastTime = new Float64Array(1024);
let lastStamp = new Uint32Array(1024);
let stamp = 0;

/** `duplicate`: the same contact recorded twice by the same canvasser within minutes; the repeat scores, once. */
export const duplicate = defineRule((shift, { settings }) => {
  let perVisit: Map<string, number> | undefined;
  stamp = (stamp + 1) >>> 0 || 1;
  for (let i = 0; i < shift.length; i++) {
    const household = shift.household[i]!;
    if (household >= lastTime.length) {
      const length = Math.max(household + 1, lastTime.length * 2);
      lastTime = new Float64Array(length);
      lastStamp = new Uint32Array(length);
    }
    const time = shift.time[i]!;
    if (lastStamp[household] === stamp && time - lastTime[household]! <= settings.duplicateSeconds) (perVisit ??= new Map()).set(shift.id(i), 1);
    else {
      lastStamp[household] = stamp;
      lastTime[household] = time;
    }
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

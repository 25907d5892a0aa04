/**
 * Shifts: one canvasser's visits in time order, split wherever two visits
 * are more than the gap setting apart (30 minutes by default).
 *
 * @example
 *   splitShifts(visits, 30); // [{ canvasser, visits: [...] }, ...] in canvasser, then time order
 */
import type { Shift, Visit } from './model';

/** Anything with a canvasser, a time and an id splits the same way: the canvasser figures reuse it on their own records. */
type Timed = Pick<Visit, 'id' | 'canvasser' | 'time'>;

export function splitShifts(visits: Iterable<Visit>, gapMinutes: number): Shift[];
export function splitShifts<V extends Timed>(visits: Iterable<V>, gapMinutes: number): { canvasser: string; visits: V[] }[];
export function splitShifts<V extends Timed>(visits: Iterable<V>, gapMinutes: number): { canvasser: string; visits: V[] }[] {
  const byCanvasser = new Map<string, V[]>();
  for (const visit of visits) {
    let list = byCanvasser.get(visit.canvasser);
    if (!list) byCanvasser.set(visit.canvasser, (list = []));
    list.push(visit);
  }
  const gap = gapMinutes * 60;
  const shifts: { canvasser: string; visits: V[] }[] = [];
  for (const [canvasser, list] of byCanvasser) {
    list.sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : 1));
    let current: V[] = [];
    for (const visit of list) {
      if (current.length > 0 && visit.time - current[current.length - 1]!.time > gap) {
        shifts.push({ canvasser, visits: current });
        current = [];
      }
      current.push(visit);
    }
    if (current.length > 0) shifts.push({ canvasser, visits: current });
  }
  return shifts;
}

/** A shift's stable key: its canvasser and first interaction (a resolution stays with the shift it was made on). */
export function shiftKey(shift: Shift): string {
  return `${shift.canvasser}:${shift.visits[0]!.id}`;
}

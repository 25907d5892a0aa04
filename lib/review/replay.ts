/**
 * A shift's replay as the map draws it: numbered stops in time order, and
 * the legs worth marking (faster than walking, or a long pause).
 */
import { asColumns } from './columns';
import { legsOf } from './rules/impossible-travel';
import type { ReviewSettings, Shift, ShiftData } from './model';
import { formatSeconds, formatMetres } from './geo';

/** A pause this long between two doors is marked on the route. */
export const LONG_GAP_SECONDS = 10 * 60;

export type ReplayLeg = { from: [number, number]; to: [number, number]; kind: 'fast' | 'driving' | 'gap'; label: string };

export function replayLegs(shift: Shift | ShiftData, settings: ReviewSettings): ReplayLeg[] {
  const columns = asColumns(shift);
  const out: ReplayLeg[] = [];
  for (const leg of legsOf(columns)) {
    const ends: [[number, number], [number, number]] = [
      [columns.lat[leg.from]!, columns.lng[leg.from]!],
      [columns.lat[leg.to]!, columns.lng[leg.to]!],
    ];
    if (leg.speed > settings.impossibleSpeed)
      out.push({
        from: ends[0],
        to: ends[1],
        kind: 'fast',
        label: `${formatMetres(leg.metres)} in ${formatSeconds(leg.seconds)}: faster than ${settings.impossibleSpeed} m/s`,
      });
    else if (leg.speed > settings.drivingSpeed)
      out.push({ from: ends[0], to: ends[1], kind: 'driving', label: `${formatMetres(leg.metres)} in ${formatSeconds(leg.seconds)}: driving?` });
    else if (leg.seconds > LONG_GAP_SECONDS) out.push({ from: ends[0], to: ends[1], kind: 'gap', label: `${formatSeconds(leg.seconds)} between these doors` });
  }
  return out;
}

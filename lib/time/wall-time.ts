/**
 * A local date and time typed by a person, turned into an instant by the
 * zone's rules. Daylight saving makes this partial: on the spring change a
 * range of wall times never happens (2:30 am on 8 March 2026 in New York),
 * and on the autumn change a range happens twice (1:30 am on 1 November
 * 2026, once in EDT and once in EST). Neither is guessed: the first is
 * refused, the second returns both instants so the form can ask.
 *
 * @example
 *   resolveWallTime('America/New_York', '2026-11-01', '01:30');
 *   // { kind: 'ambiguous', earlier: 05:30Z (EDT), later: 06:30Z (EST) }
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';

export type WallTime = { kind: 'exact'; instant: Date } | { kind: 'ambiguous'; earlier: Date; later: Date } | { kind: 'nonexistent' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

// Formatting in a zone is slow (milliseconds); an import checks thousands of
// rows that share a few times, so recent answers are kept.
const recent = new Map<string, WallTime>();
const RECENT_MAX = 5000;

export function resolveWallTime(zone: string, date: string, time: string): WallTime {
  const key = `${zone}|${date}|${time}`;
  const known = recent.get(key);
  if (known) return known;
  const resolved = resolveUncached(zone, date, time);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  recent.set(key, resolved);
  return resolved;
}

function resolveUncached(zone: string, date: string, time: string): WallTime {
  const d = DATE.exec(date);
  const t = TIME.exec(time);
  if (!d || !t) throw new RangeError(`${date} ${time} is not a YYYY-MM-DD date and HH:MM time`);
  const fields = [Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0)] as const;
  const wanted = `${date} ${t[1]}:${t[2]}:${t[3] ?? '00'}`;
  const shown = (ms: number) => format(new TZDate(ms, zone), 'yyyy-MM-dd HH:mm:ss');

  // TZDate picks one reading of the wall time; the zone's offsets a day either
  // side are the only others it can have, so each is tried and kept if the
  // zone really shows the wall time at that instant.
  const first = new TZDate(...fields, zone).getTime();
  const candidates = new Set<number>();
  if (shown(first) === wanted) candidates.add(first);
  for (const probe of [first - 86_400_000, first + 86_400_000]) {
    const offsetMinutes = tzOffset(zone, new Date(probe));
    const instant = new TZDate(...fields, 'UTC').getTime() - offsetMinutes * 60_000;
    if (shown(instant) === wanted) candidates.add(instant);
  }
  const found = [...candidates].sort((a, b) => a - b);
  if (found.length === 0) return { kind: 'nonexistent' };
  if (found.length === 1) return { kind: 'exact', instant: new Date(found[0]!) };
  return { kind: 'ambiguous', earlier: new Date(found[0]!), later: new Date(found.at(-1)!) };
}

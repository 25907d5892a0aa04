/**
 * Campaign-local clock readings for the rules, through @date-fns/tz. The
 * offset is looked up once per zone and UTC hour (offsets change on hour
 * boundaries), so a campaign's 600,000 visits cost a few thousand lookups.
 */
import { tzOffset } from '@date-fns/tz';

const offsets = new Map<string, Map<number, number>>();
// The last answer: visits come in time order, mostly several to an hour.
let last = { timeZone: '', hour: NaN, offset: 0 };

/** Minutes east of UTC in `timeZone` at epoch second `time`. */
export function offsetMinutes(timeZone: string, time: number): number {
  const hour = Math.floor(time / 3600);
  if (hour === last.hour && timeZone === last.timeZone) return last.offset;
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  let offset = zone.get(hour);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(hour * 3600_000));
    if (Number.isNaN(offset)) throw new RangeError(`timeZone: ${timeZone} is not an IANA time zone`);
    zone.set(hour, offset);
  }
  last = { timeZone, hour, offset };
  return offset;
}

/** Seconds since local midnight. */
export function localSecondOfDay(timeZone: string, time: number): number {
  const local = time + offsetMinutes(timeZone, time) * 60;
  return ((local % 86400) + 86400) % 86400;
}

/** The local calendar day as a number of days since 1970-01-01, for grouping. */
export function localDayNumber(timeZone: string, time: number): number {
  return Math.floor((time + offsetMinutes(timeZone, time) * 60) / 86400);
}

/** `YYYY-MM-DD` of the local day. */
export function localDate(timeZone: string, time: number): string {
  return new Date(localDayNumber(timeZone, time) * 86400_000).toISOString().slice(0, 10);
}

/** ISO 8601 with the campaign's offset: `2026-10-03T14:05:00-04:00`. */
export function localIso(timeZone: string, time: number): string {
  const offset = offsetMinutes(timeZone, time);
  const local = new Date((time + offset * 60) * 1000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `HH:MM` local. */
export function localClock(timeZone: string, time: number): string {
  const second = localSecondOfDay(timeZone, time);
  return `${String(Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor((second % 3600) / 60)).padStart(2, '0')}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** 'Sat, Oct 3, 2026' on the campaign's calendar. */
export function localDayLabel(timeZone: string, time: number): string {
  let format = dayFormats.get(timeZone);
  if (!format)
    dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone })));
  return format.format(new Date(time * 1000));
}

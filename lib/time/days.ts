/**
 * Calendar days of a campaign's time zone, as the filters and the seed use
 * them: a `YYYY-MM-DD` day is the span from its local midnight to the next
 * local midnight, whatever length daylight saving gives it (23, 24 or 25
 * hours). All zone arithmetic goes through `@date-fns/tz`.
 *
 * @example
 *   localDayRange('America/New_York', '2026-11-19', '2026-11-19');
 *   // { start: 2026-11-19T05:00:00Z, end: 2026-11-20T05:00:00Z }   (end exclusive)
 *   localDayOf('America/New_York', new Date('2026-11-20T01:30:00Z')); // '2026-11-19'
 *   quickRange('America/New_York', 'last-7-days', now);              // { from: '…', to: '…' }
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfWeek, subDays } from 'date-fns';

/** A calendar day, `YYYY-MM-DD`. */
export type LocalDay = string;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDay(day: LocalDay): [year: number, monthIndex: number, date: number] {
  const match = DAY.exec(day);
  if (!match) throw new RangeError(`${day} is not a YYYY-MM-DD day`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

/** The first instant of `day` in `zone` (its local midnight, or the first minute after a gap at midnight). */
export function startOfLocalDay(zone: string, day: LocalDay): Date {
  const [year, month, date] = parseDay(day);
  return new Date(new TZDate(year, month, date, 0, 0, 0, 0, zone).getTime());
}

/** The instants of the local days `from` to `to`, both inclusive: `start` inclusive, `end` exclusive; an open side is undefined. */
export function localDayRange(zone: string, from?: LocalDay, to?: LocalDay): { start?: Date; end?: Date } {
  return {
    start: from ? startOfLocalDay(zone, from) : undefined,
    end: to ? startOfLocalDay(zone, nextDay(to)) : undefined,
  };
}

/** The instant a wall-clock time of `day` names in `zone`, `seconds` after local midnight by the clock (for a time the zone skips, the first instant after the gap). */
export function localInstant(zone: string, day: LocalDay, seconds: number): Date {
  const [year, month, date] = parseDay(day);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return new Date(new TZDate(year, month, date, h, m, Math.floor(seconds % 60), 0, zone).getTime());
}

/** The weekday of a calendar day, 0 for Sunday to 6 for Saturday. */
export function weekdayOf(day: LocalDay): number {
  const [year, month, date] = parseDay(day);
  return new TZDate(year, month, date, 12, 0, 0, 0, 'UTC').getDay();
}

/** The calendar day after `day` (no zone: days are days). */
export function nextDay(day: LocalDay): LocalDay {
  return shiftDay(day, 1);
}

/** `day` moved by `days` calendar days. */
export function shiftDay(day: LocalDay, days: number): LocalDay {
  const [year, month, date] = parseDay(day);
  return format(addDays(new TZDate(year, month, date, 12, 0, 0, 0, 'UTC'), days), 'yyyy-MM-dd');
}

/** The local calendar day an instant falls on in `zone`. */
export function localDayOf(zone: string, instant: Date | string | number): LocalDay {
  return format(new TZDate(new Date(instant).getTime(), zone), 'yyyy-MM-dd');
}

export const QUICK_RANGES = ['today', 'yesterday', 'last-7-days', 'this-week', 'last-30-days', 'all'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

export const QUICK_RANGE_LABELS: Record<QuickRange, string> = {
  today: 'Today',
  yesterday: 'Yesterday',
  'last-7-days': 'Last 7 days',
  'this-week': 'This week',
  'last-30-days': 'Last 30 days',
  all: 'All',
};

/**
 * The `from`/`to` days of a quick range, counted from the local day of `now`
 * in `zone`. Weeks start on Monday, so a weekend's canvass stays in one week.
 */
export function quickRange(zone: string, range: QuickRange, now: Date = new Date()): { from?: LocalDay; to?: LocalDay } {
  const local = new TZDate(now.getTime(), zone);
  const day = (date: Date) => format(date, 'yyyy-MM-dd');
  const today = day(local);
  switch (range) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday':
      return { from: day(subDays(local, 1)), to: day(subDays(local, 1)) };
    case 'last-7-days':
      return { from: day(subDays(local, 6)), to: today };
    case 'this-week':
      return { from: day(startOfWeek(local, { weekStartsOn: 1 })), to: today };
    case 'last-30-days':
      return { from: day(subDays(local, 29)), to: today };
    case 'all':
      return {};
  }
}

/** Which quick range `from`/`to` are today, if any, so the filter bar can mark it. */
export function matchingQuickRange(zone: string, from: LocalDay | undefined, to: LocalDay | undefined, now: Date = new Date()): QuickRange | undefined {
  return QUICK_RANGES.find((range) => {
    const days = quickRange(zone, range, now);
    return days.from === from && days.to === to;
  });
}

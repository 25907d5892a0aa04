/**
 * Times as people read them: in the campaign's zone, never the browser's or
 * the server's. Formatting is the platform's `Intl` (ICU) with the zone
 * named; ISO strings with the local offset come from date-fns on a `TZDate`.
 *
 * @example
 *   formatLocal('2026-11-20T01:30:00Z', 'America/New_York');     // 'Thu Nov 19, 8:30 PM EST'
 *   formatLocalIso('2026-11-20T01:30:00Z', 'America/New_York');  // '2026-11-19T20:30:00-05:00'
 *   zoneLabel('America/New_York');                               // 'Eastern Time (New York)'
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

type Instant = Date | string | number;
const toDate = (instant: Instant) => (instant instanceof Date ? instant : new Date(instant));

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}\n${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

const STYLES = {
  /** 'Thu Nov 19, 8:30 PM EST': a time standing alone. */
  full: { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** 'Thu Nov 19, 2026, 8:30 PM EST': where the year may be far from now. */
  long: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** 'Nov 19, 2026, 8:30 PM EST': in a list or a column. */
  medium: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
  /** 'Nov 19, 2026, 8:30 PM': in a column whose header names the zone. */
  short: { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** 'Thu Nov 19, 2026': a day. */
  day: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
  /** '8:30 PM EST': a time on a known day. */
  time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type TimeStyle = keyof typeof STYLES;

/** An instant as the campaign's clock shows it; `Intl` puts the comma after the weekday, which we drop. */
export function formatLocal(instant: Instant, zone: string, style: TimeStyle = 'full'): string {
  const text = formatter(zone, style, STYLES[style]).format(toDate(instant));
  return style === 'full' || style === 'long' || style === 'day' ? text.replace(/^(\w{3}),/, '$1') : text;
}

/** ISO 8601 with the zone's offset at that instant: `2026-10-31T20:30:00-04:00`. */
export function formatLocalIso(instant: Instant, zone: string): string {
  return format(new TZDate(toDate(instant).getTime(), zone), "yyyy-MM-dd'T'HH:mm:ssxxx");
}

/** The zone's abbreviation at an instant ('EDT', 'EST', 'MST'). */
export function zoneAbbreviation(zone: string, instant: Instant = new Date()): string {
  return (
    formatter(zone, 'abbr', { timeZoneName: 'short' })
      .formatToParts(toDate(instant))
      .find((part) => part.type === 'timeZoneName')?.value ?? zone
  );
}

/** 'Eastern Time (New York)': the zone's generic name and its city, for the campaign header. */
export function zoneLabel(zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const name = formatter(zone, 'generic', { timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value;
  const city = zone.split('/').pop()!.replace(/_/g, ' ');
  return name && name !== city ? `${name} (${city})` : city;
}

/** The local date and time of an instant as form fields take them: `{ date: '2026-11-19', time: '20:30' }`. */
export function localDateTimeFields(instant: Instant, zone: string): { date: string; time: string } {
  const local = new TZDate(toDate(instant).getTime(), zone);
  const seconds = local.getSeconds();
  return { date: format(local, 'yyyy-MM-dd'), time: format(local, seconds ? 'HH:mm:ss' : 'HH:mm') };
}

/** Whether `zone` is an IANA zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** Every IANA zone the runtime knows, for the organizer's choice. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf('timeZone');
}

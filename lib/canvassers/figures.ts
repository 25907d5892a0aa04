/**
 * Who did what: per-canvasser figures, the campaign's totals, and the
 * campaign-local series (per day, hour of day × weekday), computed from the
 * attempts the point index selected for the current filters. Pure functions:
 * the page hands in the attempts, the review queue's open flags and the zone.
 *
 * Definitions (the issue's): an attempt is a visit; doors are distinct
 * households; a contact is a successful visit; contact rate is contacts ÷
 * attempts; active hours are the canvasser's shifts end to end (a gap over 30
 * minutes ends a shift, so a lunch break is not work); survey completion is
 * contacts with every required answer ÷ contacts.
 *
 * @example
 *   const { rows, totals } = canvasserFigures(attempts, { openFlags });
 *   rows[0]; // { canvasser: 'u-1', attempts: 12, doors: 10, contacts: 4, contactRate: 0.333…, … }
 */
import { splitShifts } from '@/lib/review/shifts';
import { localDate, localDayNumber, localSecondOfDay } from '@/lib/review/zone';

/** One visit as the figures read it. `time` in epoch seconds. */
export type Attempt = {
  id: string;
  /** Who it is credited to: the paper sheet's canvasser when one was entered by hand. */
  canvasser: string;
  household: string | number;
  time: number;
  successful: boolean;
  /** Every required question answered. */
  complete: boolean;
};

export type Figures = {
  attempts: number;
  doors: number;
  contacts: number;
  /** contacts ÷ attempts, null without attempts. */
  contactRate: number | null;
  activeHours: number;
  /** doors ÷ active hours, null when no shift lasted any time. */
  doorsPerHour: number | null;
  /** complete contacts ÷ contacts, null without contacts. */
  surveyCompletion: number | null;
  shifts: number;
  /** Epoch seconds. */
  firstSeen: number | null;
  lastSeen: number | null;
  openFlags: number;
};

export type CanvasserRow = Figures & { canvasser: string };

export const SHIFT_GAP_MINUTES = 30;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function figuresOf(attempts: Attempt[], shifts: { visits: Attempt[] }[], openFlags: number): Figures {
  const doors = new Set<string | number>();
  let contacts = 0;
  let complete = 0;
  let firstSeen: number | null = null;
  let lastSeen: number | null = null;
  for (const attempt of attempts) {
    doors.add(attempt.household);
    if (attempt.successful) {
      contacts++;
      if (attempt.complete) complete++;
    }
    if (firstSeen === null || attempt.time < firstSeen) firstSeen = attempt.time;
    if (lastSeen === null || attempt.time > lastSeen) lastSeen = attempt.time;
  }
  const activeSeconds = shifts.reduce((sum, shift) => sum + (shift.visits.at(-1)!.time - shift.visits[0]!.time), 0);
  const activeHours = activeSeconds / 3600;
  return {
    attempts: attempts.length,
    doors: doors.size,
    contacts,
    contactRate: ratio(contacts, attempts.length),
    activeHours,
    doorsPerHour: ratio(doors.size, activeHours),
    surveyCompletion: ratio(complete, contacts),
    shifts: shifts.length,
    firstSeen,
    lastSeen,
    openFlags,
  };
}

/**
 * Figures per canvasser (most attempts first) and the campaign's totals. The
 * totals count a door once however many canvassers knocked on it, and their
 * active hours are the sum of everyone's.
 */
export function canvasserFigures(
  attempts: Attempt[],
  options: { openFlags?: ReadonlyMap<string, number>; gapMinutes?: number } = {},
): { rows: CanvasserRow[]; totals: Figures } {
  const shifts = splitShifts(attempts, options.gapMinutes ?? SHIFT_GAP_MINUTES);
  const byCanvasser = new Map<string, { attempts: Attempt[]; shifts: { visits: Attempt[] }[] }>();
  for (const shift of shifts) {
    let entry = byCanvasser.get(shift.canvasser);
    if (!entry) byCanvasser.set(shift.canvasser, (entry = { attempts: [], shifts: [] }));
    entry.shifts.push(shift);
    entry.attempts.push(...shift.visits);
  }
  const rows = [...byCanvasser].map(([canvasser, entry]) => ({
    canvasser,
    ...figuresOf(entry.attempts, entry.shifts, options.openFlags?.get(canvasser) ?? 0),
  }));
  rows.sort((a, b) => b.attempts - a.attempts || (a.canvasser < b.canvasser ? -1 : 1));
  const openFlags = [...(options.openFlags?.values() ?? [])].reduce((sum, n) => sum + n, 0);
  return { rows, totals: figuresOf(attempts, shifts, openFlags) };
}

export type DayFigures = { day: string; attempts: number; contacts: number };

/** Attempts and contacts per campaign-local day, every day from the first to the last (quiet days as zeros). */
export function perDay(attempts: Attempt[], timeZone: string): DayFigures[] {
  const days = new Map<number, DayFigures>();
  for (const attempt of attempts) {
    const day = localDayNumber(timeZone, attempt.time);
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { day: localDate(timeZone, attempt.time), attempts: 0, contacts: 0 }));
    entry.attempts++;
    if (attempt.successful) entry.contacts++;
  }
  if (days.size === 0) return [];
  const numbers = [...days.keys()];
  const first = Math.min(...numbers);
  const last = Math.max(...numbers);
  const series: DayFigures[] = [];
  for (let day = first; day <= last; day++)
    series.push(days.get(day) ?? { day: new Date(day * 86400_000).toISOString().slice(0, 10), attempts: 0, contacts: 0 });
  return series;
}

/** Monday first, as organizers plan weeks. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export type HourCell = { attempts: number; contacts: number; contactRate: number | null };

/** Attempts, contacts and contact rate by campaign-local weekday (rows, Monday first) × hour of day (columns 0–23). */
export function hourByWeekday(attempts: Attempt[], timeZone: string): HourCell[][] {
  const grid = WEEKDAYS.map(() => Array.from({ length: 24 }, () => ({ attempts: 0, contacts: 0 })));
  for (const attempt of attempts) {
    // Day 0 (1970-01-01) was a Thursday, index 3 when Monday is 0.
    const weekday = (localDayNumber(timeZone, attempt.time) + 3) % 7;
    const hour = Math.floor(localSecondOfDay(timeZone, attempt.time) / 3600);
    const cell = grid[weekday]![hour]!;
    cell.attempts++;
    if (attempt.successful) cell.contacts++;
  }
  return grid.map((row) => row.map((cell) => ({ ...cell, contactRate: ratio(cell.contacts, cell.attempts) })));
}

/** One canvasser's shifts, latest first, as index rows' attempts. */
export function shiftsOf(attempts: Attempt[], canvasser: string, gapMinutes = SHIFT_GAP_MINUTES): Attempt[][] {
  return splitShifts(
    attempts.filter((a) => a.canvasser === canvasser),
    gapMinutes,
  )
    .map((shift) => shift.visits)
    .reverse();
}

export type Progress = { key: string; attempted: number; contacted: number };

/**
 * Households attempted and contacted, per list (or walklist): a household
 * counts once however often it was visited, and as contacted once any visit
 * succeeded. `groupOf` names the attempt's list; attempts without one are left out.
 */
export function progressBy(attempts: (Attempt & { group: string | null })[]): Progress[] {
  const groups = new Map<string, { attempted: Set<string | number>; contacted: Set<string | number> }>();
  for (const attempt of attempts) {
    if (attempt.group === null) continue;
    let entry = groups.get(attempt.group);
    if (!entry) groups.set(attempt.group, (entry = { attempted: new Set(), contacted: new Set() }));
    entry.attempted.add(attempt.household);
    if (attempt.successful) entry.contacted.add(attempt.household);
  }
  return [...groups].map(([key, entry]) => ({ key, attempted: entry.attempted.size, contacted: entry.contacted.size }));
}

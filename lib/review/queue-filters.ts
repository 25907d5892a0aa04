/**
 * The queue's filters, from the URL: canvasser, list, local date range,
 * status (open by default) and minimum score. Bad values are dropped, never fatal.
 *
 * @example
 *   const filters = parseQueueFilters(await searchParams);
 *   const shown = filterShifts(shifts, filters, 'America/New_York');
 */
import { z } from 'zod';
import { IdSchema } from '@/lib/polis/schemas';
import type { ShiftStatus } from './campaign-queue';
import { localDate } from './zone';

export const SHIFT_STATUSES = ['open', 'looks-fine', 'confirmed', 'recontact'] as const;
export const STATUS_LABELS: Record<ShiftStatus, string> = { open: 'Open', 'looks-fine': 'Looks fine', confirmed: 'Confirmed', recontact: 'Recontact' };

const Fields = {
  canvasser: IdSchema,
  list: IdSchema,
  from: z.iso.date(),
  to: z.iso.date(),
  status: z.enum([...SHIFT_STATUSES, 'all']),
  minScore: z.coerce.number().int().min(0).max(10),
};
export type QueueFilters = { [K in keyof typeof Fields]?: z.output<(typeof Fields)[K]> };
export const QUEUE_FILTER_KEYS = Object.keys(Fields) as (keyof QueueFilters)[];

export function parseQueueFilters(params: Record<string, string | string[] | undefined> | URLSearchParams): QueueFilters {
  const out: Record<string, unknown> = {};
  for (const key of QUEUE_FILTER_KEYS) {
    const raw = params instanceof URLSearchParams ? params.get(key) : params[key];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value === null || value === '') continue;
    const parsed = Fields[key].safeParse(value);
    if (parsed.success) out[key] = parsed.data;
  }
  return out;
}

export function queueFiltersToSearch(filters: QueueFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of QUEUE_FILTER_KEYS) if (filters[key] !== undefined) search.set(key, String(filters[key]));
  return search;
}

type Filterable = { canvasser: string; lists: string[]; start: number; status: ShiftStatus; score: number };

export function filterShifts<T extends Filterable>(shifts: T[], filters: QueueFilters, timeZone: string): T[] {
  const status = filters.status ?? 'open';
  return shifts.filter((shift) => {
    if (status !== 'all' && shift.status !== status) return false;
    if (filters.canvasser && shift.canvasser !== filters.canvasser) return false;
    if (filters.list && !shift.lists.includes(filters.list)) return false;
    if (filters.minScore !== undefined && shift.score < filters.minScore) return false;
    if (filters.from || filters.to) {
      const day = localDate(timeZone, shift.start);
      if (filters.from && day < filters.from) return false;
      if (filters.to && day > filters.to) return false;
    }
    return true;
  });
}

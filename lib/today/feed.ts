/**
 * The Today view's data: the campaign's visits of the campaign-local day from
 * the point index (kept fresh by its incremental refresh), newest received
 * first, each marked when the review queue flags its shift; and every
 * canvasser's last visit with its position.
 *
 * @example
 *   const feed = await loadTodayFeed(auth, campaignId, { since: 1780000000 });
 *   feed.visits; // newest first, only those received at or after `since`
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { loadCampaignContext, loadContacts } from '@/lib/interactions/queries';
import { contactAddress, contactName } from '@/lib/interactions/rows';
import { freshCampaignIndex } from '@/lib/map-index/campaign-index';
import { countReceivedAfter } from '@/lib/map-index/clusters';
import type { InteractionFilters } from '@/lib/filters/filters';
import { FLAG_DELETED, FLAG_LOCATED } from '@/lib/map-index/point-index';
import { loadReviewQueue } from '@/lib/review/campaign-queue';
import { warningsOf } from './warnings';
import { localDate, localDayNumber } from '@/lib/review/zone';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import type { Outcome } from '@/lib/filters/outcome';

export type TodayVisit = {
  id: string;
  /** Epoch seconds: when it happened, and when Polis received it. */
  time: number;
  received: number;
  canvasser: string;
  canvasserName: string;
  contact: string;
  outcome: Outcome;
  position: { lat: number; lng: number } | null;
  /** A review rule fired on it (or on its whole shift): what the queue says, one sentence per rule; empty when none. */
  warnings: string[];
};

export type TodayFeed =
  | { state: 'building'; loaded: number; total: number }
  | { state: 'ready'; day: string; timeZone: string; now: number; visits: TodayVisit[]; canvassers: TodayCanvasser[]; total: number };

/** A canvasser out today: their last visit's time, where they stood, and the door (its street address). */
export type TodayCanvasser = { id: string; name: string; lastSeen: number; position: { lat: number; lng: number } | null; where: string };

/** How stale the index may be when the Today view asks. */
const FRESH_MS = 3000;
const MAX_VISITS = 200;

export async function loadTodayFeed(auth: AuthContext, campaignId: string, options: { since?: number } = {}): Promise<TodayFeed> {
  const [context, entry] = await Promise.all([loadCampaignContext(auth, campaignId), freshCampaignIndex(auth, campaignId, FRESH_MS)]);
  if (!entry.index) return { state: 'building', loaded: entry.progress.loaded, total: entry.progress.total };
  const index = entry.index;
  const timeZone = await campaignTimeZone(auth, context.campaign);
  const now = Date.now() / 1000;
  const today = localDayNumber(timeZone, now);
  const rows: number[] = [];
  const last = new Map<number, number>();
  for (let row = 0; row < index.size; row++) {
    if (index.flags[row]! & FLAG_DELETED) continue;
    if (localDayNumber(timeZone, index.time[row]!) !== today) continue;
    rows.push(row);
    const code = index.canvasser[row]!;
    const seen = last.get(code);
    if (seen === undefined || index.time[row]! > index.time[seen]!) last.set(code, row);
  }
  const queue = await loadReviewQueue(auth, campaignId, timeZone);
  const flagged = queue.state === 'ready' ? warningsOf(queue, new Set(rows)) : new Map<number, string[]>();

  const since = options.since ?? 0;
  const recent = rows
    .filter((row) => index.received[row]! >= since)
    .sort((a, b) => index.received[b]! - index.received[a]! || index.time[b]! - index.time[a]!)
    .slice(0, MAX_VISITS);
  const position = (row: number) => (index.flags[row]! & FLAG_LOCATED ? { lat: index.lat[row]!, lng: index.lng[row]! } : null);
  const name = (code: number) => {
    const id = index.canvassers.values[code] ?? '';
    return context.people.get(id) ?? 'Unknown canvasser';
  };
  const householdOf = (row: number) => index.households.ids[index.household[row]!]!;
  const contacts = await loadContacts(auth, [...new Set([...recent, ...last.values()].map(householdOf))]);
  return {
    state: 'ready',
    day: localDate(timeZone, now),
    timeZone,
    now,
    total: rows.length,
    visits: recent.map((row) => ({
      id: index.idAt(row),
      time: index.time[row]!,
      received: index.received[row]!,
      canvasser: index.canvassers.values[index.canvasser[row]!] ?? '',
      canvasserName: name(index.canvasser[row]!),
      contact: contactName(contacts.get(householdOf(row))),
      outcome: index.outcomeAt(row),
      position: position(row),
      warnings: flagged.get(row) ?? [],
    })),
    canvassers: [...last]
      .map(([code, row]) => ({
        id: index.canvassers.values[code] ?? '',
        name: name(code),
        lastSeen: index.time[row]!,
        position: position(row),
        where: contactAddress(contacts.get(householdOf(row))).split(',')[0]!,
      }))
      .sort((a, b) => b.lastSeen - a.lastSeen),
  };
}

/**
 * How many visits matching the filters Polis received after `since` (epoch
 * seconds): the map's and the table's "N new visits" notice.
 */
export async function countNewVisits(auth: AuthContext, campaignId: string, since: number, filters: InteractionFilters): Promise<number> {
  const entry = await freshCampaignIndex(auth, campaignId, FRESH_MS);
  if (!entry.index) return 0;
  return countReceivedAfter(entry.index, filters, await campaignTimeZone(auth, campaignId), since);
}

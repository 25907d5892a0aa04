/**
 * The review queue of a campaign for the signed-in organizer: the campaign's
 * point index (the map's, kept current by its incremental refresh), the
 * households' positions loaded once beside it, the queue computed once per
 * index (and again when the campaign's zone or rule thresholds change) and
 * refreshed for the shifts whose rows changed, and each shift's status from
 * the dashboard's resolutions.
 *
 * @example
 *   const loaded = await loadReviewQueue(auth, campaignId);
 *   if (loaded.state === 'ready') loaded.shifts; // QueueShift[], highest score first
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import { listEnteredByHand } from '@/lib/store/corrections';
import { listPaperCredits } from '@/lib/store/paper-credits';
import { readReviewThresholds } from '@/lib/store/review-settings';
import { campaignIndex, PAGE_SIZE, settle } from '@/lib/map-index/campaign-index';
import type { PointIndex } from '@/lib/map-index/point-index';
import type { PolisClient } from '@/lib/polis/client';
import { and, gt, isIn } from '@/lib/polis/filter';
import { placeContacts } from './households';
import { computeQueue, refreshQueue, type PaperRows, type Queue, type ReviewedShift } from './queue';
import { resolutionsByInteraction, type Resolution, type ResolutionStatus } from './resolutions';
import { ruleSetVersionOf, withOverrides } from './thresholds';

export type ShiftStatus = 'open' | ResolutionStatus;
export type QueueShift = ReviewedShift & { ids: string[]; status: ShiftStatus; resolution: Resolution | null };

type Attached = { households: Promise<void>; queue?: Queue };
// One per index object: a rebuilt index starts afresh (and the old one is collected).
const attached = ((globalThis as { polisReview?: WeakMap<PointIndex, Attached> }).polisReview ??= new WeakMap());

/** Walks the contacts of the campaign's lists in id order and records where each household is. */
async function loadHouseholds(client: Pick<PolisClient, 'listContacts' | 'getCampaign'>, campaignId: string, index: PointIndex) {
  const campaign = await client.getCampaign(campaignId);
  const lists = campaign.data.lists.map((list) => list.listId);
  if (lists.length === 0) return;
  let last: string | undefined;
  for (;;) {
    const filter = and(isIn('/data/listId', lists), last !== undefined && gt('/id', last));
    const page = await client.listContacts({ filter, sort: ['/id', 'ASC'], limit: PAGE_SIZE });
    placeContacts(index, page.data);
    if (page.data.length < PAGE_SIZE) break;
    last = page.data.at(-1)!.id;
  }
  index.households.loaded = true;
}

/** A shift is resolved while every one of its interactions was part of its latest resolution; new ones reopen it. */
export function statusOf(ids: string[], resolutions: Map<string, Resolution>): { status: ShiftStatus; resolution: Resolution | null } {
  let latest: Resolution | null = null;
  for (const id of ids) {
    const resolution = resolutions.get(id);
    if (resolution && (!latest || resolution.created > latest.created)) latest = resolution;
  }
  if (!latest) return { status: 'open', resolution: null };
  const covered = new Set(latest.interactionIds);
  return ids.every((id) => covered.has(id)) ? { status: latest.status, resolution: latest } : { status: 'open', resolution: latest };
}

export type LoadedQueue =
  | { state: 'building'; loaded: number; total: number }
  | { state: 'failed'; message: string }
  | { state: 'ready'; index: PointIndex; queue: Queue; shifts: QueueShift[] };

export async function loadReviewQueue(auth: AuthContext, campaignId: string, timeZone: string): Promise<LoadedQueue> {
  const entry = await settle(await campaignIndex(auth, campaignId), 1500);
  if (entry.state === 'failed') return { state: 'failed', message: entry.error ?? 'The campaign could not be indexed.' };
  if (entry.state !== 'ready' || !entry.index) return { state: 'building', loaded: entry.progress.loaded, total: entry.progress.total };
  const index = entry.index;
  let state = attached.get(index);
  if (!state) {
    // An index restored from its snapshot may carry its households already.
    state = { households: index.households.loaded ? Promise.resolve() : loadHouseholds(auth.polis, campaignId, index) };
    attached.set(index, state);
    state.households.catch(() => attached.delete(index));
  }
  await state.households;
  const organizationId = auth.organization.id;
  const [entered, credits, resolutions, stored] = await Promise.all([
    listEnteredByHand(organizationId, campaignId),
    listPaperCredits(organizationId, campaignId),
    resolutionsByInteraction(organizationId, campaignId),
    readReviewThresholds(organizationId, campaignId),
  ]);
  // Paper entries: typed in by hand, or credited to a sheet's canvasser (whom the index already counts them for).
  const paperRows: PaperRows = new Set([...entered, ...credits.keys()].map((id) => index.find(id)).filter((row) => row >= 0));
  const settings = withOverrides(stored?.thresholds);
  // New thresholds or another zone change every shift's review: the queue is computed afresh, else only what changed.
  if (!state.queue || state.queue.timeZone !== timeZone || state.queue.ruleSetVersion !== ruleSetVersionOf(settings))
    state.queue = computeQueue(index, { timeZone, settings, paper: paperRows });
  else refreshQueue(state.queue, index, paperRows);
  const shifts = state.queue.queued.map((shift) => {
    const ids = shift.rows.map((row) => index.idAt(row));
    return { ...shift, ids, ...statusOf(ids, resolutions) };
  });
  return { state: 'ready', index, queue: state.queue, shifts };
}

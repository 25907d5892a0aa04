/**
 * The canvasser figures of a campaign for the signed-in user: the point
 * index's rows for the current filters, the people's names, and (for
 * organizers) the review queue's open flags per canvasser.
 *
 * @example
 *   const loaded = await loadCampaignAttempts(auth, campaignId, filters, zone);
 *   if (loaded.state === 'ready') canvasserFigures(loaded.attempts, { openFlags: loaded.openFlags });
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import type { InteractionFilters } from '@/lib/filters/filters';
import { loadCampaignContext, type CampaignContext } from '@/lib/interactions/queries';
import { campaignIndex, freshCampaignIndex, settle } from '@/lib/map-index/campaign-index';
import type { PointIndex } from '@/lib/map-index/point-index';
import { loadReviewQueue } from '@/lib/review/campaign-queue';
import { attemptsOf } from './attempts';
import type { Attempt } from './figures';

/** Figures include what Polis received up to this long ago (a cheap `/meta/modified` query, not a rebuild). */
const FRESH_MS = 5000;

export type LoadedAttempts =
  | { state: 'building'; loaded: number; total: number }
  | { state: 'failed'; message: string }
  | { state: 'ready'; index: PointIndex; attempts: Attempt[]; context: CampaignContext; name: (id: string) => string; openFlags: Map<string, number> | null };

/** Organizers see who did what; anyone else only the campaign's totals (the caller checks, this only declines to load flags). */
export const canSeePeople = (auth: AuthContext) => auth.can('modify@interactions');

export async function loadCampaignAttempts(auth: AuthContext, campaignId: string, filters: InteractionFilters, timeZone: string): Promise<LoadedAttempts> {
  const [context, entry] = await Promise.all([loadCampaignContext(auth, campaignId), freshCampaignIndex(auth, campaignId, FRESH_MS)]);
  if (entry.state === 'failed') return { state: 'failed', message: entry.error ?? 'The campaign could not be indexed.' };
  if (entry.state !== 'ready' || !entry.index) return { state: 'building', loaded: entry.progress.loaded, total: entry.progress.total };
  const index = entry.index;
  const required = context.surveys.map((survey) => survey.data.questions.filter((q) => q.required).map((q) => q.questionId));
  const attempts = attemptsOf(index, index.select(filters, timeZone), required);
  let openFlags: Map<string, number> | null = null;
  if (canSeePeople(auth)) {
    const queue = await loadReviewQueue(auth, campaignId, timeZone);
    openFlags = new Map();
    if (queue.state === 'ready')
      for (const shift of queue.shifts) if (shift.status === 'open') openFlags.set(shift.canvasser, (openFlags.get(shift.canvasser) ?? 0) + 1);
  }
  const name = (id: string) => context.people.get(id) ?? 'Unknown canvasser';
  return { state: 'ready', index, attempts, context, name, openFlags };
}

/** The people who canvassed this campaign (any of the organization's users while the index builds), by name. */
export async function campaignCanvassers(auth: AuthContext, campaignId: string): Promise<{ id: string; name: string }[]> {
  const [users, entry] = await Promise.all([auth.polis.listUsers({ limit: 1000 }), campaignIndex(auth, campaignId).then((e) => settle(e, 1500))]);
  const active = new Set(entry.index?.canvassers.values ?? []);
  const people = users.data.filter((user) => active.size === 0 || active.has(user.id));
  return people.map((user) => ({ id: user.id, name: user.data.profile?.name ?? user.data.email })).sort((a, b) => a.name.localeCompare(b.name));
}

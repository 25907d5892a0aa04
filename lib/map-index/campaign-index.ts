/**
 * Builds and keeps fresh the point index of a campaign, through the Polis
 * API only (the real service offers no bounding-box or tile endpoint):
 * a keyset walk for the first build, `/meta/modified` for what changed since,
 * and a periodic full rebuild in the background (it also catches deletions
 * made elsewhere, which the API no longer lists). Readers always see a
 * complete index: a rebuild swaps in when it is done.
 *
 * @example
 *   const entry = await campaignIndex(auth, campaignId);   // starts a build on first use
 *   if (entry.state === 'ready') entry.index.select(filters);
 *   else entry.progress;                                      // { loaded, total }
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';
import type { PolisClient } from '@/lib/polis/client';
import { and, eq, gt, gte } from '@/lib/polis/filter';
import type { Interaction } from '@/lib/polis/schemas';
import { listPaperCredits } from '@/lib/store/paper-credits';
import { PointIndex } from './point-index';

export const PAGE_SIZE = 1000;
const REFRESH_AFTER_MS = 30_000;
const REBUILD_AFTER_MS = 15 * 60_000;
const ACCESS_CHECK_MS = 60_000;

type IndexClient = Pick<PolisClient, 'listInteractions' | 'listSurveys'>;

/**
 * Walks the interactions matching `filter` in id order with keyset paging
 * (`/id gt "<last id>"`), never a growing skip, so the last page costs what the first does.
 */
export async function walkInteractions(client: Pick<PolisClient, 'listInteractions'>, baseFilter: string, onPage: (page: Interaction[], total: number) => void | Promise<void>, pageSize = PAGE_SIZE): Promise<void> {
  let last: string | undefined;
  let total: number | undefined;
  for (;;) {
    const filter = and(baseFilter, last !== undefined && gt('/id', last));
    const page = await client.listInteractions({ filter, sort: ['/id', 'ASC'], limit: pageSize });
    total ??= page.total;
    await onPage(page.data, total);
    if (page.data.length < pageSize) return;
    last = page.data.at(-1)!.id;
  }
}

/** Applies everything modified at or after `since`; returns the newest modification seen. */
export async function applyChangesSince(client: IndexClient, campaignId: string, index: PointIndex, since: string, pageSize = PAGE_SIZE): Promise<string> {
  let newest = since;
  let skip = 0;
  for (;;) {
    const page = await client.listInteractions({
      filter: and(eq('/data/campaignId', campaignId), gte('/meta/modified', newest)),
      sort: ['/meta/modified', 'ASC'],
      limit: pageSize,
      skip,
    });
    for (const interaction of page.data) index.upsert(interaction);
    if (page.data.length < pageSize) return page.data.at(-1)?.meta.modified ?? newest;
    const lastModified = page.data.at(-1)!.meta.modified;
    // A full page of one timestamp: step past it with skip rather than loop forever.
    skip = lastModified === newest ? skip + pageSize : 0;
    newest = lastModified;
  }
}

export async function buildIndex(client: IndexClient, campaignId: string, onProgress: (loaded: number, total: number) => void = () => {}, credits: ReadonlyMap<string, string> = new Map()) {
  const surveys = await client.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 1000 });
  const questions = surveys.data.flatMap((survey) => survey.data.questions);
  const index = new PointIndex(questions);
  for (const [id, canvasser] of credits) index.credit(id, canvasser);
  let newest = '';
  await walkInteractions(client, eq('/data/campaignId', campaignId), (page, total) => {
    for (const interaction of page) {
      index.upsert(interaction);
      if (interaction.meta.modified > newest) newest = interaction.meta.modified;
    }
    onProgress(index.size, total);
  });
  index.compact();
  return { index, newest: newest || new Date(0).toISOString() };
}

export type IndexEntry = {
  state: 'building' | 'ready' | 'failed';
  index: PointIndex | null;
  progress: { loaded: number; total: number };
  error?: string;
  builtAt: number;
  refreshedAt: number;
  newest: string;
  organizationId: string;
  client: IndexClient;
  work: Promise<void> | null;
};

// Indexes live as long as the server process; one per organization and campaign. They sit on
// globalThis because Next.js bundles each route apart: pages, actions and route handlers
// must all reach the same index, not one copy each.
const registry = ((globalThis as { polisIndexes?: { entries: Map<string, IndexEntry>; accessChecked: Map<string, number> } }).polisIndexes ??= {
  entries: new Map(),
  accessChecked: new Map(),
});
const { entries, accessChecked } = registry;

function startBuild(entry: IndexEntry, campaignId: string) {
  const rebuilding = entry.state === 'ready';
  entry.work = listPaperCredits(entry.organizationId, campaignId)
    .then((credits) =>
      buildIndex(
        entry.client,
        campaignId,
        (loaded, total) => {
          if (!rebuilding) entry.progress = { loaded, total };
        },
        credits,
      ),
    )
    .then(({ index, newest }) => {
      Object.assign(entry, { index, newest, state: 'ready', error: undefined, builtAt: Date.now(), refreshedAt: Date.now() });
      entry.progress = { loaded: index.size, total: index.size };
    })
    .catch((error: Error) => {
      if (!rebuilding) Object.assign(entry, { state: 'failed', error: error.message });
    })
    .finally(() => {
      entry.work = null;
    });
}

function startRefresh(entry: IndexEntry, campaignId: string) {
  entry.refreshedAt = Date.now();
  entry.work = applyChangesSince(entry.client, campaignId, entry.index!, entry.newest)
    .then((newest) => {
      entry.newest = newest;
    })
    .catch(() => {
      // Tried again at the next read.
    })
    .finally(() => {
      entry.work = null;
    });
}

/**
 * The index of a campaign for the signed-in user. Each user's access to the
 * campaign is checked with their own token (and again every minute), so a
 * user who loses access stops seeing it; indexes are never shared across
 * organizations.
 */
export async function campaignIndex(auth: AuthContext, campaignId: string): Promise<IndexEntry> {
  const accessKey = `${auth.user.id}:${auth.organization.id}:${campaignId}`;
  if ((accessChecked.get(accessKey) ?? 0) < Date.now()) {
    await auth.polis.getCampaign(campaignId); // throws 404 when the campaign is not theirs
    accessChecked.set(accessKey, Date.now() + ACCESS_CHECK_MS);
  }
  const key = `${auth.organization.id}:${campaignId}`;
  let entry = entries.get(key);
  if (!entry || entry.state === 'failed') {
    entry = { state: 'building', index: null, progress: { loaded: 0, total: 0 }, builtAt: 0, refreshedAt: 0, newest: '', organizationId: auth.organization.id, client: auth.polis, work: null };
    entries.set(key, entry);
    startBuild(entry, campaignId);
    return entry;
  }
  entry.client = auth.polis; // the freshest token does the background work
  if (entry.state === 'ready' && !entry.work) {
    if (Date.now() - entry.builtAt > REBUILD_AFTER_MS) startBuild(entry, campaignId);
    else if (Date.now() - entry.refreshedAt > REFRESH_AFTER_MS) startRefresh(entry, campaignId);
  }
  return entry;
}

/**
 * The index with whatever Polis received up to `maxAgeMs` ago: the Today view
 * asks every few seconds, so new visits reach it well within its 20 seconds
 * rather than at the 30-second background refresh.
 */
export async function freshCampaignIndex(auth: AuthContext, campaignId: string, maxAgeMs: number): Promise<IndexEntry> {
  const entry = await campaignIndex(auth, campaignId);
  if (entry.state === 'ready' && !entry.work && Date.now() - entry.refreshedAt > maxAgeMs) startRefresh(entry, campaignId);
  return settle(entry, 3000);
}

/** Waits for a build in progress, up to `ms`. */
export async function settle(entry: IndexEntry, ms: number): Promise<IndexEntry> {
  if (entry.work) await Promise.race([entry.work, new Promise((resolve) => setTimeout(resolve, ms))]);
  return entry;
}

/** Applies a change made through the dashboard at once, so the map and counts show it. */
export function recordChange(organizationId: string, campaignId: string, change: { upsert: Interaction; creditTo?: string } | { remove: string }) {
  const entry = entries.get(`${organizationId}:${campaignId}`);
  if (!entry?.index) return;
  if ('upsert' in change) {
    if (change.creditTo) entry.index.credit(change.upsert.id, change.creditTo);
    entry.index.upsert(change.upsert);
  }
  else entry.index.remove(change.remove);
}

/**
 * Builds and keeps fresh the point index of a campaign, through the Polis
 * API only (the real service offers no bounding-box or tile endpoint):
 * a keyset walk for the first build, `/meta/modified` for what changed since,
 * and a periodic full rebuild in the background (it also catches deletions
 * made elsewhere, which the API no longer lists). Readers always see a
 * complete index: a rebuild swaps in when it is done.
 *
 * Each build is saved to the dashboard's store as a snapshot; a process that
 * starts (or another instance on the same store) loads it and asks only for
 * what changed since its watermark. One instance at a time walks a campaign,
 * under a lease in the store; the others wait for its snapshot.
 *
 * @example
 *   const entry = await campaignIndex(auth, campaignId);   // starts a build on first use
 *   if (entry.state === 'ready') entry.index.select(filters);
 *   else entry.progress;                                      // { loaded, total }
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { AuthContext } from '@/lib/auth/session';
import { PolisApiError, type PolisClient } from '@/lib/polis/client';
import { and, compare, eq, gt, gte } from '@/lib/polis/filter';
import type { IndexedInteraction, Interaction, Question } from '@/lib/polis/schemas';
import {
  acquireLease,
  changesSince,
  latestChange,
  loadSnapshot,
  publishChanges,
  recentSnapshots,
  releaseLease,
  saveSnapshot,
} from '@/lib/store/index-snapshots';
import { listPaperCredits } from '@/lib/store/paper-credits';
import { clustererFor } from './clusters';
import type { WorkerReply } from './index-worker';
import { runInWorker } from './index-workers';
import { INDEX_FORMAT_VERSION, PointIndex, type IndexState } from './point-index';
import { decodeSnapshot, encodeSnapshot, SnapshotFormatError } from './snapshot';
import { idRanges, inParallel, PAGE_SIZE, ThrottleGate, walkClient, walkRange, type IdRange, type WalkClient } from './walk';

export { PAGE_SIZE } from './walk';

const REFRESH_AFTER_MS = 30_000;
const REBUILD_AFTER_MS = 15 * 60_000;
const ACCESS_CHECK_MS = 60_000;
/** How long a builder holds a campaign without renewing: a crashed one blocks the others no longer than this. */
export const LEASE_MS = 30_000;
const SNAPSHOT_POLL_MS = 1000;
/** How long the first request to an index loaded while warming up waits for the changes since its snapshot. */
const FIRST_REFRESH_WAIT_MS = 2000;
/** How often a read looks for changes other instances made, so a correction shows everywhere within seconds. */
const CHANGE_POLL_MS = 1000;
/**
 * Changes are saved to the snapshot at most this often: writing one takes a
 * few hundred milliseconds of the answering thread at 600,000 interactions,
 * and a process that loads an older one only reads more changes from its watermark.
 */
const SNAPSHOT_EVERY_MS = 10 * 60_000;

type IndexClient = Pick<PolisClient, 'listInteractionsForIndex' | 'listSurveys'> & { connection?: PolisClient['connection'] };
/** Id ranges walked at once: enough to keep the API and the worker threads busy, few enough to be polite. */
const WALK_CONCURRENCY = 4;

/**
 * Walks the interactions matching `filter` in id order with keyset paging
 * (`/id gt "<last id>"`), never a growing skip, so the last page costs what the first does.
 */
export async function walkInteractions(
  client: Pick<PolisClient, 'listInteractions'>,
  baseFilter: string,
  onPage: (page: Interaction[], total: number) => void | Promise<void>,
  pageSize = PAGE_SIZE,
): Promise<void> {
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

type SortPath = '/data/timestamp' | '/data/distance' | '/data/location/confidence';

const valueAt = (interaction: Interaction, path: SortPath): string | number | undefined =>
  path === '/data/timestamp' ? interaction.data.timestamp : path === '/data/distance' ? interaction.data.distance : interaction.data.location?.confidence;

/**
 * Walks the interactions matching `filter` in the order of one sort key, as a sorted list shows them,
 * without a growing skip: each page starts at the last value seen (`gte`/`lte`), skipping only the rows
 * of that value already delivered. Rows without the value come where the API puts them, first
 * ascending and last descending, in the API's order among themselves, as a sorted list pages them.
 */
export async function walkInteractionsSorted(
  client: Pick<PolisClient, 'listInteractions'>,
  baseFilter: string,
  path: SortPath,
  direction: 'ASC' | 'DESC',
  onPage: (page: Interaction[]) => void | Promise<void>,
  pageSize = PAGE_SIZE,
): Promise<void> {
  // Rows without the value tie with one another: the API's own order for them (not the ids') is the table's.
  const withoutValue = async () => {
    const filter = and(baseFilter, eq(path, null));
    for (let skip = 0; ; skip += pageSize) {
      const page = await client.listInteractions({ filter, sort: [path, direction], skip, limit: pageSize });
      await onPage(page.data);
      if (page.data.length < pageSize) break;
    }
  };
  if (direction === 'ASC') await withoutValue();
  let bound: string | number | undefined;
  let seenAtBound = 0;
  for (;;) {
    const filter = and(baseFilter, bound === undefined ? compare(path, 'neq', null) : compare(path, direction === 'ASC' ? 'gte' : 'lte', bound));
    const page = await client.listInteractions({ filter, sort: [path, direction], skip: seenAtBound, limit: pageSize });
    await onPage(page.data);
    if (page.data.length < pageSize) break;
    const last = valueAt(page.data.at(-1)!, path);
    const atLast = page.data.filter((interaction) => valueAt(interaction, path) === last).length;
    seenAtBound = (last === bound ? seenAtBound : 0) + atLast;
    bound = last;
  }
  if (direction === 'DESC') await withoutValue();
}

/** Applies everything modified at or after `since`; returns the newest modification seen. */
export async function applyChangesSince(client: IndexClient, campaignId: string, index: PointIndex, since: string, pageSize = PAGE_SIZE): Promise<string> {
  let newest = since;
  let skip = 0;
  for (;;) {
    const page = await client.listInteractionsForIndex({
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

type Part = { state: IndexState; newest: string };

/** Each range walked in an index worker thread, as the user; null where no thread can start. */
async function walkInWorkers(
  connection: { token: string; baseUrl: string },
  campaignId: string,
  ranges: IdRange[],
  questions: Question[],
  onRows: (rows: number) => void,
): Promise<Part[] | null> {
  // Where no thread can start, each job answers null at once, without walking.
  const parts = await inParallel(
    ranges.map(
      (range) => () =>
        runInWorker<Extract<WorkerReply, { type: 'walked' }>>(
          { type: 'walk', connection, campaignId, range, questions },
          [],
          (reply) => reply.type === 'page' && onRows(reply.rows),
        ),
    ),
    WALK_CONCURRENCY,
  );
  return parts.every((part) => part !== null) ? parts : null;
}

/** Each range walked on this thread (a client that cannot leave it, or no worker thread). */
function walkHere(client: WalkClient, campaignId: string, ranges: IdRange[], questions: Question[], onRows: (rows: number) => void): Promise<Part[]> {
  return inParallel(
    ranges.map((range) => async () => {
      const { index, newest } = await walkRange(client, campaignId, range, questions, onRows);
      return { state: index.exportState(), newest };
    }),
    WALK_CONCURRENCY,
  );
}

/**
 * Walks the whole campaign into a new index: the id space split into
 * ranges walked at once (in worker threads when the client can be handed
 * over), then the parts appended in id order.
 */
export async function buildIndex(
  client: IndexClient,
  campaignId: string,
  onProgress: (loaded: number, total: number) => void = () => {},
  credits: ReadonlyMap<string, string> = new Map(),
) {
  const surveys = await client.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 1000 });
  const questions = surveys.data.flatMap((survey) => survey.data.questions);
  const { total } = await client.listInteractionsForIndex({ filter: eq('/data/campaignId', campaignId), limit: 0 });
  onProgress(0, total);
  const ranges = idRanges(total);
  let loaded = 0;
  const onRows = (rows: number) => onProgress((loaded += rows), Math.max(total, loaded));
  const connection = client.connection;
  const parts =
    (connection && (await walkInWorkers(connection, campaignId, ranges, questions, onRows))) ||
    (await walkHere(connection ? walkClient(connection, new ThrottleGate()) : client, campaignId, ranges, questions, onRows));
  const index = new PointIndex(questions);
  index.reserve(parts.reduce((sum, part) => sum + part.state.size, 0));
  let newest = '';
  for (const part of parts) {
    index.appendState(part.state);
    if (part.newest > newest) newest = part.newest;
  }
  // The parts were walked without the paper-sheet credits: they are applied to the whole.
  for (const [id, canvasser] of credits) index.credit(id, canvasser);
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
  /** Who does the background work: the last user to ask (none yet for an index loaded while warming up). */
  client: IndexClient | null;
  work: Promise<void> | null;
  /** The index version last written to the store, and when. */
  saved?: { version: number; at: number };
  /** The last change from other instances read from the store, and when it was looked for. */
  changeSeq: number;
  polledAt: number;
};

type Change = { upsert: IndexedInteraction; creditTo?: string } | { remove: string };

/** How far along this process is in loading the store's recent snapshots (see `warmUp`). */
export type Warmth = { done: boolean; loaded: number; loading: number };

// Indexes live as long as the server process; one per organization and campaign. They sit on
// globalThis because Next.js bundles each route apart: pages, actions and route handlers
// must all reach the same index, not one copy each.
const registry = ((
  globalThis as { polisIndexes?: { entries: Map<string, IndexEntry>; accessChecked: Map<string, number>; instance: string; warmth: Warmth | null } }
).polisIndexes ??= {
  entries: new Map(),
  accessChecked: new Map(),
  instance: randomUUID(),
  warmth: null,
});
const { entries, accessChecked } = registry;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The campaign's index as its snapshot in the store holds it; null when there is none (or none newer than `after`), or one of another format, which is never misread. */
async function loadIndex(organizationId: string, campaignId: string, after = '') {
  const snapshot = await loadSnapshot(organizationId, campaignId).catch(() => null);
  if (!snapshot || snapshot.created <= after || snapshot.formatVersion !== INDEX_FORMAT_VERSION) return null;
  try {
    return { index: decodeSnapshot(snapshot.data), watermark: snapshot.watermark };
  } catch (error) {
    if (error instanceof SnapshotFormatError) return null;
    throw error;
  }
}

/**
 * The campaign's index from its snapshot in the store, brought up to date
 * from the snapshot's watermark; null when there is none (or none newer
 * than `after`), or one of another format, which is never misread.
 */
export async function restoreIndex(client: IndexClient, organizationId: string, campaignId: string, after = '') {
  const loaded = await loadIndex(organizationId, campaignId, after);
  if (!loaded) return null;
  const newest = await applyChangesSince(client, campaignId, loaded.index, loaded.watermark);
  return { index: loaded.index, newest };
}

async function saveIndex(entry: IndexEntry, organizationId: string, campaignId: string) {
  const index = entry.index;
  if (!index) return;
  const version = index.version;
  await saveSnapshot(organizationId, campaignId, { formatVersion: INDEX_FORMAT_VERSION, watermark: entry.newest, data: encodeSnapshot(index) })
    .then(() => (entry.saved = { version, at: Date.now() }))
    .catch(() => {
      // The store being down costs the next process a walk, nothing more.
    });
}

/**
 * A fresh index of the campaign: from the store's snapshot when there is
 * one, else walked through the API by whichever instance holds the lease,
 * the others taking its snapshot once it is saved.
 */
async function obtainIndex(entry: IndexEntry, organizationId: string, campaignId: string, rebuilding: boolean) {
  // Changes from here on are read again once the index is ready: applying one twice is harmless.
  const changeSeq = await latestChange(organizationId, campaignId).catch(() => 0);
  return { ...(await loadOrWalk(entry, organizationId, campaignId, rebuilding)), changeSeq };
}

async function loadOrWalk(entry: IndexEntry, organizationId: string, campaignId: string, rebuilding: boolean) {
  if (!rebuilding) {
    const restored = await restoreIndex(entry.client!, organizationId, campaignId);
    if (restored) return restored;
  }
  const startedAt = new Date().toISOString();
  const holder = registry.instance;
  // Without a store to coordinate through, build anyway.
  const lease = () => acquireLease(organizationId, campaignId, holder, LEASE_MS).catch(() => true);
  while (!(await lease())) {
    await sleep(SNAPSHOT_POLL_MS);
    const restored = await restoreIndex(entry.client!, organizationId, campaignId, startedAt);
    if (restored) return restored;
  }
  const renew = setInterval(() => void lease(), LEASE_MS / 3);
  const release = () => {
    clearInterval(renew);
    return releaseLease(organizationId, campaignId, holder).catch(() => undefined);
  };
  let built: Awaited<ReturnType<typeof buildIndex>>;
  try {
    built = await buildIndex(entry.client!, campaignId, (loaded, total) => {
      if (!rebuilding) entry.progress = { loaded, total };
    });
  } catch (error) {
    await release();
    throw error;
  }
  // This process answers from the index at once; the snapshot is saved meanwhile, and the lease
  // held until it is, so the instances waiting for it load it rather than walk again.
  const data = encodeSnapshot(built.index);
  void saveSnapshot(organizationId, campaignId, { formatVersion: INDEX_FORMAT_VERSION, watermark: built.newest, data })
    .catch(() => undefined)
    .finally(release);
  return built;
}

function startBuild(entry: IndexEntry, organizationId: string, campaignId: string) {
  const rebuilding = entry.state === 'ready';
  entry.work = obtainIndex(entry, organizationId, campaignId, rebuilding)
    .then(async (obtained) => {
      // Paper-sheet credits live beside the index, not in its snapshot: applied after a walk or a load alike.
      for (const [id, c] of await listPaperCredits(organizationId, campaignId)) obtained.index.credit(id, c);
      return obtained;
    })
    .then(({ index, newest, changeSeq }) => {
      Object.assign(entry, {
        index,
        newest,
        changeSeq,
        polledAt: 0,
        state: 'ready',
        error: undefined,
        builtAt: Date.now(),
        refreshedAt: Date.now(),
        saved: { version: index.version, at: Date.now() },
      });
      // The map is the campaign's landing view: its first clusters start building now, in a worker thread.
      clustererFor(index, {}, 'UTC').clusterer.catch(() => undefined);
      entry.progress = { loaded: index.size, total: index.size };
    })
    .catch((error: Error) => {
      if (!rebuilding) Object.assign(entry, { state: 'failed', error: error.message });
    })
    .finally(() => {
      entry.work = null;
    });
}

function startRefresh(entry: IndexEntry, organizationId: string, campaignId: string) {
  entry.refreshedAt = Date.now();
  entry.work = applyChangesSince(entry.client!, campaignId, entry.index!, entry.newest)
    .then(async (newest) => {
      entry.newest = newest;
      const saved = entry.saved ?? { version: -1, at: 0 };
      if (entry.index && entry.index.version !== saved.version && Date.now() - saved.at > SNAPSHOT_EVERY_MS) await saveIndex(entry, organizationId, campaignId);
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
  // The index holds the campaign's visits: only who may read them through Polis may read them here.
  if (!auth.can('read@interactions')) throw new PolisApiError(403, null, `Your role (${auth.role}) may not read interactions.`);
  const accessKey = `${auth.user.id}:${auth.organization.id}:${campaignId}`;
  if ((accessChecked.get(accessKey) ?? 0) < Date.now()) {
    await auth.polis.getCampaign(campaignId); // throws 404 when the campaign is not theirs
    accessChecked.set(accessKey, Date.now() + ACCESS_CHECK_MS);
  }
  const key = `${auth.organization.id}:${campaignId}`;
  let entry = entries.get(key);
  if (!entry || entry.state === 'failed') {
    entry = {
      state: 'building',
      index: null,
      progress: { loaded: 0, total: 0 },
      builtAt: 0,
      refreshedAt: 0,
      newest: '',
      organizationId: auth.organization.id,
      client: auth.polis,
      work: null,
      changeSeq: 0,
      polledAt: 0,
    };
    entries.set(key, entry);
    startBuild(entry, auth.organization.id, campaignId);
    return entry;
  }
  entry.client = auth.polis; // the freshest token does the background work
  if (entry.state === 'ready' && Date.now() - entry.polledAt > CHANGE_POLL_MS) await applyOthersChanges(entry, auth.organization.id, campaignId);
  if (entry.state === 'ready' && !entry.work) {
    const firstUse = entry.refreshedAt === 0;
    if (Date.now() - entry.builtAt > REBUILD_AFTER_MS) startBuild(entry, auth.organization.id, campaignId);
    else if (Date.now() - entry.refreshedAt > REFRESH_AFTER_MS) startRefresh(entry, auth.organization.id, campaignId);
    // Loaded while warming up: what changed since its snapshot is read before the first answer, briefly.
    if (firstUse) await settle(entry, FIRST_REFRESH_WAIT_MS);
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
  if (entry.state === 'ready' && !entry.work && Date.now() - entry.refreshedAt > maxAgeMs) startRefresh(entry, auth.organization.id, campaignId);
  return settle(entry, 3000);
}

/** Snapshots saved this recently are loaded when an instance warms up, the newest first, this many at most. */
const WARM_UP_WITHIN_MS = 24 * 3600_000;
const WARM_UP_LIMIT = 4;

/**
 * Loads the campaigns' snapshots saved in the store in the last day into
 * this process, before anyone asks (once per process; the readiness check
 * starts it, as a load balancer calls it first), so a restarted or added
 * instance answers its first map from memory. Nothing is read from Polis
 * here: the first user to open such a campaign has their access checked as
 * always, and the changes since the snapshot are read with their token.
 */
export function warmUp(): Warmth {
  if (registry.warmth) return registry.warmth;
  const warmth: Warmth = (registry.warmth = { done: false, loaded: 0, loading: 0 });
  void recentSnapshots(new Date(Date.now() - WARM_UP_WITHIN_MS).toISOString(), WARM_UP_LIMIT)
    .catch(() => [])
    .then(async (recent) => {
      warmth.loading = recent.length;
      // One at a time: each is tens of megabytes to read and decode.
      for (const { organizationId, campaignId } of recent) {
        await preload(organizationId, campaignId).catch(() => undefined);
        warmth.loading--;
        warmth.loaded++;
      }
      warmth.done = true;
    });
  return warmth;
}

async function preload(organizationId: string, campaignId: string) {
  const key = `${organizationId}:${campaignId}`;
  if (entries.has(key)) return;
  const entry: IndexEntry = {
    state: 'building',
    index: null,
    progress: { loaded: 0, total: 0 },
    builtAt: 0,
    refreshedAt: 0,
    newest: '',
    organizationId,
    client: null,
    work: null,
    changeSeq: 0,
    polledAt: 0,
  };
  entries.set(key, entry);
  const loading = (async () => {
    const changeSeq = await latestChange(organizationId, campaignId).catch(() => 0);
    const loaded = await loadIndex(organizationId, campaignId);
    if (!loaded) throw new Error('no snapshot to load');
    for (const [id, canvasser] of await listPaperCredits(organizationId, campaignId)) loaded.index.credit(id, canvasser);
    // Never refreshed: the first user's request reads what changed since the watermark.
    Object.assign(entry, {
      index: loaded.index,
      newest: loaded.watermark,
      changeSeq,
      state: 'ready',
      builtAt: Date.now(),
      refreshedAt: 0,
      saved: { version: loaded.index.version, at: Date.now() },
    });
    entry.progress = { loaded: loaded.index.size, total: loaded.index.size };
    // The landing map's clusters are built before readiness says done: its first answer never waits for them.
    await clustererFor(loaded.index, {}, 'UTC').clusterer.catch(() => undefined);
  })();
  const work = loading.then(
    () => {
      entry.work = null;
    },
    () => {
      entry.work = null;
      // Asked for meanwhile, it is built the usual way; else forgotten.
      if (entry.client) startBuild(entry, organizationId, campaignId);
      else entries.delete(key);
    },
  );
  entry.work = work;
  await work;
}

/** Waits for a build in progress, up to `ms`. */
export async function settle(entry: IndexEntry, ms: number): Promise<IndexEntry> {
  if (entry.work) await Promise.race([entry.work, new Promise((resolve) => setTimeout(resolve, ms))]);
  return entry;
}

function applyChange(index: PointIndex, change: Change) {
  if ('upsert' in change) {
    if (change.creditTo) index.credit(change.upsert.id, change.creditTo);
    index.upsert(change.upsert);
  } else index.remove(change.remove);
}

async function applyOthersChanges(entry: IndexEntry, organizationId: string, campaignId: string) {
  entry.polledAt = Date.now();
  try {
    const { last, changes } = await changesSince(organizationId, campaignId, entry.changeSeq, registry.instance);
    for (const change of changes) applyChange(entry.index!, change as Change);
    entry.changeSeq = last;
  } catch {
    // The store is unreachable: the next refresh from the API catches up.
  }
}

/**
 * Applies a change made through the dashboard at once, so the map and counts
 * show it, and records it in the store for the other instances' indexes; a
 * paper sheet's entry carries whom to credit.
 */
export function recordChange(organizationId: string, campaignId: string, change: Change) {
  recordChanges(organizationId, campaignId, [change]);
}

/** `recordChange` for several changes of one campaign (an import's batch), stored in one go. */
export function recordChanges(organizationId: string, campaignId: string, changes: Change[]) {
  if (changes.length === 0) return;
  void publishChanges(organizationId, campaignId, registry.instance, changes).catch(() => undefined);
  const entry = entries.get(`${organizationId}:${campaignId}`);
  if (entry?.index) for (const change of changes) applyChange(entry.index, change);
}

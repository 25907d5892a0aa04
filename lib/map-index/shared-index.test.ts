import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { closeDatabases } from '@/lib/db/sqlite';
import type { ListParams } from '@/lib/polis/client';
import type { Interaction } from '@/lib/polis/schemas';
import { changesSince, loadSnapshot, publishChange, saveSnapshot } from '@/lib/store/index-snapshots';
import { campaignIndex, recordChange, settle, warmUp } from './campaign-index';
import { INDEX_FORMAT_VERSION } from './point-index';

// The store these "processes" share: a scratch SQLite file (the store's own suite covers PostgreSQL).
process.env.STORE_DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-shared-index-')), 'dashboard.sqlite')}`;
afterAll(closeDatabases);

const ORGANIZATION = randomUUID();
let clock = Date.UTC(2026, 8, 10);
const interaction = (campaignId: string): Interaction => {
  const modified = new Date((clock += 1000)).toISOString();
  return {
    id: randomUUID(),
    data: {
      campaignId,
      contactId: randomUUID(),
      timestamp: '2026-09-10T15:00:00.000Z',
      survey: { surveyId: 's', responses: {} },
      successful: true,
      unavailable: false,
      location: { lat: 42.3, lng: -71.1 },
    },
    meta: { created: modified, createdBy: 'c1', modified, modifiedBy: 'c1', resource: 'interactions', etag: 'e', isDeleted: false },
  } as unknown as Interaction;
};

/** The Polis API over an array, as one signed-in user sees it, counting the pages each kind of request asked for. */
function fakeUser(all: Interaction[]) {
  const calls = { walk: 0, changes: 0 };
  const polis = {
    async getCampaign() {
      return {};
    },
    async listSurveys() {
      return { data: [], total: 0 };
    },
    async listInteractions(params: ListParams = {}) {
      const filter = params.filter ?? '';
      if (params.sort?.[0] === '/id') calls.walk++;
      else calls.changes++;
      const after = filter.match(/\/id gt "([^"]+)"/)?.[1];
      const since = filter.match(/\/meta\/modified gte "([^"]+)"/)?.[1];
      const rows = all
        .filter((i) => (!after || i.id > after) && (!since || i.meta.modified >= since))
        .sort((a, b) => (params.sort?.[0] === '/id' ? a.id.localeCompare(b.id) : a.meta.modified.localeCompare(b.meta.modified)));
      return { data: rows.slice(params.skip ?? 0, (params.skip ?? 0) + (params.limit ?? 100)), total: rows.length };
    },
    listInteractionsForIndex: (params: ListParams = {}) => polis.listInteractions(params),
  };
  const auth = { user: { id: randomUUID() }, organization: { id: ORGANIZATION }, role: 'organizer', can: () => true, polis } as unknown as AuthContext;
  return { auth, calls };
}

/** What a new process starts with: no index in memory, its own instance id, nothing warmed up. */
function restartProcess() {
  const registry = (globalThis as { polisIndexes?: { entries: Map<string, unknown>; accessChecked: Map<string, number>; instance: string; warmth: unknown } })
    .polisIndexes;
  registry?.entries.clear();
  registry?.accessChecked.clear();
  if (registry) {
    registry.instance = randomUUID();
    registry.warmth = null;
  }
}

async function readyIndex(auth: AuthContext, campaignId: string) {
  const entry = await campaignIndex(auth, campaignId);
  await settle(entry, 20_000);
  expect(entry.state).toBe('ready');
  return entry;
}

describe('a campaign index shared through the store', () => {
  beforeEach(restartProcess);

  it('is walked once, then loaded by the next process from its snapshot and brought up to date from the watermark', async () => {
    const campaignId = randomUUID();
    const all = Array.from({ length: 2500 }, () => interaction(campaignId));
    const first = fakeUser(all);
    expect((await readyIndex(first.auth, campaignId)).index!.size).toBe(2500);
    expect(first.calls.walk).toBe(3);
    // Saved once the index answers, in the background.
    await expect.poll(async () => (await loadSnapshot(ORGANIZATION, campaignId))?.watermark).toBe(all.at(-1)!.meta.modified);

    all.push(interaction(campaignId));
    restartProcess();
    const second = fakeUser(all);
    const entry = await readyIndex(second.auth, campaignId);
    expect(second.calls.walk).toBe(0);
    expect(entry.index!.size).toBe(2501);
    expect(entry.index!.find(all.at(-1)!.id)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a snapshot written by another version of the index and walks the campaign instead, replacing it', async () => {
    const campaignId = randomUUID();
    const all = Array.from({ length: 1200 }, () => interaction(campaignId));
    await saveSnapshot(ORGANIZATION, campaignId, { formatVersion: INDEX_FORMAT_VERSION + 1, watermark: '2099-01-01T00:00:00.000Z', data: new Uint8Array(64) });
    const user = fakeUser(all);
    expect((await readyIndex(user.auth, campaignId)).index!.size).toBe(1200);
    expect(user.calls.walk).toBe(2);
    expect((await loadSnapshot(ORGANIZATION, campaignId))?.formatVersion).toBe(INDEX_FORMAT_VERSION);
  });

  it('shows a change made through another instance within 5 s, before any refresh from the API', async () => {
    const campaignId = randomUUID();
    const all = Array.from({ length: 50 }, () => interaction(campaignId));
    const user = fakeUser(all);
    const entry = await readyIndex(user.auth, campaignId);
    const changesBefore = user.calls.changes;
    const row = entry.index!.find(all[7]!.id);
    const corrected = { ...all[8]!, data: { ...all[8]!.data, successful: false, unavailable: true } };

    // Another instance deletes one interaction and corrects another: what its recordChange publishes.
    await publishChange(ORGANIZATION, campaignId, 'another-instance', { remove: all[7]!.id });
    await publishChange(ORGANIZATION, campaignId, 'another-instance', { upsert: corrected });

    const started = Date.now();
    for (;;) {
      const current = await campaignIndex(user.auth, campaignId);
      if (!current.index!.select({}, 'UTC').includes(row)) break;
      expect(Date.now() - started).toBeLessThan(5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(entry.index!.outcomeAt(entry.index!.find(corrected.id))).toBe('unavailable');
    expect(user.calls.changes).toBe(changesBefore);
  });

  it('publishes a change made through this instance for the others', async () => {
    const campaignId = randomUUID();
    const user = fakeUser([interaction(campaignId)]);
    await readyIndex(user.auth, campaignId);
    recordChange(ORGANIZATION, campaignId, { remove: 'gone' });
    await expect.poll(async () => (await changesSince(ORGANIZATION, campaignId, 0, 'another-instance')).changes).toEqual([{ remove: 'gone' }]);
  });

  it('warms up a new process from the recent snapshots, then reads only what changed since, with the first user’s token', async () => {
    const campaignId = randomUUID();
    const all = Array.from({ length: 1500 }, () => interaction(campaignId));
    await readyIndex(fakeUser(all).auth, campaignId);
    await expect.poll(async () => (await loadSnapshot(ORGANIZATION, campaignId))?.watermark).toBe(all.at(-1)!.meta.modified);
    all.push(interaction(campaignId));

    restartProcess();
    const warmth = warmUp();
    await expect.poll(() => warmth.done && warmth.loaded > 0, { timeout: 10_000 }).toBe(true);
    const user = fakeUser(all);
    const entry = await campaignIndex(user.auth, campaignId);
    expect(entry.state).toBe('ready');
    expect(user.calls.walk).toBe(0);
    expect(user.calls.changes).toBe(1);
    expect(entry.index!.size).toBe(1501);
    // A stranger is still refused: warming up loads data, it checks no one in.
    const stranger = fakeUser([]);
    stranger.auth.polis.getCampaign = async () => {
      throw new Error('404 campaign not found');
    };
    await expect(campaignIndex(stranger.auth, campaignId)).rejects.toThrow(/404/);
  });

  it("checks each user's access to the campaign with their own token before handing out the shared index", async () => {
    const campaignId = randomUUID();
    const owner = fakeUser([interaction(campaignId)]);
    await readyIndex(owner.auth, campaignId);
    const stranger = fakeUser([]);
    stranger.auth.polis.getCampaign = async () => {
      throw new Error('404 campaign not found');
    };
    await expect(campaignIndex(stranger.auth, campaignId)).rejects.toThrow(/404/);
  });
});

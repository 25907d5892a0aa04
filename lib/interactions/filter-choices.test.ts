import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '@/lib/auth/session';
import { closeDatabases } from '@/lib/db/sqlite';
import { campaignIndex, settle, walkInteractions } from '@/lib/map-index/campaign-index';
import { and, compare, eq } from '@/lib/polis/filter';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { filterChoices, loadIndexSettled, loadWalklistChoice } from './filter-choices';
import { loadCampaignContext } from './queries';

// The dashboard's store (index snapshots) in a scratch file.
process.env.STORE_DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-filter-choices-')), 'dashboard.sqlite')}`;
afterAll(closeDatabases);

/** What a freshly started server holds: no index in memory. */
function restartProcess() {
  const registry = (globalThis as { polisIndexes?: { entries: Map<string, unknown>; accessChecked: Map<string, number>; instance: string } }).polisIndexes;
  registry?.entries.clear();
  registry?.accessChecked.clear();
  if (registry) registry.instance = randomUUID();
}

let auth: AuthContext;
let campaignId: string;
let walklistIds: string[];

/** The Polis API at a real network's pace: each page of interactions takes a moment, so a build is not over at once. */
function atNetworkPace(fast: AuthContext): AuthContext {
  const listInteractions: AuthContext['polis']['listInteractions'] = async (params) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    return fast.polis.listInteractions(params);
  };
  return { ...fast, polis: { ...fast.polis, listInteractions } };
}

beforeAll(async () => {
  auth = atNetworkPace(await (await inProcessPolis()).signIn(DEMO_USERS.organizer));
  campaignId = (await auth.polis.listCampaigns({ limit: 1 })).data[0]!.id;
  const ids = new Set<string>();
  await walkInteractions(auth.polis, and(eq('/data/campaignId', campaignId), compare('/data/walklistId', 'neq', null)), (page) => {
    for (const interaction of page) ids.add(interaction.data.walklistId!);
  });
  walklistIds = [...ids].sort();
}, 60_000);

describe('the walklist choice', () => {
  it('on the first page after a start, names every walklist of the campaign: the page waits for the first build', async () => {
    expect(walklistIds.length).toBeGreaterThan(1);
    restartProcess();
    const context = await loadCampaignContext(auth, campaignId);
    const choices = filterChoices(context, (await loadIndexSettled(auth, campaignId)).index);
    expect(choices.walklistsPending).toBe(false);
    expect(choices.walklists.map((w) => w.id).sort()).toEqual(walklistIds);
    expect(choices.walklists.every((w) => /, walklist \d+$/.test(w.name))).toBe(true);
  });

  it('rendered while the build still runs, it is told the build is running, then the names once it is done', async () => {
    restartProcess();
    expect(await loadWalklistChoice(auth, campaignId)).toMatchObject({ state: 'building' });
    await settle(await campaignIndex(auth, campaignId), 30_000);
    const ready = await loadWalklistChoice(auth, campaignId);
    expect(ready.state).toBe('ready');
    expect(ready.state === 'ready' && ready.walklists.map((w) => w.id).sort()).toEqual(walklistIds);
  });
});

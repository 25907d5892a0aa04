/**
 * Two dashboard instances, real processes of the built app, on one PostgreSQL
 * store, as behind a load balancer: one walks a campaign, the other serves
 * its snapshot; a correction through one shows in the other's clusters; a
 * restart loads the snapshot; a snapshot of another index version is
 * rebuilt; a builder killed mid-walk holds its lease no longer than the lease.
 * Instance A serves the sandbox; each instance calls it through its own
 * counting proxy, so the test knows which instance asked the API for what.
 */
import pg from 'pg';
import { INDEX_FORMAT_VERSION } from '@/lib/map-index/point-index';
import type { ClusterResponse } from '@/lib/map-index/clusters';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { isRefreshRequest, isWalkRequest, startCountingProxy, type CountingProxy } from '@/lib/testing/counting-proxy';
import { TEST_PORTS } from '@/lib/testing/ports';
import { createTestDatabase, startTestPostgres, type TestPostgres } from '@/lib/testing/postgres';
import { seedTestDatabase, startTestServer, type TestServer } from '@/lib/testing/test-server';
import { campaigns, expect, test } from './fixtures';
import { InteractionPage } from './pages/interaction-page';

/** How long a build lease lasts unrenewed (`LEASE_MS` of the campaign index, as the README says). */
const LEASE_MS = 30_000;
const A_URL = `http://localhost:${TEST_PORTS.instanceA}`;
const B_URL = `http://localhost:${TEST_PORTS.instanceB}`;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: A_URL });

let postgres: TestPostgres;
let storeUrl: string;
let dbFile: string;
let token: string;
const proxies = {} as Record<'a' | 'b', CountingProxy>;
const instances = {} as Record<'a' | 'b', TestServer>;

/** Instance A serves the sandbox; B, like a dashboard in front of the real Polis, serves none. */
function startInstance(name: 'a' | 'b') {
  return startTestServer({
    port: name === 'a' ? TEST_PORTS.instanceA : TEST_PORTS.instanceB,
    database: dbFile,
    env: { STORE_DATABASE_URL: storeUrl, POLIS_API_URL: `${proxies[name].url}/api/polis`, POLIS_AUTH_URL: A_URL, SANDBOX: name === 'a' ? 'on' : 'off' },
  });
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  postgres = await startTestPostgres();
  storeUrl = await createTestDatabase(postgres.url);
  dbFile = await seedTestDatabase();
  token = (await issueAccessTokenForEmail(await openDatabase(dbFile), DEMO_USERS.organizer))!;
  await closeDatabases();
  proxies.a = await startCountingProxy(A_URL);
  proxies.b = await startCountingProxy(A_URL);
  [instances.a, instances.b] = await Promise.all([startInstance('a'), startInstance('b')]);
});

test.afterAll(async () => {
  await Promise.all(Object.values(instances).map((instance) => instance.stop()));
  await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  await postgres?.stop();
});

test.beforeEach(async ({ signIn }) => {
  await signIn('organizer');
});

type Ready = Extract<ClusterResponse, { state: 'ready' }>;

/** The campaign's clusters from one instance, once its index is ready. */
async function clustersFrom(request: import('@playwright/test').APIRequestContext, url: string, campaignId: string, timeout = 30_000): Promise<Ready> {
  let ready: Ready | null = null;
  await expect
    .poll(
      async () => {
        const response = await request.get(`${url}/api/map/${campaignId}/clusters?bbox=-180,-85,180,85&zoom=3`);
        expect(response.status()).toBe(200);
        const body = (await response.json()) as ClusterResponse;
        ready = body.state === 'ready' ? body : null;
        return body.state;
      },
      { timeout, intervals: [100] },
    )
    .toBe('ready');
  return ready!;
}

const walkPages = (proxy: CountingProxy, campaignId: string, after = 0) =>
  proxy.requests.filter((r) => r.at >= after && isWalkRequest(r) && r.search.get('filter')!.includes(campaignId)).length;

async function storeQuery<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: storeUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

test('only one of two instances walks a campaign; the other serves the same clusters from its snapshot', async ({ page }) => {
  const [campaign] = await campaigns(A_URL, token);
  // Both asked at once, as a load balancer would spread the first map views.
  const [fromA, fromB] = await Promise.all([clustersFrom(page.request, A_URL, campaign!.id), clustersFrom(page.request, B_URL, campaign!.id)]);
  expect(fromA.total).toBe(campaign!.total);
  expect(fromB.total).toBe(campaign!.total);
  expect(fromB.counts).toEqual(fromA.counts);
  const walked = [walkPages(proxies.a, campaign!.id), walkPages(proxies.b, campaign!.id)];
  expect(
    walked.filter((pages) => pages > 0),
    `walk pages asked by A and B: ${walked.join(', ')}`,
  ).toHaveLength(1);
});

test('a correction through one instance shows in the other instance’s clusters within 5 s, without it asking the API', async ({ page }) => {
  const [campaign] = await campaigns(A_URL, token);
  const db = await openDatabase(dbFile);
  const { id } = await db
    .selectFrom('interactions')
    .select('id')
    .where('campaign_id', '=', campaign!.id)
    .where('successful', '=', 1)
    .where('is_deleted', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const before = await clustersFrom(page.request, B_URL, campaign!.id);

  const detail = new InteractionPage(page, campaign!.id, id);
  await detail.openCorrection();
  await page.getByLabel('Not available').check();
  await detail.save('Nobody was home: the canvasser ticked the wrong box');
  await expect(page.getByRole('status').filter({ hasText: 'Correction saved.' })).toBeVisible();
  const saved = Date.now();

  await expect
    .poll(async () => (await clustersFrom(page.request, B_URL, campaign!.id)).counts, { timeout: 5000, intervals: [100] })
    .toEqual({ ...before.counts, successful: before.counts.successful - 1, unavailable: before.counts.unavailable + 1 });
  expect(Date.now() - saved).toBeLessThan(5000);
  // It came through the store's change table, not from B reading the API again.
  expect(proxies.b.requests.filter((r) => r.at >= saved && isRefreshRequest(r))).toEqual([]);
});

test('a restarted instance loads the snapshot as it warms up; one written by another version of the index is refused and rebuilt', async ({ page }) => {
  const [campaign] = await campaigns(A_URL, token);
  await instances.b.stop();
  let restarted = Date.now();
  instances.b = await startInstance('b');
  // The load balancer's first readiness check starts loading the recent snapshots: the first map then answers at once.
  await expect
    .poll(async () => {
      const ready = await page.request.get(`${B_URL}/api/health/ready`);
      expect(ready.status()).toBe(200);
      const { indexes } = (await ready.json()) as { indexes: { done: boolean; loaded: number } };
      return indexes.done && indexes.loaded > 0;
    })
    .toBe(true);
  const first = (await (await page.request.get(`${B_URL}/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3`)).json()) as ClusterResponse;
  expect(first.state).toBe('ready');
  expect(first.state === 'ready' && first.total).toBe(campaign!.total);
  expect(walkPages(proxies.b, campaign!.id, restarted)).toBe(0);

  await storeQuery('update index_snapshot set format_version = $1 where campaign_id = $2', [INDEX_FORMAT_VERSION + 1, campaign!.id]);
  await instances.b.stop();
  restarted = Date.now();
  instances.b = await startInstance('b');
  expect((await clustersFrom(page.request, B_URL, campaign!.id)).total).toBe(campaign!.total);
  expect(walkPages(proxies.b, campaign!.id, restarted)).toBeGreaterThan(0);
  const [snapshot] = await storeQuery<{ format_version: number }>('select format_version from index_snapshot where campaign_id = $1', [campaign!.id]);
  expect(snapshot?.format_version).toBe(INDEX_FORMAT_VERSION);
});

test('an instance killed in the middle of a walk holds the build lease no longer than the lease; the other then builds', async ({ page }) => {
  test.setTimeout(LEASE_MS + 60_000);
  // A campaign neither instance has indexed yet.
  const [, campaign] = await campaigns(A_URL, token);
  proxies.b.hold((request) => isWalkRequest(request) && request.search.get('filter')!.includes(campaign!.id));
  await page.request.get(`${B_URL}/api/map/${campaign!.id}/clusters?bbox=-180,-85,180,85&zoom=3`);
  await expect.poll(() => proxies.b.held(), { timeout: 20_000 }).toBeGreaterThan(0);
  const [lease] = await storeQuery<{ holder: string; expires: string }>('select holder, expires from index_lease where campaign_id = $1', [campaign!.id]);
  expect(lease, 'B holds the lease while it walks').toBeTruthy();

  await instances.b.stop('SIGKILL');
  const killed = Date.now();
  proxies.b.release();
  const ready = await clustersFrom(page.request, A_URL, campaign!.id, LEASE_MS + 30_000);
  expect(ready.total).toBe(campaign!.total);
  expect(Date.now() - killed).toBeLessThan(LEASE_MS + 15_000);
  expect(walkPages(proxies.a, campaign!.id, killed)).toBeGreaterThan(0);
  // The dead holder's lease is gone or lapsed: nothing of it is left to block anyone.
  const left = await storeQuery<{ holder: string; expires: string }>('select holder, expires from index_lease where campaign_id = $1', [campaign!.id]);
  expect(left.filter((row) => row.holder === lease!.holder && Number(row.expires) > Date.now())).toEqual([]);
  instances.b = await startInstance('b');
});

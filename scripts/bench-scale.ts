/**
 * npm run bench:scale -- [--interactions 1000000] [--requests 1200] [--no-baseline]
 * Measures the dashboard past one process, on a seeded sandbox (kept under
 * data/bench/) and a PostgreSQL store started for the run, with the built
 * app, and prints figures (asserts nothing):
 *   - the cold first index of the largest campaign (the server's own walk,
 *     straight from the API, from the first map request to clusters ready), and for comparison one
 *     keyset walk of the whole campaign through the same API, as before;
 *   - a restart with the snapshot in the store: process start to first
 *     clusters, and navigation to clusters on screen;
 *   - two instances on the one store: a correction saved through the first,
 *     until the second's cluster response shows it;
 *   - the cluster endpoint at 8 concurrent clients over random views, a
 *     quarter filtered, warm, and again while a ninth client keeps asking for
 *     new filters (each one's clusterer being built meanwhile): on one
 *     instance, then shared by both in turn, as a load balancer would; each
 *     after as many requests again to warm the servers (see cluster-load.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { walkInteractions } from '@/lib/map-index/campaign-index';
import { PointIndex } from '@/lib/map-index/point-index';
import { createPolisClient } from '@/lib/polis/client';
import { eq } from '@/lib/polis/filter';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_PASSWORD, DEMO_USERS, seedDatabase } from '@/lib/sandbox/seed/seed';
import { clusterLoad } from '@/lib/testing/cluster-load';
import { isWalkRequest, startCountingProxy } from '@/lib/testing/counting-proxy';
import { TEST_PORTS } from '@/lib/testing/ports';
import { createTestDatabase, startTestPostgres } from '@/lib/testing/postgres';
import { startTestServer, type TestServer } from '@/lib/testing/test-server';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '1200' },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const size = Number(values.interactions);
const requests = Number(values.requests);
const root = path.resolve(import.meta.dirname, '..');
if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('build the app first (npx next build)');

const ms = (n: number) => `${n.toFixed(0)} ms`;
const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const sleep = (n: number) => new Promise((resolve) => setTimeout(resolve, n));

const dbFile = path.join(root, 'data', 'bench', `interactions-${size}.sqlite`);
if (!fs.existsSync(dbFile)) {
  console.log(`Seeding ${size.toLocaleString('en-US')} interactions (kept in data/bench/ for the next run)…`);
  await seedDatabase(await openDatabase(dbFile), { interactions: size });
}
const token = (await issueAccessTokenForEmail(await openDatabase(dbFile), DEMO_USERS.organizer))!;
await closeDatabases();

const postgres = await startTestPostgres();
const storeUrl = await createTestDatabase(postgres.url);
const A_URL = `http://localhost:${TEST_PORTS.bench}`;
const B_URL = `http://localhost:${TEST_PORTS.benchSecond}`;
const proxies = { a: await startCountingProxy(A_URL), b: await startCountingProxy(A_URL) };
// Each instance calls the API through a proxy that counts its requests; for the cold index, the first calls
// it straight, as a deployment would: the proxy's copying of every page cost a core's share of the walk.
const start = (name: 'a' | 'b', { direct = false } = {}) =>
  startTestServer({
    port: name === 'a' ? TEST_PORTS.bench : TEST_PORTS.benchSecond,
    database: dbFile,
    env: {
      STORE_DATABASE_URL: storeUrl,
      POLIS_API_URL: direct ? `${A_URL}/api/polis` : `${proxies[name].url}/api/polis`,
      POLIS_AUTH_URL: A_URL,
      SANDBOX: name === 'a' ? 'on' : 'off',
    },
  });
const servers: Partial<Record<'a' | 'b', TestServer>> = { a: await start('a', { direct: true }) };
const db = await openDatabase(dbFile);
const browser = await chromium.launch({
  executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu'],
});

try {
  const polis = createPolisClient({ token, baseUrl: `${A_URL}/api/polis` });
  const campaigns = await polis.listCampaigns();
  const totals = await Promise.all(
    campaigns.data.map(async (c) => ({ c, total: (await polis.listInteractions({ filter: eq('/data/campaignId', c.id), limit: 0 })).total })),
  );
  const { c: campaign, total } = totals.sort((a, b) => b.total - a.total)[0]!;
  console.log(`\n=== ${size.toLocaleString('en-US')} interactions; largest campaign "${campaign.data.name}": ${total.toLocaleString('en-US')} ===`);

  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${A_URL}/`);
  await page.getByRole('button', { name: 'Sign in with Polis' }).click();
  await page.getByLabel('Email').fill(DEMO_USERS.organizer);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('radio', { name: /Field Partners/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${A_URL}/`, { timeout: 180_000 });
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const clusters = async (url: string, query = 'bbox=-180,-85,180,85&zoom=3') =>
    (await (await fetch(`${url}/api/map/${campaign.id}/clusters?${query}`, { headers: { cookie } })).json()) as {
      state: string;
      total: number;
      counts: Record<string, number>;
      bounds: number[];
    };
  const untilReady = async (url: string) => {
    for (;;) {
      const body = await clusters(url);
      if (body.state === 'ready') return body;
      await sleep(100);
    }
  };

  // 1. The cold first index: the server walks the campaign on the first map request.
  let t0 = performance.now();
  const ready = await untilReady(A_URL);
  const cold = performance.now() - t0;
  console.log(
    `cold first index, first map request to clusters ready: ${s(cold)} (${ready.total.toLocaleString('en-US')} interactions, id ranges walked at once)`,
  );

  if (!values['no-baseline']) {
    // The walk as it was: one keyset walk of the whole campaign, each page parsed with the full schema
    // and indexed, on one thread (of this process: the server's thread only answers as the API).
    const pages: number[] = [];
    const questions = (await polis.listSurveys({ filter: eq('/data/campaignId', campaign.id) })).data.flatMap((survey) => survey.data.questions);
    const index = new PointIndex(questions);
    let last = performance.now();
    t0 = last;
    await walkInteractions(polis, eq('/data/campaignId', campaign.id), (page) => {
      for (const interaction of page) index.upsert(interaction);
      const now = performance.now();
      pages.push(now - last);
      last = now;
    });
    const whole = performance.now() - t0;
    console.log(
      `for comparison, one keyset walk of the whole campaign through the same API, each page parsed with the full schema and indexed here: ${s(whole)} for ${pages.length} pages (median ${ms(percentile(pages, 50))}); the server's cold index took ${((cold / whole) * 100).toFixed(0)}% of that time (${(whole / cold).toFixed(1)}x faster)`,
    );
  }

  // 2. A restart with the snapshot in the store, through the counting proxy from here on.
  await sleep(2000); // the snapshot is written once the build is done
  await servers.a?.stop();
  t0 = performance.now();
  servers.a = await start('a');
  const listening = performance.now() - t0;
  // As a load balancer would: readiness checks, the first of which starts loading the recent snapshots.
  for (;;) {
    const { indexes } = (await (await fetch(`${A_URL}/api/health/ready`)).json()) as { indexes: { done: boolean } };
    if (indexes.done) break;
    await sleep(100);
  }
  const warm = performance.now() - t0;
  const mapUrl = `${A_URL}/campaigns/${campaign.id}/map`;
  const navigated = performance.now();
  await page.goto(mapUrl);
  await page.waitForSelector('.polis-cluster', { timeout: 120_000 });
  const onScreen = performance.now();
  const walkedAgain = proxies.a.requests.filter((r) => isWalkRequest(r) && r.at >= Date.now() - (onScreen - t0)).length;
  console.log(
    `restart with a snapshot: process start to listening ${s(listening)}, to snapshots loaded (readiness) ${s(warm)}; then map navigation to first clusters on screen ${s(onScreen - navigated)} (process start to clusters on screen ${s(onScreen - t0)}); walk pages asked again: ${walkedAgain}`,
  );

  // 3. A second instance on the same store: it loads the snapshot; a correction through the first reaches it.
  servers.b = await start('b');
  t0 = performance.now();
  const before = await untilReady(B_URL);
  console.log(
    `second instance, first map request to clusters ready (from the snapshot): ${s(performance.now() - t0)}; walk pages it asked for: ${proxies.b.requests.filter(isWalkRequest).length}`,
  );
  const target = await db
    .selectFrom('interactions')
    .select(['id', 'successful'])
    .where('campaign_id', '=', campaign.id)
    .where('is_deleted', '=', 0)
    .where('unavailable', '=', 0)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const toSuccessful = target.successful !== 1;
  await page.goto(`${A_URL}/campaigns/${campaign.id}/interactions/${target.id}/edit`);
  await page.getByLabel(toSuccessful ? 'Successful' : 'Home, not successful', { exact: true }).check();
  await page.getByLabel('Reason for the correction').fill('Benchmark: outcome toggled');
  const clicked = performance.now();
  await page.getByRole('button', { name: 'Save correction' }).click();
  await page.getByRole('status').filter({ hasText: 'Correction saved.' }).waitFor();
  t0 = performance.now();
  const expected = before.counts.successful! + (toSuccessful ? 1 : -1);
  let polls = 0;
  while ((await clusters(B_URL)).counts.successful !== expected) {
    polls++;
    if (performance.now() - t0 > 60_000) throw new Error('the correction never reached the second instance');
    await sleep(50);
  }
  console.log(
    `two instances, a correction saved through the first until the second's cluster response shows it: ${ms(performance.now() - t0)} from "Correction saved.", ${ms(performance.now() - clicked)} from the click on Save (${polls} polls before)`,
  );

  // 4. The cluster endpoint under 8 clients, warm and while new filters' clusterers are built. The browser is
  // closed first: on two cores, its open page took turns with the servers being measured.
  await browser.close();
  const { bounds } = await clusters(A_URL);
  const canvassers = (await db.selectFrom('interactions').select('created_by').distinct().where('campaign_id', '=', campaign.id).limit(200).execute()).map(
    (r) => r.created_by,
  );
  // Warm: the views' two clusterers built after the correction above, on both instances.
  for (const url of [A_URL, B_URL]) for (const filter of ['', '&outcome=successful']) await clusters(url, `bbox=${bounds.join(',')}&zoom=12${filter}`);
  await sleep(3000);
  for (const url of [A_URL, B_URL]) for (const filter of ['', '&outcome=successful']) await clusters(url, `bbox=${bounds.join(',')}&zoom=12${filter}`);
  // One instance takes every request; then both, in turn, as a load balancer in front of them would share them.
  for (const [targets, withBuilds] of [
    [[A_URL], false],
    [[A_URL], true],
    [[A_URL, B_URL], false],
    [[A_URL, B_URL], true],
  ] as const) {
    let built = 0;
    const builds: number[] = [];
    let stop = false;
    const builder = (async () => {
      // A ninth client: a new filter each time, so a clusterer is always being built.
      while (withBuilds && !stop) {
        const t = performance.now();
        await clusters(
          targets[built % targets.length]!,
          `bbox=${bounds.join(',')}&zoom=12&canvasser=${encodeURIComponent(canvassers[built % canvassers.length]!)}&outcome=${['successful', 'contacted', 'unavailable'][built % 3]}`,
        );
        builds.push(performance.now() - t);
        built++;
      }
    })();
    const { latencies, serverTimes } = await clusterLoad({ urls: targets, campaignId: campaign.id, cookie, bounds, requests });
    stop = true;
    await builder;
    console.log(
      `cluster endpoint, 8 concurrent clients ${targets.length === 1 ? 'on one instance' : 'shared by the two instances in turn'}, ${latencies.length} requests over random views, a quarter filtered${withBuilds ? `, while a ninth client had ${built} new filters' clusterers built` : ' (warm)'}: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms (in the handler: p50 ${percentile(serverTimes, 50).toFixed(1)} ms, p95 ${percentile(serverTimes, 95).toFixed(1)} ms)${withBuilds ? `; the ninth client's requests, each waiting for its new clusterer: p50 ${ms(percentile(builds, 50))}, max ${ms(Math.max(...builds))}` : ''}`,
    );
  }
} finally {
  await browser.close();
  await Promise.all(Object.values(servers).map((server) => server?.stop()));
  await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  await postgres.stop();
  await closeDatabases();
}

/**
 * npm run bench:map -- [--sizes 100000,1000000] [--requests 1200] [--baseline-runs 3]
 * Measures the map on seeded sandboxes of each size and prints figures
 * (asserts nothing): the cold index build and its first and last page, the
 * memory the index adds, the cluster endpoint at 8 concurrent clients (after
 * as many requests again to warm the server, see cluster-load.ts), first
 * paint in headless Chromium against Leaflet.markercluster loading every
 * point, and long tasks during 20 pans and zooms. At 1,000,000 each of the
 * baseline's paints takes about ten minutes: `--baseline-runs 1` takes one.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { buildIndex } from '@/lib/map-index/campaign-index';
import { clustererFor } from '@/lib/map-index/clusters';
import { createPolisClient } from '@/lib/polis/client';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_PASSWORD, DEMO_USERS, seedDatabase } from '@/lib/sandbox/seed/seed';
import { clusterLoad } from '@/lib/testing/cluster-load';
import { isWalkRequest, startCountingProxy } from '@/lib/testing/counting-proxy';
import { TEST_PORTS } from '@/lib/testing/ports';
import { startTestServer } from '@/lib/testing/test-server';
import { eq } from '@/lib/polis/filter';

const execFileAsync = promisify(execFile);

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    requests: { type: 'string', default: '1200' },
    'baseline-runs': { type: 'string', default: '3' },
    // Internal: build one index in a fresh process, so its memory is measured alone.
    'measure-build': { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const requests = Number(values.requests);
const baselineRuns = Math.max(1, Number(values['baseline-runs']));
const root = path.resolve(import.meta.dirname, '..');
const chromiumPath = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:map does)');

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });

const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function percentile(xs: number[], p: number) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function database(size: number) {
  const file = path.join(root, 'data', 'bench', `interactions-${size}.sqlite`);
  if (!fs.existsSync(file)) {
    console.log(`Seeding ${size.toLocaleString('en-US')} interactions (kept in data/bench/ for the next run)…`);
    await seedDatabase(await openDatabase(file), { interactions: size });
  }
  const token = (await issueAccessTokenForEmail(await openDatabase(file), DEMO_USERS.organizer))!;
  await closeDatabases();
  return { file, token };
}

async function signIn(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await watchFirstPaints(page);
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => w.longTasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Sign in with Polis' }).click();
  await page.getByLabel('Email').fill(DEMO_USERS.organizer);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('radio', { name: /Field Partners/ }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${url}/`);
  return page;
}

/** What the first-paint figures watch for: the first cluster (ours, the baseline's) or table row. */
const WATCHED = ['.polis-cluster', '.marker-cluster', 'table[aria-label="Interactions"] tbody tr[aria-rowindex]'];

/** Records, in the page, when each watched element first appears, at the next frame (when it is painted). */
function watchFirstPaints(page: Page) {
  return page.addInitScript((selectors: string[]) => {
    const seen: Record<string, number> = ((window as unknown as { firstSeen: Record<string, number> }).firstSeen = {});
    const observer = new MutationObserver(() => {
      for (const selector of selectors) {
        if (seen[selector] === undefined && document.querySelector(selector)) {
          seen[selector] = -1;
          requestAnimationFrame(() => (seen[selector] = performance.now()));
        }
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  }, WATCHED);
}

/** Milliseconds from navigation start until the element is first painted. */
async function firstPaint(page: Page, url: string, selector: string, timeout = 120_000): Promise<number> {
  await page.goto(url);
  await page.waitForSelector(selector, { timeout });
  await page.waitForFunction((s) => ((window as unknown as { firstSeen: Record<string, number> }).firstSeen[s] ?? -1) > 0, selector);
  return page.evaluate((s) => (window as unknown as { firstSeen: Record<string, number> }).firstSeen[s]!, selector);
}

/** A static page that does what dashboards usually ship: every point into Leaflet.markercluster. */
function serveBaseline(points: [number, number][], port: number) {
  const files: Record<string, [string, string]> = {
    '/leaflet.js': ['application/javascript', fs.readFileSync(path.join(root, 'node_modules/leaflet/dist/leaflet.js'), 'utf8')],
    '/leaflet.css': ['text/css', fs.readFileSync(path.join(root, 'node_modules/leaflet/dist/leaflet.css'), 'utf8')],
    '/markercluster.js': [
      'application/javascript',
      fs.readFileSync(path.join(root, 'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js'), 'utf8'),
    ],
    '/markercluster.css': [
      'text/css',
      fs.readFileSync(path.join(root, 'node_modules/leaflet.markercluster/dist/MarkerCluster.css'), 'utf8') +
        fs.readFileSync(path.join(root, 'node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css'), 'utf8'),
    ],
    '/points.json': ['application/json', JSON.stringify(points)],
    '/': [
      'text/html',
      `<!doctype html><link rel="stylesheet" href="/leaflet.css"><link rel="stylesheet" href="/markercluster.css"><div id="map" style="height:700px"></div>
<script src="/leaflet.js"></script><script src="/markercluster.js"></script><script>
const map = L.map('map', { preferCanvas: true, maxZoom: 19 });
fetch('/points.json').then((r) => r.json()).then((points) => {
  const group = L.markerClusterGroup({ chunkedLoading: true });
  group.addLayers(points.map(([lat, lng]) => L.circleMarker([lat, lng], { radius: 5 })));
  map.addLayer(group);
  map.fitBounds(group.getBounds());
});
</script>`,
    ],
  };
  const server = http.createServer((request, response) => {
    const file = files[request.url ?? '/'];
    if (!file) return void response.writeHead(404).end();
    response.writeHead(200, { 'Content-Type': file[0] }).end(file[1]);
  });
  return new Promise<http.Server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

type BuildFigures = { buildMs: number; clusterMs: number; indexBytes: number; typedBytes: number; withClustersBytes: number };

/** The cold build as the server makes it (id ranges in the index worker threads), in a process of its own so its memory is measured alone. */
async function measureBuild({ apiUrl, token, campaignId }: { apiUrl: string; token: string; campaignId: string }): Promise<BuildFigures> {
  const polis = createPolisClient({ token, baseUrl: apiUrl });
  gc!();
  const before = process.memoryUsage();
  const added = (m: NodeJS.MemoryUsage) => m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers;
  let started = performance.now();
  const { index } = await buildIndex(polis, campaignId);
  const buildMs = performance.now() - started;
  gc!();
  const afterIndex = process.memoryUsage();
  started = performance.now();
  const selection = clustererFor(index, {}, 'UTC');
  await selection.clusterer;
  const clusterMs = performance.now() - started;
  gc!();
  const afterClusters = process.memoryUsage();
  return {
    buildMs,
    clusterMs,
    indexBytes: added(afterIndex) / index.size,
    typedBytes: index.byteLength() / index.size,
    withClustersBytes: added(afterClusters) / index.size,
  };
}

if (values['measure-build']) {
  console.log(JSON.stringify(await measureBuild(JSON.parse(values['measure-build']))));
  process.exit(0);
}

const db = (file: string) => openDatabase(file);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results: Record<number, { paint: number }> = {};

for (const size of sizes) {
  const { file, token } = await database(size);
  // A store of its own each run: in the sandbox's file (the default) it would keep the last run's
  // snapshot, and the server's "cold" index would load it instead of walking.
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-map-store-'));
  const server = await startTestServer({ port: TEST_PORTS.bench, database: file, env: { STORE_DATABASE_URL: `file:${path.join(storeDir, 'store.sqlite')}` } });
  try {
    // The cold build's pages pass through a proxy that times each one.
    const proxy = await startCountingProxy(server.url);
    const polis = createPolisClient({ token, baseUrl: server.apiUrl });
    const campaigns = await polis.listCampaigns();
    const totals = await Promise.all(
      campaigns.data.map(async (c) => ({ c, total: (await polis.listInteractions({ filter: eq('/data/campaignId', c.id), limit: 0 })).total })),
    );
    const { c: campaign, total } = totals.sort((a, b) => b.total - a.total)[0]!;
    console.log(`\n=== ${size.toLocaleString('en-US')} interactions; largest campaign "${campaign.data.name}": ${total.toLocaleString('en-US')} ===`);

    // Cold index build in a fresh process, through the same code and HTTP as the server's.
    // Not spawnSync: the proxy the child walks through answers from this process.
    const { stdout } = await execFileAsync(
      process.execPath,
      [...process.execArgv, import.meta.filename, '--measure-build', JSON.stringify({ apiUrl: `${proxy.url}/api/polis`, token, campaignId: campaign.id })],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    const build = JSON.parse(stdout.trim().split('\n').at(-1)!) as BuildFigures;
    const pages = proxy.requests
      .filter(isWalkRequest)
      .sort((a, b) => a.at - b.at)
      .map((r) => r.ms!);
    const tenth = Math.max(1, Math.floor(pages.length / 10));
    const [early, late] = [median(pages.slice(0, tenth)), median(pages.slice(-tenth))];
    await proxy.stop();
    console.log(
      `cold index build (walk over id ranges at once + index): ${ms(build.buildMs)} for ${pages.length} pages of up to 1,000; median page ${ms(median(pages))}; last tenth of the pages against the first tenth: ${ms(late)} / ${ms(early)} (ratio ${(late / early).toFixed(2)})`,
    );
    console.log(`supercluster over the whole campaign: ${ms(build.clusterMs)}`);
    console.log(
      `memory added: index ${build.indexBytes.toFixed(0)} bytes per interaction (typed arrays ${build.typedBytes.toFixed(0)}); with the unfiltered clusters ${build.withClustersBytes.toFixed(0)} bytes per interaction (heap + array buffers after GC)`,
    );

    // The server builds its own index on the first map request: observed from the browser.
    const page = await signIn(browser, server.url);
    const mapUrl = `${server.url}/campaigns/${campaign.id}/map`;
    const started = performance.now();
    // On the shared machine a cold walk of 600,000 interactions has taken over two minutes.
    await firstPaint(page, mapUrl, '.polis-cluster', 900_000);
    console.log(`server cold index, first map request to clusters on screen: ${ms(performance.now() - started)}`);
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) paints.push(await firstPaint(page, mapUrl, '.polis-cluster'));
    results[size] = { paint: median(paints) };
    console.log(`first paint of the map (warm index, median of 5): ${ms(median(paints))}`);

    // The cluster endpoint, 8 clients at once, random views over the campaign.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { bounds } = (await (await fetch(`${server.url}/api/map/${campaign.id}/clusters?bbox=-180,-85,180,85&zoom=3`, { headers: { cookie } })).json()) as {
      bounds: [number, number, number, number];
    };
    // A filter's clusterer is built on its first use: that cold cost is reported apart, then requests are measured warm.
    let t0 = performance.now();
    await (
      await fetch(`${server.url}/api/map/${campaign.id}/clusters?bbox=${bounds.join(',')}&zoom=12&outcome=successful`, { headers: { cookie } })
    ).arrayBuffer();
    console.log(`cluster endpoint, first request with a new filter (builds its clusterer): ${ms(performance.now() - t0)}`);
    t0 = performance.now();
    await (await fetch(`${server.url}/api/map/${campaign.id}/clusters?bbox=${bounds.join(',')}&zoom=12`, { headers: { cookie } })).arrayBuffer();
    console.log(`cluster endpoint, one request for the whole campaign at zoom 12 (warm): ${ms(performance.now() - t0)}`);
    const { latencies } = await clusterLoad({ urls: [server.url], campaignId: campaign.id, cookie, bounds, requests });
    console.log(
      `cluster endpoint, 8 concurrent clients, ${latencies.length} requests over random views, a quarter filtered (warm): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`,
    );

    // The table: time to first rows, sorted by time, on page 1 and on a page deep in the results.
    const deepPage = Math.floor(total / 2 / 100);
    for (const [label, query] of [
      ['page 1', ''],
      [`page ${deepPage.toLocaleString('en-US')}`, `&page=${deepPage}`],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++)
        times.push(
          await firstPaint(
            page,
            `${server.url}/campaigns/${campaign.id}/table?sort=timestamp:desc&size=100${query}`,
            'table[aria-label="Interactions"] tbody tr[aria-rowindex]',
          ),
        );
      console.log(`table, time to first rows sorted by time, ${label} (median of 3): ${ms(median(times))}`);
    }

    // Long tasks during 20 scripted pans and zooms.
    await firstPaint(page, mapUrl, '.polis-cluster');
    await page.evaluate(() => ((window as unknown as { longTasks: number[] }).longTasks = []));
    const box = (await page.getByRole('region', { name: "Map of the campaign's interactions" }).boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + Math.min(box.height, 600) / 2;
    for (let i = 0; i < 20; i++) {
      const settled = page.waitForResponse((r) => r.url().includes('/clusters?'), { timeout: 10_000 }).catch(() => null);
      if (i % 2 === 0) {
        await page.mouse.move(cx, cy);
        await page.mouse.wheel(0, i % 4 === 0 ? -300 : 300);
      } else {
        await page.mouse.move(cx, cy);
        await page.mouse.down();
        await page.mouse.move(cx + 120 * (i % 3 === 0 ? -1 : 1), cy + 60, { steps: 8 });
        await page.mouse.up();
      }
      await settled;
      await page.waitForTimeout(150);
    }
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`long tasks over 50 ms during 20 pans and zooms: ${longTasks.length}${longTasks.length ? ` (longest ${ms(Math.max(...longTasks))})` : ''}`);

    // The baseline at this size: every point of the same campaign into Leaflet.markercluster (at 1,000,000, 600,000 of them).
    const points: [number, number][] = (
      await (
        await db(file)
      )
        .selectFrom('interactions')
        .select(['lat', 'lng'])
        .where('campaign_id', '=', campaign.id)
        .where('is_deleted', '=', 0)
        .where('lat', 'is not', null)
        .execute()
    ).map((r) => [r.lat!, r.lng!]);
    const baseline = await serveBaseline(points, TEST_PORTS.benchBaseline);
    const basePaints: number[] = [];
    const basePage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await watchFirstPaints(basePage);
    for (let i = 0; i < baselineRuns; i++) {
      basePaints.push(await firstPaint(basePage, `http://127.0.0.1:${TEST_PORTS.benchBaseline}/`, '.marker-cluster', 900_000));
      // At 1,000,000 each takes minutes: each is printed as it comes.
      console.log(`  baseline first paint ${i + 1} of ${baselineRuns}: ${ms(basePaints.at(-1)!)}`);
    }
    await basePage.close();
    baseline.close();
    const ratio = median(basePaints) / results[size].paint;
    console.log(
      `baseline first paint, ${points.length.toLocaleString('en-US')} points into Leaflet.markercluster (median of ${baselineRuns}): ${ms(median(basePaints))}; ours is ${ratio.toFixed(1)}x faster`,
    );
    await page.close();
  } finally {
    await server.stop();
    fs.rmSync(storeDir, { recursive: true, force: true });
  }
}

if (sizes.length > 1) {
  const [small, large] = [results[sizes[0]!]!, results[sizes.at(-1)!]!];
  console.log(
    `\nfirst paint at ${sizes.at(-1)!.toLocaleString('en-US')} vs ${sizes[0]!.toLocaleString('en-US')}: ${((large.paint / small.paint - 1) * 100).toFixed(0)}% ${large.paint >= small.paint ? 'slower' : 'faster'}`,
  );
}
await browser.close();

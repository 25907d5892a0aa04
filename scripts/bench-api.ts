/**
 * npm run bench:api -- [--interactions 1000000] [--requests 300]
 * Seeds a fresh sandbox, serves it with the built app, and measures the
 * list endpoint over HTTP: a page of 100 filtered by campaign and sorted by
 * time, with meta.total. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_USERS, seedDatabase } from '@/lib/sandbox/seed/seed';
import { startTestServer } from '@/lib/testing/test-server';
import { outcomeFilter } from '@/lib/filters/outcome';
import { and, eq, lt } from '@/lib/polis/filter';

const { values } = parseArgs({ options: { interactions: { type: 'string', default: '1000000' }, requests: { type: 'string', default: '300' } } });
const interactions = Number(values.interactions);
const requests = Number(values.requests);
const root = path.resolve(import.meta.dirname, '..');

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit' });

// The seeded database is kept under data/bench/ and reused: seeding a million takes minutes.
const dbFile = path.join(root, 'data', 'bench', `interactions-${interactions}.sqlite`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

let seedLine = `Seed: reused ${path.relative(root, dbFile)} (delete it to measure seeding again)`;
if (!fs.existsSync(dbFile)) {
  console.log(`Seeding ${interactions.toLocaleString('en-US')} interactions…`);
  const started = performance.now();
  await seedDatabase(await openDatabase(dbFile), { interactions });
  const seconds = (performance.now() - started) / 1000;
  seedLine = `Seed: ${seconds.toFixed(1)} s for ${interactions.toLocaleString('en-US')} interactions (${Math.round(interactions / seconds).toLocaleString('en-US')}/s)`;
}
const token = (await issueAccessTokenForEmail(await openDatabase(dbFile), DEMO_USERS.organizer))!;
await closeDatabases();
const size = fs.statSync(dbFile).size;

const server = await startTestServer({ port: 3110, database: dbFile });
const get = async (pathAndQuery: string) => {
  const t = performance.now();
  const response = await fetch(`${server.apiUrl}${pathAndQuery}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { data: unknown[]; meta: { total: number } };
  if (!response.ok) throw new Error(JSON.stringify(body));
  return { ms: performance.now() - t, body };
};

const campaigns = (await get('/v1/campaigns')).body.data as { id: string; data: { name: string } }[];
const counts = await Promise.all(
  campaigns.map(async (c) => ({
    c,
    total: (await get(`/v1/interactions?limit=0&filter=${encodeURIComponent(`/data/campaignId eq "${c.id}"`)}`)).body.meta.total,
  })),
);
const { c: campaign, total } = counts.sort((a, b) => b.total - a.total)[0]!;
const filter = encodeURIComponent(`/data/campaignId eq "${campaign.id}"`);
const sort = encodeURIComponent('["data/timestamp","DESC"]');

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: at(50).toFixed(1), p95: at(95).toFixed(1), max: at(100).toFixed(1) };
}

async function measure(label: string, pathFor: (i: number) => string, n: number) {
  for (let i = 0; i < 10; i++) await get(pathFor(i)); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push((await get(pathFor(i))).ms);
  const p = percentiles(samples);
  console.log(`  ${label.padEnd(58)} p50 ${p.p50} ms   p95 ${p.p95} ms   max ${p.max} ms   (${n} requests)`);
}

console.log(`
${seedLine}
Database: ${mb(size)} (${(size / interactions).toFixed(0)} bytes per interaction, indexes included)
Largest campaign: "${campaign.data.name}", ${total.toLocaleString('en-US')} interactions

List endpoint over HTTP, limit=100, filter by campaign, sort by time DESC, with meta.total:`);
await measure('first page (total cached)', () => `/v1/interactions?limit=100&filter=${filter}&sort=${sort}`, requests);
// A filter that differs on every request (and matches every row) defeats the total cache.
const uncached = (i: number) =>
  encodeURIComponent(
    `/data/campaignId eq "${campaign.id}" and /data/timestamp lt "2030-01-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0').slice(-3)}Z"`,
  );
await measure('first page (total counted)', (i) => `/v1/interactions?limit=100&filter=${uncached(i + 1000)}&sort=${sort}`, Math.ceil(requests / 3));
await measure('page 50 (skip 5,000)', () => `/v1/interactions?limit=100&skip=5000&filter=${filter}&sort=${sort}`, Math.ceil(requests / 3));
await measure(
  `deep page (skip ${(Math.floor(total / 2 / 100) * 100).toLocaleString('en-US')})`,
  () => `/v1/interactions?limit=100&skip=${Math.floor(total / 2 / 100) * 100}&filter=${filter}&sort=${sort}`,
  Math.ceil(requests / 10),
);
await measure(
  'first page, + successful and distance ≥ 0.5',
  () =>
    `/v1/interactions?limit=100&filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}" and /data/successful eq true and /data/distance gte 0.5`)}&sort=${sort}`,
  Math.ceil(requests / 3),
);
// The campaigns page's figures: a count by outcome. A clause every campaign id passes (`~` sorts after hex digits)
// keeps each request apart in the totals cache.
for (const outcome of ['successful', 'unavailable'] as const)
  await measure(
    `count of the ${outcome} (limit=0, counted afresh)`,
    (i) =>
      `/v1/interactions?limit=0&filter=${encodeURIComponent(and(eq('/data/campaignId', campaign.id), outcomeFilter(outcome), lt('/data/campaignId', `~${outcome} ${i}`)))}`,
    Math.ceil(requests / 10),
  );
await measure(
  'keyset page of 1000 (/id gt …, sort by id)',
  (i) =>
    `/v1/interactions?limit=1000&filter=${encodeURIComponent(`/data/campaignId eq "${campaign.id}" and /id gt "${(i * 997).toString(16).padStart(8, '0')}"`)}&sort=${encodeURIComponent('["id","ASC"]')}`,
  Math.ceil(requests / 10),
);

await server.stop();

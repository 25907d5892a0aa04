/**
 * npm run bench:review -- [--interactions 1000000] [--baseline <git revision>]
 * Measures the review queue of the largest campaign from a warm point
 * index: the whole queue, an incremental update after a few visits change,
 * and what the Review tab does before its first rows (refresh, statuses,
 * filters, the first page of rows). The index is filled straight from the
 * seeded SQLite file (the API walk that fills it in the app is measured by
 * bench:map); the seed and the filled index are kept under data/bench/.
 * With --baseline, the review code of that revision (`git archive` of its
 * lib/review into data/bench/) computes the same queue in the same process,
 * its runs alternating with ours, and the two queues are compared.
 * Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { INDEX_FORMAT_VERSION, PointIndex } from '@/lib/map-index/point-index';
import { decodeSnapshot, encodeSnapshot, snapshotFormat } from '@/lib/map-index/snapshot';
import { ContactSchema, InteractionSchema, SurveySchema, type Interaction } from '@/lib/polis/schemas';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { toEnvelope } from '@/lib/sandbox/resources';
import { seedDatabase } from '@/lib/sandbox/seed/seed';
import { statusOf } from '@/lib/review/campaign-queue';
import { placeContacts } from '@/lib/review/households';
import { computeQueue, refreshQueue } from '@/lib/review/queue';
import { filterShifts } from '@/lib/review/queue-filters';
import { localClock, localDayLabel } from '@/lib/review/zone';

const { values } = parseArgs({ options: { interactions: { type: 'string', default: '1000000' }, baseline: { type: 'string' } } });
const interactions = Number(values.interactions);
const root = path.resolve(import.meta.dirname, '..');
const dbFile = path.join(root, 'data', 'bench', `review-${interactions}.sqlite`);
const timeZone = 'America/New_York';
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

if (!fs.existsSync(dbFile)) {
  console.log(`Seeding ${interactions.toLocaleString('en-US')} interactions into ${path.relative(root, dbFile)}…`);
  const started = performance.now();
  await seedDatabase(await openDatabase(dbFile), { interactions });
  console.log(`Seed: ${seconds(performance.now() - started)}`);
}
const db = await openDatabase(dbFile);
const campaignRows = await db.selectFrom('campaigns').select(['id']).execute();
const counts = await Promise.all(
  campaignRows.map(async (c) => ({
    id: c.id,
    n: Number(
      (
        await db
          .selectFrom('interactions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('campaign_id', '=', c.id)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  })),
);
const campaign = counts.sort((a, b) => b.n - a.n)[0]!;
const survey = SurveySchema.parse(
  toEnvelope('surveys', await db.selectFrom('surveys').selectAll().where('campaign_id', '=', campaign.id).executeTakeFirstOrThrow()),
);

const started = performance.now();
// The filled index is kept beside the seed as a snapshot (with the sample of visits the update rounds change), so later runs skip the fill.
const snapshotFile = dbFile.replace(/\.sqlite$/, '.index');
let index: PointIndex;
let sample: Interaction[];
let filled = 'restored from its snapshot';
const cached = fs.existsSync(snapshotFile) ? fs.readFileSync(snapshotFile) : undefined;
const cachedFormat = cached ? snapshotFormat(cached.subarray(8)) : undefined;
if (cached && cachedFormat === INDEX_FORMAT_VERSION) {
  const sampleLength = Number(cached.readBigUint64LE(0));
  index = decodeSnapshot(new Uint8Array(cached.buffer, cached.byteOffset + 8, cached.length - 8 - sampleLength));
  sample = JSON.parse(cached.subarray(cached.length - sampleLength).toString('utf8')) as Interaction[];
  await closeDatabases();
} else {
  filled = 'filled from SQLite';
  index = new PointIndex(survey.data.questions);
  sample = [];
  let last = '';
  for (;;) {
    const rows = await db
      .selectFrom('interactions')
      .selectAll()
      .where('campaign_id', '=', campaign.id)
      .where('id', '>', last)
      .orderBy('id')
      .limit(5000)
      .execute();
    for (const row of rows) {
      const interaction = InteractionSchema.parse(toEnvelope('interactions', row));
      index.upsert(interaction);
      if (sample.length < 20 && interaction.meta.createdBy === sample[0]?.meta.createdBy) sample.push(interaction);
      if (sample.length === 0) sample.push(interaction);
    }
    if (rows.length < 5000) break;
    last = rows.at(-1)!.id;
  }
  index.compact();
  const lists = (await db.selectFrom('campaigns').select('data').where('id', '=', campaign.id).executeTakeFirstOrThrow()).data;
  const listIds = (JSON.parse(lists) as { lists: { listId: string }[] }).lists.map((l) => l.listId);
  const contacts = await db.selectFrom('contacts').selectAll().where('list_id', 'in', listIds).execute();
  placeContacts(
    index,
    contacts.map((row) => ContactSchema.parse(toEnvelope('contacts', row))),
  );
  index.households.loaded = true;
  await closeDatabases();
  const sampleBytes = Buffer.from(JSON.stringify(sample));
  const head = Buffer.alloc(8);
  head.writeBigUint64LE(BigInt(sampleBytes.length));
  fs.writeFileSync(snapshotFile, Buffer.concat([head, encodeSnapshot(index), sampleBytes]));
}
console.log(
  `Index: ${index.size.toLocaleString('en-US')} interactions of the largest campaign, ${index.households.size.toLocaleString('en-US')} households, ${filled} in ${seconds(performance.now() - started)}`,
);
console.log(
  `Index bytes: ${(index.byteLength() / index.size).toFixed(1)} per interaction (+ ${(index.households.byteLength() / 1024 / 1024).toFixed(1)} MB of households)`,
);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
/** Wall and CPU time of `run` (CPU is this process's user + system: less sensitive to other work on the machine). */
function timed<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}
const figures = (runs: { wall: number; cpu: number }[]) =>
  `${runs.map((r) => seconds(r.wall)).join(', ')} (median ${seconds(median(runs.map((r) => r.wall)))}; CPU median ${seconds(median(runs.map((r) => r.cpu)))})`;
type AnyQueue = { shiftCount: number; queued: { key: string; score: number; reasons: { rule: string; sentence: string }[] }[] };

// The previous approach, from its own revision of lib/review, on an index of its own (it clears the index's change marks).
let baseline: ((index: PointIndex) => AnyQueue) | undefined;
let baselineIndex: PointIndex | undefined;
if (values.baseline) {
  const revision = execFileSync('git', ['rev-parse', '--short', values.baseline], { cwd: root, encoding: 'utf8' }).trim();
  const dir = path.join(root, 'data', 'bench', `baseline-${revision}`);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${revision} lib/review | tar -x -C ${JSON.stringify(dir)}`], { cwd: root });
  }
  const previousQueue = (await import(path.join(dir, 'lib', 'review', 'queue.ts'))) as {
    computeQueue: (index: PointIndex, options: { timeZone: string }) => AnyQueue;
  };
  baseline = (target) => previousQueue.computeQueue(target, { timeZone });
  baselineIndex = PointIndex.fromState(index.exportState());
  console.log(`Baseline: lib/review of ${revision}`);
}

// Whole queue: a first run to compile, then three measured; with a baseline, its runs alternate with ours.
computeQueue(index, { timeZone });
if (baseline) baseline(baselineIndex!);
const ours: { wall: number; cpu: number }[] = [];
const theirs: { wall: number; cpu: number }[] = [];
let queue = computeQueue(index, { timeZone });
let previous: AnyQueue | undefined;
for (let i = 0; i < 3; i++) {
  global.gc?.();
  const run = timed(() => computeQueue(index, { timeZone }));
  queue = run.value;
  ours.push(run);
  if (baseline) {
    global.gc?.();
    const before = timed(() => baseline(baselineIndex!));
    previous = before.value;
    theirs.push(before);
  }
}
console.log(
  `Whole queue: ${figures(ours)}; ${queue.shiftCount.toLocaleString('en-US')} shifts, ${queue.queued.length} flagged, ${queue.reviewedLast.toLocaleString('en-US')} reviewed`,
);
if (previous) {
  console.log(`Whole queue, baseline: ${figures(theirs)}; ${previous.shiftCount.toLocaleString('en-US')} shifts, ${previous.queued.length} flagged`);
  console.log(
    `Ratio (baseline / ours, medians): wall ${(median(theirs.map((r) => r.wall)) / median(ours.map((r) => r.wall))).toFixed(1)}×, CPU ${(median(theirs.map((r) => r.cpu)) / median(ours.map((r) => r.cpu))).toFixed(1)}×`,
  );
  const said = (q: AnyQueue) => JSON.stringify(q.queued.map((shift) => [shift.key, shift.score, shift.reasons.map((r) => `${r.rule}: ${r.sentence}`)]));
  console.log(`Same queue as the baseline (keys, scores, reasons): ${said(previous) === said(queue) ? 'yes' : 'NO'}`);
}

// An incremental update: a canvasser's 20 visits are corrected (moved 2 km off, and back), and the refresh reviews the shifts holding them.
const updates: { wall: number; cpu: number; reviewed: number }[] = [];
for (let round = 0; round < 5; round++) {
  const changed = sample.map((interaction) => ({
    ...interaction,
    data: {
      ...interaction.data,
      location: { ...interaction.data.location, lat: (interaction.data.location?.lat ?? 0) + (round % 2 ? 0 : 0.02), lng: interaction.data.location?.lng ?? 0 },
    },
  }));
  const run = timed(() => {
    for (const interaction of changed) index.upsert(interaction);
    return refreshQueue(queue, index);
  });
  updates.push({ wall: run.wall, cpu: run.cpu, reviewed: queue.reviewedLast });
}
console.log(
  `Incremental update (20 visits of one canvasser): ${updates.map((u) => `${u.wall.toFixed(0)} ms`).join(', ')} (CPU median ${median(updates.map((u) => u.cpu)).toFixed(0)} ms; ${updates[0]!.reviewed} of that canvasser's ${(queue.byCanvasser.get(index.canvassers.find(sample[0]!.meta.createdBy)!)!.starts.length - 1).toLocaleString('en-US')} shifts reviewed)`,
);

// What the Review tab does before its first rows render (the store read aside): from a warm queue, and from a warm index whose queue is still to compute.
const firstRows = (warm: boolean) => {
  const target = warm ? queue : computeQueue(index, { timeZone });
  refreshQueue(target, index);
  const shifts = target.queued.map((shift) => {
    const ids = shift.rows.map((row) => index.idAt(row));
    return { ...shift, ids, ...statusOf(ids, new Map()) };
  });
  const shown = filterShifts(shifts, {}, timeZone)
    .slice(0, 100)
    .map((shift) => [localDayLabel(timeZone, shift.start), localClock(timeZone, shift.start), shift.reasons.map((r) => r.sentence).join('; ')]);
  if (shown.length === 0 && target.queued.length > 0) throw new Error('no rows');
};
const warmRuns = Array.from({ length: 5 }, () => timed(() => firstRows(true)).wall);
console.log(`Review tab, first rows from a warm queue: ${warmRuns.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
const coldRuns = Array.from({ length: 3 }, () => timed(() => firstRows(false)).wall);
console.log(`Review tab, first rows from a warm index (the queue computed first): ${coldRuns.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);

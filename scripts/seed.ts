/**
 * npm run seed -- [--interactions N] [--seed S] [--anchor YYYY-MM-DD] [--reset]
 * Fills the sandbox database with the demo data set: canvassing in the
 * eight weeks up to the day before the anchor (today by default).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { z } from 'zod';
import { closeDatabases, describeDatabase, openDatabase } from '@/lib/sandbox/db';
import { DEFAULT_INTERACTIONS, DEFAULT_SEED, isSeeded, resetDatabase, seedDatabase } from '@/lib/sandbox/seed/seed';

const { values } = parseArgs({
  options: {
    interactions: { type: 'string', default: String(DEFAULT_INTERACTIONS) },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    anchor: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
const interactions = Number(values.interactions);
if (!Number.isInteger(interactions) || interactions < 0) {
  console.error(`--interactions: "${values.interactions}" is not a whole number`);
  process.exit(2);
}

if (values.anchor !== undefined && !z.iso.date().safeParse(values.anchor).success) {
  console.error(`--anchor: "${values.anchor}" is not a YYYY-MM-DD day`);
  process.exit(2);
}

const db = await openDatabase();
if (await isSeeded(db)) {
  if (!values.reset) {
    console.error(`${describeDatabase()} already holds data; pass --reset to replace it`);
    process.exit(1);
  }
  await resetDatabase(db);
  // The same seed gives the same ids again: the dashboard's correction history of the old data must go too.
  await sql`delete from correction_log`.execute(db).catch(() => undefined);
}
const started = performance.now();
let lastReport = 0;
const summary = await seedDatabase(db, {
  interactions,
  seed: Number(values.seed),
  anchor: values.anchor,
  onProgress(done, total) {
    if (performance.now() - lastReport > 2000 || done === total) {
      lastReport = performance.now();
      process.stderr.write(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} interactions\n`);
    }
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(`Seeded ${summary.interactions} interactions and ${summary.contacts} contacts in ${seconds.toFixed(1)} s into ${describeDatabase()}`);
await closeDatabases();

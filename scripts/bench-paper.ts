/**
 * npm run bench:paper -- [--rows 10000] [--grid 25]
 * Times the paper import against a seeded sandbox answering in this process
 * behind the real Polis client (no HTTP hop): loading the campaign for the
 * preview plus checking a file of `rows` visits, then sending it in batches
 * of 100, four in flight, as the import page does; then sending the same
 * file again (everything already imported); then a grid's rows saved one by
 * one. Prints figures and asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, grid: { type: 'string', default: '25' } } });
const ROWS = Number(values.rows);
const GRID = Number(values.grid);
process.env.DATABASE_URL = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-paper-')), 'dashboard.sqlite')}`;

const { inProcessPolis } = await import('@/lib/testing/in-process-polis');
const { DEMO_USERS } = await import('@/lib/sandbox/seed/seed');
const { importContextFor, sendRows } = await import('@/lib/paper/import-service');
const { previewImport } = await import('@/lib/paper/import-csv');
type ImportRow = Awaited<ReturnType<typeof previewImport>>['rows'][number];

const ms = (n: number) => `${Math.round(n)} ms`;
const polis = await inProcessPolis(2000);
const auth = await polis.signIn(DEMO_USERS.organizer);
const campaignId = (await auth.polis.listCampaigns({ limit: 1 })).data[0]!.id;

let started = performance.now();
const loaded = await importContextFor(auth, { campaignId });
const context = loaded.context!;
const contextMs = performance.now() - started;

// One visit a minute per contact, days back from yesterday: every row distinct, none in the future.
const required = context.questions.filter((q) => q.required);
const answer = (q: (typeof required)[number]) => (q.type === 'multi-select' ? 'a' : q.options.length ? '1' : 'yes');
const header = ['Contact id', 'Time', 'Outcome', 'Reason', 'Canvasser', ...required.map((q) => JSON.stringify(q.text))].join(',');
const lines: string[] = [];
for (let i = 0; i < ROWS; i += 1) {
  const contact = context.contacts[i % context.contacts.length]!;
  const minute = Math.floor(i / context.contacts.length);
  const day = new Date(Date.now() - (2 + Math.floor(minute / 600)) * 86_400_000).toISOString().slice(0, 10);
  const time = `${String(8 + Math.floor((minute % 600) / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  lines.push(
    [
      contact.id,
      `${day} ${time}`,
      i % 4 === 0 ? 'N' : 'H',
      i % 4 === 0 ? 'NH' : '',
      context.canvassers[i % context.canvassers.length]!.name,
      ...required.map(answer),
    ].join(','),
  );
}
const text = [header, ...lines].join('\n');

started = performance.now();
const preview = await previewImport(text, context);
const checkMs = performance.now() - started;
const good = preview.rows.filter((r) => r.values);

async function send(rows: ImportRow[]) {
  const counts = { created: 0, present: 0, refused: 0 };
  const batches: ImportRow[][] = [];
  for (let i = 0; i < rows.length; i += 100) batches.push(rows.slice(i, i + 100));
  let next = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        const sent = await sendRows(auth, { campaignId, surveyId: context.surveyId, rows: batch.map((r) => ({ line: r.line, values: r.values! })) });
        for (const o of sent.outcomes ?? []) counts[o.result] += 1;
      }
    }),
  );
  return { ms: performance.now() - begin, counts };
}

const first = await send(good);
const second = await send(good);

// The grid saves a row as it is left: one row per call.
const gridRows = (await previewImport([header, ...lines.slice(0, GRID).map((l) => l.replace(/ \d\d:\d\d,/, ' 07:59,'))].join('\n'), context)).rows;
const latencies: number[] = [];
for (const row of gridRows) {
  const begin = performance.now();
  await sendRows(auth, { campaignId, surveyId: context.surveyId, rows: [{ line: row.line, values: row.values! }] });
  latencies.push(performance.now() - begin);
}
latencies.sort((a, b) => a - b);

console.log(`contacts in the campaign: ${context.contacts.length}; rows: ${ROWS}, ${good.length} without problems`);
console.log(`preview: load the campaign ${ms(contextMs)} + check the file ${ms(checkMs)} = ${ms(contextMs + checkMs)}`);
console.log(
  `send: ${ms(first.ms)} (${(good.length / (first.ms / 1000)).toFixed(0)} rows/s) created ${first.counts.created}, present ${first.counts.present}, refused ${first.counts.refused}`,
);
console.log(`same file again: ${ms(second.ms)} created ${second.counts.created}, present ${second.counts.present}, refused ${second.counts.refused}`);
console.log(`grid save, ${GRID} rows one by one: median ${ms(latencies[Math.floor(latencies.length / 2)]!)}, max ${ms(latencies.at(-1)!)}`);

// The figures are out: end here rather than wait on whatever the in-process sandbox and index still hold open.
process.exit(0);

/**
 * npm run simulate -- --campaign <id or name> --canvassers N [--speed X] [--fabrication P] [--seed S] [--url U]
 *
 * Canvassers out in the field, against the sandbox: each seeded canvasser
 * (canvasser1@…, canvasser2@…) signs in with a token of their own and records
 * visits along walklists through the Polis REST API, in real time or X times
 * faster, now and then faking a stretch, until Ctrl-C. Run it beside
 * `npm start` and open the campaign's Today tab.
 */
import { parseArgs } from 'node:util';
import { Faker, base, en } from '@faker-js/faker';
import { createPolisClient, type PolisClient } from '@/lib/polis/client';
import { canvasserTeams, lastVisitOf, signInCanvasser } from '@/lib/sandbox/canvasser-sign-in';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { settings } from '@/lib/settings';
import { fieldClock, replayLead } from '@/lib/simulator/clock';
import { DEFAULT_FABRICATION_RATE, describeEvent, loadFieldPlan, runFieldDay, type FieldCanvasser, type FieldPlan } from '@/lib/simulator/field-day';
import { formatLocal } from '@/lib/time/format';
import { zoneOfPoints } from '@/lib/time/zone-of-points';

const USAGE =
  'usage: npm run simulate -- --campaign <id or name> --canvassers N [--speed X] [--fabrication P] [--seed S] [--url http://127.0.0.1:3000/api/polis]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    campaign: { type: 'string' },
    canvassers: { type: 'string', default: '5' },
    speed: { type: 'string', default: '1' },
    fabrication: { type: 'string', default: String(DEFAULT_FABRICATION_RATE) },
    seed: { type: 'string' },
    url: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.campaign) fail(`--campaign: which campaign? (its id or its name)\n${USAGE}`);
const count = Number(values.canvassers);
if (!Number.isInteger(count) || count < 1) fail(`--canvassers: a whole number of at least 1, not "${values.canvassers}"`);
const speed = Number(values.speed);
if (!Number.isFinite(speed) || speed < 1 || speed > 1000) fail(`--speed: a number from 1 (real time) to 1000, not "${values.speed}"`);
const fabrication = Number(values.fabrication);
if (!Number.isFinite(fabrication) || fabrication < 0 || fabrication > 1) fail(`--fabrication: a chance per door between 0 and 1, not "${values.fabrication}"`);
const baseUrl = values.url ?? settings.polisApiUrl;

const db = await openDatabase();
const teams = await canvasserTeams(db);
if (teams.length === 0) fail('The sandbox has no canvasser: run `npm run seed` (or `npm start`) first.');

// The campaign's organization: the first whose canvassers can see it.
let found: { plan: FieldPlan; team: (typeof teams)[number] } | undefined;
const misses: string[] = [];
for (const team of teams) {
  const polis = createPolisClient({ token: await signInCanvasser(db, team.canvassers[0]!, team.organizationId), baseUrl });
  try {
    found = { plan: await loadFieldPlan(polis, values.campaign), team };
    break;
  } catch (error) {
    misses.push(`${team.organizationName}: ${(error as Error).message}`);
  }
}
if (!found) fail(`No organization's canvassers can walk "${values.campaign}" at ${baseUrl}:\n  ${misses.join('\n  ')}\nIs the dashboard running (npm start)?`);
const { plan, team } = found;
if (team.canvassers.length < count) fail(`--canvassers: ${team.organizationName} has ${team.canvassers.length} canvassers, not ${count}`);

const clientFor = (token: string): PolisClient => createPolisClient({ token, baseUrl });
const canvassers: FieldCanvasser[] = [];
for (const person of team.canvassers.slice(0, count)) {
  const polis = clientFor(await signInCanvasser(db, person, team.organizationId));
  const me = await polis.getMe(); // the app's first call after sign-in
  canvassers.push({
    id: me.id,
    name: person.name,
    email: person.email,
    polis,
    renew: async () => clientFor(await signInCanvasser(db, person, team.organizationId)),
  });
}

const zone = zoneOfPoints(plan.walklists.flatMap((w) => w.households.map((h) => [h.lat, h.lng] as const))) ?? 'UTC';
// A replay starts after the last visit these canvassers already recorded (an earlier run's): nobody walks the same hour twice.
const lastVisit = await lastVisitOf(
  db,
  team.canvassers.slice(0, count).map((c) => c.userId),
);
const leadMs = Math.max(0, Math.min(replayLead(speed, zone), lastVisit === null ? Infinity : Date.now() - lastVisit - 60_000));
const clock = fieldClock({ speed, leadMs });
const faker = new Faker({ locale: [en, base] });
if (values.seed !== undefined) faker.seed(Number(values.seed) || 0);

const doors = plan.walklists.reduce((sum, w) => sum + w.households.length, 0);
console.log(`${plan.campaign.data.name} (${team.organizationName}): ${plan.walklists.length} walklists, ${doors} doors; times on ${zone}`);
console.log(`Signed in: ${canvassers.map((c) => `${c.name} <${c.email}>`).join(', ')}`);
if (speed > 1) {
  console.log(
    leadMs > 0
      ? `${speed}× faster: replaying the day from ${formatLocal(Date.now() - leadMs, zone, 'time')} until it catches up with the clock in ${Math.round(leadMs / (speed - 1) / 60_000)} minutes, then in real time.`
      : `${speed}× faster needs a stretch of today to replay, and there is none (before 9 in the morning on the campaign's clock, or these canvassers recorded visits up to now already): running in real time.`,
  );
}
console.log('Recording visits through the API; Ctrl-C stops.\n');

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());
const started = Date.now();
const summary = await runFieldDay({
  plan,
  canvassers,
  clock,
  faker,
  signal: controller.signal,
  fabricationRate: fabrication,
  onEvent: (event) => console.log(describeEvent(event, (time) => formatLocal(time, zone, 'time'))),
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\nStopped after ${minutes} minutes: ${summary.visits} visits by ${summary.byCanvasser.size} canvassers (${summary.fabricated} faked), ${summary.errors} not recorded.`,
);
await closeDatabases();

/**
 * npm run bench:today -- [--visits 40] [--canvassers 5] [--speed 30] [--url http://localhost:3000]
 *
 * How long a visit takes from the Polis API accepting it to showing in an
 * open Today view. Against a running dashboard (`npm start`): a headless
 * Chromium signs in as the demo organizer and opens the largest campaign's
 * Today tab, the field simulator sends canvassers out, and each visit's
 * delay is the time between its create answering 201 and its row appearing
 * in the feed. Prints the figures; asserts nothing.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Faker, base, en } from '@faker-js/faker';
import { chromium } from '@playwright/test';
import { createPolisClient } from '@/lib/polis/client';
import { canvasserTeams, lastVisitOf, signInCanvasser } from '@/lib/sandbox/canvasser-sign-in';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/sandbox/seed/seed';
import { settings } from '@/lib/settings';
import { fieldClock, replayLead } from '@/lib/simulator/clock';
import { loadFieldPlan, runFieldDay, type FieldCanvasser } from '@/lib/simulator/field-day';
import { zoneOfPoints } from '@/lib/time/zone-of-points';

const { values } = parseArgs({
  options: {
    visits: { type: 'string', default: '40' },
    canvassers: { type: 'string', default: '5' },
    speed: { type: 'string', default: '30' },
    url: { type: 'string', default: settings.appUrl },
  },
});
const visits = Number(values.visits);
const appUrl = values.url.replace(/\/+$/, '');
const apiUrl = `${appUrl}/api/polis`;

const db = await openDatabase();
const team = (await canvasserTeams(db)).find((t) => t.canvassers.some((c) => c.email.endsWith('@commonwealth.example')))!;
const office = createPolisClient({ token: await signInCanvasser(db, team.canvassers[0]!, team.organizationId), baseUrl: apiUrl });
const campaigns = (await office.listCampaigns()).data;
// The demo's largest campaign is listed first by the seed.
const plan = await loadFieldPlan(office, campaigns[0]!.id);
const canvassers: FieldCanvasser[] = [];
for (const person of team.canvassers.slice(0, Number(values.canvassers))) {
  const polis = createPolisClient({ token: await signInCanvasser(db, person, team.organizationId), baseUrl: apiUrl });
  canvassers.push({ id: (await polis.getMe()).id, name: person.name, email: person.email, polis });
}

const browser = await chromium.launch({
  executablePath: fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await page.goto(`${appUrl}/`);
await page.getByRole('button', { name: 'Sign in with Polis' }).click();
await page.getByLabel('Email').fill(DEMO_USERS.organizer);
await page.getByLabel('Password').fill(DEMO_PASSWORD);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('radio', { name: /Commonwealth Field Partners/ }).check();
await page.getByRole('button', { name: 'Continue' }).click();
await page.getByLabel('Signed in as').waitFor();

const shownAt = new Map<string, number>();
await page.exposeBinding('todayRowShown', (_source, id: string) => {
  if (!shownAt.has(id)) shownAt.set(id, Date.now());
});
await page.goto(`${appUrl}/campaigns/${plan.campaign.id}/today`);
await page.getByRole('list', { name: 'Latest visits' }).waitFor();
// A string, not a function: the script's compiler would add helpers the page does not have.
await page.evaluate(`(() => {
  const report = () => {
    for (const link of document.querySelectorAll('ol[aria-label="Latest visits"] a[href*="/interactions/"]')) window.todayRowShown(link.href.split('/interactions/')[1]);
  };
  report();
  new MutationObserver(report).observe(document.body, { childList: true, subtree: true });
})()`);

const acceptedAt = new Map<string, number>();
const speed = Number(values.speed);
const zone = zoneOfPoints(plan.walklists.flatMap((w) => w.households.map((h) => [h.lat, h.lng] as const))) ?? 'UTC';
const controller = new AbortController();
const faker = new Faker({ locale: [en, base] });
faker.seed(1);
console.log(`${plan.campaign.data.name}: ${canvassers.length} canvassers at ${speed}× until ${visits} visits were sent…`);
await runFieldDay({
  plan,
  canvassers,
  clock: fieldClock({
    speed,
    leadMs: Math.max(
      0,
      Math.min(
        replayLead(speed, zone),
        Date.now() -
          ((await lastVisitOf(
            db,
            canvassers.map((c) => c.id),
          )) ?? 0) -
          60_000,
      ),
    ),
  }),
  faker,
  signal: controller.signal,
  fabricationRate: 0,
  maxVisits: visits,
  onEvent: (event) => {
    if (event.kind === 'visit') acceptedAt.set(event.interactionId, Date.now());
  },
});
// The last ones: the view polls every 5 seconds.
const deadline = Date.now() + 30_000;
while (Date.now() < deadline && [...acceptedAt.keys()].some((id) => !shownAt.has(id))) await new Promise((resolve) => setTimeout(resolve, 250));

const delays = [...acceptedAt].flatMap(([id, at]) => (shownAt.has(id) ? [shownAt.get(id)! - at] : [])).sort((a, b) => a - b);
const missing = acceptedAt.size - delays.length;
const pick = (q: number) => delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `API create → shown in Today, ${delays.length} visits: min ${s(delays[0]!)}, median ${s(pick(0.5))}, p95 ${s(pick(0.95))}, max ${s(delays.at(-1)!)}${missing ? `; ${missing} not shown within 30 s` : ''}`,
);
await browser.close();
await closeDatabases();

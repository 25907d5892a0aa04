import { Faker, base, en } from '@faker-js/faker';
import { expect, it } from 'vitest';
import { PointIndex } from '@/lib/map-index/point-index';
import { createPolisClient } from '@/lib/polis/client';
import { eq } from '@/lib/polis/filter';
import { placeContacts } from '@/lib/review/households';
import { computeQueue } from '@/lib/review/queue';
import { canvasserTeams, signInCanvasser } from '@/lib/sandbox/canvasser-sign-in';
import { instantClock } from '@/lib/simulator/clock';
import { loadFieldPlan, runFieldDay, type FieldEvent } from '@/lib/simulator/field-day';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { warningsOf } from './warnings';

type Visit = Extract<FieldEvent, { kind: 'visit' }>;

it('marks the visits of a faked stretch with the rule that caught them, and none of the honest doors before it', async () => {
  // The seeded canvassing ends days ago; this shift is a recent morning (the clock rule compares with when Polis got it).
  const day = 86400_000;
  const polis = await inProcessPolis(300, { anchor: new Date(Date.now() - 5 * day).toISOString().slice(0, 10) });
  const morning = Date.parse(`${new Date().toISOString().slice(0, 10)}T15:00:00Z`);
  const start = morning + 3 * 3600_000 < Date.now() ? morning : morning - day;
  const team = (await canvasserTeams(polis.db)).find((t) => t.canvassers[0]!.email.endsWith('@commonwealth.example'))!;
  const client = createPolisClient({
    token: await signInCanvasser(polis.db, team.canvassers[0]!, team.organizationId),
    baseUrl: polis.baseUrl,
    fetch: polis.fetch,
  });
  const canvasser = { id: (await client.getMe()).id, name: team.canvassers[0]!.name, email: team.canvassers[0]!.email, polis: client };
  const organizer = await polis.signIn('organizer@commonwealth.example');
  const campaign = (await organizer.polis.listCampaigns()).data[0]!;
  const plan = await loadFieldPlan(client, campaign.id);
  const faker = new Faker({ locale: [en, base] });
  faker.seed(21);

  // An honest morning, then, within the same shift, porch to porch in seconds.
  const events: FieldEvent[] = [];
  const clock = instantClock(start);
  await runFieldDay({ plan, canvassers: [canvasser], clock, faker, fabricationRate: 0, maxVisits: 25, onEvent: (e) => events.push(e) });
  await runFieldDay({
    plan,
    canvassers: [canvasser],
    clock,
    faker,
    fabricationRate: 1,
    fabricationKinds: ['sprint'],
    maxVisits: 12,
    onEvent: (e) => events.push(e),
  });
  const visits = events.filter((e): e is Visit => e.kind === 'visit');
  const honest = visits.filter((v) => !v.fabricated);
  const faked = visits.filter((v) => v.fabricated);
  expect(faked).toHaveLength(12);

  // The dashboard's view of it: the campaign's point index and its review queue.
  const index = new PointIndex(plan.survey.data.questions);
  for (let skip = 0; ; skip += 1000) {
    const { data } = await organizer.polis.listInteractions({ filter: eq('/data/campaignId', campaign.id), skip, limit: 1000 });
    for (const interaction of data) index.upsert(interaction);
    if (data.length < 1000) break;
  }
  placeContacts(index, plan.walklists.flatMap((w) => w.households).length ? (await organizer.polis.listContacts({ limit: 1000 })).data : []);
  const queue = computeQueue(index, { timeZone: 'America/New_York' });
  const shifts = queue.queued.map((shift) => ({ ...shift, status: 'open' }));
  const rowOf = (v: Visit) => index.find(v.interactionId);
  const today = new Set(visits.map(rowOf));

  const marks = warningsOf({ index, queue, shifts }, today);
  const markedFakes = faked.filter((v) => marks.has(rowOf(v)));
  expect(markedFakes.length).toBeGreaterThanOrEqual(10);
  expect(marks.get(rowOf(markedFakes[0]!))!.join(' ')).toMatch(/under 30 s apart/);
  expect(honest.filter((v) => marks.has(rowOf(v)))).toEqual([]);

  // A shift the organizer already resolved marks nothing.
  expect(warningsOf({ index, queue, shifts: shifts.map((s) => ({ ...s, status: 'fine' })) }, today).size).toBe(0);
});

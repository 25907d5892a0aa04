import { Faker, base, en } from '@faker-js/faker';
import { beforeAll, describe, expect, it } from 'vitest';
import { outcomeOf } from '@/lib/filters/outcome';
import { createPolisClient } from '@/lib/polis/client';
import { isIn } from '@/lib/polis/filter';
import type { Interaction, Question } from '@/lib/polis/schemas';
import { METRES_PER_MILE, metresBetween } from '@/lib/review/geo';
import { canvasserTeams, lastVisitOf, signInCanvasser } from '@/lib/sandbox/canvasser-sign-in';
import { inProcessPolis } from '@/lib/testing/in-process-polis';
import { instantClock } from './clock';
import { loadFieldPlan, runFieldDay, type FieldCanvasser, type FieldEvent, type FieldPlan } from './field-day';

type Polis = Awaited<ReturnType<typeof inProcessPolis>>;
type Visit = Extract<FieldEvent, { kind: 'visit' }>;

let polis: Polis;
let canvassers: FieldCanvasser[];
let plan: FieldPlan;
let campaignName: string;

const seeded = (seed: number) => {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  return faker;
};

beforeAll(async () => {
  polis = await inProcessPolis(300);
  const organizer = await polis.signIn('organizer@commonwealth.example');
  campaignName = (await organizer.polis.listCampaigns()).data[0]!.data.name;
  const team = (await canvasserTeams(polis.db)).find((t) => t.canvassers[0]!.email.endsWith('@commonwealth.example'))!;
  canvassers = await Promise.all(
    team.canvassers.slice(0, 3).map(async (person) => {
      const client = createPolisClient({ token: await signInCanvasser(polis.db, person, team.organizationId), baseUrl: polis.baseUrl, fetch: polis.fetch });
      return { id: (await client.getMe()).id, name: person.name, email: person.email, polis: client };
    }),
  );
  // Read with a canvasser's own token, as the app reads its work.
  plan = await loadFieldPlan(canvassers[0]!.polis, campaignName);
});

/** The run's interactions as an organizer reads them back from Polis. */
async function readBack(visits: Visit[]): Promise<Map<string, Interaction>> {
  const organizer = await polis.signIn('organizer@commonwealth.example');
  const found = new Map<string, Interaction>();
  for (let i = 0; i < visits.length; i += 100) {
    const { data } = await organizer.polis.listInteractions({
      filter: isIn(
        '/id',
        visits.slice(i, i + 100).map((v) => v.interactionId),
      ),
      limit: 100,
    });
    for (const interaction of data) found.set(interaction.id, interaction);
  }
  return found;
}

function expectValidAnswers(questions: Question[], interaction: Interaction) {
  for (const [questionId, response] of Object.entries(interaction.data.survey.responses)) {
    const question = questions.find((q) => q.questionId === questionId)!;
    expect(question, `question ${questionId}`).toBeDefined();
    for (const [tag, value] of Object.entries(response.fields)) {
      expect(tag).toBe(question.tag);
      if (question.type === 'multi-select') expect((question.choices ?? []).map((c) => c.tag)).toEqual(expect.arrayContaining(value as string[]));
      else if (question.type === 'text') expect(typeof value).toBe('string');
      else expect(question.options.map((o) => o.value)).toContain(value);
    }
  }
}

describe('the field simulator', () => {
  it('loads the campaign by name with a canvasser token, into walklists of its lists', () => {
    expect(plan.campaign.data.name).toBe(campaignName);
    expect(plan.walklists.length).toBeGreaterThan(0);
    const lists = new Set(plan.campaign.data.lists.map((l) => l.listId));
    for (const walklist of plan.walklists) {
      expect(lists.has(walklist.listId)).toBe(true);
      expect(walklist.households.every((h) => h.listId === walklist.listId)).toBe(true);
    }
  });

  it('records valid, believable visits through the API, each credited to the canvasser who made it', async () => {
    const events: FieldEvent[] = [];
    const start = Date.parse('2031-05-12T14:00:00Z');
    const summary = await runFieldDay({
      plan,
      canvassers,
      clock: instantClock(start),
      faker: seeded(7),
      fabricationRate: 0,
      maxVisits: 90,
      onEvent: (e) => events.push(e),
    });
    const visits = events.filter((e): e is Visit => e.kind === 'visit');
    expect(summary.visits).toBe(90);
    expect(summary.errors).toBe(0);
    expect(visits).toHaveLength(90);
    expect(new Set(visits.map((v) => v.canvasser.id)).size).toBe(3);

    const stored = await readBack(visits);
    expect(stored.size).toBe(90);
    const questions = plan.survey.data.questions;
    const walklists = new Map(plan.walklists.map((w) => [w.id, w]));
    const outcomes = { successful: 0, contacted: 0, unavailable: 0 };
    for (const visit of visits) {
      const interaction = stored.get(visit.interactionId)!;
      // Credited to whoever recorded it, in their organization's campaign.
      expect(interaction.meta.createdBy).toBe(visit.canvasser.id);
      expect(interaction.data.campaignId).toBe(plan.campaign.id);
      expect(interaction.data.contactId).toBe(visit.household.contactId);
      expect(interaction.data.survey.surveyId).toBe(plan.survey.id);
      expect(walklists.get(interaction.data.walklistId!)!.households.some((h) => h.contactId === visit.household.contactId)).toBe(true);
      expectValidAnswers(questions, interaction);
      const outcome = outcomeOf(interaction.data);
      outcomes[outcome]++;
      expect(Boolean(interaction.data.unavailableReason)).toBe(outcome === 'unavailable');
      // Standing at the door, with a GPS fix as phones give, and the distance Polis is told matches it.
      const { lat, lng, confidence } = interaction.data.location!;
      const metres = metresBetween({ lat: lat!, lng: lng! }, visit.household);
      expect(confidence).toBeGreaterThanOrEqual(4);
      expect(confidence).toBeLessThanOrEqual(80);
      expect(metres).toBeLessThanOrEqual(25 + confidence! * 1.5 + 1);
      expect(interaction.data.distance).toBeCloseTo(metres / METRES_PER_MILE, 3);
    }
    // A mix of outcomes, as doors go.
    expect(Object.values(outcomes).every((n) => n > 0)).toBe(true);
    // What the phones remember: a later run replays from after the last of these visits.
    expect(
      await lastVisitOf(
        polis.db,
        canvassers.map((c) => c.id),
      ),
    ).toBe(Math.max(...visits.map((v) => v.time)));

    // At walking pace: never two households under 30 seconds apart, and never faster than a brisk walk between them.
    for (const canvasser of canvassers) {
      const own = visits.filter((v) => v.canvasser.id === canvasser.id).map((v) => stored.get(v.interactionId)!);
      for (let i = 1; i < own.length; i++) {
        const seconds = (Date.parse(own[i]!.data.timestamp) - Date.parse(own[i - 1]!.data.timestamp)) / 1000;
        const metres = metresBetween(own[i - 1]!.data.location as { lat: number; lng: number }, own[i]!.data.location as { lat: number; lng: number });
        expect(seconds).toBeGreaterThanOrEqual(30);
        if (metres < 1000) expect(metres / seconds).toBeLessThan(2.5);
      }
    }
  });

  it('fakes a stretch now and then: porch to porch in seconds, or a dozen doors from one spot', async () => {
    /** The first faked stretch of a run that fakes only this way: the visits up to the next stretch. */
    const firstStretch = async (kind: 'sprint' | 'one-spot', day: string) => {
      const events: FieldEvent[] = [];
      await runFieldDay({
        plan,
        canvassers: canvassers.slice(0, 1),
        clock: instantClock(Date.parse(day)),
        faker: seeded(11),
        fabricationRate: 1,
        fabricationKinds: [kind],
        maxVisits: 16,
        onEvent: (e) => events.push(e),
      });
      const starts = events.flatMap((e, i) => (e.kind === 'fabricating' ? [i] : []));
      const stretch = events.slice(starts[0], starts[1]).filter((e): e is Visit => e.kind === 'visit');
      expect(stretch.length).toBeGreaterThanOrEqual(10);
      expect(stretch.every((v) => v.fabricated === kind)).toBe(true);
      expect((await readBack(stretch)).size).toBe(stretch.length);
      return stretch;
    };
    const sprint = await firstStretch('sprint', '2031-05-13T14:00:00Z');
    for (let i = 1; i < sprint.length; i++) expect(sprint[i]!.time - sprint[i - 1]!.time).toBeLessThan(30_000);
    // Strolling past, not at the doors: most are recorded far from their household.
    expect(sprint.filter((v) => metresBetween(v.position, v.household) > 100).length).toBeGreaterThanOrEqual(5);

    const bench = await firstStretch('one-spot', '2031-05-13T16:00:00Z');
    for (const visit of bench) expect(metresBetween(visit.position, bench[0]!.position)).toBeLessThan(250);
    expect(bench.filter((v) => metresBetween(v.position, v.household) > 150).length).toBeGreaterThanOrEqual(8);
  });

  it('signs in again when its token is refused', async () => {
    const stale = createPolisClient({ token: 'expired-token', baseUrl: polis.baseUrl, fetch: polis.fetch });
    const [first] = canvassers;
    let renewed = 0;
    const events: FieldEvent[] = [];
    const summary = await runFieldDay({
      plan,
      canvassers: [{ ...first!, polis: stale, renew: async () => (renewed++, first!.polis) }],
      clock: instantClock(Date.parse('2031-05-14T14:00:00Z')),
      faker: seeded(3),
      fabricationRate: 0,
      maxVisits: 2,
      onEvent: (e) => events.push(e),
    });
    expect(renewed).toBe(1);
    expect(summary).toMatchObject({ visits: 2, errors: 0 });
  });
});

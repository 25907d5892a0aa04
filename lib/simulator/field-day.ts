/**
 * A field day, simulated: each canvasser takes a walklist and walks it door
 * to door at their own walking pace, spends at a door what a conversation
 * takes (seconds for nobody home, minutes for a survey), stands on the
 * porch or the sidewalk with the GPS accuracy phones have, takes a break
 * after a few hours, and records every visit through the Polis API with
 * their own token, as the mobile app does. Now and then one of them fakes
 * a stretch of doors, the two ways the review queue knows: porch to porch in
 * seconds, or a dozen doors "knocked" from a bench down the road.
 *
 * The day is a discrete-event loop on a `FieldClock`: real time, X times
 * faster, or instant in tests.
 *
 * @example
 *   const plan = await loadFieldPlan(canvassers[0].polis, 'Boston Fair Transit');
 *   const summary = await runFieldDay({ plan, canvassers, clock: fieldClock({ speed: 1 }), faker, signal });
 */
import type { Faker } from '@faker-js/faker';
import { OUTCOME_LABELS, type Outcome } from '@/lib/filters/outcome';
import { REASON_CODES } from '@/lib/paper/codes';
import { PolisApiError, type PolisClient } from '@/lib/polis/client';
import { eq } from '@/lib/polis/filter';
import type { Campaign, CreateInteraction, Question, Survey } from '@/lib/polis/schemas';
import { METRES_PER_MILE, metresBetween, offsetBy } from '@/lib/review/geo';
import { answerSurvey, UNAVAILABLE_WEIGHTS } from './answers';
import type { FieldClock } from './clock';
import { planWalklists, type Household, type Walklist } from './walklists';

export type FieldCanvasser = {
  id: string;
  name: string;
  email: string;
  polis: PolisClient;
  /** A new client after the token expired (the app signs in again). */
  renew?: () => Promise<PolisClient>;
};

export type FieldPlan = { campaign: Campaign; survey: Survey; walklists: Walklist[] };

export type FabricationKind = 'sprint' | 'one-spot';

export type FieldEvent =
  | {
      kind: 'visit';
      canvasser: FieldCanvasser;
      household: Household;
      walklist: Walklist;
      outcome: Outcome;
      time: number;
      interactionId: string;
      fabricated?: FabricationKind;
      position: { lat: number; lng: number; accuracy: number };
    }
  | { kind: 'walklist'; canvasser: FieldCanvasser; walklist: Walklist; time: number }
  | { kind: 'fabricating'; canvasser: FieldCanvasser; fabrication: FabricationKind; doors: number; time: number }
  | { kind: 'break'; canvasser: FieldCanvasser; minutes: number; time: number }
  | { kind: 'error'; canvasser: FieldCanvasser; message: string; time: number };

export type FieldDayOptions = {
  plan: FieldPlan;
  canvassers: FieldCanvasser[];
  clock: FieldClock;
  faker: Faker;
  signal?: AbortSignal;
  /** Chance that a canvasser starts faking a stretch at a given door. */
  fabricationRate?: number;
  /** The ways they fake (both by default). */
  fabricationKinds?: FabricationKind[];
  /** Stops after this many visits (tests); otherwise runs until `signal` aborts. */
  maxVisits?: number;
  onEvent?: (event: FieldEvent) => void;
};

export type FieldDaySummary = { visits: number; fabricated: number; byCanvasser: Map<string, number>; errors: number };

/** About one faked stretch per canvasser every three hours of doors. */
export const DEFAULT_FABRICATION_RATE = 0.015;

/** Polis's list limit; a campaign's lists are read page by page. */
const PAGE = 1000;

/** Finds the campaign by id or by name (exact, else the one whose name contains it) and reads what the field needs. */
export async function loadFieldPlan(polis: PolisClient, campaign: string): Promise<FieldPlan> {
  const found = await findCampaign(polis, campaign);
  const { data: surveys } = await polis.listSurveys({ filter: eq('/data/campaignId', found.id), limit: 10 });
  const survey = surveys[0];
  if (!survey) throw new Error(`campaign "${found.data.name}" has no survey to fill in`);
  const knockable = found.data.lists.filter((entry) => entry.type !== 'do-not-knock');
  const lists = await Promise.all(knockable.map(async (entry) => ({ id: entry.listId, name: (await polis.getList(entry.listId)).data.name })));
  const contacts = (
    await Promise.all(
      lists.map(async (list) => {
        const all = [];
        for (let skip = 0; ; skip += PAGE) {
          const page = await polis.listContacts({ filter: eq('/data/listId', list.id), skip, limit: PAGE, sort: ['/id', 'ASC'] });
          all.push(...page.data);
          if (page.data.length < PAGE || all.length >= page.total) break;
        }
        return all;
      }),
    )
  ).flat();
  const walklists = planWalklists(found.id, lists, contacts);
  if (walklists.every((w) => w.households.length === 0)) throw new Error(`campaign "${found.data.name}" has no household with a position to walk to`);
  return { campaign: found, survey, walklists: walklists.filter((w) => w.households.length > 0) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findCampaign(polis: PolisClient, wanted: string): Promise<Campaign> {
  if (UUID.test(wanted)) return polis.getCampaign(wanted);
  const { data } = await polis.listCampaigns({ limit: 1000 });
  const name = wanted.trim().toLowerCase();
  const exact = data.filter((c) => c.data.name.toLowerCase() === name);
  const partial = data.filter((c) => c.data.name.toLowerCase().includes(name));
  const matches = exact.length ? exact : partial;
  if (matches.length === 1) return matches[0]!;
  const names = data.map((c) => `"${c.data.name}"`).join(', ');
  throw new Error(
    matches.length === 0
      ? `no campaign named "${wanted}"; there are ${names}`
      : `"${wanted}" names several campaigns: ${matches.map((c) => `"${c.data.name}"`).join(', ')}`,
  );
}

// --- the people ------------------------------------------------------------

type Fabrication = { kind: FabricationKind; left: number; spot?: { lat: number; lng: number }; answers?: ReturnType<typeof answerSurvey> };

type Walker = {
  canvasser: FieldCanvasser;
  /** Metres per second between doors. */
  pace: number;
  walklist: Walklist;
  door: number;
  at: { lat: number; lng: number };
  /** When they reach the next door, and when they left the last (field clock, ms). */
  next: number;
  left: number;
  shiftStarted: number;
  shiftLength: number;
  fabrication: Fabrication | null;
  walked: Set<string>;
};

/** Whole milliseconds, as timestamps carry them. */
const seconds = (s: number) => Math.round(s * 1000);

/** How long a door takes: nobody home is a knock and a wait; a survey is a conversation. */
function doorSeconds(faker: Faker, outcome: Outcome): number {
  if (outcome === 'unavailable') return faker.number.int({ min: 25, max: 75 });
  if (outcome === 'contacted') return faker.number.int({ min: 40, max: 130 });
  return faker.number.int({ min: 110, max: 330 });
}

/** Along streets, not as the crow flies, then up the path to the door. */
function walkSeconds(faker: Faker, from: { lat: number; lng: number }, to: { lat: number; lng: number }, pace: number): number {
  const metres = metresBetween(from, to);
  // Beyond a kilometre they drive: a few minutes to park, then 8 m/s.
  if (metres > 1000) return faker.number.int({ min: 180, max: 360 }) + metres / 8;
  return (metres * 1.3) / pace + faker.number.int({ min: 8, max: 30 });
}

/**
 * Where the phone says they stood: on the porch or the sidewalk (4 to 25 m
 * from the household's geocode), off by a GPS error that is usually within
 * the reported accuracy; accuracy mostly 4 to 20 m, worse now and then.
 */
export function reportedPosition(faker: Faker, stood: { lat: number; lng: number }): { lat: number; lng: number; accuracy: number } {
  const accuracy = faker.helpers.weightedArrayElement([
    { value: () => faker.number.int({ min: 4, max: 20 }), weight: 85 },
    { value: () => faker.number.int({ min: 21, max: 45 }), weight: 12 },
    { value: () => faker.number.int({ min: 46, max: 80 }), weight: 3 },
  ])();
  // Accuracy is a 68% radius: the error is normal with that spread, clipped at one and a half.
  const error = Math.min(Math.abs(gaussian(faker)) * accuracy * 0.7, accuracy * 1.5);
  const shown = offsetBy(stood, error, faker.number.float({ min: 0, max: 2 * Math.PI }));
  return { lat: round(shown.lat, 7), lng: round(shown.lng, 7), accuracy };
}

function gaussian(faker: Faker): number {
  const u = 1 - faker.number.float();
  const v = faker.number.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A bench or a parked car 250 to 400 m off, on the side away from most of the doors about to be "knocked". */
function benchFor(faker: Faker, doors: Household[]): { lat: number; lng: number } {
  const from = doors[0]!;
  const metres = faker.number.int({ min: 250, max: 400 });
  const turn = faker.number.float({ min: 0, max: 2 * Math.PI });
  const candidates = Array.from({ length: 8 }, (_, i) => offsetBy(from, metres, turn + (i * Math.PI) / 4));
  const away = (spot: { lat: number; lng: number }) => doors.filter((door) => metresBetween(spot, door) > 200).length;
  return candidates.reduce((best, spot) => (away(spot) > away(best) ? spot : best));
}

/** `metres` along the straight line from `from` to `to`, stopping at `to`. */
function toward(from: { lat: number; lng: number }, to: { lat: number; lng: number }, metres: number): { lat: number; lng: number } {
  const whole = metresBetween(from, to);
  if (whole <= metres || whole === 0) return { lat: to.lat, lng: to.lng };
  const f = metres / whole;
  return { lat: from.lat + (to.lat - from.lat) * f, lng: from.lng + (to.lng - from.lng) * f };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function pickOutcome(faker: Faker): Outcome {
  return faker.helpers.weightedArrayElement<Outcome>([
    { value: 'unavailable', weight: 45 },
    { value: 'contacted', weight: 15 },
    { value: 'successful', weight: 40 },
  ]);
}

/** The next walklist: the nearest one nobody has taken yet, else the nearest this canvasser has not walked today. */
function nextWalklist(plan: FieldPlan, taken: Set<string>, walker: Pick<Walker, 'at' | 'walked'>): Walklist {
  const distance = (w: Walklist) => metresBetween(walker.at, w.households[0]!);
  const nearest = (pool: Walklist[]) => pool.reduce((best, w) => (distance(w) < distance(best) ? w : best));
  const free = plan.walklists.filter((w) => !taken.has(w.id));
  if (free.length) return nearest(free);
  const fresh = plan.walklists.filter((w) => !walker.walked.has(w.id));
  return nearest(fresh.length ? fresh : plan.walklists);
}

// --- the day ---------------------------------------------------------------

export async function runFieldDay(options: FieldDayOptions): Promise<FieldDaySummary> {
  const { plan, clock, faker, signal, onEvent = () => {} } = options;
  const rate = options.fabricationRate ?? DEFAULT_FABRICATION_RATE;
  const questions: Question[] = plan.survey.data.questions;
  const taken = new Set<string>();
  const summary: FieldDaySummary = { visits: 0, fabricated: 0, byCanvasser: new Map(), errors: 0 };
  const start = clock.now();

  // Everyone heads out within a few minutes of each other, each to a walklist of their own.
  const walkers: Walker[] = [];
  const centre = plan.walklists[0]!.households[0]!;
  for (const canvasser of options.canvassers) {
    const at = offsetBy(centre, faker.number.int({ min: 0, max: 400 }), faker.number.float({ min: 0, max: 2 * Math.PI }));
    const walker: Walker = {
      canvasser,
      pace: faker.number.float({ min: 1.1, max: 1.5 }),
      walklist: plan.walklists[0]!,
      door: 0,
      at,
      next: start + seconds(faker.number.int({ min: 0, max: 300 })),
      left: start,
      shiftStarted: start,
      shiftLength: seconds(faker.number.int({ min: 150, max: 240 }) * 60),
      fabrication: null,
      walked: new Set(),
    };
    takeWalklist(walker, nextWalklist(plan, taken, walker), walker.next);
    walkers.push(walker);
  }

  function takeWalklist(walker: Walker, walklist: Walklist, time: number) {
    taken.add(walklist.id);
    walker.walked.add(walklist.id);
    walker.walklist = walklist;
    walker.door = 0;
    walker.next = time + seconds(walkSeconds(faker, walker.at, walklist.households[0]!, walker.pace));
    onEvent({ kind: 'walklist', canvasser: walker.canvasser, walklist, time });
  }

  while (!signal?.aborted && (options.maxVisits === undefined || summary.visits < options.maxVisits)) {
    const walker = walkers.reduce((first, w) => (w.next < first.next ? w : first));
    const household = walker.walklist.households[walker.door]!;
    const arrived = walker.next;

    if (!walker.fabrication && faker.number.float() < rate) {
      const kind = faker.helpers.arrayElement<FabricationKind>(options.fabricationKinds ?? ['sprint', 'one-spot']);
      const doors = faker.number.int({ min: 10, max: 14 });
      walker.fabrication = {
        kind,
        left: doors,
        spot: kind === 'one-spot' ? benchFor(faker, walker.walklist.households.slice(walker.door, walker.door + doors)) : undefined,
        answers: kind === 'one-spot' ? answerSurvey(faker, questions, 'successful') : undefined,
      };
      onEvent({ kind: 'fabricating', canvasser: walker.canvasser, fabrication: kind, doors, time: arrived });
    }
    const fake = walker.fabrication;

    const outcome: Outcome =
      fake?.kind === 'one-spot' ? 'successful' : fake?.kind === 'sprint' ? (faker.number.float() < 0.8 ? 'unavailable' : 'contacted') : pickOutcome(faker);
    const recordedAt =
      arrived +
      seconds(
        fake?.kind === 'sprint'
          ? faker.number.int({ min: 4, max: 12 })
          : fake?.kind === 'one-spot'
            ? faker.number.int({ min: 40, max: 100 })
            : doorSeconds(faker, outcome),
      );
    await clock.sleepUntil(recordedAt, signal);
    if (signal?.aborted) break;

    // Honest: on the porch or the sidewalk. Faking porch to porch: still strolling down the street, pressing
    // buttons, a few metres further for each door rather than at it. From a bench: the bench.
    const stood =
      fake?.spot ??
      (fake?.kind === 'sprint'
        ? toward(walker.at, household, (walker.pace * (recordedAt - walker.left)) / 1000)
        : offsetBy(household, faker.number.int({ min: 4, max: 25 }), faker.number.float({ min: 0, max: 2 * Math.PI })));
    const position = reportedPosition(faker, stood);
    const { responses, successful } = fake?.answers ?? answerSurvey(faker, questions, outcome);
    const interaction: CreateInteraction = {
      id: faker.string.uuid(),
      data: {
        campaignId: plan.campaign.id,
        contactId: household.contactId,
        timestamp: new Date(recordedAt).toISOString(),
        survey: { surveyId: plan.survey.id, responses },
        unavailable: outcome === 'unavailable',
        ...(outcome === 'unavailable'
          ? { unavailableReason: REASON_CODES[faker.helpers.weightedArrayElement(UNAVAILABLE_WEIGHTS.map(([value, weight]) => ({ value, weight })))]! }
          : {}),
        successful,
        location: { lat: position.lat, lng: position.lng, confidence: position.accuracy },
        distance: round(metresBetween(position, household) / METRES_PER_MILE, 4),
        walklistId: walker.walklist.id,
      },
    };
    const sent = await send(walker, interaction);
    if (sent) {
      summary.visits++;
      summary.byCanvasser.set(walker.canvasser.id, (summary.byCanvasser.get(walker.canvasser.id) ?? 0) + 1);
      if (fake) summary.fabricated++;
      onEvent({
        kind: 'visit',
        canvasser: walker.canvasser,
        household,
        walklist: walker.walklist,
        outcome,
        time: recordedAt,
        interactionId: interaction.id!,
        fabricated: fake?.kind,
        position,
      });
    } else summary.errors++;

    // On to the next door, or the next walklist, or a break.
    walker.at = stood;
    walker.left = recordedAt;
    if (fake && --fake.left === 0) walker.fabrication = null;
    walker.door++;
    if (recordedAt - walker.shiftStarted > walker.shiftLength) {
      const minutes = faker.number.int({ min: 40, max: 75 });
      onEvent({ kind: 'break', canvasser: walker.canvasser, minutes, time: recordedAt });
      walker.shiftStarted = recordedAt + seconds(minutes * 60);
      walker.fabrication = null;
      if (walker.door >= walker.walklist.households.length) takeWalklist(walker, nextWalklist(plan, taken, walker), walker.shiftStarted);
      else walker.next = walker.shiftStarted + seconds(walkSeconds(faker, walker.at, walker.walklist.households[walker.door]!, walker.pace));
    } else if (walker.door >= walker.walklist.households.length) {
      walker.fabrication = null;
      takeWalklist(walker, nextWalklist(plan, taken, walker), recordedAt);
    } else {
      const gap =
        fake?.kind === 'sprint' || fake?.kind === 'one-spot' ? 0 : walkSeconds(faker, walker.at, walker.walklist.households[walker.door]!, walker.pace);
      walker.next = recordedAt + seconds(gap);
    }
  }

  async function send(walker: Walker, interaction: CreateInteraction): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await walker.canvasser.polis.createInteraction(interaction);
        return true;
      } catch (error) {
        const status = error instanceof PolisApiError ? error.status : 0;
        if (status === 401 && walker.canvasser.renew && attempt === 1) {
          walker.canvasser.polis = await walker.canvasser.renew();
          continue;
        }
        onEvent({ kind: 'error', canvasser: walker.canvasser, message: (error as Error).message, time: clock.now() });
        // The API down or refusing: the phone keeps the visit and tries again in a while (the same id, so no double).
        if ((status === 0 || status === 429 || status >= 500) && attempt < 5 && !signal?.aborted) {
          await clock.sleepUntil(clock.now() + seconds(15 * attempt), signal);
          continue;
        }
        return false;
      }
    }
  }

  return summary;
}

/** One line of the simulator's log. */
export function describeEvent(event: FieldEvent, formatTime: (time: number) => string): string {
  const who = event.canvasser.name.padEnd(20);
  const at = formatTime(event.time);
  switch (event.kind) {
    case 'visit':
      return `${at}  ${who} ${event.household.address.padEnd(24)} ${OUTCOME_LABELS[event.outcome].padEnd(20)} ±${event.position.accuracy} m${event.fabricated ? `  (faked: ${event.fabricated})` : ''}`;
    case 'walklist':
      return `${at}  ${who} takes walklist ${event.walklist.number} of ${event.walklist.listName} (${event.walklist.households.length} doors)`;
    case 'fabricating':
      return `${at}  ${who} starts faking ${event.doors} doors (${event.fabrication === 'sprint' ? 'porch to porch in seconds' : 'from one spot, all the same answers'})`;
    case 'break':
      return `${at}  ${who} takes a ${event.minutes}-minute break`;
    case 'error':
      return `${at}  ${who} could not record a visit: ${event.message}`;
  }
}

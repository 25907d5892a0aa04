/**
 * The demo data set: deterministic for a given seed, sized by the number of
 * interactions. Two customers (so isolation can be seen), real-looking
 * households in neighbourhoods of Boston, Philadelphia and Denver, one survey
 * per campaign using every question type, canvassers, walklists, and visits
 * spread over the eight weeks before the anchor day (today unless given), at
 * the hours people canvass on each campaign's own clock: mostly at the door,
 * some with GPS tens of metres off, a few suspiciously far, a third of them
 * not home. The same seed and anchor give the same data.
 *
 * @example
 *   const summary = await seedDatabase(db, { interactions: 5000, anchor: '2026-10-15' });
 *   summary.logins; // [{ email, password, role, organization }]
 */
import { Faker, base, en, en_US } from '@faker-js/faker';
import { sql, type Insertable } from 'kysely';
import { engineOf, type Db } from '../db';
import { hashPassword } from '../passwords';
import type { ContactRow, InteractionRow, ResourceRow } from '../tables';
import { BOSTON, DENVER, PHILADELPHIA, UNAVAILABLE_REASONS, type City } from './places';
import { canvassersFor, planShifts, type PlantedKind } from './shifts';
import type { InteractionData, Question } from '@/lib/polis/schemas';
import { localDayOf, localInstant, shiftDay, startOfLocalDay, weekdayOf } from '@/lib/time/days';

export const DEFAULT_INTERACTIONS = 5000;
export const DEFAULT_SEED = 2026;
export const DEMO_PASSWORD = 'canvass-demo-2026';

/** The seeded accounts, as the README and `npm start` print them. */
export const DEMO_USERS = {
  organizer: 'organizer@commonwealth.example',
  viewer: 'viewer@commonwealth.example',
  otherOrganizer: 'organizer@frontrange.example',
} as const;

/** Days of canvassing, ending the day before the anchor. */
export const CAMPAIGN_DAYS = 56;
const METRES_PER_MILE = 1609.344;

export type SeedOptions = {
  interactions?: number;
  seed?: number;
  /** `YYYY-MM-DD`: the canvassing ends the day before; today (UTC) when absent. */
  anchor?: string;
  onProgress?: (done: number, total: number) => void;
};
export type SeedSummary = {
  interactions: number;
  contacts: number;
  logins: { email: string; password: string; role: string; organization: string }[];
  /** The fabricated shifts planted among the honest ones, by kind: their interaction ids. */
  planted: Partial<Record<PlantedKind, string[]>>;
};

type Tenant = { customerId: string; organizationId: string; organizationName: string; securityGroupId: string };
type CampaignPlan = { name: string; description: string; city: City; topic: string; share: number; timeZone: string };
type Household = {
  list: number;
  row: Omit<ContactRow, 'is_deleted' | 'list_id' | 'first_name' | 'last_name' | 'address' | 'postal_code' | 'contacted'>;
  data: ContactData;
  lat: number;
  lng: number;
  walklists: string[];
};
type ContactData = { listId: string; fields: Record<string, unknown>; contacted?: boolean; [key: string]: unknown };

function haversineMetres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a));
}

/** A point `metres` away from (lat, lng) in direction `bearing` (radians), flat-earth: fine at city scale. */
function offset(lat: number, lng: number, metres: number, bearing: number): [number, number] {
  const dLat = (metres * Math.cos(bearing)) / 111320;
  const dLng = (metres * Math.sin(bearing)) / (111320 * Math.cos((lat * Math.PI) / 180));
  return [lat + dLat, lng + dLng];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function buildSurvey(faker: Faker, topic: string): Question[] {
  const id = () => faker.string.uuid();
  const ids = Array.from({ length: 9 }, id);
  const next = (i: number) => ({ type: 'question' as const, questionId: ids[i + 1] });
  const end = { type: 'end' as const };
  return [
    {
      questionId: ids[0]!,
      tag: 'available',
      text: 'Is the voter available to talk?',
      type: 'availability',
      required: true,
      options: [
        { text: 'Yes, they came to the door', tag: 'available', value: 'true', success: true, icon: 'check', action: next(0) },
        { text: 'No, nobody answered', tag: 'available', value: 'false', success: false, icon: 'close', action: end },
      ],
    },
    {
      questionId: ids[1]!,
      tag: 'verified',
      text: "Did you confirm the voter's name?",
      type: 'verification',
      required: false,
      options: [
        { text: 'Name confirmed', tag: 'verified', value: 'true', success: true, action: next(1) },
        { text: 'Someone else answered', tag: 'verified', value: 'false', success: false, action: next(1) },
      ],
    },
    {
      questionId: ids[2]!,
      tag: 'support',
      text: `Do you support ${topic}?`,
      type: 'multi-choice',
      required: true,
      options: [
        { text: 'Strongly support', tag: 'support', value: 'strong-yes', success: true, action: next(2) },
        { text: 'Leaning support', tag: 'support', value: 'lean-yes', success: true, action: next(2) },
        { text: 'Undecided', tag: 'support', value: 'undecided', success: true, action: next(2) },
        { text: 'Leaning oppose', tag: 'support', value: 'lean-no', success: true, action: next(2) },
        { text: 'Strongly oppose', tag: 'support', value: 'strong-no', success: true, action: end },
      ],
    },
    {
      questionId: ids[3]!,
      tag: 'issues',
      text: 'Which issues matter most to your household?',
      type: 'multi-select',
      required: false,
      options: [{ text: 'Continue', tag: 'issues', value: 'continue', action: next(3) }],
      choices: [
        { tag: 'Housing', text: 'Housing costs' },
        { tag: 'Transit', text: 'Buses and trains' },
        { tag: 'Schools', text: 'Public schools' },
        { tag: 'Safety', text: 'Public safety' },
        { tag: 'Parks', text: 'Parks and green space' },
      ],
    },
    {
      questionId: ids[4]!,
      tag: 'likelihood',
      text: 'How likely are you to vote on November 3?',
      type: 'scale',
      required: false,
      options: [1, 2, 3, 4, 5].map((value) => ({
        text: ['Will not vote', 'Unlikely', 'Maybe', 'Likely', 'Certain to vote'][value - 1]!,
        tag: 'likelihood',
        value,
        action: next(4),
      })),
    },
    {
      questionId: ids[5]!,
      tag: 'literature',
      text: 'Did the voter take the fact sheet?',
      type: 'pdf',
      required: false,
      options: [
        { text: 'Took the fact sheet', tag: 'literature', value: 'true', success: true, action: next(5) },
        { text: 'Declined', tag: 'literature', value: 'false', action: next(5) },
      ],
    },
    {
      questionId: ids[6]!,
      tag: 'video',
      text: 'Did the voter watch the 60-second video?',
      type: 'youtube',
      required: false,
      options: [
        { text: 'Watched it', tag: 'video', value: 'true', action: next(6) },
        { text: 'Skipped', tag: 'video', value: 'false', action: next(6) },
      ],
    },
    {
      questionId: ids[7]!,
      tag: 'donation',
      text: 'Would they chip in to the campaign?',
      type: 'payment',
      required: false,
      options: [
        { text: '$10', tag: 'donation', value: 10, success: true, action: next(7) },
        { text: '$25', tag: 'donation', value: 25, success: true, action: next(7) },
        { text: '$50', tag: 'donation', value: 50, success: true, action: next(7) },
        { text: 'Not today', tag: 'donation', value: 0, action: next(7) },
      ],
    },
    {
      questionId: ids[8]!,
      tag: 'comments',
      text: 'Anything else the campaign should know?',
      type: 'text',
      required: false,
      multiline: true,
      max: 500,
      keyboard: 'text',
      placeholder: 'Concerns, follow-ups, best time to come back',
      options: [{ text: 'Done', tag: 'comments', value: '', action: end }],
    },
  ];
}

const COMMENTS = [
  'Wants a call back about the bus route changes.',
  'Asked for a yard sign.',
  'Concerned about property taxes.',
  'Prefers Spanish-language materials.',
  'Will vote early at the library.',
  'Has a dog; use the side door.',
  'Asked when the community meeting is.',
  'Already voted by mail.',
];

/** Answers to every question, as the app records them; unanswered questions carry empty fields. */
function answer(faker: Faker, questions: Question[], available: boolean): { responses: InteractionData['survey']['responses']; successful: boolean } {
  const responses: InteractionData['survey']['responses'] = {};
  const [availability, ...rest] = questions;
  responses[availability!.questionId] = { questionId: availability!.questionId, fields: { available: String(available) } };
  if (!available) return { responses, successful: false };
  let successful = false;
  for (const question of rest) {
    const fields: Record<string, string | number | string[]> = {};
    if (faker.number.float() < 0.85) {
      if (question.type === 'multi-select') {
        fields[question.tag] = faker.helpers.arrayElements(
          question.choices!.map((c) => c.tag),
          { min: 1, max: 3 },
        );
      } else if (question.type === 'text') {
        if (faker.number.float() < 0.3) fields[question.tag] = faker.helpers.arrayElement(COMMENTS);
      } else if (question.type === 'scale') {
        fields[question.tag] = faker.helpers.weightedArrayElement([1, 2, 3, 4, 5].map((value, i) => ({ value, weight: [1, 2, 3, 5, 6][i]! })));
      } else {
        const option = faker.helpers.arrayElement(question.options);
        fields[question.tag] = option.value as string | number;
        if (question.type === 'multi-choice') successful = option.success === true;
      }
    }
    responses[question.questionId] = { questionId: question.questionId, fields };
  }
  return { responses, successful };
}

async function insertMany<T extends keyof import('../tables').SandboxDatabase>(db: Db, table: T, rows: unknown[], batch = 400) {
  for (let i = 0; i < rows.length; i += batch) {
    // Rows are built to the table's shape above.
    const values = rows.slice(i, i + batch) as Parameters<ReturnType<typeof db.insertInto<T>>['values']>[0];
    await db.insertInto(table).values(values).execute();
  }
}

export async function isSeeded(db: Db): Promise<boolean> {
  return (await db.selectFrom('customers').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Empties every table, children first. */
export async function resetDatabase(db: Db): Promise<void> {
  for (const table of [
    'access_tokens',
    'oauth_codes',
    'memberships',
    'interactions',
    'contacts',
    'surveys',
    'lists',
    'campaigns',
    'users',
    'organizations',
    'customers',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
}

export async function seedDatabase(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const total = options.interactions ?? DEFAULT_INTERACTIONS;
  const faker = new Faker({ locale: [en_US, en, base] });
  faker.seed(options.seed ?? DEFAULT_SEED);
  const uuid = () => faker.string.uuid();
  const anchor = options.anchor ?? localDayOf('UTC', new Date());
  const firstDay = shiftDay(anchor, -CAMPAIGN_DAYS);
  const campaignStart = startOfLocalDay('UTC', firstDay).getTime();
  const seededAt = new Date(campaignStart - 14 * 86400_000).toISOString();
  const envelope = (tenant: Tenant, id: string, data: unknown, createdBy: string, stamp = seededAt): Omit<ResourceRow, 'is_deleted'> => ({
    id,
    customer_id: tenant.customerId,
    security_group_id: tenant.securityGroupId,
    data: JSON.stringify(data),
    created: stamp,
    created_by: createdBy,
    modified: stamp,
    modified_by: createdBy,
    etag: uuid().slice(0, 18),
  });

  const plans: {
    tenantName: string;
    secondOrganization?: string;
    users: { email: string; name: string; role: string }[];
    canvassers: number;
    campaigns: CampaignPlan[];
  }[] = [
    {
      tenantName: 'Commonwealth Field Partners',
      secondOrganization: 'Commonwealth Youth Vote',
      users: [
        { email: DEMO_USERS.organizer, name: 'Maya Okafor', role: 'organizer' },
        { email: DEMO_USERS.viewer, name: 'Daniel Reyes', role: 'viewer' },
      ],
      canvassers: 8,
      campaigns: [
        {
          name: 'Boston Fair Transit 2026',
          description: 'Door-to-door for the transit fare ballot question in Boston.',
          city: BOSTON,
          topic: 'the fare-free buses ballot question',
          share: 0.6,
          timeZone: 'America/New_York',
        },
        {
          name: 'Philadelphia Neighbors for Parks',
          description: 'Canvass for the parks and recreation bond.',
          city: PHILADELPHIA,
          topic: 'the parks and recreation bond',
          share: 0.35,
          timeZone: 'America/New_York',
        },
      ],
    },
    {
      tenantName: 'Front Range Votes',
      users: [{ email: DEMO_USERS.otherOrganizer, name: 'Priya Shah', role: 'organizer' }],
      canvassers: 3,
      campaigns: [
        {
          name: 'Denver Clean Air Measure',
          description: 'Canvass for the clean air measure.',
          city: DENVER,
          topic: 'the clean air measure',
          share: 0.05,
          timeZone: 'America/Denver',
        },
      ],
    },
  ];

  const logins: SeedSummary['logins'] = [];
  const planted: SeedSummary['planted'] = {};
  let contactsTotal = 0;
  let done = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD, Buffer.from(uuid().replace(/-/g, ''), 'hex'));

  for (const plan of plans) {
    const tenant: Tenant = { customerId: uuid(), organizationId: uuid(), organizationName: plan.tenantName, securityGroupId: uuid() };
    await db.insertInto('customers').values({ id: tenant.customerId, name: plan.tenantName }).execute();
    await db
      .insertInto('organizations')
      .values({ id: tenant.organizationId, customer_id: tenant.customerId, name: plan.tenantName, security_group_id: tenant.securityGroupId })
      .execute();

    const domain = plan.users[0]!.email.split('@')[1]!;
    const people = [
      ...plan.users,
      ...Array.from(
        {
          length: canvassersFor(
            plan.campaigns.reduce((sum, c) => sum + Math.round(total * c.share), 0),
            CAMPAIGN_DAYS,
            plan.canvassers,
          ),
        },
        (_, i) => {
          const first = faker.person.firstName();
          const last = faker.person.lastName();
          return { email: `canvasser${i + 1}@${domain}`, name: `${first} ${last}`, role: 'canvasser' };
        },
      ),
    ];
    const userIds = people.map(() => uuid());
    const systemUser = userIds[0]!;
    await insertMany(
      db,
      'users',
      people.map((person, i) => ({
        ...envelope(
          tenant,
          userIds[i]!,
          { email: person.email, status: 'active', profile: { name: person.name, phone: [faker.phone.number({ style: 'national' })] } },
          systemUser,
        ),
        password_hash: passwordHash,
      })),
    );
    await insertMany(
      db,
      'memberships',
      people.map((person, i) => ({ user_id: userIds[i]!, organization_id: tenant.organizationId, role: person.role })),
    );
    if (plan.secondOrganization) {
      // The organizer also works for a sister organization, so sign-in asks which one.
      const organization = { id: uuid(), securityGroupId: uuid() };
      await db
        .insertInto('organizations')
        .values({ id: organization.id, customer_id: tenant.customerId, name: plan.secondOrganization, security_group_id: organization.securityGroupId })
        .execute();
      await db.insertInto('memberships').values({ user_id: userIds[0]!, organization_id: organization.id, role: 'organizer' }).execute();
    }
    for (const person of plan.users) logins.push({ email: person.email, password: DEMO_PASSWORD, role: person.role, organization: plan.tenantName });
    const canvasserIds = userIds.slice(plan.users.length);

    for (const campaign of plan.campaigns) {
      const count = Math.round(total * campaign.share);
      const campaignId = uuid();
      const lists = campaign.city.neighborhoods.map((hood) => ({ id: uuid(), hood, walklists: [uuid(), uuid(), uuid(), uuid()] }));
      await insertMany(
        db,
        'lists',
        lists.map((list) =>
          envelope(
            tenant,
            list.id,
            {
              name: `${list.hood.name} voters`,
              organizationId: tenant.organizationId,
              description: `Registered voters in ${list.hood.name}, ${campaign.city.city}`,
            },
            systemUser,
          ),
        ),
      );
      await db
        .insertInto('campaigns')
        .values(
          envelope(
            tenant,
            campaignId,
            {
              name: campaign.name,
              organizationId: tenant.organizationId,
              status: 'started',
              description: campaign.description,
              lists: lists.map((list, i) => ({ listId: list.id, type: i === 0 ? 'high-priority' : 'normal' })),
            },
            systemUser,
          ),
        )
        .execute();
      const surveyId = uuid();
      const questions = buildSurvey(faker, campaign.topic);
      await db
        .insertInto('surveys')
        .values(envelope(tenant, surveyId, { name: `${campaign.name} survey`, campaignId, questions }, systemUser))
        .execute();

      // Households: about one for every four visits, spread around each neighbourhood centre.
      const households: Household[] = Array.from({ length: Math.max(40, Math.round(count / 4)) }, () => {
        const listIndex = faker.number.int({ min: 0, max: lists.length - 1 });
        const list = lists[listIndex]!;
        const { hood } = list;
        const [lat, lng] = offset(hood.center[0], hood.center[1], hood.radius * Math.sqrt(faker.number.float()), faker.number.float() * 2 * Math.PI);
        const number = String(faker.number.int({ min: 1, max: 399 }) * 2 + (faker.datatype.boolean() ? 1 : 0));
        const route = faker.helpers.arrayElement(hood.streets);
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        const birth = faker.date.birthdate({ mode: 'age', min: 18, max: 90, refDate: campaignStart });
        const data: ContactData = {
          listId: list.id,
          profile: {
            name: { first, last },
            address: {
              formatted: `${number} ${route}, ${campaign.city.city}, ${campaign.city.stateCode} ${hood.postalCode}, USA`,
              streetAddress: { formatted: `${number} ${route}`, route, number },
              city: campaign.city.city,
              county: campaign.city.county,
              state: campaign.city.state,
              postalCode: hood.postalCode,
              country: 'United States of America',
              neighborhood: hood.name,
              position: { type: 'Point', coordinates: [round(lng, 7), round(lat, 7)] },
            },
            email: faker.internet.email({ firstName: first, lastName: last, provider: 'example.net' }).toLowerCase(),
            phone: [faker.string.numeric({ length: 10, allowLeadingZeros: false })],
            gender: faker.helpers.arrayElement(['f', 'm', 'n', 'o', 'd']),
            languages: faker.number.float() < 0.15 ? ['en', 'es'] : ['en'],
            birthdate: birth.toISOString().slice(0, 10),
            age: Math.floor((campaignStart - birth.getTime()) / (365.25 * 86400_000)),
          },
          fields: {},
          reservation: { reserved: false },
          contacted: false,
        };
        return { list: listIndex, row: envelope(tenant, uuid(), data, systemUser), data, lat, lng, walklists: list.walklists };
      });

      // Visits come in shifts: a canvasser walking a list's households a door every few minutes.
      const visits = planShifts({
        faker,
        households,
        lists: lists.length,
        canvassers: canvasserIds.length,
        visits: count,
        // Hours are read on the campaign's own clock, daylight saving included.
        instant: (day, hours) => localInstant(campaign.timeZone, shiftDay(firstDay, day), Math.round(hours * 3600)).getTime(),
        weekday: (day) => weekdayOf(shiftDay(firstDay, day)),
        days: CAMPAIGN_DAYS,
        plant: campaign === plans[0]!.campaigns[0],
      });
      let sameAnswers: ReturnType<typeof answer> | undefined;
      let batch: Insertable<InteractionRow>[] = [];
      for (const [i, visit] of visits.entries()) {
        const household = households[visit.household]!;
        const canvasser = canvasserIds[visit.canvasser]!;
        const time = visit.time;
        const timestamp = new Date(time).toISOString();
        const [lat, lng] = visit.at ?? offset(household.lat, household.lng, visit.metres, visit.bearing);
        let available = faker.number.float() >= 0.35;
        let answered = answer(faker, questions, available);
        if (visit.planted === 'same-answers') {
          // Every contact home, successful, and saying exactly the same thing.
          while (!sameAnswers) {
            const candidate = answer(faker, questions, true);
            if (candidate.successful) sameAnswers = candidate;
          }
          available = true;
          answered = sameAnswers;
        }
        const { responses, successful } = answered;
        const data: InteractionData = {
          campaignId,
          contactId: household.row.id,
          listId: household.data.listId,
          timestamp,
          survey: { surveyId, responses },
          unavailable: !available,
          ...(available ? {} : { unavailableReason: faker.helpers.weightedArrayElement(UNAVAILABLE_REASONS.map(([value, weight]) => ({ value, weight }))) }),
          successful,
          location: { lat: round(lat, 7), lng: round(lng, 7), confidence: visit.accuracy },
          distance: round(haversineMetres(household.lat, household.lng, lat, lng) / METRES_PER_MILE, 4),
          ...(faker.number.float() < 0.8 ? { walklistId: faker.helpers.arrayElement(household.walklists) } : {}),
        };
        for (const response of Object.values(responses)) Object.assign(household.data.fields, response.fields);
        if (successful) household.data.contacted = true;
        const created = new Date(time + faker.number.int({ min: 30, max: 3600 }) * 1000).toISOString();
        const id = uuid();
        if (visit.planted) (planted[visit.planted] ??= []).push(id);
        batch.push({ ...envelope(tenant, id, data, canvasser, created), request_hash: '' });
        if (batch.length === 2000 || i === visits.length - 1) {
          await db.transaction().execute((tx) => insertMany(tx, 'interactions', batch));
          done += batch.length;
          batch = [];
          options.onProgress?.(done, total);
        }
      }
      const lastVisit = startOfLocalDay('UTC', anchor).toISOString();
      await db.transaction().execute((tx) =>
        insertMany(
          tx,
          'contacts',
          households.map((h) => ({ ...h.row, data: JSON.stringify(h.data), modified: lastVisit })),
        ),
      );
      contactsTotal += households.length;
    }
  }
  // Fresh statistics for the planner, on either engine. Whole ones on SQLite, about a second at
  // 1,000,000: the sampled ones of `pragma optimize` rate every index of a campaign alike (see
  // migration 0003). On PostgreSQL, VACUUM also marks the new pages all-visible, so counting a
  // campaign reads its index alone instead of every row's page.
  await (engineOf(db) === 'sqlite' ? sql`analyze` : sql`vacuum analyze`).execute(db);
  return { interactions: done, contacts: contactsTotal, logins, planted };
}

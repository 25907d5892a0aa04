import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PointIndex } from '@/lib/map-index/point-index';
import { ContactSchema, InteractionSchema, SurveySchema } from '@/lib/polis/schemas';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { toEnvelope } from '@/lib/sandbox/resources';
import { seedDatabase, type SeedSummary } from '@/lib/sandbox/seed/seed';
import { PLANTED_KINDS } from '@/lib/sandbox/seed/shifts';
import { placeContacts } from './households';
import { computeQueue, type Queue } from './queue';

// The demo data the way the dashboard sees it: the seeded Boston campaign in a point index, through the queue.
let summary: SeedSummary;
let index: PointIndex;
let queue: Queue;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-seed-'));

beforeAll(async () => {
  const db = await openDatabase(path.join(dir, 'polis.sqlite'));
  summary = await seedDatabase(db, { interactions: 5000 });
  const campaign = await db.selectFrom('campaigns').selectAll().where('data', 'like', '%Boston Fair Transit%').executeTakeFirstOrThrow();
  const survey = SurveySchema.parse(toEnvelope('surveys', await db.selectFrom('surveys').selectAll().where('data', 'like', `%${campaign.id}%`).executeTakeFirstOrThrow()));
  index = new PointIndex(survey.data.questions);
  const rows = await db.selectFrom('interactions').selectAll().where('campaign_id', '=', campaign.id).orderBy('id').execute();
  for (const row of rows) index.upsert(InteractionSchema.parse(toEnvelope('interactions', row)));
  const contacts = await db.selectFrom('contacts').selectAll().execute();
  placeContacts(index, contacts.map((row) => ContactSchema.parse(toEnvelope('contacts', row))));
  queue = computeQueue(index, { timeZone: 'America/New_York' });
}, 120_000);
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the seeded demo data in the review queue', () => {
  it('puts every planted shift in the queue, with its reasons', () => {
    const queuedIds = queue.queued.map((shift) => new Set(shift.rows.map((row) => index.idAt(row))));
    const expected: Record<string, string> = { sprint: 'short-gaps', 'coffee-shop': 'one-spot', 'late-night': 'outside-hours', 'same-answers': 'contact-rate' };
    for (const kind of PLANTED_KINDS) {
      const ids = summary.planted[kind]!;
      const at = queuedIds.findIndex((set) => ids.every((id) => set.has(id)));
      expect(at, kind).toBeGreaterThanOrEqual(0);
      expect(queue.queued[at]!.reasons.map((r) => r.rule), kind).toContain(expected[kind]);
    }
  });

  it('leaves at most 5 % of the honest shifts in the queue', () => {
    const planted = new Set(Object.values(summary.planted).flat());
    const honestQueued = queue.queued.filter((shift) => !shift.rows.some((row) => planted.has(index.idAt(row))));
    const honestShifts = queue.shiftCount - PLANTED_KINDS.length;
    expect(honestShifts).toBeGreaterThan(50);
    expect(honestQueued.length / honestShifts).toBeLessThanOrEqual(0.05);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_DELETED, PointIndex } from '@/lib/map-index/point-index';
import { ContactSchema, InteractionSchema, SurveySchema, type Interaction } from '@/lib/polis/schemas';
import { closeDatabases, openDatabase } from '@/lib/sandbox/db';
import { toEnvelope } from '@/lib/sandbox/resources';
import { seedDatabase, type SeedSummary } from '@/lib/sandbox/seed/seed';
import { PLANTED_KINDS } from '@/lib/sandbox/seed/shifts';
import { placeContacts } from './households';
import { DEFAULT_REVIEW_SETTINGS, RULE_SET_VERSION } from './model';
import { computeQueue, refreshQueue, shiftAt, visitAt, type Queue } from './queue';
import { reviewShift } from './score';
import { splitShifts } from './shifts';
import { withOverrides } from './thresholds';
import { localDayNumber } from './zone';

// The demo data the way the dashboard sees it: the seeded Boston campaign in a point index, through the queue.
let summary: SeedSummary;
let index: PointIndex;
let queue: Queue;
let interactions: Interaction[];
const timeZone = 'America/New_York';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-seed-'));

beforeAll(async () => {
  const db = await openDatabase(path.join(dir, 'polis.sqlite'));
  summary = await seedDatabase(db, { interactions: 5000 });
  const campaign = await db.selectFrom('campaigns').selectAll().where('data', 'like', '%Boston Fair Transit%').executeTakeFirstOrThrow();
  const survey = SurveySchema.parse(
    toEnvelope('surveys', await db.selectFrom('surveys').selectAll().where('data', 'like', `%${campaign.id}%`).executeTakeFirstOrThrow()),
  );
  index = new PointIndex(survey.data.questions);
  const rows = await db.selectFrom('interactions').selectAll().where('campaign_id', '=', campaign.id).orderBy('id').execute();
  interactions = rows.map((row) => InteractionSchema.parse(toEnvelope('interactions', row)));
  for (const interaction of interactions) index.upsert(interaction);
  const contacts = await db.selectFrom('contacts').selectAll().execute();
  placeContacts(
    index,
    contacts.map((row) => ContactSchema.parse(toEnvelope('contacts', row))),
  );
  queue = computeQueue(index, { timeZone });
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
      expect(
        queue.queued[at]!.reasons.map((r) => r.rule),
        kind,
      ).toContain(expected[kind]);
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

/** What the queue shows of a shift, to compare two queues. */
const shown = (q: Queue) => q.queued.map((shift) => ({ key: shift.key, rows: shift.rows, score: shift.score, reasons: shift.reasons, notes: shift.notes }));

describe("the queue computed over the index's columns", () => {
  it('finds what the rules find over an object per visit, shift by shift', () => {
    // The plain way: every live row as a Visit, split into shifts, each through reviewShift.
    const visits = Array.from({ length: index.size }, (_, row) => row)
      .filter((row) => !(index.flags[row]! & FLAG_DELETED))
      .map((row) => visitAt(index, row, new Set()));
    const days = new Map<string, number>();
    for (const v of visits)
      days.set(`${v.canvasser} ${localDayNumber(timeZone, v.time)}`, (days.get(`${v.canvasser} ${localDayNumber(timeZone, v.time)}`) ?? 0) + 1);
    const peers = { ...queue.peers, doorsThatDay: (canvasser: string, time: number) => days.get(`${canvasser} ${localDayNumber(timeZone, time)}`) ?? 0 };
    const shifts = splitShifts(visits, DEFAULT_REVIEW_SETTINGS.shiftGapMinutes);
    const flagged = shifts
      .map((shift) => ({ shift, review: reviewShift(shift, { settings: DEFAULT_REVIEW_SETTINGS, timeZone, peers }) }))
      .filter(({ review }) => review.queued)
      .map(({ shift, review }) => ({ rows: shift.visits.map((v) => Number(v.id)), score: review.score, reasons: review.reasons, notes: review.notes }));
    expect(shifts).toHaveLength(queue.shiftCount);
    const byFirst = (a: { rows: number[] }, b: { rows: number[] }) => a.rows[0]! - b.rows[0]!;
    expect(queue.queued.map(({ rows, score, reasons, notes }) => ({ rows, score, reasons, notes })).sort(byFirst)).toEqual(flagged.sort(byFirst));
  });

  it('after the index changes, reviews again only the shifts that hold a changed row, and ends where a fresh computation does', () => {
    const copy = PointIndex.fromState(index.exportState());
    const live = computeQueue(copy, { timeZone });
    // Six of an honest canvasser's visits move to a night of their own, recorded two miles from the door: that shift flags.
    // (Peers' figures stay as they were at the full computation; moving visits leaves them as they are.)
    const honest = live.queued.length === 0 ? '' : live.queued[0]!.canvasser;
    const mine = interactions
      .filter((interaction) => interaction.meta.createdBy !== honest)
      .filter((interaction, _, all) => interaction.meta.createdBy === all[0]!.meta.createdBy);
    mine.sort((a, b) => a.data.timestamp.localeCompare(b.data.timestamp));
    const late = mine.slice(0, 6).map((interaction, i) => ({
      ...interaction,
      data: { ...interaction.data, distance: 2, timestamp: new Date(Date.UTC(2026, 9, 4, 3, i * 2)).toISOString() },
    }));
    for (const interaction of late) copy.upsert(interaction);
    const canvassers = refreshQueue(live, copy);
    expect(canvassers).toBe(1);
    const shifts = live.byCanvasser.get(copy.canvassers.find(mine[0]!.meta.createdBy)!)!.starts.length - 1;
    expect(live.reviewedLast).toBeGreaterThan(0);
    expect(live.reviewedLast).toBeLessThan(shifts);
    expect(
      live.queued.some((shift) => shift.reasons.some((reason) => reason.rule === 'far-from-household') && shift.canvasser === mine[0]!.meta.createdBy),
    ).toBe(true);
    expect(shown(live)).toEqual(shown(computeQueue(copy, { timeZone })));
    // Nothing changed since: nothing is reviewed.
    expect(refreshQueue(live, copy)).toBe(0);
    expect(live.reviewedLast).toBe(0);
  });

  it('reviews a shift again when its visits become paper entries, and again when they stop being', () => {
    const copy = PointIndex.fromState(index.exportState());
    const live = computeQueue(copy, { timeZone });
    const coffee = new Set(summary.planted['coffee-shop']!.map((id) => copy.find(id)));
    const inQueue = () => live.queued.some((shift) => shift.rows.some((row) => coffee.has(row)));
    expect(inQueue()).toBe(true);
    // Typed in from paper, the positions are not the canvasser's: the one-spot rule no longer applies.
    refreshQueue(live, copy, coffee);
    expect(inQueue()).toBe(false);
    expect(shown(live)).toEqual(shown(computeQueue(copy, { timeZone, paper: coffee })));
    refreshQueue(live, copy, new Set());
    expect(inQueue()).toBe(true);
  });
});

describe('paper sheets in the queue', () => {
  it("count a sheet's visits in its canvasser's shifts, exempt from the GPS rules", () => {
    const copy = PointIndex.fromState(index.exportState());
    const live = computeQueue(copy, { timeZone });
    const ids = summary.planted['coffee-shop']!;
    const rows = new Set(ids.map((id) => copy.find(id)));
    const other = interactions.find((interaction) => interaction.meta.createdBy !== interactions.find((i) => i.id === ids[0])!.meta.createdBy)!.meta.createdBy;
    // The sheet was typed in by an organizer and credited to another canvasser, as the paper entry does.
    for (const id of ids) copy.credit(id, other);
    refreshQueue(live, copy, rows);
    const found = shiftAt(live, copy, copy.find(ids[0]!))!;
    expect(found.shift.canvasser).toBe(other);
    expect(found.shift.visits.filter((visit) => rows.has(Number(visit.id))).every((visit) => visit.paper)).toBe(true);
    expect(found.review.reasons.map((reason) => reason.rule)).not.toContain('one-spot');
    expect(shown(live)).toEqual(shown(computeQueue(copy, { timeZone, paper: rows })));
  });
});

describe("the queue under a campaign's own thresholds", () => {
  it('flags by them, under a rule-set version of their own', () => {
    const coffee = new Set(summary.planted['coffee-shop']!.map((id) => index.find(id)));
    const strict = computeQueue(PointIndex.fromState(index.exportState()), { timeZone, settings: withOverrides({ oneSpotHouseholds: 500 }) });
    expect(queue.ruleSetVersion).toBe(RULE_SET_VERSION);
    expect(strict.ruleSetVersion).not.toBe(RULE_SET_VERSION);
    const oneSpot = (q: Queue) =>
      q.queued
        .filter((shift) => shift.rows.some((row) => coffee.has(row)))
        .flatMap((shift) => shift.reasons.map((reason) => reason.rule))
        .includes('one-spot');
    expect(oneSpot(queue)).toBe(true);
    expect(oneSpot(strict)).toBe(false);
  });
});

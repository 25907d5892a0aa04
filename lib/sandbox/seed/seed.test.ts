import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayOf, localDayRange, shiftDay, weekdayOf } from '@/lib/time/days';
import { localDateTimeFields } from '@/lib/time/format';
import { closeDatabases, openDatabase, type Db } from '../db';
import { CAMPAIGN_DAYS, seedDatabase } from './seed';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'polis-seed-'));
// Eight weeks before 10 November 2026 cross the end of daylight saving (1 November).
const ANCHOR = '2026-11-10';
const ZONES: Record<string, string> = {
  'Boston Fair Transit 2026': 'America/New_York',
  'Philadelphia Neighbors for Parks': 'America/New_York',
  'Denver Clean Air Measure': 'America/Denver',
};

type Visit = { id: string; timestamp: string; zone: string };

async function seeded(name: string, anchor: string): Promise<{ db: Db; visits: Visit[] }> {
  const db = await openDatabase(path.join(dir, `${name}.sqlite`));
  await seedDatabase(db, { interactions: 3000, anchor });
  const campaigns = new Map((await db.selectFrom('campaigns').select(['id', 'data']).execute()).map((c) => [c.id, ZONES[JSON.parse(c.data).name as string]!]));
  const rows = await db.selectFrom('interactions').select(['id', 'campaign_id', 'timestamp']).orderBy('id').execute();
  return { db, visits: rows.map((row) => ({ id: row.id, timestamp: row.timestamp, zone: campaigns.get(row.campaign_id)! })) };
}

let visits: Visit[];
let again: Visit[];
let later: Visit[];
beforeAll(async () => {
  visits = (await seeded('a', ANCHOR)).visits;
  again = (await seeded('b', ANCHOR)).visits;
  later = (await seeded('c', '2027-02-01')).visits;
}, 120_000);
afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo seed', () => {
  it('canvasses the eight weeks up to the day before the anchor, in each campaign’s own days', () => {
    const days = new Set(visits.map((v) => localDayOf(v.zone, v.timestamp)));
    const sorted = [...days].sort();
    expect(sorted[0]! >= shiftDay(ANCHOR, -CAMPAIGN_DAYS)).toBe(true);
    expect(sorted.at(-1)).toBe(shiftDay(ANCHOR, -1));
    for (const visit of visits) expect(new Date(visit.timestamp) < localDayRange(visit.zone, ANCHOR).start!).toBe(true);
  });

  it('visits at believable local hours: mostly 10:00 to 20:30, at night only in the one planted late-night shift', () => {
    const minutes = visits.map((v) => {
      const { time } = localDateTimeFields(v.timestamp, v.zone);
      const [h, m] = time.split(':').map(Number);
      return h! * 60 + m!;
    });
    const inHours = minutes.filter((m) => m >= 9 * 60 + 45 && m <= 20 * 60 + 30).length;
    expect(inHours / minutes.length).toBeGreaterThan(0.98);
    const night = minutes.filter((m) => m > 20 * 60 + 30 || m < 9 * 60 + 45);
    // The review queue's fabricated late-night shift, around 23:00, and nothing else.
    expect(night.length).toBeLessThanOrEqual(14);
    expect(night.every((m) => m >= 22 * 60)).toBe(true);
    // After 1 November too (EST, not EDT): the hours follow the zone's rules, not a fixed offset.
    const afterChange = visits.filter((v) => v.zone === 'America/New_York' && localDayOf(v.zone, v.timestamp) > '2026-11-01');
    expect(afterChange.length).toBeGreaterThan(50);
    expect(afterChange.every((v) => Number(localDateTimeFields(v.timestamp, v.zone).time.slice(0, 2)) >= 9)).toBe(true);
  });

  it('makes weekends busier than weekdays', () => {
    const perDay = new Map<string, number>();
    for (const v of visits) {
      const day = localDayOf(v.zone, v.timestamp);
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    const average = (weekend: boolean) => {
      const counts = [...perDay].filter(([day]) => [0, 6].includes(weekdayOf(day)) === weekend).map(([, n]) => n);
      return counts.reduce((a, b) => a + b, 0) / counts.length;
    };
    expect(average(true)).toBeGreaterThan(1.5 * average(false));
  });

  it('gives the same data for the same seed and anchor, and moves with the anchor', () => {
    expect(again).toEqual(visits);
    expect(later).toHaveLength(visits.length);
    expect(
      later.every((v) => localDayOf(v.zone, v.timestamp) < '2027-02-01' && localDayOf(v.zone, v.timestamp) >= shiftDay('2027-02-01', -CAMPAIGN_DAYS)),
    ).toBe(true);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outcomeOf, OUTCOMES } from '@/lib/filters/outcome';
import type { Interaction } from '@/lib/polis/schemas';
import { clustererFor, clustersFor } from './clusters';
import { PointIndex } from './point-index';

const visit = (data: { successful?: boolean; unavailable: boolean }, timestamp = '2026-09-10T15:00:00.000Z') =>
  ({
    id: randomUUID(),
    data: { campaignId: 'c', contactId: 'k', listId: 'l', timestamp, survey: { surveyId: 's', responses: {} }, location: { lat: 42.3, lng: -71.1 }, ...data },
    meta: { createdBy: 'u', modified: timestamp },
  }) as Interaction;

describe('the point index', () => {
  it('counts a paper sheet for the canvasser whose sheet it was, whether credited before or after it arrives, and keeps the credit across updates', () => {
    const index = new PointIndex();
    const early = visit({ unavailable: false });
    const late = visit({ unavailable: false });
    index.credit(early.id, 'robert');
    index.upsert(early);
    index.upsert(late);
    index.credit(late.id, 'robert');
    index.upsert({ ...early, meta: { ...early.meta, modified: '2026-09-11T00:00:00.000Z' } });
    expect(Array.from(index.select({ canvasser: 'robert' }, 'UTC'))).toHaveLength(2);
    expect(Array.from(index.select({ canvasser: 'u' }, 'UTC'))).toHaveLength(0);
  });

  it('selects by outcome with the same rule as every other view, even for a visit marked both successful and not available', () => {
    const recorded = [true, false, undefined].flatMap((successful) => [true, false].map((unavailable) => ({ successful, unavailable })));
    const index = new PointIndex();
    const ids = recorded.map((data) => index.upsert(visit(data)));
    for (const outcome of OUTCOMES) {
      const expected = recorded.flatMap((data, i) => (outcomeOf(data) === outcome ? [ids[i]] : []));
      expect(Array.from(index.select({ outcome }, 'UTC')), outcome).toEqual(expected);
      for (const row of index.select({ outcome }, 'UTC')) expect(index.outcomeAt(row)).toBe(outcome);
    }
  });

  it('keeps the last day of a date range inclusive and drops what was deleted', () => {
    const index = new PointIndex();
    const last = visit({ unavailable: false }, '2026-09-02T23:59:59.000Z');
    index.upsert(last);
    index.upsert(visit({ unavailable: false }, '2026-09-03T00:00:00.000Z'));
    expect(index.select({ from: '2026-09-01', to: '2026-09-02' }, 'UTC')).toHaveLength(1);
    index.remove(last.id);
    expect(index.select({ from: '2026-09-01', to: '2026-09-02' }, 'UTC')).toHaveLength(0);
  });

  it('reads the days in the campaign zone: a Boston evening after midnight UTC stays on its own day', () => {
    const index = new PointIndex();
    const evening = visit({ unavailable: false }, '2026-11-20T01:30:00.000Z');
    index.upsert(evening);
    expect(Array.from(index.select({ from: '2026-11-19', to: '2026-11-19' }, 'America/New_York'))).toHaveLength(1);
    expect(Array.from(index.select({ from: '2026-11-20', to: '2026-11-20' }, 'America/New_York'))).toHaveLength(0);
    expect(Array.from(index.select({ from: '2026-11-20', to: '2026-11-20' }, 'UTC'))).toHaveLength(1);
  });

  it('keeps a visit whose distance is exactly the minimum asked for, as the API does', () => {
    const index = new PointIndex();
    // 0.7 and 1.3 miles are among the values that 32 bits round down.
    for (const distance of [0.7, 1.3]) {
      expect(Math.fround(distance)).toBeLessThan(distance);
      const far = visit({ unavailable: false });
      far.data.distance = distance;
      index.upsert(far);
    }
    expect(index.select({ minDistance: 1.3 }, 'UTC')).toHaveLength(1);
    expect(index.select({ minDistance: 0.7 }, 'UTC')).toHaveLength(2);
    expect(index.select({ minDistance: 1.31 }, 'UTC')).toHaveLength(0);
  });
});

function interaction(timestamp: string, lng: number): Interaction {
  return {
    id: randomUUID(),
    customerId: randomUUID(),
    securityGroupId: randomUUID(),
    data: {
      campaignId: randomUUID(),
      contactId: randomUUID(),
      listId: randomUUID(),
      timestamp,
      survey: { surveyId: randomUUID(), responses: {} },
      unavailable: false,
      successful: true,
      location: { lat: 42.3, lng, confidence: 5 },
    },
    meta: { created: timestamp, createdBy: 'c1', modified: timestamp, modifiedBy: 'c1', resource: 'interactions', etag: 'e', isDeleted: false },
  };
}

describe('the point index keeps time exactly', () => {
  // The first and last milliseconds the sandbox accepts, and ones a 32-bit count of seconds gets wrong.
  const TIMESTAMPS = ['2000-01-01T00:00:00.000Z', '2026-09-10T15:00:00.123Z', '2038-01-19T03:14:08.500Z', '2099-12-31T23:59:59.999Z'];

  it('shows every accepted timestamp on the map to the millisecond', () => {
    const index = new PointIndex([]);
    const rows = TIMESTAMPS.map((timestamp, i) => index.upsert(interaction(timestamp, -71 + i)));
    for (const [i, row] of rows.entries()) expect(new Date(index.timeAt(row)).toISOString()).toBe(TIMESTAMPS[i]);
    const points = clustersFor(index, clustererFor(index, {}, 'UTC'), [-180, -85, 180, 85], 16);
    expect(points.map((p) => (p.properties.cluster ? null : p.properties.time)).sort()).toEqual(TIMESTAMPS);
  });

  it('orders interactions a fraction of a second apart', () => {
    const index = new PointIndex([]);
    const later = index.upsert(interaction('2026-09-10T15:00:00.900Z', -71));
    const earlier = index.upsert(interaction('2026-09-10T15:00:00.100Z', -72));
    expect(index.time[earlier]!).toBeLessThan(index.time[later]!);
  });

  it('tells the review queue which rows and canvassers changed since it last looked', () => {
    const index = new PointIndex();
    const a = visit({ unavailable: false });
    const b = { ...visit({ unavailable: true }), meta: { createdBy: 'v', modified: '2026-09-10T15:00:00.000Z' } } as Interaction;
    index.upsert(a);
    index.upsert(b);
    expect(index.takeChanges()).toEqual({ canvassers: new Set([0, 1]), rows: new Set([0, 1]) });
    expect(index.takeChanges()).toEqual({ canvassers: new Set(), rows: new Set() });
    index.remove(b.id);
    expect(index.takeChanges()).toEqual({ canvassers: new Set([1]), rows: new Set([1]) });
    // A restored index has not been looked at: every row counts as changed.
    expect(PointIndex.fromState(index.exportState()).takeChanges().rows).toBeNull();
  });
});

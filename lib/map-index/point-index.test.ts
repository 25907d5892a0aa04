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

  it('selects by canvasser, list and outcome together, as each visit read on its own does', () => {
    const index = new PointIndex();
    const visits = Array.from({ length: 120 }, (_, i) => {
      const base = visit({ successful: i % 3 === 0, unavailable: i % 5 === 0 });
      return { ...base, data: { ...base.data, listId: `list-${i % 4}` }, meta: { ...base.meta, createdBy: `canvasser-${i % 7}` } };
    });
    const rows = visits.map((v) => index.upsert(v));
    index.remove(visits[0]!.id);
    const cases = [
      { canvasser: 'canvasser-2' },
      { canvasser: 'canvasser-3', outcome: 'successful' },
      { list: 'list-1', outcome: 'unavailable' },
      { canvasser: 'canvasser-0', list: 'list-0' },
    ] as const;
    for (const filters of cases) {
      const expected = visits.flatMap((v, i) =>
        i > 0 &&
        (!('canvasser' in filters) || v.meta.createdBy === filters.canvasser) &&
        (!('list' in filters) || v.data.listId === filters.list) &&
        (!('outcome' in filters) || outcomeOf(v.data) === filters.outcome)
          ? [rows[i]]
          : [],
      );
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      expect(Array.from(index.select(filters, 'UTC')), JSON.stringify(filters)).toEqual(expected);
    }
  });

  it('selects by canvasser and list as they are after a change, not as they were when last asked', () => {
    const index = new PointIndex();
    const visits = Array.from({ length: 30 }, (_, i) => {
      const base = visit({ unavailable: false });
      return { ...base, data: { ...base.data, listId: `list-${i % 2}` }, meta: { ...base.meta, createdBy: `canvasser-${i % 3}` } };
    });
    const rows = visits.map((v) => index.upsert(v));
    const selected = (filters: { canvasser?: string; list?: string }) => Array.from(index.select(filters, 'UTC'));
    expect(selected({ canvasser: 'canvasser-1' })).toEqual(rows.filter((_, i) => i % 3 === 1));
    expect(selected({ list: 'list-0', canvasser: 'canvasser-0' })).toEqual(rows.filter((_, i) => i % 6 === 0));
    // Visit 1 corrected onto the other list, and its sheet credited to canvasser 0.
    index.upsert({ ...visits[1]!, data: { ...visits[1]!.data, listId: 'list-0' }, meta: { ...visits[1]!.meta, modified: '2026-09-11T00:00:00.000Z' } });
    index.credit(visits[1]!.id, 'canvasser-0');
    expect(selected({ canvasser: 'canvasser-1' })).toEqual(rows.filter((_, i) => i % 3 === 1 && i !== 1));
    expect(selected({ list: 'list-0', canvasser: 'canvasser-0' })).toEqual(rows.filter((_, i) => i % 6 === 0 || i === 1));
    // A visit walked in later joins its canvasser's rows.
    const later = { ...visit({ unavailable: false }), meta: { createdBy: 'canvasser-1', modified: '2026-09-12T00:00:00.000Z' } } as Interaction;
    const row = index.upsert(later);
    expect(selected({ canvasser: 'canvasser-1' })).toEqual([...rows.filter((_, i) => i % 3 === 1 && i !== 1), row]);
    expect(selected({ canvasser: 'nobody' })).toEqual([]);
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

  it('shows every accepted timestamp on the map to the millisecond', async () => {
    const index = new PointIndex([]);
    const rows = TIMESTAMPS.map((timestamp, i) => index.upsert(interaction(timestamp, -71 + i)));
    for (const [i, row] of rows.entries()) expect(new Date(index.timeAt(row)).toISOString()).toBe(TIMESTAMPS[i]);
    const points = clustersFor(index, await clustererFor(index, {}, 'UTC').clusterer, [-180, -85, 180, 85], 16);
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

describe('an index assembled from parts walked apart', () => {
  const SUPPORT = randomUUID();
  const ISSUES = randomUUID();
  const QUESTIONS = [
    { questionId: SUPPORT, tag: 'support', text: 'Support?', type: 'multi-choice', required: false, options: [] },
    { questionId: ISSUES, tag: 'issues', text: 'Issues?', type: 'multi-select', required: false, options: [], choices: [] },
  ] as never;
  const answered = (i: number, id: string) =>
    ({
      id,
      data: {
        contactId: `contact-${i % 13}`,
        listId: `list-${(i * 7) % 5}`,
        walklistId: i % 3 ? `walk-${i % 4}` : undefined,
        timestamp: new Date(Date.UTC(2026, 8, 1 + (i % 20), 15, 0, 0, i)).toISOString(),
        survey: {
          responses: {
            [SUPPORT]: { fields: { support: ['yes', 'no', 'maybe', 'lean'][(i * 5) % 4] } },
            [ISSUES]: { fields: { issues: [['Housing'], ['Transit', 'Schools'], ['Schools'], []][i % 4] } },
          },
        },
        successful: i % 4 === 0,
        unavailable: i % 5 === 0,
        location: { lat: 42 + i / 1000, lng: -71 - i / 1000, confidence: i % 60 },
        distance: i % 11 ? i / 10 : undefined,
      },
      meta: { created: '2026-09-21T00:00:00.000Z', createdBy: `canvasser-${(i * 3) % 7}`, modified: '2026-09-21T00:00:00.000Z' },
    }) as never;

  it('answers every query as one index walked in order, with codes translated between the parts', () => {
    const ids = Array.from({ length: 400 }, () => randomUUID()).sort();
    const whole = new PointIndex(QUESTIONS);
    ids.forEach((id, i) => whole.upsert(answered(i, id)));
    // Three id ranges, each walked into its own index: their dictionaries number values in other orders.
    const bounds = [0, 90, 250, 400];
    const parts = bounds.slice(1).map((end, p) => {
      const part = new PointIndex(QUESTIONS);
      for (let i = end - 1; i >= bounds[p]!; i--) part.upsert(answered(i, ids[i]!)); // backwards: other codes, late rows
      const sorted = new PointIndex(QUESTIONS);
      for (let i = bounds[p]!; i < end; i++) sorted.upsert(answered(i, ids[i]!));
      return p === 1 ? part : sorted;
    });
    const assembled = new PointIndex(QUESTIONS);
    for (const part of parts) assembled.appendState(part.exportState());
    expect(assembled.size).toBe(whole.size);
    for (const filters of [
      {},
      { outcome: 'successful' as const },
      { list: 'list-3' },
      { walklist: 'walk-2' },
      { canvasser: 'canvasser-5' },
      { minDistance: 5 },
      { minConfidence: 20 },
      { answer: { questionId: ISSUES, value: 'Schools' } },
      { answer: { questionId: SUPPORT, value: 'maybe' } },
    ]) {
      const ours = Array.from(assembled.select(filters, 'UTC'), (row) => assembled.idAt(row)).sort();
      const theirs = Array.from(whole.select(filters, 'UTC'), (row) => whole.idAt(row)).sort();
      expect(ours, JSON.stringify(filters)).toEqual(theirs);
    }
    for (const id of [ids[0]!, ids[95]!, ids[200]!, ids[399]!]) {
      const [mine, reference] = [assembled.find(id), whole.find(id)];
      expect(mine).toBeGreaterThanOrEqual(0);
      expect([
        assembled.answerAt(mine, ISSUES),
        assembled.answerAt(mine, SUPPORT),
        assembled.timeAt(mine),
        assembled.households.ids[assembled.household[mine]!],
      ]).toEqual([
        whole.answerAt(reference, ISSUES),
        whole.answerAt(reference, SUPPORT),
        whole.timeAt(reference),
        whole.households.ids[whole.household[reference]!],
      ]);
    }
    expect(assembled.distribution(assembled.select({}, 'UTC'))).toEqual(whole.distribution(whole.select({}, 'UTC')));
  });

  it('reads ids in either case, and moves its version only when a row changes', () => {
    const index = new PointIndex(QUESTIONS);
    const id = randomUUID();
    index.upsert(answered(1, id));
    expect(index.find(id.toUpperCase())).toBe(0);
    expect(index.idAt(0)).toBe(id);
    const version = index.version;
    index.upsert(answered(1, id));
    expect(index.version).toBe(version);
    index.upsert(answered(2, id));
    expect(index.version).toBeGreaterThan(version);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { outcomeOf, OUTCOMES } from '@/lib/filters/outcome';
import type { Interaction } from '@/lib/polis/schemas';
import { PointIndex } from './point-index';

const visit = (data: { successful?: boolean; unavailable: boolean }, timestamp = '2026-09-10T15:00:00.000Z') =>
  ({
    id: randomUUID(),
    data: { campaignId: 'c', contactId: 'k', listId: 'l', timestamp, survey: { surveyId: 's', responses: {} }, location: { lat: 42.3, lng: -71.1 }, ...data },
    meta: { createdBy: 'u', modified: timestamp },
  }) as Interaction;

describe('the point index', () => {
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
});

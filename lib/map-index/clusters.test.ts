import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '@/lib/polis/schemas';
import { fitZoom } from '@/components/map/fit-zoom';
import { answerable, atLeast, clustererFor, clustersFor, countReceivedAfter, newestReceived } from './clusters';
import { PointIndex } from './point-index';

/** A fixed scatter of visits over Boston (a small LCG: the same points every run). */
function scatter(count: number): PointIndex {
  const index = new PointIndex();
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < count; i++) {
    const timestamp = '2026-11-19T15:00:00.000Z';
    index.upsert({
      id: randomUUID(),
      data: {
        campaignId: 'c',
        contactId: 'k',
        listId: 'l',
        timestamp,
        survey: { surveyId: 's', responses: {} },
        unavailable: false,
        location: { lat: 42.2 + next() * 0.2, lng: -71.2 + next() * 0.2 },
      },
      meta: { createdBy: 'u', modified: timestamp },
    } as unknown as Interaction);
  }
  return index;
}

describe('clusters', () => {
  it('keep every point when asked for exactly the bounds of the data, at every zoom', async () => {
    const index = scatter(200);
    const selection = clustererFor(index, {}, 'America/New_York');
    const clusterer = await selection.clusterer;
    for (const zoom of [4, 10, 12, 14, 16, 18]) {
      const features = clustersFor(index, clusterer, selection.bounds!, zoom);
      const sum = features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);
      expect(sum, `zoom ${zoom}`).toBe(200);
    }
  });

  it('count a visit without a position in the total and as unplaced, and draw it nowhere', async () => {
    const index = scatter(20);
    const timestamp = '2026-11-19T16:00:00.000Z';
    index.upsert({
      id: randomUUID(),
      data: { campaignId: 'c', contactId: 'k', listId: 'l', timestamp, survey: { surveyId: 's', responses: {} }, unavailable: false },
      meta: { createdBy: 'u', modified: timestamp },
    } as unknown as Interaction);
    const cached = clustererFor(index, {}, 'America/New_York');
    expect(cached.total).toBe(21);
    expect(cached.unplaced).toBe(1);
    const features = clustersFor(index, await cached.clusterer, [-180, -85, 180, 85], 0);
    expect(features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0)).toBe(20);
  });

  it('as of a moment, keep what Polis had received by then: later visits wait until the map asks for them', () => {
    const index = scatter(30);
    const asOf = newestReceived(index);
    const arrive = (created: string, successful: boolean) =>
      index.upsert({
        id: randomUUID(),
        data: {
          campaignId: 'c',
          contactId: 'k',
          listId: 'l',
          timestamp: created,
          survey: { surveyId: 's', responses: {} },
          unavailable: false,
          successful,
          location: { lat: 42.3, lng: -71.1 },
        },
        meta: { createdBy: 'u', created, modified: created },
      } as unknown as Interaction);
    arrive('2026-11-19T17:00:00.000Z', true);
    arrive('2026-11-19T17:00:05.000Z', false);
    expect(newestReceived(index)).toBe(Date.parse('2026-11-19T17:00:05.000Z') / 1000);
    expect(clustererFor(index, {}, 'America/New_York', asOf).total).toBe(30);
    expect(clustererFor(index, {}, 'America/New_York', newestReceived(index)).total).toBe(32);
    expect(clustererFor(index, {}, 'America/New_York').total).toBe(32);
    // The notice counts the new ones that match the page's filters.
    expect(countReceivedAfter(index, {}, 'America/New_York', asOf)).toBe(2);
    expect(countReceivedAfter(index, { outcome: 'successful' }, 'America/New_York', asOf)).toBe(1);
    expect(countReceivedAfter(index, {}, 'America/New_York', newestReceived(index))).toBe(0);
  });
});

function visit(lat: number, lng: number, canvasser = 'c1'): Interaction {
  return {
    id: randomUUID(),
    customerId: randomUUID(),
    securityGroupId: randomUUID(),
    data: {
      campaignId: randomUUID(),
      contactId: randomUUID(),
      listId: randomUUID(),
      timestamp: '2026-10-31T21:35:00.000Z',
      survey: { surveyId: randomUUID(), responses: {} },
      unavailable: false,
      successful: true,
      location: { lat, lng, confidence: 10 },
    },
    meta: {
      created: '2026-10-31T21:35:00.000Z',
      createdBy: canvasser,
      modified: '2026-10-31T21:35:00.000Z',
      modifiedBy: canvasser,
      resource: 'interactions',
      etag: 'e',
      isDeleted: false,
    },
  };
}

describe('the extent the map opens on', () => {
  it('is never a zero-size box: one visit opens at a street zoom with the visit in view', async () => {
    const index = new PointIndex();
    index.upsert(visit(42.30215, -71.06123, 'only'));
    const cached = clustererFor(index, { canvasser: 'only' }, 'America/New_York');
    const [west, south, east, north] = cached.bounds!;
    expect(east - west).toBeGreaterThan(0.0039);
    expect(north - south).toBeGreaterThan(0.0039);
    const zoom = fitZoom(cached.bounds!, 1000, 600, 24);
    expect(zoom).toBeLessThan(19);
    expect(zoom).toBeGreaterThanOrEqual(15);
    // The first request asks for that very box at that zoom: the visit is in the answer.
    expect(clustersFor(index, await cached.clusterer, cached.bounds!, zoom)).toHaveLength(1);
  });

  it('leaves a wide extent as it is', () => {
    expect(atLeast([-71.2, 42.2, -71.0, 42.4], 0.004)).toEqual([-71.2, 42.2, -71.0, 42.4]);
  });
});

describe('clusterers kept', () => {
  it('keep the map a user is on built while another tries seven filters', async () => {
    const index = scatter(100);
    const unfiltered = clustererFor(index, {}, 'UTC');
    await unfiltered.clusterer;
    const tried = [
      { outcome: 'successful' },
      { outcome: 'contacted' },
      { outcome: 'unavailable' },
      { from: '2026-11-19' },
      { to: '2026-11-19' },
      { minDistance: 0.1 },
      { minConfidence: 50 },
    ] as const;
    for (const filters of tried) await clustererFor(index, filters, 'UTC').clusterer;
    expect(clustererFor(index, {}, 'UTC')).toBe(unfiltered);
  });
});

describe('clusters after the index changes', () => {
  it('answer from the last selection, counts and clusters together, while a slow rebuild goes on; a new filter waits for its own', async () => {
    const index = scatter(50);
    const first = clustererFor(index, {}, 'UTC');
    const built = await first.clusterer;
    expect(await answerable(first)).toEqual({ selection: first, clusterer: built, refreshing: false });
    index.remove(index.idAt(0));
    const next = clustererFor(index, {}, 'America/Chicago');
    expect([next.total, next.previous?.total, next.previous?.ready]).toEqual([49, 50, built]);
    // A rebuild that takes longer than the wait: the last selection answers, whole, and says the map should ask again.
    const slow = { ...next, ready: null, clusterer: new Promise<never>(() => {}) };
    const meanwhile = await answerable(slow, { waitMs: 0, staleFrom: 0 });
    expect([meanwhile.selection.total, meanwhile.clusterer, meanwhile.refreshing]).toEqual([50, built, true]);
    // Once a request has waited in vain, the next ones during the same rebuild are answered at once.
    const again = await Promise.race([answerable(slow, { waitMs: 60_000, staleFrom: 0 }), new Promise((resolve) => setTimeout(() => resolve('waited'), 200))]);
    expect(again).toEqual(meanwhile);
    const rebuilt = await next.clusterer;
    expect(await answerable(next, { waitMs: 0, staleFrom: 0 })).toEqual({ selection: next, clusterer: rebuilt, refreshing: false });
    const fresh = clustererFor(index, { outcome: 'unavailable' }, 'UTC');
    expect(fresh.previous).toBeNull();
    expect((await answerable(fresh, { waitMs: 0, staleFrom: 0 })).selection).toBe(fresh);
  });

  it('answer a small campaign with its rebuilt clusters, however long the rebuild takes: the total and the points add up', async () => {
    const index = scatter(30);
    await clustererFor(index, {}, 'UTC').clusterer;
    index.remove(index.idAt(3));
    const next = clustererFor(index, {}, 'UTC');
    const rebuilt = await next.clusterer;
    const slow = { ...next, ready: null, clusterer: new Promise<typeof rebuilt>((resolve) => setTimeout(() => resolve(rebuilt), 400)) };
    const answer = await answerable(slow);
    expect([answer.selection.total, answer.refreshing]).toEqual([29, false]);
    const sum = clustersFor(index, answer.clusterer, [-180, -85, 180, 85], 0).reduce((n, f) => n + (f.properties.cluster ? f.properties.count : 1), 0);
    expect(sum).toBe(29);
  });
});

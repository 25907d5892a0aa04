import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '@/lib/polis/schemas';
import { clustererFor, clustersFor } from './clusters';
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
      data: { campaignId: 'c', contactId: 'k', listId: 'l', timestamp, survey: { surveyId: 's', responses: {} }, unavailable: false, location: { lat: 42.2 + next() * 0.2, lng: -71.2 + next() * 0.2 } },
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
});

describe('clusters after the index changes', () => {
  it('answer at once with the last clusterer while the new one is built, counts already new; a new filter waits for its own', async () => {
    const index = scatter(50);
    const first = clustererFor(index, {}, 'UTC');
    const built = await first.clusterer;
    expect(first.ready).toBe(built);
    index.remove(index.idAt(0));
    const next = clustererFor(index, {}, 'America/Chicago');
    expect(next.total).toBe(49);
    expect(next.ready).toBe(built);
    const rebuilt = await next.clusterer;
    expect(next.ready).toBe(rebuilt);
    expect(rebuilt).not.toBe(built);
    expect(clustererFor(index, { outcome: 'unavailable' }, 'UTC').ready).toBeNull();
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Interaction } from '@/lib/polis/schemas';
import { fitZoom } from '@/components/map/fit-zoom';
import { atLeast, clustererFor, clustersFor } from './clusters';
import { PointIndex } from './point-index';

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
    meta: { created: '2026-10-31T21:35:00.000Z', createdBy: canvasser, modified: '2026-10-31T21:35:00.000Z', modifiedBy: canvasser, resource: 'interactions', etag: 'e', isDeleted: false },
  };
}

describe('the extent the map opens on', () => {
  it('is never a zero-size box: one visit opens at a street zoom with the visit in view', () => {
    const index = new PointIndex();
    index.upsert(visit(42.30215, -71.06123, 'only'));
    const cached = clustererFor(index, { canvasser: 'only' });
    const [west, south, east, north] = cached.bounds!;
    expect(east - west).toBeGreaterThan(0.0039);
    expect(north - south).toBeGreaterThan(0.0039);
    const zoom = fitZoom(cached.bounds!, 1000, 600, 24);
    expect(zoom).toBeLessThan(19);
    expect(zoom).toBeGreaterThanOrEqual(15);
    // The first request asks for that very box at that zoom: the visit is in the answer.
    expect(clustersFor(index, cached, cached.bounds!, zoom)).toHaveLength(1);
  });

  it('leaves a wide extent as it is', () => {
    expect(atLeast([-71.2, 42.2, -71.0, 42.4], 0.004)).toEqual([-71.2, 42.2, -71.0, 42.4]);
  });
});

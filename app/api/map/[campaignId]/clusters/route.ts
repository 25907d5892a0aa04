import { withAuthRoute } from '@/lib/auth/guard';
import { routeFilters } from '@/lib/filters/filters';
import { campaignIndex } from '@/lib/map-index/campaign-index';
import { answerable, clustererFor, clustersFor, type ClusterResponse } from '@/lib/map-index/clusters';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

export const dynamic = 'force-dynamic';

/**
 * GET /api/map/<campaign>/clusters?bbox=w,s,e,n&zoom=z&<filters>[&asOf=s]: GeoJSON clusters
 * (with counts by outcome) and points in the box, of the visits Polis had
 * received by `asOf` (epoch seconds) when given; while the campaign is first
 * indexed, the progress instead.
 */
export const GET = withAuthRoute<{ campaignId: string }>('read@interactions', async (auth, request, { campaignId }) => {
  const search = new URL(request.url).searchParams;
  const bbox = (search.get('bbox') ?? '').split(',').map(Number);
  const zoom = Number(search.get('zoom'));
  if (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)) || !Number.isFinite(zoom) || zoom < 0 || zoom > 22) {
    return Response.json({ error: 'bbox must be west,south,east,north in degrees and zoom a number from 0 to 22' }, { status: 400 });
  }
  const asOfText = search.get('asOf');
  const asOf = asOfText === null ? undefined : Number(asOfText);
  if (asOf !== undefined && !(Number.isInteger(asOf) && asOf >= 0)) return Response.json({ error: 'asOf must be whole epoch seconds' }, { status: 400 });
  // A bad filter is refused at once, not only once the index is built.
  const parsed = routeFilters(search);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const { filters } = parsed;
  const started = performance.now();
  const entry = await campaignIndex(auth, campaignId);
  const indexed = performance.now();
  if (!entry.index) {
    if (entry.state === 'failed') return Response.json({ error: `Indexing failed: ${entry.error}` }, { status: 502 });
    return Response.json({ state: 'building', ...entry.progress } satisfies ClusterResponse);
  }
  const index = entry.index;
  // Clusterers are built in a worker thread; only a filter asked for the first time waits for its own.
  const { selection, clusterer, refreshing } = await answerable(clustererFor(index, filters, await campaignTimeZone(auth, campaignId), asOf));
  const clustered = performance.now();
  const features = clustersFor(index, clusterer, bbox as [number, number, number, number], zoom);
  const { total, unplaced, counts, bounds } = selection;
  const body = JSON.stringify({
    state: 'ready',
    total,
    unplaced,
    counts,
    bounds,
    type: 'FeatureCollection',
    features,
    ...(refreshing ? { refreshing: true as const } : {}),
  } satisfies ClusterResponse);
  const done = performance.now();
  // Where a response's time went, for the browser's tools and the benchmarks: the index, the clusterer, the features.
  const timing = `index;dur=${(indexed - started).toFixed(1)}, clusterer;dur=${(clustered - indexed).toFixed(1)}, features;dur=${(done - clustered).toFixed(1)}`;
  return new Response(body, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'private, no-store', 'Server-Timing': timing } });
});

/**
 * Clusters of a point index for the map, with supercluster. One clusterer
 * per filter, over the rows that match it, kept in a small LRU. A new
 * filter's rows are selected here (a pass over typed arrays), its clusterer
 * is built in an index worker thread (a few hundred milliseconds at 600,000
 * points) and put back together here, so building one filter's clusters
 * never holds up the requests of the others. Each cluster carries its
 * counts by outcome.
 *
 * @example
 *   const selection = clustererFor(index, filters, zone);     // total, counts, bounds at once
 *   const features = clustersFor(index, await selection.clusterer, [-71.2, 42.2, -71.0, 42.4], 13);
 */
import type { ClusterProperties } from 'supercluster';
import type { Feature, Point } from 'geojson';
import { filtersToSearch, type InteractionFilters } from '@/lib/filters/filters';
import { OUTCOMES, type Outcome } from '@/lib/filters/outcome';
import { assembleClusterer, buildClusterParts, type ClusterCounts, type ClusterInput, type ClusterParts, type Clusterer } from './cluster-parts';
import { runInWorker } from './index-workers';
import type { PointIndex } from './point-index';
import { FLAG_LOCATED } from './point-index';

/**
 * Filters whose clusterers are kept, per index: the unfiltered map and the
 * few filters in use stay built while others are tried (each is a few
 * megabytes at 600,000 interactions). At 4, a user trying filters one after
 * another evicted the filter other users were on, who then waited for its rebuild.
 */
const CACHE_SIZE = 8;

export type ClusterFeature = Feature<Point, { cluster: true; count: number } & ClusterCounts & { id: number }>;
export type PointFeature = Feature<Point, { cluster: false; id: string; outcome: Outcome; time: string }>;

/**
 * The smallest extent the map is fitted to, in degrees (about 400 m): one visit, or a few at one
 * door, must open at a street-level zoom around them, never at the last zoom over a zero-size box.
 */
export const MIN_SPAN = 0.004;

/** `bounds` grown about its centre to at least `span` degrees each way. */
export function atLeast([west, south, east, north]: [number, number, number, number], span: number): [number, number, number, number] {
  const grow = (low: number, high: number) => (high - low >= span ? [low, high] : [(low + high) / 2 - span / 2, (low + high) / 2 + span / 2]);
  const [w, e] = grow(west, east);
  const [s, n] = grow(south, north);
  return [w!, s!, e!, n!];
}

/** What `GET /api/map/<campaign>/clusters` answers (a failure answers `{ error }` with a 4xx/5xx). */
export type ClusterResponse =
  | { state: 'building'; loaded: number; total: number }
  | {
      state: 'ready';
      type: 'FeatureCollection';
      total: number;
      /** Of the total, those without a position (a paper sheet that had none): counted, never drawn. */
      unplaced: number;
      counts: Record<Outcome, number>;
      bounds: [west: number, south: number, east: number, north: number] | null;
      features: (ClusterFeature | PointFeature)[];
      /** The answer (counts and features) is of the index a change ago, while its new clusters are built: ask again shortly. */
      refreshing?: true;
    };

/**
 * One filter's rows summed up at once, and its clusterer: `clusterer` once
 * built, `ready` from then on; `previous`, the same filter's selection of
 * the index as it was before its last change (when one was built), answers
 * while this one's clusterer is built (see `answerable`).
 */
export type Selection = {
  total: number;
  unplaced: number;
  counts: Record<Outcome, number>;
  bounds: [number, number, number, number] | null;
  clusterer: Promise<Clusterer>;
  ready: Clusterer | null;
  previous: Selection | null;
  /** A request has waited for this rebuild in vain: the next ones are answered from `previous` at once. */
  outwaited?: boolean;
};
type Cache = { version: number; entries: Map<string, Selection>; previous: Map<string, Selection>; newest?: number };
const caches = new WeakMap<PointIndex, Cache>();

/** The clusterer input of located rows: positions and outcome codes. */
function inputOf(index: PointIndex, rows: Uint32Array): ClusterInput {
  const input: ClusterInput = { lng: new Float64Array(rows.length), lat: new Float64Array(rows.length), outcomes: new Uint8Array(rows.length) };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    input.lng[i] = index.lng[row]!;
    input.lat[i] = index.lat[row]!;
    input.outcomes[i] = index.outcomeCodeAt(row);
  }
  return input;
}

/** The clusterer of these rows: built in a worker thread, or here where no thread can start (or one fails). */
async function buildClusterer(index: PointIndex, rows: Uint32Array, input: ClusterInput): Promise<Clusterer> {
  const buffers = [input.lng.buffer, input.lat.buffer, input.outcomes.buffer] as ArrayBuffer[];
  // The input moves to the worker; should the worker fail, it is read again from the index.
  const built = await runInWorker<{ type: 'clustered'; id: number; parts: ClusterParts }>({ type: 'cluster', input }, buffers).catch(() => null);
  return assembleClusterer(built ? built.parts : buildClusterParts(inputOf(index, rows)).parts, rows);
}

/** One pass over the filter's rows: counts by outcome, the located rows, their bounds and the clusterer's input. */
function select(index: PointIndex, rows: Uint32Array): Selection {
  const byCode = [0, 0, 0];
  const located = new Uint32Array(rows.length);
  const input: ClusterInput = { lng: new Float64Array(rows.length), lat: new Float64Array(rows.length), outcomes: new Uint8Array(rows.length) };
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const code = index.outcomeCodeAt(row);
    byCode[code]!++;
    if ((index.flags[row]! & FLAG_LOCATED) === 0) continue;
    const lng = index.lng[row]!;
    const lat = index.lat[row]!;
    if (lng < west) west = lng;
    if (lng > east) east = lng;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
    located[n] = row;
    input.lng[n] = lng;
    input.lat[n] = lat;
    input.outcomes[n++] = code;
  }
  const counts = Object.fromEntries(OUTCOMES.map((outcome, code) => [outcome, byCode[code]!])) as Record<Outcome, number>;
  const trimmed: ClusterInput = n === rows.length ? input : { lng: input.lng.slice(0, n), lat: input.lat.slice(0, n), outcomes: input.outcomes.slice(0, n) };
  const selection: Selection = {
    total: rows.length,
    unplaced: rows.length - n,
    counts,
    bounds: n ? atLeast([west, south, east, north], MIN_SPAN) : null,
    clusterer: buildClusterer(index, located.slice(0, n), trimmed),
    ready: null,
    previous: null,
  };
  selection.clusterer.then((clusterer) => (selection.ready = clusterer)).catch(() => undefined);
  return selection;
}

function cacheOf(index: PointIndex): Cache {
  let cache = caches.get(index);
  if (!cache || cache.version !== index.version) {
    const built = [...(cache?.entries ?? [])].filter(([, selection]) => selection.ready);
    const previous = new Map([...(cache?.previous ?? []), ...built].slice(-CACHE_SIZE));
    cache = { version: index.version, entries: new Map(), previous };
    caches.set(index, cache);
  }
  return cache;
}

/** When Polis received the newest visit in the index (epoch seconds): a page pins its map at it. */
export function newestReceived(index: PointIndex): number {
  const cache = cacheOf(index);
  if (cache.newest === undefined) {
    let newest = 0;
    for (let row = 0; row < index.size; row++) if (index.received[row]! > newest) newest = index.received[row]!;
    cache.newest = newest;
  }
  return cache.newest;
}

/**
 * The rows of these filters summed up (at once, always of the index as it
 * is) with their clusterer, built on first use and again after the index
 * changes; with `answerable`, a filter asked for again after a change is
 * answered from its last selection while a slow rebuild goes on, so a
 * correction never holds the map up for long.
 * With `asOf` (epoch seconds), only the visits Polis had received by then:
 * a map keeps what it showed while new visits come in, until the user asks
 * for them.
 */
export function clustererFor(index: PointIndex, filters: InteractionFilters, zone: string, asOf?: number): Selection {
  const cache = cacheOf(index);
  // A cut-off at or after the newest visit cuts nothing: such maps share the uncut clusterer.
  const cutoff = asOf !== undefined && asOf < newestReceived(index) ? asOf : undefined;
  // Only days depend on the zone: without them one clusterer serves every zone.
  const key = `${filters.from || filters.to ? zone : ''} ${filtersToSearch(filters)}${cutoff === undefined ? '' : ` asOf=${cutoff}`}`;
  let cached = cache.entries.get(key);
  if (cached) {
    cache.entries.delete(key);
  } else {
    const rows = index.select(filters, zone);
    cached = select(index, cutoff === undefined ? rows : rows.filter((row) => index.received[row]! <= cutoff));
    const previous = cache.previous.get(key);
    cached.previous = previous?.ready ? { ...previous, previous: null } : null;
    // A failed build is not kept: the next request tries again.
    const entries = cache.entries;
    cached.clusterer.catch(() => entries.delete(key));
    if (cache.entries.size >= CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  }
  cache.entries.set(key, cached);
  return cached;
}

/** How long a request waits for its filter's clusterer rebuilt after a change before it is answered from the last one. */
const FRESH_WAIT_MS = 150;
/** Below this many interactions a rebuild takes milliseconds: always waited for. */
const STALE_FROM = 50_000;

/**
 * The selection to answer with and its clusterer: this one's once built; the
 * previous one, whole (its counts with its clusters, so that they add up),
 * when this one's takes longer than `waitMs` (only for selections large
 * enough to take that long), then `refreshing`: the map asks again shortly.
 * Only the requests of the first `waitMs` wait: a rebuild of 600,000 points
 * takes several times that, and every request in it waiting held the map's
 * other users up.
 * A filter asked for the first time waits for its own.
 */
export async function answerable(
  selection: Selection,
  { waitMs = FRESH_WAIT_MS, staleFrom = STALE_FROM } = {},
): Promise<{ selection: Selection; clusterer: Clusterer; refreshing: boolean }> {
  if (selection.ready) return { selection, clusterer: selection.ready, refreshing: false };
  const previous = selection.previous;
  if (!previous?.ready || selection.total < staleFrom) return { selection, clusterer: await selection.clusterer, refreshing: false };
  const fresh = !selection.outwaited && (await Promise.race([selection.clusterer, new Promise<null>((resolve) => setTimeout(() => resolve(null), waitMs))]));
  if (fresh) return { selection, clusterer: fresh, refreshing: false };
  selection.outwaited = true;
  return { selection: previous, clusterer: previous.ready, refreshing: true };
}

/** How many visits matching the filters Polis received after `since` (epoch seconds). */
export function countReceivedAfter(index: PointIndex, filters: InteractionFilters, zone: string, since: number): number {
  let count = 0;
  for (const row of index.select(filters, zone)) if (index.received[row]! > since) count++;
  return count;
}

/**
 * Degrees added around a box before asking supercluster: it keeps points as
 * 32-bit floats, so a point exactly on the edge of the data's own bounds
 * (the box the map opens at) can round to just outside it and vanish.
 */
const EDGE_PAD = 1e-4;

export function clustersFor(index: PointIndex, clusterer: Clusterer, bbox: [number, number, number, number], zoom: number): (ClusterFeature | PointFeature)[] {
  const [west, south, east, north] = bbox;
  const padded: [number, number, number, number] = [west - EDGE_PAD, Math.max(-90, south - EDGE_PAD), east + EDGE_PAD, Math.min(90, north + EDGE_PAD)];
  return clusterer.getClusters(padded, Math.round(zoom)).map((feature) => {
    // A point's properties are its row in the index: a number, not an object.
    if (typeof feature.properties === 'number') {
      const row = feature.properties as number;
      return {
        type: 'Feature',
        geometry: feature.geometry,
        properties: { cluster: false, id: index.idAt(row), outcome: index.outcomeAt(row), time: new Date(index.timeAt(row)).toISOString() },
      } satisfies PointFeature;
    }
    const props = feature.properties as ClusterCounts & ClusterProperties;
    return {
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        cluster: true,
        id: props.cluster_id,
        count: props.point_count,
        successful: props.successful,
        contacted: props.contacted,
        unavailable: props.unavailable,
      },
    } satisfies ClusterFeature;
  });
}

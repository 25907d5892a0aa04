/**
 * Clusters of a point index for the map, with supercluster. One clusterer
 * per filter, built over the rows that match it and kept in a small LRU.
 * Points reach supercluster through a lazy iterable, so no GeoJSON object
 * per interaction is ever held; each cluster carries its counts by outcome.
 *
 * @example
 *   const features = clustersFor(index, filters, [-71.2, 42.2, -71.0, 42.4], 13);
 */
import Supercluster, { type ClusterProperties } from 'supercluster';
import type { Feature, Point } from 'geojson';
import { filtersToSearch, type InteractionFilters } from '@/lib/filters/filters';
import type { Outcome } from '@/lib/filters/outcome';
import type { PointIndex } from './point-index';
import { FLAG_LOCATED } from './point-index';

/** Beyond this zoom every interaction is drawn on its own. */
const CLUSTER_MAX_ZOOM = 16;
const CACHE_SIZE = 4;

/**
 * A point's properties are just its row in the index: a number costs
 * supercluster no object per point. (Its types ask for an object, hence the casts.)
 */
type PointProps = Record<string, never>;
const rowOf = (props: unknown) => props as number;
type ClusterProps = { successful: number; contacted: number; unavailable: number };

export type ClusterFeature = Feature<Point, { cluster: true; count: number } & ClusterProps & { id: number }>;
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
    };

type Cached = { clusterer: Supercluster<PointProps, ClusterProps>; total: number; unplaced: number; counts: Record<Outcome, number>; bounds: [number, number, number, number] | null };
const caches = new WeakMap<PointIndex, { version: number; entries: Map<string, Cached>; newest?: number }>();

function build(index: PointIndex, rows: Uint32Array): Cached {
  const located = rows.filter((row) => (index.flags[row]! & FLAG_LOCATED) !== 0);
  const counts: Record<Outcome, number> = { successful: 0, contacted: 0, unavailable: 0 };
  for (const row of rows) counts[index.outcomeAt(row)]++;
  let bounds: Cached['bounds'] = null;
  for (const row of located) {
    const lng = index.lng[row]!;
    const lat = index.lat[row]!;
    bounds = bounds ? [Math.min(bounds[0], lng), Math.min(bounds[1], lat), Math.max(bounds[2], lng), Math.max(bounds[3], lat)] : [lng, lat, lng, lat];
  }
  const clusterer = new Supercluster<PointProps, ClusterProps>({
    maxZoom: CLUSTER_MAX_ZOOM,
    radius: 60,
    map: (props) => {
      const outcome = index.outcomeAt(rowOf(props));
      return { successful: outcome === 'successful' ? 1 : 0, contacted: outcome === 'contacted' ? 1 : 0, unavailable: outcome === 'unavailable' ? 1 : 0 };
    },
    reduce: (sum, props) => {
      sum.successful += props.successful;
      sum.contacted += props.contacted;
      sum.unavailable += props.unavailable;
    },
  });
  // A lazy iterable of transient features: supercluster keeps only its typed arrays.
  const points = {
    length: located.length,
    *[Symbol.iterator]() {
      const feature = { type: 'Feature' as const, properties: 0, geometry: { type: 'Point' as const, coordinates: [0, 0] } };
      for (let i = 0; i < located.length; i++) {
        const row = located[i]!;
        feature.properties = row;
        feature.geometry.coordinates = [index.lng[row]!, index.lat[row]!];
        yield feature;
      }
    },
  };
  clusterer.load(points as unknown as Feature<Point, PointProps>[]);
  return { clusterer, total: rows.length, unplaced: rows.length - located.length, counts, bounds: bounds && atLeast(bounds, MIN_SPAN) };
}

function cacheOf(index: PointIndex) {
  let cache = caches.get(index);
  if (!cache || cache.version !== index.version) {
    cache = { version: index.version, entries: new Map() };
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
 * The clusterer for these filters, built on first use and again after the
 * index changes. With `asOf` (epoch seconds), only the visits Polis had
 * received by then: a map keeps what it showed while new visits come in,
 * until the user asks for them.
 */
export function clustererFor(index: PointIndex, filters: InteractionFilters, zone: string, asOf?: number): Cached {
  const cache = cacheOf(index);
  // A cut-off at or after the newest visit cuts nothing: such maps share the uncut clusterer.
  const cutoff = asOf !== undefined && asOf < newestReceived(index) ? asOf : undefined;
  const key = `${zone} ${filtersToSearch(filters)}${cutoff === undefined ? '' : ` asOf=${cutoff}`}`;
  let cached = cache.entries.get(key);
  if (cached) {
    cache.entries.delete(key);
  } else {
    const rows = index.select(filters, zone);
    cached = build(index, cutoff === undefined ? rows : rows.filter((row) => index.received[row]! <= cutoff));
    if (cache.entries.size >= CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  }
  cache.entries.set(key, cached);
  return cached;
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

export function clustersFor(index: PointIndex, cached: Cached, bbox: [number, number, number, number], zoom: number): (ClusterFeature | PointFeature)[] {
  const [west, south, east, north] = bbox;
  const padded: [number, number, number, number] = [west - EDGE_PAD, Math.max(-90, south - EDGE_PAD), east + EDGE_PAD, Math.min(90, north + EDGE_PAD)];
  return cached.clusterer.getClusters(padded, Math.round(zoom)).map((feature) => {
    if (typeof feature.properties === 'number') {
      const row = rowOf(feature.properties);
      return { type: 'Feature', geometry: feature.geometry, properties: { cluster: false, id: index.idAt(row), outcome: index.outcomeAt(row), time: new Date(index.timeAt(row)).toISOString() } } satisfies PointFeature;
    }
    const props = feature.properties as ClusterProps & ClusterProperties;
    return {
      type: 'Feature',
      geometry: feature.geometry,
      properties: { cluster: true, id: props.cluster_id, count: props.point_count, successful: props.successful, contacted: props.contacted, unavailable: props.unavailable },
    } satisfies ClusterFeature;
  });
}

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
const caches = new WeakMap<PointIndex, { version: number; entries: Map<string, Cached> }>();

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
  return { clusterer, total: rows.length, unplaced: rows.length - located.length, counts, bounds };
}

/** The clusterer for these filters, built on first use and again after the index changes. */
export function clustererFor(index: PointIndex, filters: InteractionFilters, zone: string): Cached {
  let cache = caches.get(index);
  if (!cache || cache.version !== index.version) {
    cache = { version: index.version, entries: new Map() };
    caches.set(index, cache);
  }
  const key = `${zone} ${filtersToSearch(filters)}`;
  let cached = cache.entries.get(key);
  if (cached) {
    cache.entries.delete(key);
  } else {
    cached = build(index, index.select(filters, zone));
    if (cache.entries.size >= CACHE_SIZE) cache.entries.delete(cache.entries.keys().next().value!);
  }
  cache.entries.set(key, cached);
  return cached;
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

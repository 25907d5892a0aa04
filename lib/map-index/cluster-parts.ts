/**
 * A filter's clusterer built on one thread and used on another. Building
 * supercluster over hundreds of thousands of points takes a few hundred
 * milliseconds of one thread, too long for the thread that answers map
 * requests; the index worker builds it, then hands over what the clusterer
 * is made of (its KD-trees are flat buffers, moved rather than copied), and
 * the answering thread puts an equal clusterer back together around them.
 *
 * This reaches into how supercluster 9 keeps its clusterer (`trees`,
 * `coords`, `props`, `clusterProps`): the version is pinned, and a test
 * checks that a clusterer put back together answers exactly as the one built.
 *
 * @example
 *   const { parts } = buildClusterParts({ lng, lat, outcomes });   // in the worker
 *   const clusterer = assembleClusterer(parts, rows);                // where requests are answered
 *   clusterer.getClusters([-71.2, 42.2, -71.0, 42.4], 13);
 */
import KDBush from 'kdbush';
import Supercluster from 'supercluster';
import type { Feature, Point } from 'geojson';

/** Beyond this zoom every interaction is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 16;
const OPTIONS = { minZoom: 0, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2, radius: 60, extent: 512, nodeSize: 64, log: false, generateId: false };

/** Outcome codes of the points, as the clusters count them. */
export const OUTCOME_CODES = ['successful', 'contacted', 'unavailable'] as const;

export type ClusterCounts = { successful: number; contacted: number; unavailable: number };

/** The located points of one filter: positions and outcome codes, point i of each array together. */
export type ClusterInput = { lng: Float64Array; lat: Float64Array; outcomes: Uint8Array };

export type ClusterParts = {
  numPoints: number;
  stride: number;
  /** Distinct KD-trees (zooms where nothing merges share their neighbour's) and which one each zoom uses. */
  trees: { index: ArrayBuffer; data: Int32Array }[];
  treeOfZoom: number[];
  coords: Float64Array;
  /** Counts of each cluster, three numbers a cluster. */
  clusterCounts: Int32Array;
};

type Tree = { ids: { buffer: ArrayBufferLike }; data: Int32Array };
/** The fields of supercluster 9's clusterer this module reads and writes. */
type Internals = {
  trees: Tree[];
  stride: number;
  numPoints: number;
  coords: Float64Array;
  props: ArrayLike<unknown>;
  clusterProps: ClusterCounts[];
  ids: null;
  options: Record<string, unknown>;
};

export type Clusterer = Supercluster<Record<string, never>, ClusterCounts>;

const countsOf = (code: number): ClusterCounts => ({ successful: code === 0 ? 1 : 0, contacted: code === 1 ? 1 : 0, unavailable: code === 2 ? 1 : 0 });

/** Builds the clusterer of these points and takes it apart into transferable parts. */
export function buildClusterParts(input: ClusterInput): { parts: ClusterParts; transfer: ArrayBuffer[] } {
  const clusterer = new Supercluster<Record<string, never>, ClusterCounts>({
    ...OPTIONS,
    // A point's properties are its position in the input: a number, no object per point.
    map: (props) => countsOf(input.outcomes[props as unknown as number]!),
    reduce: (sum, props) => {
      sum.successful += props.successful;
      sum.contacted += props.contacted;
      sum.unavailable += props.unavailable;
    },
  });
  const count = input.lng.length;
  // A lazy iterable of one reused feature: supercluster keeps only numbers from it.
  const points = {
    length: count,
    *[Symbol.iterator]() {
      const feature = { type: 'Feature' as const, properties: 0, geometry: { type: 'Point' as const, coordinates: [0, 0] } };
      for (let i = 0; i < count; i++) {
        feature.properties = i;
        feature.geometry.coordinates = [input.lng[i]!, input.lat[i]!];
        yield feature;
      }
    },
  };
  clusterer.load(points as unknown as Feature<Point, Record<string, never>>[]);
  const internals = clusterer as unknown as Internals;
  const distinct: Tree[] = [];
  const treeOfZoom = internals.trees.map((tree) => {
    if (!tree) return -1;
    const known = distinct.indexOf(tree);
    return known >= 0 ? known : distinct.push(tree) - 1;
  });
  const clusterCounts = new Int32Array(internals.clusterProps.length * 3);
  internals.clusterProps.forEach((counts, i) => clusterCounts.set([counts.successful, counts.contacted, counts.unavailable], i * 3));
  const trees = distinct.map((tree) => ({ index: tree.ids.buffer as ArrayBuffer, data: tree.data }));
  const parts: ClusterParts = { numPoints: internals.numPoints, stride: internals.stride, trees, treeOfZoom, coords: internals.coords, clusterCounts };
  const transfer = [
    ...new Set([...trees.flatMap((tree) => [tree.index, tree.data.buffer as ArrayBuffer]), internals.coords.buffer as ArrayBuffer, clusterCounts.buffer]),
  ];
  return { parts, transfer };
}

/**
 * A clusterer equal to the one the parts were taken from, whose points'
 * properties are `rows[i]` (the index rows of the input's points).
 */
export function assembleClusterer(parts: ClusterParts, rows: Uint32Array): Clusterer {
  const trees = parts.trees.map((tree) => Object.assign(KDBush.from(tree.index), { data: tree.data }));
  const counts = parts.clusterCounts;
  // Read only for the clusters a response returns: counts are made into objects on demand.
  const clusterProps = new Proxy([] as ClusterCounts[], {
    get: (target, key) => {
      if (typeof key !== 'string' || !/^\d+$/.test(key)) return Reflect.get(target, key);
      const i = Number(key) * 3;
      return { successful: counts[i]!, contacted: counts[i + 1]!, unavailable: counts[i + 2]! };
    },
  });
  const internals: Internals = {
    options: { ...OPTIONS },
    trees: parts.treeOfZoom.map((i) => trees[i]!),
    stride: parts.stride,
    numPoints: parts.numPoints,
    coords: parts.coords,
    props: rows,
    clusterProps,
    ids: null,
  };
  return Object.assign(Object.create(Supercluster.prototype) as Clusterer, internals);
}

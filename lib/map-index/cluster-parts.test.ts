import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import { assembleClusterer, buildClusterParts, type ClusterInput } from './cluster-parts';

/** A fixed scatter over Boston, denser in its middle (a small LCG: the same points every run). */
function scatter(count: number): ClusterInput {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const input: ClusterInput = { lng: new Float64Array(count), lat: new Float64Array(count), outcomes: new Uint8Array(count) };
  for (let i = 0; i < count; i++) {
    const spread = i % 3 ? 0.3 : 0.01;
    input.lng[i] = -71.1 + (next() - 0.5) * spread;
    input.lat[i] = 42.3 + (next() - 0.5) * spread;
    input.outcomes[i] = Math.floor(next() * 3);
  }
  return input;
}

/** The clusterer as it was built before it moved between threads: supercluster over features whose properties are rows. */
function builtDirectly(input: ClusterInput, rows: Uint32Array) {
  const outcomeOf = new Map(Array.from(rows, (row, i) => [row, input.outcomes[i]!]));
  const clusterer = new Supercluster<{ row: number }, { successful: number; contacted: number; unavailable: number }>({
    maxZoom: 16,
    radius: 60,
    map: (props) => ({
      successful: outcomeOf.get(props.row) === 0 ? 1 : 0,
      contacted: outcomeOf.get(props.row) === 1 ? 1 : 0,
      unavailable: outcomeOf.get(props.row) === 2 ? 1 : 0,
    }),
    reduce: (sum, props) => {
      sum.successful += props.successful;
      sum.contacted += props.contacted;
      sum.unavailable += props.unavailable;
    },
  });
  clusterer.load(
    Array.from(rows, (row, i) => ({ type: 'Feature', properties: { row }, geometry: { type: 'Point', coordinates: [input.lng[i]!, input.lat[i]!] } })),
  );
  return clusterer;
}

describe('a clusterer taken apart and put back together', () => {
  it('answers every view exactly as supercluster built in one piece', () => {
    const input = scatter(3000);
    const rows = Uint32Array.from({ length: 3000 }, (_, i) => 10 * i + 7);
    const reference = builtDirectly(input, rows);
    const { parts, transfer } = buildClusterParts({ lng: input.lng.slice(), lat: input.lat.slice(), outcomes: input.outcomes.slice() });
    // What a thread would move: each buffer once.
    expect(new Set(transfer).size).toBe(transfer.length);
    const assembled = assembleClusterer(structuredClone(parts, { transfer }), rows);
    const views: [number, number, number, number][] = [
      [-180, -85, 180, 85],
      [-71.12, 42.29, -71.08, 42.31],
      [-71.3, 42.1, -71.1, 42.3],
    ];
    for (const zoom of [0, 3, 8, 11, 13, 15, 16, 17, 20]) {
      for (const view of views) {
        const ours = assembled.getClusters(view, zoom).map((f) => ({ c: f.geometry.coordinates, p: f.properties }));
        const theirs = reference.getClusters(view, zoom).map((f) => ({ c: f.geometry.coordinates, p: (f.properties as { row?: number }).row ?? f.properties }));
        expect(ours, `zoom ${zoom} ${view.join(',')}`).toEqual(theirs);
      }
    }
  });
});

/**
 * A point index as one binary blob, so a restarted process or a second
 * instance can load it instead of walking the campaign again: a magic word,
 * the index's format version, a JSON header (sizes, dictionaries, the
 * arrays' layout), then each typed array's bytes on an 8-byte boundary.
 * A blob of another format version is refused, never misread.
 *
 * @example
 *   const bytes = encodeSnapshot(index);
 *   const copy = decodeSnapshot(bytes); // throws SnapshotFormatError when stale
 */
import { INDEX_FORMAT_VERSION, PointIndex, type IndexState } from './point-index';

const MAGIC = 0x58444950; // "PIDX", little-endian

const TYPES = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;
type Column = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

export class SnapshotFormatError extends Error {
  constructor(readonly found: number) {
    super(`index snapshot of format ${found}, this build reads ${INDEX_FORMAT_VERSION}`);
    this.name = 'SnapshotFormatError';
  }
}

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeSnapshot(index: PointIndex): Uint8Array {
  const state = index.exportState();
  const arrays: [string, Column][] = [
    ...Object.entries(state.columns),
    ...state.answers.map((answer) => [`answer:${answer.questionId}`, answer.cells] as [string, Column]),
    ['households.lat', state.households.lat],
    ['households.lng', state.households.lng],
    ['households.building', state.households.building],
  ];
  const header = new TextEncoder().encode(
    JSON.stringify({
      size: state.size,
      sortedCount: state.sortedCount,
      canvassers: state.canvassers,
      lists: state.lists,
      walklists: state.walklists,
      answers: state.answers.map(({ cells: _cells, ...answer }) => answer),
      households: { ids: state.households.ids, buildings: state.households.buildings, loaded: state.households.loaded },
      arrays: arrays.map(([name, array]) => ({ name, type: array.constructor.name, length: array.length })),
    }),
  );
  let length = pad8(12 + header.length);
  for (const [, array] of arrays) length += pad8(array.byteLength);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, INDEX_FORMAT_VERSION, true);
  view.setUint32(8, header.length, true);
  bytes.set(header, 12);
  let offset = pad8(12 + header.length);
  for (const [, array] of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset += pad8(array.byteLength);
  }
  return bytes;
}

/** The format version a snapshot was written with, or undefined when it is no snapshot at all. */
export function snapshotFormat(bytes: Uint8Array): number | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, true) === MAGIC ? view.getUint32(4, true) : undefined;
}

export function decodeSnapshot(bytes: Uint8Array): PointIndex {
  const format = snapshotFormat(bytes);
  if (format !== INDEX_FORMAT_VERSION) throw new SnapshotFormatError(format ?? -1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Omit<IndexState, 'columns' | 'answers' | 'households'> & {
    answers: Omit<IndexState['answers'][number], 'cells'>[];
    households: { ids: string[]; buildings: string[]; loaded: boolean };
    arrays: { name: string; type: TypeName; length: number }[];
  };
  const arrays = new Map<string, Column>();
  let offset = pad8(12 + headerLength);
  for (const { name, type, length } of header.arrays) {
    const Type = TYPES[type];
    if (!Type || offset + length * Type.BYTES_PER_ELEMENT > bytes.length) throw new SnapshotFormatError(format);
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    // A copy: the blob's buffer may not sit on the array's alignment.
    arrays.set(name, new Type(bytes.slice(offset, offset + byteLength).buffer));
    offset += pad8(byteLength);
  }
  const column = <T extends Column>(name: string) => arrays.get(name) as T;
  return PointIndex.fromState({
    size: header.size,
    sortedCount: header.sortedCount,
    canvassers: header.canvassers,
    lists: header.lists,
    walklists: header.walklists,
    columns: Object.fromEntries(
      header.arrays.filter(({ name }) => !name.includes(':') && !name.includes('.')).map(({ name }) => [name, arrays.get(name)]),
    ) as IndexState['columns'],
    answers: header.answers.map((answer) => ({ ...answer, cells: column<Uint8Array | Uint16Array>(`answer:${answer.questionId}`) })),
    households: {
      ...header.households,
      lat: column<Float32Array>('households.lat'),
      lng: column<Float32Array>('households.lng'),
      building: column<Int32Array>('households.building'),
    },
  });
}

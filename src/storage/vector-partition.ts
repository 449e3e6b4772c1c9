/**
 * Dealing a run of loaded rows (column vectors) to their destination slices — the vector form of
 * placement.ts's placeRows, placing every row where placeRows would place the same engine values.
 * Only row indexes are dealt, never values: each destination's build gathers its rows straight from
 * the shared row group, so the rows are copied once on their way into blocks. Numeric keys are
 * hashed straight from the typed buffers with the engine's own hash of the value (types/hash.ts), so
 * no value is boxed; other key types are decoded once for hashing.
 */
import type { ColumnVector } from '../types/column-vector.js';
import { assertNever } from '../types/datatype.js';
import { hashNumber } from '../types/hash.js';
import { hashValue } from '../types/index.js';
import { sliceForHash, type Placement, type Topology } from './placement.js';
import { bitAt } from './vector-buffers.js';
import { valuesOfVector } from './vector-values.js';
import { int32Words, readInt64AsNumber } from './wide-ints.js';

/**
 * The rows of one group each destination slice receives: ascending row indexes (in shared memory,
 * so they cross to the building node without a copy), or null for every row. Slices receiving no
 * row are absent. EVEN continues the round-robin from `evenCursor`; ALL hands every row to the first
 * slice of every node.
 */
export function partitionRows(
  placement: Placement, vectors: readonly ColumnVector[], rowCount: number, topology: Topology, evenCursor: number,
): { perSlice: Map<number, Int32Array | null>; evenCursor: number } {
  const perSlice = new Map<number, Int32Array | null>();
  if (rowCount === 0) return { perSlice, evenCursor };
  for (const v of vectors) if (v.length !== rowCount) throw new Error(`partitionRows: a vector of ${v.length} rows in a group of ${rowCount}`);
  switch (placement.kind) {
    case 'all':
      for (let first = 0; first < topology.sliceCount; first += topology.slicesPerNode) perSlice.set(first, null);
      return { perSlice, evenCursor };
    case 'even': {
      const dest = new Int32Array(rowCount);
      for (let row = 0; row < rowCount; row++) dest[row] = (evenCursor + row) % topology.sliceCount;
      deal(dest, topology.sliceCount, perSlice);
      return { perSlice, evenCursor: (evenCursor + rowCount) % topology.sliceCount };
    }
    case 'key':
      deal(keySlices(vectors[placement.column]!, topology.sliceCount), topology.sliceCount, perSlice);
      return { perSlice, evenCursor };
    default:
      return assertNever(placement);
  }
}

/** Each slice's row indexes (a counting sort by destination, so row order holds), in one shared buffer. */
function deal(dest: Int32Array, sliceCount: number, perSlice: Map<number, Int32Array | null>): void {
  const n = dest.length;
  const starts = new Int32Array(sliceCount + 1);
  for (let i = 0; i < n; i++) starts[dest[i]! + 1]!++;
  for (let s = 0; s < sliceCount; s++) starts[s + 1]! += starts[s]!;
  const only = dest[0]!;
  if (starts[only + 1]! - starts[only]! === n) {
    perSlice.set(only, null);
    return;
  }
  const rows = new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT));
  const fill = starts.slice(0, sliceCount);
  for (let i = 0; i < n; i++) rows[fill[dest[i]!]!++] = i;
  for (let s = 0; s < sliceCount; s++) if (starts[s + 1]! > starts[s]!) perSlice.set(s, rows.subarray(starts[s]!, starts[s + 1]!));
}

/** The destination slice of each row by its key's hash; NULL keys hash to 0, so they land on slice 0. */
export function keySlices(key: ColumnVector, sliceCount: number): Int32Array {
  const n = key.length;
  const dest = new Int32Array(n);
  const validity = key.validity;
  const numberAt = numberReader(key);
  if (numberAt !== null) {
    for (let i = 0; i < n; i++) dest[i] = validity !== null && bitAt(validity, i) === 0 ? 0 : sliceForHash(hashNumber(numberAt(i)), sliceCount);
    return dest;
  }
  if (key.type.kind === 'bigint') {
    // A bigint within ±2^53 hashes as the equal number (types/hash.ts); only wider ones need a bigint.
    const words = int32Words(key.values);
    const wide = key.values as BigInt64Array;
    for (let i = 0; i < n; i++) {
      if (validity !== null && bitAt(validity, i) === 0) continue;
      const hi = words[2 * i + 1]!;
      const hash = hi > -0x200000 && hi < 0x200000 ? hashNumber(readInt64AsNumber(words, i)) : hashValue(wide[i]!, key.type);
      dest[i] = sliceForHash(hash, sliceCount);
    }
    return dest;
  }
  const values = valuesOfVector(key);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    dest[i] = v === null ? 0 : sliceForHash(hashValue(v, key.type), sliceCount);
  }
  return dest;
}

/** Reads row i as the engine's number, for types whose engine value is a number (else null). */
function numberReader(v: ColumnVector): ((i: number) => number) | null {
  switch (v.type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
    case 'real':
    case 'double': {
      const values = v.values as Int16Array | Int32Array | Float32Array | Float64Array;
      return (i) => values[i]!;
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time': {
      const words = int32Words(v.values);
      return (i) => readInt64AsNumber(words, i);
    }
    default:
      return null;
  }
}

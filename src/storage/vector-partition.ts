/**
 * Dealing a run of loaded rows (column vectors) to their destination slices — the vector form of
 * placement.ts's placeRows, placing every row where placeRows would place the same engine values.
 * Numeric keys are hashed straight from the typed buffers with the engine's own hash of the value
 * (types/hash.ts), so no value is boxed; other key types are decoded once for hashing.
 */
import type { ColumnVector } from '../types/column-vector.js';
import { assertNever } from '../types/datatype.js';
import { hashNumber } from '../types/hash.js';
import { hashValue } from '../types/index.js';
import { sliceForHash, type Placement, type Topology } from './placement.js';
import { bitAt } from './vector-buffers.js';
import { valuesOfVector } from './vector-values.js';
import { alignedPieces, concatVectors, permuteVector } from './vector-permute.js';
import { int32Words, readInt64AsNumber } from './wide-ints.js';

/**
 * The group's rows copied out to their destination slices, each destination's rows as compact
 * vectors in shared memory, in row order: one pass over each column, every row read once and written
 * once. Slices receiving no row are absent. KEY sends a NULL key to slice 0; EVEN continues the
 * round-robin from `evenCursor`; ALL makes one copy, which every node's first slice shares. The
 * group itself may be transient (a converter's own memory).
 */
export function dealVectors(
  placement: Placement, vectors: readonly ColumnVector[], rowCount: number, topology: Topology, evenCursor: number,
): { perSlice: Map<number, ColumnVector[]>; evenCursor: number } {
  const perSlice = new Map<number, ColumnVector[]>();
  if (rowCount === 0) return { perSlice, evenCursor };
  for (const v of vectors) if (v.length !== rowCount) throw new Error(`dealVectors: a vector of ${v.length} rows in a group of ${rowCount}`);
  switch (placement.kind) {
    case 'all': {
      const copy = vectors.map((v) => concatVectors(v.type, [v]));
      for (let first = 0; first < topology.sliceCount; first += topology.slicesPerNode) perSlice.set(first, copy);
      return { perSlice, evenCursor };
    }
    case 'even': {
      const dest = new Int32Array(rowCount);
      for (let row = 0; row < rowCount; row++) dest[row] = (evenCursor + row) % topology.sliceCount;
      copyToSlices(vectors, dest, topology.sliceCount, perSlice);
      return { perSlice, evenCursor: (evenCursor + rowCount) % topology.sliceCount };
    }
    case 'key':
      copyToSlices(vectors, keySlices(vectors[placement.column]!, topology.sliceCount), topology.sliceCount, perSlice);
      return { perSlice, evenCursor };
    default:
      return assertNever(placement);
  }
}

/**
 * Row i goes to slice dest[i], after the earlier rows of that slice: each column is written once, the
 * slices' rows one region after another, and each slice gets its region as a view (vector-permute.ts).
 */
function copyToSlices(vectors: readonly ColumnVector[], dest: Int32Array, sliceCount: number, perSlice: Map<number, ColumnVector[]>): void {
  const n = dest.length;
  const counts = new Int32Array(sliceCount);
  for (let i = 0; i < n; i++) counts[dest[i]!]!++;
  const slices: number[] = [];
  for (let s = 0; s < sliceCount; s++) if (counts[s]! > 0) slices.push(s);
  const { pieces, size } = alignedPieces(slices.map((s) => counts[s]!));
  const next = new Int32Array(sliceCount);
  slices.forEach((s, k) => (next[s] = pieces[k]!.start));
  const positions = new Int32Array(n);
  for (let i = 0; i < n; i++) positions[i] = next[dest[i]!]!++;
  const columns = vectors.map((v) => permuteVector(v.type, [v], positions, size, pieces));
  slices.forEach((s, k) => perSlice.set(s, columns.map((piecesOfColumn) => piecesOfColumn[k]!)));
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

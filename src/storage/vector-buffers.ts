/**
 * Allocating column vectors laid out exactly as chunk-encoder lays out a ColumnChunk: validity,
 * offsets (strings) and values back to back in one SharedArrayBuffer, zero-filled, so a vector
 * gathered here can become a stored chunk as is, and crosses worker threads without a copy.
 */
import { layoutOf, type VectorValues } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { allocateShared } from './shared-buffers.js';

export interface VectorBuffers {
  readonly values: VectorValues;
  readonly offsets: Int32Array | null;
  readonly validity: Uint8Array | null;
}

/** Zero-filled buffers for `length` values of `type` (`utf8Bytes`: the string bytes, strings only). */
export function allocateVector(type: SqlType, length: number, withValidity: boolean, utf8Bytes = 0): VectorBuffers {
  return allocateVectors(type, [{ length, withValidity, utf8Bytes }])[0]!;
}

export interface VectorSize {
  readonly length: number;
  readonly withValidity: boolean;
  /** The string bytes (strings only). */
  readonly utf8Bytes?: number;
}

/**
 * Zero-filled buffers for several vectors of `type`, all in one SharedArrayBuffer (each vector's
 * buffers back to back, as allocateVector lays them out). Fewer buffers are cheaper to make and to
 * pass between threads: every SharedArrayBuffer in a message costs its own serialization.
 */
export function allocateVectors(type: SqlType, sizes: readonly VectorSize[]): VectorBuffers[] {
  const layout = layoutOf(type);
  const regions = sizes.map(({ length, withValidity, utf8Bytes = 0 }) => {
    const validityBytes = withValidity ? Math.ceil(length / 8) : 0;
    return layout === 'utf8' ? [validityBytes, (length + 1) * 4, utf8Bytes] : [validityBytes, layout === 'bits' ? Math.ceil(length / 8) : length * layout];
  });
  const { buffer, starts } = allocateShared(regions.flat());
  let at = 0;
  return sizes.map(({ length, withValidity }, v) => {
    const region = regions[v]!;
    const first = at;
    at += region.length;
    const validity = withValidity ? new Uint8Array(buffer, starts[first], region[0]) : null;
    if (layout !== 'utf8') return { values: valuesView(type, buffer, starts[first + 1]!, length), offsets: null, validity };
    return { values: new Uint8Array(buffer, starts[first + 2], region[2]), offsets: new Int32Array(buffer, starts[first + 1], length + 1), validity };
  });
}

/** The typed-array class chunk-encoder uses for the type's values. */
function valuesView(type: SqlType, buffer: SharedArrayBuffer, at: number, length: number): VectorValues {
  switch (type.kind) {
    case 'smallint': return new Int16Array(buffer, at, length);
    case 'integer':
    case 'date': return new Int32Array(buffer, at, length);
    case 'real': return new Float32Array(buffer, at, length);
    case 'double': return new Float64Array(buffer, at, length);
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time': return new BigInt64Array(buffer, at, length);
    case 'decimal': return new Uint32Array(buffer, at, length * 4);
    case 'boolean': return new Uint8Array(buffer, at, Math.ceil(length / 8));
    default:
      throw new Error(`valuesView: ${type.kind} has no fixed-width layout`);
  }
}

/** Bit `i` of an Arrow bitmap (LSB first), 0 or 1. */
export function bitAt(bits: Uint8Array, i: number): number {
  return (bits[i >> 3]! >> (i & 7)) & 1;
}

export function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3]! |= 1 << (i & 7);
}

/** Bits `[start, start + length)` of `bits` as a bitmap starting at bit 0 (a view when byte-aligned, else a copy). */
export function bitsFrom(bits: Uint8Array, start: number, length: number): Uint8Array {
  if ((start & 7) === 0) return bits.subarray(start >> 3, (start >> 3) + Math.ceil(length / 8));
  const out = new Uint8Array(Math.ceil(length / 8));
  for (let i = 0; i < length; i++) if (bitAt(bits, start + i) !== 0) setBit(out, i);
  return out;
}

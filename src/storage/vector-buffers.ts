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
  const validityBytes = withValidity ? Math.ceil(length / 8) : 0;
  const layout = layoutOf(type);
  if (layout === 'utf8') {
    const { buffer, starts } = allocateShared([validityBytes, (length + 1) * 4, utf8Bytes]);
    return {
      values: new Uint8Array(buffer, starts[2], utf8Bytes),
      offsets: new Int32Array(buffer, starts[1], length + 1),
      validity: withValidity ? new Uint8Array(buffer, starts[0], validityBytes) : null,
    };
  }
  const { buffer, starts } = allocateShared([validityBytes, layout === 'bits' ? Math.ceil(length / 8) : length * layout]);
  return { values: valuesView(type, buffer, starts[1]!, length), offsets: null, validity: withValidity ? new Uint8Array(buffer, starts[0], validityBytes) : null };
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

/** The byte length every string of a vector has (its n + 1 offsets evenly spaced), or -1 (n >= 1). */
export function uniformStringWidth(offsets: Int32Array, n: number): number {
  const base = offsets[0]!;
  const width = offsets[1]! - base;
  if (offsets[n]! - base !== n * width) return -1;
  for (let i = 2; i < n; i++) if (offsets[i] !== base + i * width) return -1;
  return width;
}

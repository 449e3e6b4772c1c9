/**
 * Column vectors to and from engine values (types/datatype.ts). Both directions reuse the stored
 * chunk's codec (block-reader.ts, chunk-encoder.ts): a vector has a chunk's layout, so a run of its
 * rows read as a chunk yields exactly what a scan of the same data would.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import type { ColumnChunk } from './block.js';
import { readColumn } from './block-reader.js';
import { encodeChunk } from './chunk-encoder.js';
import { bitAt, bitsFrom } from './vector-buffers.js';
import { layoutOf } from '../types/column-vector.js';

/** Rows `[start, end)` of the vector as engine values (NULL is `null`), as readColumn returns them. */
export function valuesOfVector(v: ColumnVector, start = 0, end = v.length): unknown[] {
  if (start < 0 || end > v.length || start > end) throw new Error(`valuesOfVector: rows [${start}, ${end}) of a vector of ${v.length}`);
  const length = end - start;
  let nullCount = 0;
  if (v.validity !== null) for (let i = start; i < end; i++) nullCount += 1 - bitAt(v.validity, i);
  const chunk: ColumnChunk = {
    type: v.type,
    length,
    values: valuesFrom(v, start, end),
    offsets: v.offsets === null ? null : v.offsets.subarray(start, end + 1),
    validity: v.validity === null ? null : bitsFrom(v.validity, start, length),
    nullCount,
    min: null,
    max: null,
  };
  return readColumn(chunk);
}

/** The values buffer seen from row `start` (strings keep the whole byte buffer: their offsets locate them). */
function valuesFrom(v: ColumnVector, start: number, end: number): ColumnVector['values'] {
  if (start === 0) return v.values;
  const layout = layoutOf(v.type);
  switch (layout) {
    case 'utf8': return v.values;
    case 'bits': return bitsFrom(v.values as Uint8Array, start, end - start);
    case 16: return v.values.subarray(4 * start, 4 * end);
    default: return v.values.subarray(start, end);
  }
}

/**
 * Engine values as a vector of `type` (constant columns, tests). With `shared` the buffers are in a
 * SharedArrayBuffer (to cross worker threads without a copy), else in a private ArrayBuffer.
 */
export function vectorFromValues(type: SqlType, values: readonly unknown[], shared = false): ColumnVector {
  const chunk = encodeChunk(type, values, 0, values.length);
  const vector: ColumnVector = { type, length: chunk.length, values: chunk.values, offsets: chunk.offsets, validity: chunk.validity, nullCount: chunk.nullCount };
  return shared ? vector : unshared(vector);
}

/** The vector over a private copy of its (single) SharedArrayBuffer, every view at the same offset. */
function unshared(v: ColumnVector): ColumnVector {
  const copy = new Uint8Array(v.values.buffer.byteLength);
  copy.set(new Uint8Array(v.values.buffer));
  const rebase = <T extends ColumnVector['values'] | Int32Array>(view: T): T => {
    const View = view.constructor as new (buffer: ArrayBuffer, byteOffset: number, length: number) => T;
    return new View(copy.buffer, view.byteOffset, view.length);
  };
  return { ...v, values: rebase(v.values), offsets: v.offsets && rebase(v.offsets), validity: v.validity && rebase(v.validity) };
}

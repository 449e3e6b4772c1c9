/**
 * Column vectors to and from engine values (types/datatype.ts). Both directions reuse the stored
 * chunk's codec (block-reader.ts, chunk-encoder.ts): a vector has a chunk's layout, so a run of its
 * rows read as a chunk yields exactly what a scan of the same data would.
 */
import type { ColumnVector } from '../types/column-vector.js';
import { assertNever, type SqlType } from '../types/datatype.js';
import type { ColumnChunk } from './block.js';
import { readColumn } from './block-reader.js';
import { encodeValues } from './chunk-encoder.js';
import { allocateVector, bitAt, bitsFrom, setBit } from './vector-buffers.js';
import { layoutOf } from '../types/column-vector.js';
import { int32Words, writeInt64FromNumber } from './wide-ints.js';

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
  const encoded = encodeValues(type, values, 0, values.length);
  const vector: ColumnVector = { type, length: values.length, values: encoded.values, offsets: encoded.offsets, validity: encoded.validity, nullCount: encoded.nullCount };
  return shared ? vector : unshared(vector);
}

/**
 * Engine values that are numbers, as a vector of `type`, without boxing them: `values[i]` is row i's
 * engine number (DATE days, TIMESTAMP/TIME microseconds, BOOLEAN 1 or 0; BIGINT and DECIMAL — scaled
 * by 10^scale — as safe integers), and `nulls[i] !== 0` marks row i NULL (its number is ignored). The
 * same bytes vectorFromValues writes for the same values, in shared memory.
 */
export function vectorFromNumbers(type: SqlType, values: Float64Array, nulls: Uint8Array | null): ColumnVector {
  const n = values.length;
  let nullCount = 0;
  if (nulls !== null) for (let i = 0; i < n; i++) if (nulls[i] !== 0) nullCount++;
  const out = allocateVector(type, n, nullCount > 0);
  const isNull = (i: number): boolean => nullCount > 0 && nulls![i] !== 0;
  if (out.validity !== null) for (let i = 0; i < n; i++) if (!isNull(i)) setBit(out.validity, i);
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
    case 'real':
    case 'double': {
      const target = out.values as Int16Array | Int32Array | Float32Array | Float64Array;
      for (let i = 0; i < n; i++) if (!isNull(i)) target[i] = values[i]!;
      break;
    }
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time': {
      const words = int32Words(out.values);
      for (let i = 0; i < n; i++) if (!isNull(i)) writeInt64FromNumber(words, i, values[i]!);
      break;
    }
    case 'decimal': {
      // Decimal128: the low int64 from the number, the high one its sign extension.
      const words = int32Words(out.values);
      for (let i = 0; i < n; i++) {
        if (isNull(i)) continue;
        const v = values[i]!;
        writeInt64FromNumber(words, 2 * i, v);
        words[4 * i + 2] = words[4 * i + 3] = v < 0 ? -1 : 0;
      }
      break;
    }
    case 'boolean': {
      const bits = out.values as Uint8Array;
      for (let i = 0; i < n; i++) if (!isNull(i) && values[i] !== 0) setBit(bits, i);
      break;
    }
    case 'char':
    case 'varchar':
    case 'interval':
    case 'unknown':
      throw new Error(`vectorFromNumbers: ${type.kind} values are not numbers`);
    default:
      assertNever(type);
  }
  return { type, length: n, values: out.values, offsets: null, validity: out.validity, nullCount };
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

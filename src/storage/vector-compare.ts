/**
 * Comparing rows of a column vector in place, in the engine's order (types/compare.ts) without
 * decoding values: 64- and 128-bit integers word by word, floats with NaN above everything and
 * -0 equal to 0, strings as UTF-8 bytes with trailing blanks ignored — UTF-8 byte order is code
 * point order, which is the order compareStrings defines. (Strings are assumed valid UTF-8, as the
 * converters guarantee; the engine would read invalid bytes as U+FFFD.)
 */
import type { ColumnVector } from '../types/column-vector.js';
import { compareFloats } from '../types/compare.js';
import { assertNever } from '../types/datatype.js';
import { bitAt } from './vector-buffers.js';
import { int32Words } from './wide-ints.js';

/** Compares two rows' non-null values (<0, 0, >0). */
export type RowCompare = (a: number, b: number) => number;

const SPACE = 0x20;

/** A comparator of the vector's non-null values by row index. */
export function valueCompare(v: ColumnVector): RowCompare {
  const type = v.type;
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'date': {
      const values = v.values as Int16Array | Int32Array;
      return (a, b) => values[a]! - values[b]!;
    }
    case 'real':
    case 'double': {
      const values = v.values as Float32Array | Float64Array;
      return (a, b) => compareFloats(values[a]!, values[b]!);
    }
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time': {
      const words = int32Words(v.values);
      return (a, b) => compareInt64(words, a, b);
    }
    case 'decimal': {
      const words = int32Words(v.values);
      return (a, b) => compareInt128(words, a, b);
    }
    case 'boolean': {
      const bits = v.values as Uint8Array;
      return (a, b) => bitAt(bits, a) - bitAt(bits, b);
    }
    case 'char':
    case 'varchar': {
      const offsets = v.offsets!;
      const bytes = v.values as Uint8Array;
      const ends = trimmedEnds(v);
      const view = dataView(bytes);
      return (a, b) => compareBytes(view, bytes, offsets[a]!, ends[a]!, offsets[b]!, ends[b]!);
    }
    case 'interval':
    case 'unknown':
      throw new Error(`valueCompare: no ${type.kind} vectors`);
    default:
      return assertNever(type);
  }
}

/** Signed 64-bit values `a` and `b` given as little-endian word pairs. */
export function compareInt64(words: Int32Array, a: number, b: number): number {
  const ha = words[2 * a + 1]!;
  const hb = words[2 * b + 1]!;
  if (ha !== hb) return ha < hb ? -1 : 1;
  const la = words[2 * a]! >>> 0;
  const lb = words[2 * b]! >>> 0;
  return la < lb ? -1 : la > lb ? 1 : 0;
}

/** Signed 128-bit values as four little-endian words each: the top word signed, the rest unsigned. */
export function compareInt128(words: Int32Array, a: number, b: number): number {
  const wa = 4 * a;
  const wb = 4 * b;
  const ta = words[wa + 3]!;
  const tb = words[wb + 3]!;
  if (ta !== tb) return ta < tb ? -1 : 1;
  for (let k = 2; k >= 0; k--) {
    const x = words[wa + k]! >>> 0;
    const y = words[wb + k]! >>> 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Byte ranges [sa, ea) and [sb, eb) of `bytes` (`view` over the same bytes), compared bytewise, the
 * shorter first on a common prefix. Four bytes at a time: a big-endian 32-bit read orders as its bytes do.
 */
export function compareBytes(view: DataView, bytes: Uint8Array, sa: number, ea: number, sb: number, eb: number): number {
  const n = Math.min(ea - sa, eb - sb);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const x = view.getUint32(sa + k);
    const y = view.getUint32(sb + k);
    if (x !== y) return x < y ? -1 : 1;
  }
  for (; k < n; k++) {
    const d = bytes[sa + k]! - bytes[sb + k]!;
    if (d !== 0) return d;
  }
  return ea - sa - (eb - sb);
}

export function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Where the string [start, end) ends once its trailing blanks are dropped. */
export function trimmedEnd(bytes: Uint8Array, start: number, end: number): number {
  while (end > start && bytes[end - 1] === SPACE) end--;
  return end;
}

/** Where each string ends once its trailing blanks are dropped (Redshift ignores them when comparing). */
export function trimmedEnds(v: ColumnVector): Int32Array {
  const offsets = v.offsets!;
  const bytes = v.values as Uint8Array;
  const ends = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) ends[i] = trimmedEnd(bytes, offsets[i]!, offsets[i + 1]!);
  return ends;
}

/**
 * A gathered vector's zone map, equal to what zone-map.ts computes from the decoded values: the
 * first-seen of equal values wins (which matters for CHAR blanks and -0/0). Computed on the typed
 * buffers with one loop per layout; only the two winning rows are decoded.
 */
import type { ColumnVector } from '../types/column-vector.js';
import { assertNever } from '../types/datatype.js';
import type { ZoneMap } from './zone-map.js';
import { bitAt, uniformStringWidth } from './vector-buffers.js';
import { compareFloats } from '../types/compare.js';
import { compareBytes, dataView, trimmedEnd } from './vector-compare.js';
import { valuesOfVector } from './vector-values.js';
import { int32Words } from './wide-ints.js';

const SPACE = 0x20;

export function zoneMapOfVector(v: ColumnVector): ZoneMap {
  if (v.nullCount === v.length) return { min: null, max: null };
  const type = v.type;
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
      return intRange(v.values as Int16Array | Int32Array, v.validity, v.length);
    case 'real':
    case 'double':
      return floatRange(v.values as Float32Array | Float64Array, v.validity, v.length);
    case 'boolean':
      return booleanRange(v.values as Uint8Array, v.validity, v.length);
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return decodedAt(v, int64Extremes(int32Words(v.values), v.validity, v.length));
    case 'decimal':
      return decodedAt(v, int128Extremes(int32Words(v.values), v.validity, v.length));
    case 'char':
    case 'varchar':
      if (v.nullCount === 0 && uniformStringWidth(v.offsets!, v.length) === 1) return decodedAt(v, oneByteExtremes(v.values as Uint8Array, v.offsets![0]!, v.length));
      return decodedAt(v, stringExtremes(v.offsets!, v.values as Uint8Array, v.validity, v.length));
    case 'interval':
    case 'unknown':
      throw new Error(`zoneMapOfVector: no ${type.kind} vectors`);
    default:
      return assertNever(type);
  }
}

function decodedAt(v: ColumnVector, [min, max]: readonly [number, number]): ZoneMap {
  return { min: valuesOfVector(v, min, min + 1)[0], max: valuesOfVector(v, max, max + 1)[0] };
}

/** The smallest and largest non-null value (Infinity and -Infinity when every row is NULL). */
export function intRange(values: Int16Array | Int32Array, validity: Uint8Array | null, n: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  if (validity === null) {
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { min, max };
  }
  for (let i = 0; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const x = values[i]!;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { min, max };
}

function floatRange(values: Float32Array | Float64Array, validity: Uint8Array | null, n: number): ZoneMap {
  let seen = false;
  let min = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const x = values[i]!;
    if (!seen) {
      seen = true;
      min = x;
      max = x;
    } else if (compareFloats(x, min) < 0) {
      min = x;
    } else if (compareFloats(x, max) > 0) {
      max = x;
    }
  }
  return { min, max };
}

function booleanRange(bits: Uint8Array, validity: Uint8Array | null, n: number): ZoneMap {
  let anyFalse = false;
  let anyTrue = false;
  for (let i = 0; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    if (bitAt(bits, i) !== 0) anyTrue = true;
    else anyFalse = true;
  }
  return { min: !anyFalse, max: anyTrue };
}

/** The first non-null row, or -1. */
function firstValid(validity: Uint8Array | null, n: number): number {
  if (validity === null) return n > 0 ? 0 : -1;
  for (let i = 0; i < n; i++) if (bitAt(validity, i) !== 0) return i;
  return -1;
}

/** The current bounds' words kept in locals: the high word (signed) decides unless equal, then the low (unsigned). */
function int64Extremes(words: Int32Array, validity: Uint8Array | null, n: number): [number, number] {
  let min = firstValid(validity, n);
  let max = min;
  let minHigh = words[2 * min + 1]!, minLow = words[2 * min]! >>> 0;
  let maxHigh = minHigh, maxLow = minLow;
  for (let i = min + 1; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const high = words[2 * i + 1]!;
    const low = words[2 * i]! >>> 0;
    if (high < minHigh || (high === minHigh && low < minLow)) {
      min = i;
      minHigh = high;
      minLow = low;
    } else if (high > maxHigh || (high === maxHigh && low > maxLow)) {
      max = i;
      maxHigh = high;
      maxLow = low;
    }
  }
  return [min, max];
}

/**
 * DECIMAL bounds. While every value lies within ±2^53 (as most do: DECIMAL(15,2) always does) the
 * values compare exactly as doubles; at the first that does not, the bounds are found again with the
 * current bounds' words kept in locals (most values fit in 64 bits, so the top two words decide
 * nothing and a comparison is one or two word compares).
 */
function int128Extremes(words: Int32Array, validity: Uint8Array | null, n: number): [number, number] {
  return smallDecimalExtremes(words, validity, n) ?? wideDecimalExtremes(words, validity, n);
}

/** Bounds as doubles, or null at the first value (a NULL slot's too: it holds zero or a value) beyond ±2^53: top words other than word 1's sign, or word 1 of 2^21 or more in magnitude. */
function smallDecimalExtremes(words: Int32Array, validity: Uint8Array | null, n: number): [number, number] | null {
  let min = firstValid(validity, n);
  let max = min;
  let low = Infinity;
  let high = -Infinity;
  for (let i = min; i < n; i++) {
    const w = 4 * i;
    const v1 = words[w + 1]!;
    const sign = v1 >> 31;
    if (words[w + 2] !== sign || words[w + 3] !== sign || v1 >= 0x200000 || v1 < -0x200000) return null;
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const x = v1 * 4294967296 + (words[w]! >>> 0);
    if (x < low) {
      min = i;
      low = x;
    }
    if (x > high) {
      max = i;
      high = x;
    }
  }
  return [min, max];
}

function wideDecimalExtremes(words: Int32Array, validity: Uint8Array | null, n: number): [number, number] {
  let min = firstValid(validity, n);
  let max = min;
  let m3 = words[4 * min + 3]!, m2 = words[4 * min + 2]! >>> 0, m1 = words[4 * min + 1]! >>> 0, m0 = words[4 * min]! >>> 0;
  let x3 = m3, x2 = m2, x1 = m1, x0 = m0;
  for (let i = min + 1; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const w = 4 * i;
    const v3 = words[w + 3]!, v2 = words[w + 2]! >>> 0, v1 = words[w + 1]! >>> 0, v0 = words[w]! >>> 0;
    if (v3 < m3 || (v3 === m3 && (v2 < m2 || (v2 === m2 && (v1 < m1 || (v1 === m1 && v0 < m0)))))) {
      min = i;
      m3 = v3, m2 = v2, m1 = v1, m0 = v0;
    } else if (v3 > x3 || (v3 === x3 && (v2 > x2 || (v2 === x2 && (v1 > x1 || (v1 === x1 && v0 > x0)))))) {
      max = i;
      x3 = v3, x2 = v2, x1 = v1, x0 = v0;
    }
  }
  return [min, max];
}

/**
 * Strings compared as UTF-8 bytes without trailing blanks (see vector-compare.ts). A row whose
 * first byte lies strictly between the current bounds' first bytes can be neither, whatever follows
 * (unless that byte is a blank: an all-blank string trims to the empty string, below everything).
 * A row whose bytes are exactly a bound's cannot replace it either (the first seen of equal values
 * wins): low-cardinality columns, whose rows mostly repeat the bounds, skip the trim and compare.
 */
function stringExtremes(offsets: Int32Array, bytes: Uint8Array, validity: Uint8Array | null, n: number): [number, number] {
  const view = dataView(bytes);
  let min = firstValid(validity, n);
  let max = min;
  let minEnd = trimmedEnd(bytes, offsets[min]!, offsets[min + 1]!);
  let maxEnd = minEnd;
  let minFirst = firstByte(bytes, offsets[min]!, minEnd);
  let maxFirst = minFirst;
  for (let i = min + 1; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    const first = end > start ? bytes[start]! : -1;
    if (first > minFirst && first < maxFirst && first !== SPACE) continue;
    if (first === minFirst && sameBytes(view, bytes, start, end, offsets[min]!, offsets[min + 1]!)) continue;
    if (first === maxFirst && sameBytes(view, bytes, start, end, offsets[max]!, offsets[max + 1]!)) continue;
    const trimmed = trimmedEnd(bytes, start, end);
    if (compareBytes(view, bytes, start, trimmed, offsets[min]!, minEnd) < 0) {
      min = i;
      minEnd = trimmed;
      minFirst = firstByte(bytes, start, trimmed);
    } else if (compareBytes(view, bytes, start, trimmed, offsets[max]!, maxEnd) > 0) {
      max = i;
      maxEnd = trimmed;
      maxFirst = firstByte(bytes, start, trimmed);
    }
  }
  return [min, max];
}

/** stringExtremes for one-byte strings: a blank trims to the empty string, below every other; other bytes order as numbers. */
function oneByteExtremes(bytes: Uint8Array, base: number, n: number): [number, number] {
  const key = (byte: number): number => (byte === SPACE ? -1 : byte);
  let min = 0;
  let max = 0;
  let low = key(bytes[base]!);
  let high = low;
  for (let i = 1; i < n; i++) {
    const k = key(bytes[base + i]!);
    if (k < low) {
      min = i;
      low = k;
    } else if (k > high) {
      max = i;
      high = k;
    }
  }
  return [min, max];
}

/** Whether bytes [a, aEnd) and [b, bEnd) are identical (a word at a time). */
function sameBytes(view: DataView, bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a + 4 <= aEnd; a += 4, b += 4) if (view.getInt32(a) !== view.getInt32(b)) return false;
  for (; a < aEnd; a++, b++) if (bytes[a] !== bytes[b]) return false;
  return true;
}

/** The first byte of a trimmed string, -1 for the empty string (which sorts first). */
function firstByte(bytes: Uint8Array, start: number, trimmedEnd: number): number {
  return trimmedEnd > start ? bytes[start]! : -1;
}

/**
 * The sort-key order of a slice's rows, as a permutation of row indexes: ascending by each key
 * column in turn (compound sort key), NULLs last, equal keys in arrival order (stable) — the order
 * ORDER BY k1, k2, ... gives in the engine.
 *
 * An integer, date, timestamp or boolean leading key is ordered by an LSD radix sort on the value
 * minus the column minimum (one 16-bit pass per significant 16 bits: a date column takes one pass);
 * ties on it, and other leading key types, are ordered by comparison sort with the row index as the
 * last key.
 */
import type { ColumnVector } from '../types/column-vector.js';
import { bitAt } from './vector-buffers.js';
import { valueCompare, type RowCompare } from './vector-compare.js';
import { int32Words } from './wide-ints.js';
import { intRange } from './vector-zone-map.js';

export function sortPermutation(columns: readonly ColumnVector[], keys: readonly number[], rowCount: number): Int32Array {
  const perm = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) perm[i] = i;
  if (keys.length === 0 || rowCount < 2) return perm;
  const lead = columns[keys[0]!]!;
  const radix = radixKeys(lead);
  if (radix === null) {
    perm.sort(compoundCompare(keys.map((k) => columns[k]!)));
    return perm;
  }
  const nonNull = radixSort(perm, lead.validity, radix);
  const rest = keys.slice(1).map((k) => columns[k]!);
  if (rest.length > 0) sortTies(perm, nonNull, radix, compoundCompare(rest));
  return perm;
}

/** Keys in row order, then row index: a total order, so any sort with it is stable. */
function compoundCompare(columns: readonly ColumnVector[]): RowCompare {
  const compares = columns.map(withNullsLast);
  const count = compares.length;
  if (count === 1) {
    const only = compares[0]!;
    return (a, b) => only(a, b) || a - b;
  }
  return (a, b) => {
    for (let k = 0; k < count; k++) {
      const c = compares[k]!(a, b);
      if (c !== 0) return c;
    }
    return a - b;
  };
}

function withNullsLast(v: ColumnVector): RowCompare {
  const compare = valueCompare(v);
  const validity = v.validity;
  if (validity === null) return compare;
  return (a, b) => {
    const va = bitAt(validity, a);
    const vb = bitAt(validity, b);
    if (va !== 0 && vb !== 0) return compare(a, b);
    return vb - va; // NULL after any value; two NULLs tie
  };
}

/** A radix key per row: the value minus the column minimum, as unsigned low (and high) 32 bits. */
interface RadixKeys {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array | null;
  /** Significant bits of the largest key. */
  readonly bits: number;
}

function radixKeys(v: ColumnVector): RadixKeys | null {
  switch (v.type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
      return int32Keys(v.values as Int16Array | Int32Array, v.validity, v.length);
    case 'bigint':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return int64Keys(int32Words(v.values), v.validity, v.length);
    case 'boolean': {
      const lo = new Uint32Array(v.length);
      for (let i = 0; i < v.length; i++) lo[i] = bitAt(v.values as Uint8Array, i);
      return { lo, hi: null, bits: 1 };
    }
    default:
      return null;
  }
}

function int32Keys(values: Int16Array | Int32Array, validity: Uint8Array | null, n: number): RadixKeys {
  const { min, max } = intRange(values, validity, n);
  const lo = new Uint32Array(n);
  if (min === Infinity) return { lo, hi: null, bits: 0 };
  for (let i = 0; i < n; i++) lo[i] = values[i]! - min; // NULL rows get junk keys: they are not radix-sorted
  return { lo, hi: null, bits: 32 - Math.clz32(max - min) };
}

function int64Keys(words: Int32Array, validity: Uint8Array | null, n: number): RadixKeys {
  let minHi = 0;
  let minLo = 0;
  let maxHi = 0;
  let maxLo = 0;
  let seen = false;
  for (let i = 0; i < n; i++) {
    if (validity !== null && bitAt(validity, i) === 0) continue;
    const h = words[2 * i + 1]!;
    const l = words[2 * i]! >>> 0;
    if (!seen || h < minHi || (h === minHi && l < minLo)) {
      minHi = h;
      minLo = l;
    }
    if (!seen || h > maxHi || (h === maxHi && l > maxLo)) {
      maxHi = h;
      maxLo = l;
    }
    seen = true;
  }
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  // key = value - min as a 64-bit subtraction with borrow (Uint32Array stores each word mod 2^32).
  for (let i = 0; i < n; i++) {
    const l = words[2 * i]! >>> 0;
    lo[i] = l - minLo;
    hi[i] = words[2 * i + 1]! - minHi - (l < minLo ? 1 : 0);
  }
  const rangeLo = (maxLo - minLo) >>> 0;
  const rangeHi = (maxHi - minHi - (maxLo < minLo ? 1 : 0)) >>> 0;
  const bits = rangeHi !== 0 ? 64 - Math.clz32(rangeHi) : 32 - Math.clz32(rangeLo);
  return { lo, hi, bits };
}

/**
 * Sorts `perm` (the identity) by the keys: non-null rows first in key order, then NULL rows in
 * row order. Returns the number of non-null rows.
 */
function radixSort(perm: Int32Array, validity: Uint8Array | null, keys: RadixKeys): number {
  const n = perm.length;
  let src: Int32Array = perm;
  let nonNull = n;
  if (validity !== null) {
    src = new Int32Array(n);
    let front = 0;
    let back = 0;
    const nulls = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (bitAt(validity, i) !== 0) src[front++] = i;
      else nulls[back++] = i;
    }
    nonNull = front;
    src.set(nulls.subarray(0, back), front);
  }
  let dst: Int32Array = new Int32Array(n);
  const passes = keys.bits <= 16 ? [{ shift: 0, mask: (1 << keys.bits) - 1, high: false }] : sixteenBitPasses(keys.bits);
  const counts = new Int32Array(1 << 16);
  for (const pass of passes) {
    radixPass(src, dst, nonNull, pass.high ? keys.hi! : keys.lo, pass.shift, pass.mask, counts);
    dst.set(src.subarray(nonNull), nonNull);
    [src, dst] = [dst, src];
  }
  if (src !== perm) perm.set(src);
  return nonNull;
}

function sixteenBitPasses(bits: number): { shift: number; mask: number; high: boolean }[] {
  const passes: { shift: number; mask: number; high: boolean }[] = [];
  for (let at = 0; at < bits; at += 16) passes.push({ shift: at & 31, mask: 0xffff, high: at >= 32 });
  return passes;
}

/** One stable counting pass of `src[0, n)` into `dst` on the digit `(key >>> shift) & mask`. */
function radixPass(src: Int32Array, dst: Int32Array, n: number, key: Uint32Array, shift: number, mask: number, counts: Int32Array): void {
  counts.fill(0, 0, mask + 1);
  for (let i = 0; i < n; i++) counts[(key[src[i]!]! >>> shift) & mask]!++;
  let sum = 0;
  for (let d = 0; d <= mask; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) {
    const row = src[i]!;
    dst[counts[(key[row]! >>> shift) & mask]!++] = row;
  }
}

/** Orders each run of rows equal on the leading key (and the run of NULL-led rows) by the other keys. */
function sortTies(perm: Int32Array, nonNull: number, keys: RadixKeys, rest: RowCompare): void {
  const { lo, hi } = keys;
  let start = 0;
  for (let i = 1; i <= nonNull; i++) {
    if (i < nonNull && lo[perm[i]!] === lo[perm[start]!] && (hi === null || hi[perm[i]!] === hi[perm[start]!])) continue;
    if (i - start > 1) perm.subarray(start, i).sort(rest);
    start = i;
  }
  if (perm.length - nonNull > 1) perm.subarray(nonNull).sort(rest);
}

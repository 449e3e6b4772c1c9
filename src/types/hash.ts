/**
 * Stable 32-bit hashes for distribution (DISTKEY placement, redistribution) and hash joins. Values
 * that compare equal hash equally: integers by value whatever their width (and DECIMALs with no
 * fraction like integers), strings without trailing blanks, DECIMALs by their canonical digits.
 * Numbers hash without allocating: this runs per row.
 */
import { assertNever, type Interval, type SqlType } from './datatype.js';
import { intervalSortKey } from './interval.js';
import { lengthWithoutTrailingBlanks } from './strings.js';

/** murmur3's finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of a 64-bit integer given as low and high 32-bit words. */
function hashWords(lo: number, hi: number): number {
  return fmix32(Math.imul(lo ^ 0x9e3779b9, 0xcc9e2d51) ^ Math.imul(hi, 0x1b873593) ^ hi);
}

const TWO_32 = 4294967296;
const scratch = new Float64Array(1);
const scratchWords = new Int32Array(scratch.buffer);

/** Any number: integral values hash as 64-bit integers (so 5 and 5n agree), others by their bits. */
export function hashNumber(x: number): number {
  if (Number.isSafeInteger(x)) return hashWords(x | 0, Math.floor(x / TWO_32) | 0);
  if (x !== x) return 0x7fc00000; // every NaN alike
  scratch[0] = x === 0 ? 0 : x;
  return fmix32(scratchWords[0]! ^ Math.imul(scratchWords[1]!, 0x1b873593));
}

function hashBigint(v: bigint): number {
  if (v >= -9007199254740991n && v <= 9007199254740991n) return hashNumber(Number(v));
  return hashWords(Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n)) ^ Number(BigInt.asIntN(32, v >> 64n)));
}

/** DECIMAL by its canonical form: trailing zeros of the scaled value stripped (1.50 and 1.5 agree). */
function hashDecimal(v: bigint, scale: number): number {
  if (v >= -9007199254740991n && v <= 9007199254740991n) {
    let n = Number(v);
    let s = scale;
    while (s > 0 && n % 10 === 0) {
      n /= 10;
      s--;
    }
    return s === 0 ? hashNumber(n) : fmix32(hashNumber(n) ^ s);
  }
  let s = scale;
  while (s > 0 && v % 10n === 0n) {
    v /= 10n;
    s--;
  }
  return s === 0 ? hashBigint(v) : fmix32(hashBigint(v) ^ s);
}

/** FNV-1a over UTF-16 code units, trailing blanks excluded, then mixed. */
function hashString(s: string): number {
  const n = lengthWithoutTrailingBlanks(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return fmix32(h);
}

/** A stable 32-bit hash; values equal under compareValues hash equally (also across integer widths). */
export function hashValue(value: unknown, type: SqlType): number {
  if (value === null) return 0;
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return hashNumber(value as number);
    case 'bigint':
      return hashBigint(value as bigint);
    case 'decimal':
      return hashDecimal(value as bigint, type.scale);
    case 'boolean':
      return hashNumber(value ? 1 : 0);
    case 'char':
    case 'varchar':
    case 'unknown':
      return hashString(value as string);
    case 'interval':
      return hashNumber(intervalSortKey(value as Interval));
    default:
      return assertNever(type);
  }
}

/** Hash of several columns (a multi-column key); equals hashValue for one column. NULL hashes to 0. */
export function hashRow(values: readonly unknown[], types: readonly SqlType[]): number {
  if (values.length === 1) return hashValue(values[0], types[0]!);
  let h = 0;
  for (let i = 0; i < values.length; i++) h = fmix32(Math.imul(h, 31) + hashValue(values[i], types[i]!));
  return h;
}

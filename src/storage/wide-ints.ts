/**
 * 64- and 128-bit integers in Arrow buffers. Arrow is little-endian, as are the hosts Node runs on,
 * so a BigInt64Array or a pair of Int32 words over the same bytes read the same integer.
 *
 * TIMESTAMP and TIME are engine numbers (microseconds) but Arrow int64 in storage: reading them as two
 * 32-bit words avoids allocating a bigint per value on the scan path. DECIMAL is an engine bigint
 * stored as Arrow Decimal128 (two's complement over four little-endian uint32 words).
 */

const TWO_POW_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** An Int32Array over the same bytes as `view` (which must start 4-byte aligned). */
export function int32Words(view: ArrayBufferView): Int32Array {
  return new Int32Array(view.buffer, view.byteOffset, view.byteLength >> 2);
}

/** A BigInt64Array over the same bytes as `view` (which must start 8-byte aligned). */
export function int64Words(view: ArrayBufferView): BigInt64Array {
  return new BigInt64Array(view.buffer, view.byteOffset, view.byteLength >> 3);
}

/**
 * Writes an integral number as int64 at `index` (words 2*index, 2*index+1). Exact: the low word is
 * `value mod 2^32`, an integer the subtraction below produces without rounding.
 */
export function writeInt64FromNumber(words: Int32Array, index: number, value: number): void {
  const hi = Math.floor(value / TWO_POW_32);
  words[2 * index] = value - hi * TWO_POW_32; // ToInt32 keeps the low 32 bits
  words[2 * index + 1] = hi;
}

/** Reads int64 `index` as a number (rounded to the nearest double beyond 2^53, as Number(bigint) would). */
export function readInt64AsNumber(words: Int32Array, index: number): number {
  return words[2 * index + 1]! * TWO_POW_32 + (words[2 * index]! >>> 0);
}

/** Writes a bigint as Decimal128 `index`: two int64 halves, the low one wrapped to 64 bits. */
export function writeDecimal128(halves: BigInt64Array, index: number, value: bigint): void {
  halves[2 * index] = value; // BigInt64Array stores value mod 2^64
  halves[2 * index + 1] = value >= INT64_MIN && value <= INT64_MAX ? (value < 0n ? -1n : 0n) : value >> 64n;
}

/**
 * Reads Decimal128 `index`. Values that fit in 64 bits (all of DECIMAL(18) and most others) cost one
 * bigint: the high half is then just the sign extension of the low half, checked on 32-bit words.
 */
export function readDecimal128(halves: BigInt64Array, words: Int32Array, index: number): bigint {
  const w = 4 * index;
  const lowTop = words[w + 1]!;
  const hi0 = words[w + 2]!;
  const hi1 = words[w + 3]!;
  if ((hi0 === 0 && hi1 === 0 && lowTop >= 0) || (hi0 === -1 && hi1 === -1 && lowTop < 0)) return halves[2 * index]!;
  return (halves[2 * index + 1]! << 64n) | BigInt.asUintN(64, halves[2 * index]!);
}

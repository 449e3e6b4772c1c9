/**
 * Hash functions: MD5, SHA1 (alias FUNC_SHA1), SHA2(text, bits), CRC32 (CRC-32C, as Redshift uses)
 * as lowercase hex text, and FNV_HASH(value[, seed]) -> BIGINT (64-bit FNV-1a over the value's
 * binary form: 2/4/8-byte little-endian integers, IEEE floats, UTF-8 text with its trailing blanks).
 */
import { createHash } from 'node:crypto';
import { BIGINT, varcharType } from './datatype.js';
import { defineFunction, type Overload, type Param } from './signatures.js';

const utf8 = new TextEncoder();

function digest(algorithm: string, s: string): string {
  return createHash(algorithm).update(s, 'utf8').digest('hex');
}

defineFunction('md5', [{ params: ['text'], returns: varcharType(32), fn: (s) => digest('md5', s as string) }]);
defineFunction('sha1,func_sha1', [{ params: ['text'], returns: varcharType(40), fn: (s) => digest('sha1', s as string) }]);

const SHA2_BITS: Record<number, string> = { 0: 'sha256', 224: 'sha224', 256: 'sha256', 384: 'sha384', 512: 'sha512' };
// An unsupported number of bits gives an empty string, as documented.
defineFunction('sha2', [{ params: ['text', 'int4'], returns: varcharType(128), fn: (s, bits) => {
  const algorithm = SHA2_BITS[bits as number];
  return algorithm ? digest(algorithm, s as string) : '';
} }]);

// ---------------------------------------------------------------- CRC32 (Castagnoli)

const CRC32C_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32c(bytes: Uint8Array): number {
  let crc = -1;
  for (const b of bytes) crc = CRC32C_TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

defineFunction('crc32', [{ params: ['text'], returns: varcharType(8), fn: (s) => crc32c(utf8.encode(s as string)).toString(16).padStart(8, '0') }]);

// ---------------------------------------------------------------- FNV_HASH

const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;

/** 64-bit FNV-1a over `bytes` from state `seed`, in four 16-bit limbs (no bigint per byte). */
export function fnv1a64(bytes: Uint8Array, seed: bigint = FNV_OFFSET_BASIS): bigint {
  const s = BigInt.asUintN(64, seed);
  let h0 = Number(s & 0xffffn);
  let h1 = Number((s >> 16n) & 0xffffn);
  let h2 = Number((s >> 32n) & 0xffffn);
  let h3 = Number((s >> 48n) & 0xffffn);
  for (const b of bytes) {
    h0 ^= b;
    // h * 0x100000001b3 mod 2^64: 0x1b3 in the lowest limb, 0x100 in the third.
    const r0 = h0 * 0x1b3;
    const r1 = h1 * 0x1b3 + Math.floor(r0 / 65536);
    const r2 = h2 * 0x1b3 + h0 * 0x100 + Math.floor(r1 / 65536);
    const r3 = h3 * 0x1b3 + h1 * 0x100 + Math.floor(r2 / 65536);
    h0 = r0 % 65536;
    h1 = r1 % 65536;
    h2 = r2 % 65536;
    h3 = r3 % 65536;
  }
  return BigInt.asIntN(64, (BigInt(h3) << 48n) | (BigInt(h2) << 32n) | (BigInt(h1) << 16n) | BigInt(h0));
}

function bytesOf(size: 1 | 2 | 4 | 8, write: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  write(new DataView(bytes.buffer));
  return bytes;
}

/** The binary form FNV_HASH hashes, per parameter type (text first: an untyped literal is text). */
const ENCODERS: readonly [Param, (v: unknown) => Uint8Array][] = [
  ['text', (v) => utf8.encode(v as string)],
  ['int2', (v) => bytesOf(2, (d) => d.setInt16(0, v as number, true))],
  ['int4', (v) => bytesOf(4, (d) => d.setInt32(0, v as number, true))],
  ['int8', (v) => bytesOf(8, (d) => d.setBigInt64(0, v as bigint, true))],
  ['float4', (v) => bytesOf(4, (d) => d.setFloat32(0, v as number, true))],
  ['float8', (v) => bytesOf(8, (d) => d.setFloat64(0, v as number, true))],
  ['bool', (v) => bytesOf(1, (d) => d.setUint8(0, v ? 1 : 0))],
];

defineFunction(
  'fnv_hash',
  ENCODERS.flatMap(([param, encode]): Overload[] => [
    { params: [param], returns: BIGINT, fn: (v) => fnv1a64(encode(v)) },
    { params: [param, 'int8'], returns: BIGINT, fn: (v, seed) => fnv1a64(encode(v), seed as bigint) },
  ]),
);

/**
 * COPY's ENCODING option (reference §1.6): the splitters and converters read UTF-8 only, so UTF-16
 * sources are transcoded here, as a stream (chunks may split a code unit or a surrogate pair).
 *
 * - UTF8: passed through; a UTF-8 byte order mark at the start of the file is dropped.
 * - UTF16: the file must start with a byte order mark, which picks the byte order; without one the
 *   file is rejected with Redshift's load error 1221 (file encoding differs from ENCODING).
 * - UTF16LE / UTF16BE: a BOM of the same order is dropped; a BOM of the other order means the file
 *   is not what ENCODING says (1221).
 * - A lone surrogate is written as its 3-byte generalized-UTF-8 form (ED A0 80 ...), which is not
 *   valid UTF-8: the row holding it then fails conversion with error 1220 (or is patched by
 *   ACCEPTINVCHARS, byte length kept) exactly like invalid UTF-8 in a UTF-8 file, rather than the
 *   whole file failing or the character silently becoming U+FFFD.
 */
import { assertNever } from '../types/datatype.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { SourceEncoding } from './load-options.js';

/** A file whose bytes do not fit the COPY's ENCODING; `loadErrorCode` is Redshift's STL_LOAD_ERRORS code. */
export class EncodingError extends SqlError {
  readonly loadErrorCode = 1221;
  constructor(message: string) {
    super(SqlState.internalError, message);
    this.name = 'EncodingError';
  }
}

export function toUtf8(encoding: SourceEncoding, source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  switch (encoding) {
    case 'utf8':
      return afterHeader(source, 3, (head) => (startsWith(head, UTF8_BOM) ? 3 : 0));
    case 'utf16':
      return utf16(source, null);
    case 'utf16le':
      return utf16(source, false);
    case 'utf16be':
      return utf16(source, true);
    default:
      return assertNever(encoding);
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;
const BOM_BE = [0xfe, 0xff] as const;
const BOM_LE = [0xff, 0xfe] as const;

/** `bigEndian` null: ENCODING UTF16, the BOM decides. */
async function* utf16(source: AsyncIterable<Uint8Array>, bigEndian: boolean | null): AsyncGenerator<Uint8Array> {
  let order = bigEndian;
  const body = afterHeader(source, 2, (head) => {
    if (head.length === 0) return 0; // an empty file holds no records
    const marked = startsWith(head, BOM_BE) ? true : startsWith(head, BOM_LE) ? false : null;
    if (bigEndian === null) {
      if (marked === null) throw new EncodingError('File encoding differs from the COPY ENCODING: ENCODING UTF16 requires the file to start with a byte order mark (FE FF or FF FE)');
      order = marked;
      return 2;
    }
    if (marked === null) return 0;
    if (marked !== bigEndian) {
      throw new EncodingError(`File encoding differs from the COPY ENCODING: the file starts with a ${marked ? 'big' : 'little'}-endian byte order mark but ENCODING is ${bigEndian ? 'UTF16BE' : 'UTF16LE'}`);
    }
    return 2;
  });
  let transcoder: Utf16Transcoder | null = null;
  for await (const chunk of body) {
    transcoder ??= new Utf16Transcoder(order!);
    const out = transcoder.push(chunk);
    if (out.length > 0) yield out;
  }
  if (transcoder !== null) {
    const out = transcoder.finish();
    if (out.length > 0) yield out;
  }
}

/**
 * Holds back the first `size` bytes of the stream (gathered across chunks) and asks `skip` how many
 * of them to drop; everything else flows through untouched.
 */
async function* afterHeader(source: AsyncIterable<Uint8Array>, size: number, skip: (head: Uint8Array) => number): AsyncGenerator<Uint8Array> {
  let head: Uint8Array | null = new Uint8Array(0);
  for await (const chunk of source) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = concat(head, chunk);
    if (head.length < size) continue;
    const rest = head.subarray(skip(head.subarray(0, size)));
    head = null;
    if (rest.length > 0) yield rest;
  }
  if (head !== null) {
    const rest = head.subarray(skip(head));
    if (rest.length > 0) yield rest;
  }
}

class Utf16Transcoder {
  /** An odd byte left over from the previous chunk, or -1. */
  private carryByte = -1;
  /** A high surrogate waiting for its low half, or -1. */
  private pendingHigh = -1;

  constructor(private readonly bigEndian: boolean) {}

  push(chunk: Uint8Array): Uint8Array {
    // Every 2 input bytes give at most 3 output bytes (a pair: 4 bytes from 4); +3 for a pending
    // high surrogate written out as a lone one, +3 for the carried byte's unit.
    const out = new Uint8Array(Math.ceil(chunk.length / 2) * 3 + 6);
    let o = 0;
    let i = 0;
    if (this.carryByte >= 0 && chunk.length > 0) {
      o = this.unit(this.pair(this.carryByte, chunk[0]!), out, o);
      this.carryByte = -1;
      i = 1;
    }
    const be = this.bigEndian;
    for (; i + 1 < chunk.length; i += 2) {
      const unit = be ? (chunk[i]! << 8) | chunk[i + 1]! : (chunk[i + 1]! << 8) | chunk[i]!;
      if (unit < 0x80 && this.pendingHigh < 0) out[o++] = unit; // ASCII fast path
      else o = this.unit(unit, out, o);
    }
    if (i < chunk.length) this.carryByte = chunk[i]!;
    return out.subarray(0, o);
  }

  finish(): Uint8Array {
    if (this.carryByte >= 0) throw new EncodingError('File encoding differs from the COPY ENCODING: the UTF-16 file has an odd number of bytes');
    const out = new Uint8Array(3);
    const o = this.pendingHigh >= 0 ? writeThreeBytes(this.pendingHigh, out, 0) : 0;
    this.pendingHigh = -1;
    return out.subarray(0, o);
  }

  private pair(first: number, second: number): number {
    return this.bigEndian ? (first << 8) | second : (second << 8) | first;
  }

  private unit(unit: number, out: Uint8Array, o: number): number {
    if (this.pendingHigh >= 0) {
      if (unit >= 0xdc00 && unit <= 0xdfff) {
        const cp = 0x10000 + ((this.pendingHigh - 0xd800) << 10) + (unit - 0xdc00);
        this.pendingHigh = -1;
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
        return o;
      }
      o = writeThreeBytes(this.pendingHigh, out, o); // lone high surrogate
      this.pendingHigh = -1;
    }
    if (unit >= 0xd800 && unit <= 0xdbff) {
      this.pendingHigh = unit;
      return o;
    }
    if (unit < 0x80) {
      out[o++] = unit;
    } else if (unit < 0x800) {
      out[o++] = 0xc0 | (unit >> 6);
      out[o++] = 0x80 | (unit & 0x3f);
    } else {
      o = writeThreeBytes(unit, out, o); // includes lone low surrogates (DC00-DFFF)
    }
    return o;
  }
}

function writeThreeBytes(unit: number, out: Uint8Array, o: number): number {
  out[o++] = 0xe0 | (unit >> 12);
  out[o++] = 0x80 | ((unit >> 6) & 0x3f);
  out[o++] = 0x80 | (unit & 0x3f);
  return o;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

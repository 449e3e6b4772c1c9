/**
 * Encodes engine values (types/datatype.ts) into one ColumnChunk: Apache Arrow's buffer layout for
 * the column's type, all buffers in one exactly sized SharedArrayBuffer (see shared-buffers.ts).
 */
import { assertNever, type SqlType } from '../types/datatype.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { ColumnChunk, ValueBuffer } from './block.js';
import { allocateShared } from './shared-buffers.js';
import { int32Words, int64Words, writeDecimal128, writeInt64FromNumber } from './wide-ints.js';
import { computeZoneMap } from './zone-map.js';

/** Encodes `values[start, start + length)` as a chunk of `type`. NULL is `null` (or undefined). */
export function encodeChunk(type: SqlType, values: readonly unknown[], start: number, length: number): ColumnChunk {
  const { min, max } = computeZoneMap(type, values, start, length);
  return { type, length, ...encodeValues(type, values, start, length), min, max };
}

type ChunkBuffers = Pick<ColumnChunk, 'values' | 'offsets' | 'validity' | 'ascii'>;

/** encodeChunk's buffers and NULL count, without the zone map (a column vector has none). */
export function encodeValues(type: SqlType, values: readonly unknown[], start: number, length: number): ChunkBuffers & { nullCount: number } {
  let nullCount = 0;
  for (let i = start; i < start + length; i++) if (values[i] === null || values[i] === undefined) nullCount++;
  return { ...encodeBuffers(type, values, start, length, nullCount > 0 ? Math.ceil(length / 8) : 0), nullCount };
}

function encodeBuffers(type: SqlType, values: readonly unknown[], start: number, length: number, validityBytes: number): ChunkBuffers {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
    case 'real':
    case 'double': {
      const { buffer, starts } = allocateShared([validityBytes, length * fixedWidthBytes(type.kind)]);
      const out = fixedWidthView(type.kind, buffer, starts[1]!, length);
      for (let i = 0; i < length; i++) {
        const v = values[start + i];
        if (v !== null && v !== undefined) out[i] = v as number;
      }
      return fixed(out, validity(buffer, starts[0]!, validityBytes, values, start, length));
    }
    case 'bigint': {
      const { buffer, starts } = allocateShared([validityBytes, length * 8]);
      const out = new BigInt64Array(buffer, starts[1], length);
      for (let i = 0; i < length; i++) {
        const v = values[start + i];
        if (v !== null && v !== undefined) out[i] = v as bigint;
      }
      return fixed(out, validity(buffer, starts[0]!, validityBytes, values, start, length));
    }
    case 'timestamp':
    case 'timestamptz':
    case 'time': {
      const { buffer, starts } = allocateShared([validityBytes, length * 8]);
      const out = new BigInt64Array(buffer, starts[1], length);
      const words = int32Words(out);
      for (let i = 0; i < length; i++) {
        const v = values[start + i];
        if (v !== null && v !== undefined) writeInt64FromNumber(words, i, v as number);
      }
      return fixed(out, validity(buffer, starts[0]!, validityBytes, values, start, length));
    }
    case 'decimal': {
      const { buffer, starts } = allocateShared([validityBytes, length * 16]);
      const out = new Uint32Array(buffer, starts[1], length * 4);
      const halves = int64Words(out);
      for (let i = 0; i < length; i++) {
        const v = values[start + i];
        if (v !== null && v !== undefined) writeDecimal128(halves, i, v as bigint);
      }
      return fixed(out, validity(buffer, starts[0]!, validityBytes, values, start, length));
    }
    case 'boolean': {
      const { buffer, starts } = allocateShared([validityBytes, Math.ceil(length / 8)]);
      const out = new Uint8Array(buffer, starts[1], Math.ceil(length / 8));
      for (let i = 0; i < length; i++) if (values[start + i] === true) out[i >> 3]! |= 1 << (i & 7);
      return fixed(out, validity(buffer, starts[0]!, validityBytes, values, start, length));
    }
    case 'char':
    case 'varchar':
      return encodeStrings(values, start, length, validityBytes);
    case 'interval':
    case 'unknown':
      throw new SqlError(SqlState.featureNotSupported, `column of type ${type.kind} cannot be stored in a table`);
    default:
      return assertNever(type);
  }
}

function fixed(values: ValueBuffer, validityBits: Uint8Array | null): ChunkBuffers {
  return { values, offsets: null, validity: validityBits };
}

type FixedWidthKind = 'smallint' | 'integer' | 'date' | 'real' | 'double';

function fixedWidthBytes(kind: FixedWidthKind): number {
  return kind === 'smallint' ? 2 : kind === 'double' ? 8 : 4;
}

function fixedWidthView(kind: FixedWidthKind, buffer: SharedArrayBuffer, at: number, length: number): Int16Array | Int32Array | Float32Array | Float64Array {
  switch (kind) {
    case 'smallint': return new Int16Array(buffer, at, length);
    case 'integer': return new Int32Array(buffer, at, length);
    case 'date': return new Int32Array(buffer, at, length);
    case 'real': return new Float32Array(buffer, at, length);
    case 'double': return new Float64Array(buffer, at, length);
    default: return assertNever(kind);
  }
}

/**
 * Arrow Utf8: int32 offsets (length + 1) and the UTF-8 bytes. ASCII strings — the common case — are
 * joined once, recognised by one native byte count of the joined string (UTF-8 needs more bytes than
 * characters exactly when a character is not ASCII) and written with one Latin-1 write. Otherwise the
 * strings are measured and written one by one: joining could pair a lone surrogate at the end of one
 * string with one at the start of the next and change the bytes.
 */
function encodeStrings(values: readonly unknown[], start: number, length: number, validityBytes: number): ChunkBuffers {
  const present: string[] = [];
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v !== null && v !== undefined) present.push(v as string);
  }
  const joined = present.join('');
  const ascii = Buffer.byteLength(joined, 'utf8') === joined.length;
  const byteLengths = new Int32Array(length);
  let totalBytes = 0;
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v === null || v === undefined) continue;
    const s = v as string;
    const n = ascii || isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
    byteLengths[i] = n;
    totalBytes += n;
  }
  const { buffer, starts } = allocateShared([validityBytes, (length + 1) * 4, totalBytes]);
  const offsets = new Int32Array(buffer, starts[1], length + 1);
  const bytes = new Uint8Array(buffer, starts[2], totalBytes);
  let end = 0;
  for (let i = 0; i < length; i++) {
    offsets[i] = end;
    end += byteLengths[i]!;
  }
  offsets[length] = end;
  const target = Buffer.from(buffer, starts[2], totalBytes);
  if (ascii) {
    target.write(joined, 0, 'latin1');
  } else {
    for (let i = 0; i < length; i++) {
      const v = values[start + i];
      if (v !== null && v !== undefined) target.write(v as string, offsets[i]!, 'utf8');
    }
  }
  return { values: bytes, offsets, validity: validity(buffer, starts[0]!, validityBytes, values, start, length), ascii };
}

/** A JS loop beats a native Buffer.byteLength call per value for the short strings tables mostly hold. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The Arrow validity bitmap (LSB first, bit set = not null), or null when nothing is null. */
function validity(buffer: SharedArrayBuffer, at: number, byteLength: number, values: readonly unknown[], start: number, length: number): Uint8Array | null {
  if (byteLength === 0) return null;
  const bits = new Uint8Array(buffer, at, byteLength);
  for (let i = 0; i < length; i++) {
    const v = values[start + i];
    if (v !== null && v !== undefined) bits[i >> 3]! |= 1 << (i & 7);
  }
  return bits;
}

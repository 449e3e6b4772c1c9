/**
 * Values on the wire. Results: every column value starts as the engine's text output
 * (QueryResult.toTextArrays) and goes out as text, or in binary converted from that text by the
 * column's type OID. Parameters: Bind's bytes become text that Session.query binds as untyped
 * literals, which take their type from context exactly as the NULLs Session.describe planned
 * with did, so Execute's columns have the types Describe announced. A declared type (Parse) or a
 * binary value is checked and turned into that type's canonical text.
 */
import { SqlError, SqlState } from '../index.js';
import { numericFromPg, numericToPg } from './binary-numeric.js';
import { dateFromPg, dateToPg, intervalFromPg, intervalToPg, timeFromPg, timeToPg, timestampFromPg, timestampToPg } from './binary-temporal.js';
import type { FormatCode } from './frontend-messages.js';
import type { MessageBuffer } from './message-buffer.js';

/** pg_type OIDs of the types Slicewise returns, and of text-like ones clients declare. */
export const TypeOid = {
  bool: 16,
  name: 19,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  float4: 700,
  float8: 701,
  unknown: 705,
  bpchar: 1042,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
} as const;

const TEXT_LIKE: ReadonlySet<number> = new Set([TypeOid.name, TypeOid.text, TypeOid.unknown, TypeOid.bpchar, TypeOid.varchar]);

/** Writes one non-null value, length prefix included. */
export type ValueEncoder = (out: MessageBuffer, text: string) => void;

const textEncoder: ValueEncoder = (out, text) => {
  out.lengthPrefixedText(text);
};

function fixed(size: number, write: (slot: Buffer, text: string) => void): ValueEncoder {
  return (out, text) => {
    out.int32(size);
    write(out.slot(size), text);
  };
}

const BINARY_ENCODERS: ReadonlyMap<number, ValueEncoder> = new Map<number, ValueEncoder>([
  [TypeOid.bool, fixed(1, (s, t) => void (s[0] = t === 't' ? 1 : 0))],
  [TypeOid.int2, fixed(2, (s, t) => s.writeInt16BE(Number(t)))],
  [TypeOid.int4, fixed(4, (s, t) => s.writeInt32BE(Number(t)))],
  [TypeOid.int8, fixed(8, (s, t) => s.writeBigInt64BE(BigInt(t)))],
  [TypeOid.float4, fixed(4, (s, t) => s.writeFloatBE(Number(t)))],
  [TypeOid.float8, fixed(8, (s, t) => s.writeDoubleBE(Number(t)))],
  [TypeOid.date, fixed(4, (s, t) => s.writeInt32BE(dateToPg(t)))],
  [TypeOid.time, fixed(8, (s, t) => s.writeBigInt64BE(timeToPg(t)))],
  [TypeOid.timestamp, fixed(8, (s, t) => s.writeBigInt64BE(timestampToPg(t)))],
  [TypeOid.timestamptz, fixed(8, (s, t) => s.writeBigInt64BE(timestampToPg(t)))],
  [
    TypeOid.interval,
    fixed(16, (s, t) => {
      const v = intervalToPg(t);
      s.writeBigInt64BE(v.micros, 0);
      s.writeInt32BE(v.days, 8);
      s.writeInt32BE(v.months, 12);
    }),
  ],
  [
    TypeOid.numeric,
    (out, t) => {
      const n = numericToPg(t);
      out.int32(8 + 2 * n.digits.length).int16(n.digits.length).int16(n.weight).int16(n.sign).int16(n.dscale);
      for (const d of n.digits) out.int16(d);
    },
  ],
]);

/** How values of type `oid` are written in `format`; binary is refused (0A000) for a type without a binary form here. */
export function valueEncoder(oid: number, format: FormatCode): ValueEncoder {
  if (format === 0 || TEXT_LIKE.has(oid)) return textEncoder;
  const encoder = BINARY_ENCODERS.get(oid);
  if (!encoder) throw new SqlError(SqlState.featureNotSupported, `no binary output function available for type with OID ${oid}`);
  return encoder;
}

// ---------------------------------------------------------------- parameters

function invalidText(typeName: string, text: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, `invalid input syntax for ${typeName}: "${text}"`);
}

function integerParameter(text: string, typeName: string, min: bigint, max: bigint): string {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw invalidText(typeName, text);
  const v = BigInt(t);
  if (v < min || v > max) throw new SqlError(SqlState.numericValueOutOfRange, `value "${text}" is out of range for type ${typeName}`);
  return String(v);
}

function floatParameter(text: string): string {
  const t = text.trim();
  if (/^[+-]?(nan|infinity|inf)$/i.test(t)) return t;
  if (t === '' || Number.isNaN(Number(t))) throw invalidText('type double precision', text);
  return t;
}

function booleanParameter(text: string): string {
  const t = text.trim().toLowerCase();
  if (['t', 'true', 'y', 'yes', 'on', '1'].includes(t)) return 'true';
  if (['f', 'false', 'n', 'no', 'off', '0'].includes(t)) return 'false';
  throw invalidText('type boolean', text);
}

/** A text-format parameter, checked against the OID the client declared for it (0: none). */
function textParameter(text: string, oid: number): string {
  switch (oid) {
    case TypeOid.int2:
      return integerParameter(text, 'smallint', -32768n, 32767n);
    case TypeOid.int4:
      return integerParameter(text, 'integer', -2147483648n, 2147483647n);
    case TypeOid.int8:
      return integerParameter(text, 'bigint', -(2n ** 63n), 2n ** 63n - 1n);
    case TypeOid.float4:
    case TypeOid.float8:
      return floatParameter(text);
    case TypeOid.bool:
      return booleanParameter(text);
    default:
      return text;
  }
}

function binaryParameter(bytes: Buffer, oid: number, index: number): string {
  const expect = (n: number): void => {
    if (bytes.length !== n) throw new SqlError('22P03', `incorrect binary data format in bind parameter ${index + 1}`);
  };
  if (oid === 0 || TEXT_LIKE.has(oid)) return bytes.toString('utf8');
  switch (oid) {
    case TypeOid.bool:
      expect(1);
      return bytes[0] !== 0 ? 'true' : 'false';
    case TypeOid.int2:
      expect(2);
      return String(bytes.readInt16BE(0));
    case TypeOid.int4:
      expect(4);
      return String(bytes.readInt32BE(0));
    case TypeOid.int8:
      expect(8);
      return String(bytes.readBigInt64BE(0));
    case TypeOid.float4:
      expect(4);
      return String(bytes.readFloatBE(0));
    case TypeOid.float8:
      expect(8);
      return String(bytes.readDoubleBE(0));
    case TypeOid.date:
      expect(4);
      return dateFromPg(bytes.readInt32BE(0));
    case TypeOid.time:
      expect(8);
      return timeFromPg(bytes.readBigInt64BE(0));
    case TypeOid.timestamp:
    case TypeOid.timestamptz:
      expect(8);
      return timestampFromPg(bytes.readBigInt64BE(0), oid === TypeOid.timestamptz);
    case TypeOid.interval:
      expect(16);
      return intervalFromPg(bytes.readBigInt64BE(0), bytes.readInt32BE(8), bytes.readInt32BE(12));
    case TypeOid.numeric: {
      if (bytes.length < 8) expect(8);
      const ndigits = bytes.readInt16BE(0);
      expect(8 + 2 * ndigits);
      const digits = Array.from({ length: ndigits }, (_, i) => bytes.readInt16BE(8 + 2 * i));
      return numericFromPg({ weight: bytes.readInt16BE(2), sign: bytes.readUInt16BE(4), dscale: bytes.readInt16BE(6), digits });
    }
    default:
      throw new SqlError(SqlState.featureNotSupported, `binary format is not supported for parameter $${index + 1} (type OID ${oid})`);
  }
}

/**
 * The value to bind for parameter `index` (0-based): its text, or null. `oid` is the type the
 * client declared in Parse (0 when it left it open); for a binary parameter without one, the type
 * the statement gives it.
 */
export function parameterValue(bytes: Buffer | null, format: FormatCode, oid: number, index: number): string | null {
  if (bytes === null) return null;
  if (format === 0) return textParameter(bytes.toString('utf8'), oid);
  try {
    return binaryParameter(bytes, oid, index);
  } catch (err) {
    if (err instanceof SqlError) throw err;
    throw new SqlError('22P03', `incorrect binary data format in bind parameter ${index + 1}`);
  }
}

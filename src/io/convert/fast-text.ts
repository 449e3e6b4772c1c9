/**
 * The fast path of delimited text: a whole record converted straight from the chunk's bytes, in one
 * pass per field — integers, decimals and dates are parsed while their end is searched for, instead of
 * the splitter finding every field's end and the converter reading the bytes again.
 *
 * It takes only records in the plainest form, and leaves every other one to the splitter and
 * RowConverter.record (the slow path), which then handle it exactly as if there were no fast path:
 * - INTEGER: an optional '-' and digits, under ten bytes; BIGINT: an optional '-' and up to 15 digits;
 *   DECIMAL: what parse-decimal.ts `plainDecimal` takes (an optional '-', digits, at most `scale` after
 *   a '.', exact in a double) — each value computed by the same arithmetic as the slow path's;
 * - every other type: the field's end is found (a delimiter or the LF) and the slow path's own field
 *   conversion (convertField) runs on it, so its value is the same by construction; a field it would
 *   make NULL or reject sends the record to the slow path;
 * - a field holding a NUL or a backslash (so the default NULL AS '\N' never needs a comparison), a
 *   record with too few or too many fields (one trailing delimiter is allowed, as in the slow path),
 *   an empty line, and a record that runs past the chunk all go to the slow path.
 * A record the fast path gives up on leaves nothing behind: the columns it already appended to are
 * truncated back. No load error is ever raised here.
 *
 * Used only when the format and the conversion parameters cannot change what those bytes mean:
 * delimited text without ESCAPE or REMOVEQUOTES, NULL AS '\N', no ACCEPTINVCHARS (see fastTextEligible).
 * Measured on TPC-H lineitem: bench/copy-convert.ts.
 */
import type { ConversionOptions, DataFormat } from '../load-options.js';
import type { Decimal128Builder, Int32Builder, Int64Builder } from './builders-fixed.js';
import { convertField, FieldKind, type FieldColumn, type FieldOptions } from './field-converter.js';
import { OK } from './field-status.js';
import { MAX_EXACT_DIGITS, POW10 } from './parse-decimal.js';

const LF = 0x0a;
const NUL = 0x00;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const POINT = 0x2e;
const INTEGER = FieldKind.integer;
const BIGINT = FieldKind.bigint;
const DECIMAL = FieldKind.decimal;
const DATE = FieldKind.date;

/**
 * Whether records of this format and these conversion parameters may take the fast path: delimited
 * text whose delimiter cannot be part of a number (a digit, sign or point), a line end, a NUL or a backslash.
 */
export function fastTextEligible(format: DataFormat, conversion: ConversionOptions): format is Extract<DataFormat, { kind: 'text' }> {
  if (format.kind !== 'text' || format.escape || format.removeQuotes) return false;
  if (conversion.nullAs !== '\\N' || conversion.acceptInvChars !== null) return false;
  const d = format.delimiter;
  const numeric = (d >= 0x30 && d <= 0x39) || d === MINUS || d === 0x2b || d === POINT;
  return !numeric && d !== LF && d !== 0x0d && d !== NUL && d !== BACKSLASH;
}

export class FastTextRecords {
  /** The chunk last seen, and in it the first NUL and the first backslash at or after some earlier record's start (its length when none). */
  private chunk: Uint8Array | null = null;
  private nulAt = 0;
  private backslashAt = 0;
  /** The chunk's bytes for word-wide reads, and the delimiter in each byte of a word. */
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private readonly pattern: number;

  constructor(
    /** The field-fed columns in field order: column k is fed by field k. */
    private readonly columns: readonly FieldColumn[],
    private readonly options: FieldOptions,
    private readonly delimiter: number,
  ) {
    columns.forEach((c, k) => {
      if (c.field !== k) throw new Error(`FastTextRecords: column ${c.name} is fed by field ${c.field}, not ${k}`);
    });
    this.pattern = Math.imul(delimiter, 0x01010101);
  }

  /**
   * Converts the record starting at buf[start] into row `row` of the columns' builders; returns where
   * the next record starts (after its LF), or -1 when the record is left to the slow path (nothing appended).
   */
  parse(buf: Uint8Array, start: number, row: number): number {
    // The record's end first (one native search), so that fields need only look for the delimiter.
    const lf = buf.indexOf(LF, start);
    if (lf <= start || this.holdsNulOrBackslash(buf, start, lf)) return -1;
    const columns = this.columns;
    const last = columns.length - 1;
    let i = start;
    for (let k = 0; k <= last; k++) {
      const end = this.field(columns[k]!, buf, i, lf);
      if (end < 0) return this.giveUp(k, row);
      if (k < last) {
        if (end === lf) return this.giveUp(k + 1, row);
        i = end + 1;
      } else if (end === lf || end === lf - 1) {
        // The last field, or it and one trailing delimiter (an empty extra field).
        return lf + 1;
      } else {
        return this.giveUp(k + 1, row);
      }
    }
    return -1; // no columns: never eligible
  }

  /**
   * Appends the field starting at buf[s] (ending at a delimiter or at lf) to the column and returns the
   * index of the delimiter or lf after it; or returns -1 having appended nothing.
   */
  private field(c: FieldColumn, buf: Uint8Array, s: number, lf: number): number {
    const delimiter = this.delimiter;
    switch (c.kind) {
      case INTEGER: return integerField(c.builder as Int32Builder, buf, s, lf, delimiter);
      case BIGINT: return bigintField(c.builder as Int64Builder, buf, s, lf, delimiter);
      case DECIMAL: return decimalField(c.builder as Decimal128Builder, buf, s, lf, delimiter, c.size, c.scale);
      default: {
        // A date in the default layout ends ten bytes on; digits cannot be the delimiter, and its two
        // separators are checked, so the ten bytes are the whole field.
        const ten = s + 10;
        if (c.kind === DATE && ten <= lf && (ten === lf || buf[ten] === delimiter) && buf[s + 4] !== delimiter && buf[s + 7] !== delimiter) {
          if (c.datetime!.pushDefaultDate(c.builder as Int32Builder, buf, s)) return ten;
        }
        const e = this.fieldEnd(buf, s, lf);
        return convertField(c, this.options, buf, s, e) === OK ? e : -1;
      }
    }
  }

  /** The first delimiter in buf[s, lf), or lf: four bytes at a time while none is (a zero byte of word ^ pattern). */
  private fieldEnd(buf: Uint8Array, s: number, lf: number): number {
    const view = this.view;
    const pattern = this.pattern;
    let e = s;
    for (; e + 4 <= lf; e += 4) {
      const x = view.getInt32(e, true) ^ pattern;
      const zeros = (x - 0x01010101) & ~x & 0x80808080;
      // The lowest flagged byte is exact (only bytes above a zero byte can be flagged falsely); little-endian, so first in memory.
      if (zeros !== 0) return e + ((31 - Math.clz32(zeros & -zeros)) >> 3);
    }
    const delimiter = this.delimiter;
    while (e < lf && buf[e] !== delimiter) e++;
    return e;
  }

  /** Whether buf[start, lf) holds a NUL or a backslash (found once per chunk with a native search, not per byte). */
  private holdsNulOrBackslash(buf: Uint8Array, start: number, lf: number): boolean {
    if (buf !== this.chunk) {
      this.chunk = buf;
      this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      this.nulAt = this.backslashAt = -1;
    }
    if (this.nulAt < start) this.nulAt = found(buf, buf.indexOf(NUL, start));
    if (this.backslashAt < start) this.backslashAt = found(buf, buf.indexOf(BACKSLASH, start));
    return this.nulAt < lf || this.backslashAt < lf;
  }

  /** Truncates columns [0, k) back to `row` rows; always -1. */
  private giveUp(k: number, row: number): number {
    for (let j = 0; j < k; j++) this.columns[j]!.builder.truncate(row);
    return -1;
  }
}

/** An indexOf result, with "not found" as the buffer's length. */
function found(buf: Uint8Array, at: number): number {
  return at < 0 ? buf.length : at;
}

/** What signedDigits read: the value (sign applied) and how many digits. */
const digits = { value: 0, count: 0 };

/** An optional '-' and digits from buf[s] (before lf) into `digits`; returns the index after them. */
function signedDigits(buf: Uint8Array, s: number, lf: number): number {
  let i = s;
  const negative = buf[i] === MINUS;
  if (negative) i++;
  const first = i;
  let v = 0;
  for (; i < lf; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  digits.value = negative ? -v : v;
  digits.count = i - first;
  return i;
}

/** As parse-integer.ts shortInteger: an optional '-' and digits, the field under 10 bytes. */
function integerField(b: Int32Builder, buf: Uint8Array, s: number, lf: number, delimiter: number): number {
  const i = signedDigits(buf, s, lf);
  if (digits.count === 0 || i - s >= 10 || (i < lf && buf[i] !== delimiter)) return -1;
  b.push(digits.value);
  return i;
}

/** An optional '-' and up to 15 digits: exact in a double, as parse-integer.ts convertBigint pushes it. */
function bigintField(b: Int64Builder, buf: Uint8Array, s: number, lf: number, delimiter: number): number {
  const i = signedDigits(buf, s, lf);
  if (digits.count === 0 || digits.count > MAX_EXACT_DIGITS || (i < lf && buf[i] !== delimiter)) return -1;
  b.pushNumber(digits.value);
  return i;
}

/** parse-decimal.ts plainDecimal, its end found on the way. */
function decimalField(b: Decimal128Builder, buf: Uint8Array, s: number, lf: number, delimiter: number, precision: number, scale: number): number {
  let i = s;
  const negative = buf[i] === MINUS;
  if (negative) i++;
  const digitsStart = i;
  let point = -1;
  let m = 0;
  for (; i < lf; i++) {
    const d = buf[i]! - 0x30;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (d === POINT - 0x30 && point < 0) point = i;
    else break;
  }
  const end = i;
  if (end < lf && buf[end] !== delimiter) return -1;
  const fraction = point < 0 ? 0 : end - point - 1;
  const intDigits = (point < 0 ? end : point) - digitsStart;
  if (intDigits + fraction === 0 || intDigits + scale > MAX_EXACT_DIGITS || fraction > scale) return -1;
  if (m >= POW10[precision - scale + fraction]!) return -1;
  m *= POW10[scale - fraction]!;
  b.pushNumber(negative ? -m : m);
  return end;
}

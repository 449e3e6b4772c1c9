/**
 * The one TextRecord a splitter hands to its sink, reused for every record, and the load errors the
 * splitters themselves raise.
 */
import type { RecordError, TextRecord } from './record.js';

const EMPTY = new Uint8Array(0);

export class ReusableRecord implements TextRecord {
  bytes: Uint8Array = EMPTY;
  fieldCount = 0;
  starts = new Int32Array(16);
  ends = new Int32Array(16);
  nulls = new Uint8Array(16);
  lineNumber = 0;
  private rawBytes: Uint8Array = EMPTY;
  private rawStart = 0;
  private rawEnd = 0;

  /**
   * The record's bytes as read. Made on demand: only a rejected record needs it, and a subarray per
   * record would cost an allocation on the hot path.
   */
  get raw(): Uint8Array {
    return this.rawBytes.subarray(this.rawStart, this.rawEnd);
  }

  /** Completes the record: its field bytes and count, its line, and where its raw text lies (raw[start, end)). */
  complete(bytes: Uint8Array, fieldCount: number, lineNumber: number, raw: Uint8Array, start: number, end: number): void {
    this.bytes = bytes;
    this.fieldCount = fieldCount;
    this.lineNumber = lineNumber;
    this.rawBytes = raw;
    this.rawStart = start;
    this.rawEnd = end;
  }

  /** Doubles the field capacity (starts, ends and nulls; new nulls are 0). */
  grow(): void {
    const capacity = this.starts.length * 2;
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    const nulls = new Uint8Array(capacity);
    starts.set(this.starts);
    ends.set(this.ends);
    nulls.set(this.nulls);
    this.starts = starts;
    this.ends = ends;
    this.nulls = nulls;
  }

  /** Makes room for n fields. */
  reserve(n: number): void {
    while (this.starts.length < n) this.grow();
  }
}

/** Redshift load error codes the splitters raise (reference §1.11). */
export const LoadErrorCode = {
  /** Structure errors of delimited text and CSV: an unmatched quote, text after a closing quote, a NUL inside a line. */
  delimiterNotFound: 1214,
  /** Structure errors of JSON: malformed JSON, text between root values, a JSONPath that does not resolve. */
  invalidInputLine: 1216,
} as const;

/** Redshift's text for a record that goes on after it should have ended (after a NUL, or after a CSV closing quote). */
export function missingNewline(byte: number, location: number): string {
  return `Missing newline: Unexpected character 0x${byte.toString(16).padStart(2, '0')} found at location ${location}`;
}

/** A RecordError owning a copy of its raw bytes (the input chunk is reused after push() returns). */
export function recordError(lineNumber: number, raw: Uint8Array, code: number, reason: string, position: number): RecordError {
  return { lineNumber, raw: raw.slice(), code, reason, position };
}

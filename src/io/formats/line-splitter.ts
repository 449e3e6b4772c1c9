/**
 * What the line-oriented formats (delimited text, CSV, fixed width) share: chunk handling, the carry
 * of a record that spans chunks, IGNOREHEADER, IGNOREBLANKLINES, line numbers, and NUL bytes.
 *
 * A format supplies a resumable framer (where does the record that starts here end?) and a parser
 * (turn one complete record into fields). Framing state survives the end of a chunk, so a record that
 * spans chunks is scanned once for its end: only its bytes are copied forward (the carry), and only
 * that one record is parsed from the carry.
 *
 * NUL (0x00): Redshift treats it as an end-of-record marker (reference §1.6, dg:copy-parameters-data-conversion.md
 * ESCAPE: "causing the remainder of the record to be truncated"). Here a NUL ends the record wherever it
 * is (even inside quotes, it cannot be escaped); if the next byte ends the line (LF, or the end of the
 * file) the record before the NUL loads normally; otherwise the line is rejected with the SSB tutorial's
 * error — `Missing newline: Unexpected character 0x2c found at location N` (dg:tutorial-loading-run-copy.md),
 * raw line = the bytes before the NUL, position 0 as in that tutorial, N = 0-based offset of the
 * unexpected byte in the line — and the rest of the line is skipped. With NULL AS '\0' (SplitterOptions
 * .nulIsData) NUL is ordinary data.
 */
import type { RecordOptions } from '../load-options.js';
import { ByteBuffer } from './byte-buffer.js';
import type { RecordSink, RecordSplitter } from './record.js';
import { LoadErrorCode, missingNewline, recordError, ReusableRecord } from './reusable-record.js';

export const LF = 0x0a;
const CR = 0x0d;
export const NUL = 0x00;

/** Splitter options that are not in RecordOptions because they come from the conversion parameters. */
export interface SplitterOptions {
  /** NULL AS '\0' (or '\000'): NUL bytes are data, not end-of-record markers. */
  readonly nulIsData?: boolean;
}

/** Nothing pending between chunks. */
const NONE = 0;
/** A record ended at a NUL that was the chunk's last byte; the next byte decides (the record is in the carry). */
const AFTER_NUL = 1;
/** The rest of a line that was rejected after a NUL: skip to the next LF. */
const DISCARD = 2;

export abstract class LineSplitter implements RecordSplitter {
  protected readonly record = new ReusableRecord();
  protected readonly scratch = new ByteBuffer();
  protected readonly ignoreBlankLines: boolean;
  protected readonly nulIsData: boolean;
  /** Line number (1-based) where the next record starts. */
  protected line = 1;
  /** Line feeds inside the record being framed that do not end it (escaped, or inside CSV quotes). */
  protected innerLines = 0;
  private readonly carry = new ByteBuffer();
  private headerLeft: number;
  private pending = NONE;
  /** The first NUL at or after some earlier position of nulChunk (nulChunk.length when none). */
  private nulChunk: Uint8Array | null = null;
  private nulAt = 0;

  constructor(
    protected readonly sink: RecordSink,
    options: RecordOptions,
    /** CSV: a CR right before the LF belongs to the line terminator (delimited text keeps it as data). */
    protected readonly stripCr: boolean,
    splitterOptions: SplitterOptions,
  ) {
    this.headerLeft = options.ignoreHeader;
    this.ignoreBlankLines = options.ignoreBlankLines;
    this.nulIsData = splitterOptions.nulIsData ?? false;
  }

  /** Resets the format's framing state at the start of a record. */
  protected abstract resetFrame(): void;

  /**
   * Continues framing the current record over buf[from, ...): the index of the LF or NUL that ends it,
   * or -1 when it goes on past the chunk (the framing state is kept for the next chunk). Line feeds
   * that do not end the record are counted in innerLines.
   */
  protected abstract frame(buf: Uint8Array, from: number): number;

  /** Turns the complete record buf[start, end) (no terminator) into fields for the sink, or a RecordError. */
  protected abstract parse(buf: Uint8Array, start: number, end: number, lineNumber: number): void;

  push(chunk: Uint8Array): void {
    const len = chunk.length;
    if (len === 0) return;
    this.nulChunk = null;
    let pos = 0;
    if (this.headerLeft > 0) {
      pos = this.skipHeader(chunk);
      if (pos >= len) return;
    }
    if (this.pending === DISCARD) {
      const lf = chunk.indexOf(LF, pos);
      if (lf < 0) return;
      this.pending = NONE;
      pos = lf + 1;
    } else if (this.pending === AFTER_NUL) {
      this.pending = NONE;
      pos = this.afterNul(this.carry.bytes, 0, this.carry.length, chunk, pos);
      this.carry.reset();
    } else if (this.carry.length > 0) {
      const end = this.frame(chunk, pos);
      if (end < 0) {
        this.carry.append(chunk, pos, len);
        return;
      }
      this.carry.append(chunk, pos, end);
      pos = this.finish(this.carry.bytes, 0, this.carry.length, chunk, end);
      if (this.pending !== AFTER_NUL) this.carry.reset();
    }
    if (pos < len) this.scan(chunk, pos);
  }

  end(): void {
    // A last line without a line feed is still a record (and a record cut at a NUL at the very end loads).
    if (this.pending === AFTER_NUL || (this.pending === NONE && this.carry.length > 0)) this.deliver(this.carry.bytes, 0, this.carry.length);
    this.carry.reset();
    this.pending = NONE;
  }

  /** Splits buf[from, ...) into records; the default frames and parses one record at a time. */
  protected scan(buf: Uint8Array, from: number): void {
    let pos = from;
    while (pos < buf.length) pos = this.nextRecord(buf, pos);
  }

  /**
   * Frames and parses the record starting at buf[pos]; returns where the next one starts (buf.length
   * when the record goes on in the next chunk: it is then in the carry).
   */
  protected nextRecord(buf: Uint8Array, pos: number): number {
    this.resetFrame();
    this.innerLines = 0;
    const end = this.frame(buf, pos);
    if (end < 0) {
      this.carry.append(buf, pos, buf.length);
      return buf.length;
    }
    return this.finish(buf, pos, end, buf, end);
  }

  /** The index of the first LF or NUL (unless NUL is data) in buf[from, ...), or -1: framing without quotes or escapes. */
  protected plainLineEnd(buf: Uint8Array, from: number): number {
    const lf = buf.indexOf(LF, from);
    if (this.nulIsData) return lf;
    if (this.nulChunk !== buf || this.nulAt < from) {
      const nul = buf.indexOf(NUL, from);
      this.nulChunk = buf;
      this.nulAt = nul < 0 ? buf.length : nul;
    }
    if (this.nulAt < buf.length && (lf < 0 || this.nulAt < lf)) return this.nulAt;
    return lf;
  }

  /** The line number of the record just framed; moves past its lines. */
  protected takeLine(): number {
    const lineNumber = this.line;
    this.line += 1 + this.innerLines;
    this.innerLines = 0;
    return lineNumber;
  }

  /** A record buf[start, end) ended by the LF or NUL at term[t]; returns the position after it in term. */
  private finish(buf: Uint8Array, start: number, end: number, term: Uint8Array, t: number): number {
    if (term[t] === LF) {
      if (this.stripCr && end > start && buf[end - 1] === CR) end--;
      this.deliver(buf, start, end);
      return t + 1;
    }
    if (t + 1 < term.length) return this.afterNul(buf, start, end, term, t + 1);
    if (buf !== this.carry.bytes) this.carry.append(buf, start, end);
    this.pending = AFTER_NUL;
    return term.length;
  }

  /** A record buf[start, end) was cut by a NUL; next[i] is the byte after the NUL. */
  private afterNul(buf: Uint8Array, start: number, end: number, next: Uint8Array, i: number): number {
    if (next[i] === LF) {
      this.deliver(buf, start, end);
      return i + 1;
    }
    const lineNumber = this.takeLine();
    const reason = missingNewline(next[i]!, end - start + 1);
    this.sink.error(recordError(lineNumber, buf.subarray(start, end), LoadErrorCode.delimiterNotFound, reason, 0));
    const lf = next.indexOf(LF, i);
    if (lf < 0) {
      this.pending = DISCARD;
      return next.length;
    }
    return lf + 1;
  }

  private deliver(buf: Uint8Array, start: number, end: number): void {
    const lineNumber = this.takeLine();
    if (start === end && this.ignoreBlankLines) return;
    this.parse(buf, start, end, lineNumber);
  }

  /** Skips IGNOREHEADER's physical lines; returns the position after them (chunk.length if the chunk ends first). */
  private skipHeader(chunk: Uint8Array): number {
    let pos = 0;
    while (this.headerLeft > 0) {
      const lf = chunk.indexOf(LF, pos);
      if (lf < 0) return chunk.length;
      this.headerLeft--;
      this.line++;
      pos = lf + 1;
    }
    return pos;
  }
}

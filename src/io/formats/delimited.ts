/**
 * Delimited text (Redshift's default format): one record per line, fields split on the delimiter.
 *
 * - CR is data: only LF ends a line. The guide's ESCAPE section tells users of Windows files to escape
 *   both the CR and the LF of an embedded newline, or to remove the carriage returns (dos2unix) before
 *   loading — so a CRLF file loads its CR into the last field (an INT column then fails on it, as in
 *   Redshift). CSV differs: there CRLF ends a record.
 * - A trailing delimiter makes one more (empty) field: TPC-H's `...|comment|` lines have 17 fields.
 * - ESCAPE: a backslash makes the next byte literal (delimiter, LF, CR, quote, backslash, anything);
 *   no octal or other notation (`\012` loads `012`). One exception keeps NULL AS's default working:
 *   a field that is exactly `\N` stays the two bytes `\N`, so the converter still sees the default null
 *   string; `\\N` unescapes to `\N` too. So both mean NULL, as the guide says ("\N and \\N produce the
 *   same results" while NULL AS is default). A NUL cannot be escaped (it still ends the record), and
 *   a backslash at the very end of the record is kept as is.
 * - REMOVEQUOTES: a field that starts with ' or " is quoted; it ends at the same quote character
 *   followed by the delimiter or the end of the record (so `' ' 'Black' ' '` keeps its inner quotes, as
 *   in the guide's table); the quotes are stripped and delimiters inside are kept. A quote that is not
 *   the field's first byte is ordinary (`Blue'` loads as is). An opening quote with no such closing quote
 *   rejects the record: error 1214 `Delimiter not found` (the scan for the closing quote and its
 *   delimiter runs off the record), position = the opening quote's offset. With ESCAPE, `\'` inside is a
 *   literal quote, and a leading `\'` is not an opening quote.
 */
import type { DataFormat, RecordOptions } from '../load-options.js';
import { byteClasses, DelimitedScanSplitter } from './delimited-scan.js';
import { LF, NUL, type SplitterOptions } from './line-splitter.js';
import type { RecordSink } from './record.js';
import { LoadErrorCode, recordError } from './reusable-record.js';

const BACKSLASH = 0x5c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const UPPER_N = 0x4e;

export class DelimitedSplitter extends DelimitedScanSplitter {
  protected readonly classes: Uint8Array;
  protected readonly offersFastRecords: boolean;
  private readonly delimiter: number;
  private readonly escape: boolean;
  private readonly removeQuotes: boolean;
  /** ESCAPE framing state: the previous byte was an unconsumed backslash. */
  private escapePending = false;

  constructor(format: Extract<DataFormat, { kind: 'text' }>, options: RecordOptions, sink: RecordSink, splitterOptions: SplitterOptions) {
    super(sink, options, false, splitterOptions);
    this.delimiter = format.delimiter;
    this.escape = format.escape;
    this.removeQuotes = format.removeQuotes;
    const slow: number[] = [];
    if (!this.nulIsData) slow.push(NUL);
    if (format.escape) slow.push(BACKSLASH);
    if (format.removeQuotes) slow.push(DOUBLE_QUOTE, SINGLE_QUOTE);
    this.classes = byteClasses(format.delimiter, slow);
    this.offersFastRecords = !format.escape && !format.removeQuotes;
  }

  protected resetFrame(): void {
    this.escapePending = false;
  }

  protected frame(buf: Uint8Array, from: number): number {
    if (!this.escape) return this.plainLineEnd(buf, from);
    const nulEnds = !this.nulIsData;
    let pending = this.escapePending;
    for (let i = from; i < buf.length; i++) {
      const c = buf[i]!;
      if (c === NUL && nulEnds) return i;
      if (pending) {
        pending = false;
        if (c === LF) this.innerLines++;
      } else if (c === BACKSLASH) {
        pending = true;
      } else if (c === LF) {
        return i;
      }
    }
    this.escapePending = pending;
    return -1;
  }

  /** The slow path: fields are rewritten into the scratch buffer. */
  protected parse(buf: Uint8Array, start: number, end: number, lineNumber: number): void {
    const record = this.record;
    const scratch = this.scratch;
    scratch.reset();
    let n = 0;
    let i = start;
    for (;;) {
      if (n === record.starts.length) record.grow();
      const fieldStart = scratch.length;
      const first = i < end ? buf[i] : -1;
      if (this.removeQuotes && (first === DOUBLE_QUOTE || first === SINGLE_QUOTE)) {
        const after = this.copyQuoted(buf, i + 1, end, first);
        if (after < 0) {
          this.sink.error(recordError(lineNumber, buf.subarray(start, end), LoadErrorCode.delimiterNotFound, 'Delimiter not found', i - start));
          return;
        }
        i = after;
      } else {
        i = this.copyUnquoted(buf, i, end);
      }
      record.starts[n] = fieldStart;
      record.ends[n] = scratch.length;
      n++;
      if (i >= end) break;
      i++; // the delimiter
    }
    record.complete(scratch.bytes, n, lineNumber, buf, start, end);
    this.sink.record(record);
  }

  /** Copies an unquoted field from buf[i] up to the delimiter or `end`; returns where it stopped. */
  private copyUnquoted(buf: Uint8Array, i: number, end: number): number {
    const scratch = this.scratch;
    const delimiter = this.delimiter;
    const escape = this.escape;
    const fieldBegin = i;
    let run = i;
    while (i < end) {
      const c = buf[i]!;
      if (c === delimiter) break;
      if (escape && c === BACKSLASH && i + 1 < end) {
        scratch.append(buf, run, i);
        const next = buf[i + 1]!;
        // A whole-field `\N` stays `\N`: the default NULL AS string (see the module comment).
        if (next === UPPER_N && i === fieldBegin && (i + 2 === end || buf[i + 2] === delimiter)) scratch.append(buf, i, i + 2);
        else scratch.push(next);
        i += 2;
        run = i;
        continue;
      }
      i++;
    }
    scratch.append(buf, run, i);
    return i;
  }

  /**
   * Copies the inside of a REMOVEQUOTES field whose opening quote was just before buf[i]; returns the
   * position after the closing quote (at a delimiter or `end`), or -1 if there is none.
   */
  private copyQuoted(buf: Uint8Array, i: number, end: number, quote: number): number {
    const scratch = this.scratch;
    const delimiter = this.delimiter;
    const escape = this.escape;
    let run = i;
    while (i < end) {
      const c = buf[i]!;
      if (escape && c === BACKSLASH && i + 1 < end) {
        scratch.append(buf, run, i);
        scratch.push(buf[i + 1]!);
        i += 2;
        run = i;
        continue;
      }
      if (c === quote && (i + 1 === end || buf[i + 1] === delimiter)) {
        scratch.append(buf, run, i);
        return i + 1;
      }
      i++;
    }
    return -1;
  }
}

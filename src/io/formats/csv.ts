/**
 * CSV [QUOTE AS 'q'] (dg:copy-parameters-data-format.md): RFC 4180 quoting.
 *
 * - A field is quoted when its first byte — after optional spaces/tabs — is the quote character; inside,
 *   a doubled quote is one quote, and delimiters, CR and LF are data. Spaces/tabs between the delimiters
 *   and the quotes are ignored ("white space between the delimiters and the quotation mark characters is
 *   ignored"), unless the delimiter itself is that character. A quote inside an unquoted field is an
 *   ordinary character, and an unquoted field keeps its spaces.
 * - CRLF ends a record like LF (the CR is dropped): the guide lists CR with LF as what quoting protects.
 * - After a closing quote (and blanks) anything but the delimiter or the end of the line rejects the
 *   record with Redshift's `Missing newline: Unexpected character 0x.. found at location N` (code 1214;
 *   N = the byte's 0-based offset in the record) — the error users meet with backslash-escaped quotes.
 * - A quote that never closes runs to the end of the file; that record is rejected with 1214
 *   `Delimiter not found`, position = the opening quote's offset.
 * - A record spanning lines reports the line it starts on (the guide documents the last line only for JSON).
 */
import type { DataFormat, RecordOptions } from '../load-options.js';
import { byteClasses, DelimitedScanSplitter } from './delimited-scan.js';
import type { SplitterOptions } from './line-splitter.js';
import type { RecordSink } from './record.js';
import { LoadErrorCode, missingNewline, recordError } from './reusable-record.js';

/** Bytes and framing states, as a const enum: literals in the compiled loops (cheaper than module constants). */
const enum Csv {
  Nul = 0x00,
  Tab = 0x09,
  Lf = 0x0a,
  Space = 0x20,
  /** Framing: at the start of a field (blanks before a quote keep it there). */
  FieldStart = 0,
  Unquoted = 1,
  Quoted = 2,
  /** Inside a quoted field, just after a quote: a second quote continues the field, anything else closed it. */
  QuoteInQuoted = 3,
}

export class CsvSplitter extends DelimitedScanSplitter {
  protected readonly classes: Uint8Array;
  /** Quoted fields and CRLF line ends: CSV records always take the splitter's path. */
  protected readonly offersFastRecords = false;
  private readonly delimiter: number;
  private readonly quote: number;
  private state: number = Csv.FieldStart;

  constructor(format: Extract<DataFormat, { kind: 'csv' }>, options: RecordOptions, sink: RecordSink, splitterOptions: SplitterOptions) {
    super(sink, options, true, splitterOptions);
    this.delimiter = format.delimiter;
    this.quote = format.quote;
    this.classes = byteClasses(format.delimiter, this.nulIsData ? [format.quote] : [format.quote, Csv.Nul]);
  }

  protected resetFrame(): void {
    this.state = Csv.FieldStart;
  }

  protected frame(buf: Uint8Array, from: number): number {
    const { delimiter, quote } = this;
    const nul = this.nulIsData ? -1 : Csv.Nul;
    const len = buf.length;
    let state = this.state;
    let i = from;
    while (i < len) {
      let c = buf[i]!;
      // Runs inside a field are skipped by tight loops; the state machine below sees only the bytes that matter.
      if (state === Csv.Quoted) {
        while (c !== quote && c !== Csv.Lf && c !== nul && ++i < len) c = buf[i]!;
        if (i === len) break;
        if (c === quote) state = Csv.QuoteInQuoted;
        else if (c === Csv.Lf) this.innerLines++;
        else return i;
        i++;
        continue;
      }
      if (state === Csv.Unquoted) {
        while (c !== delimiter && c !== Csv.Lf && c !== nul && ++i < len) c = buf[i]!;
        if (i === len) break;
      }
      if (c === nul) return i;
      switch (state) {
        case Csv.FieldStart:
          if (c === delimiter) break;
          if (c === Csv.Lf) return i;
          if (c === quote) state = Csv.Quoted;
          else if (c !== Csv.Space && c !== Csv.Tab) state = Csv.Unquoted;
          break;
        case Csv.Unquoted:
          if (c === delimiter) state = Csv.FieldStart;
          else return i; // LF
          break;
        case Csv.QuoteInQuoted:
          if (c === quote) state = Csv.Quoted;
          else if (c === delimiter) state = Csv.FieldStart;
          else if (c === Csv.Lf) return i;
          else state = Csv.Unquoted;
          break;
      }
      i++;
    }
    this.state = state;
    return -1;
  }

  /** The slow path (the record has a quote, or spanned chunks): fields are copied into the scratch buffer. */
  protected parse(buf: Uint8Array, start: number, end: number, lineNumber: number): void {
    const record = this.record;
    const scratch = this.scratch;
    const { delimiter, quote } = this;
    scratch.reset();
    let n = 0;
    let i = start;
    for (;;) {
      if (n === record.starts.length) record.grow();
      const fieldStart = scratch.length;
      let j = i;
      while (j < end && this.isBlank(buf[j]!)) j++;
      if (j < end && buf[j] === quote) {
        const opening = j;
        i = j + 1;
        for (;;) {
          let q = i;
          while (q < end && buf[q] !== quote) q++;
          if (q === end) {
            this.sink.error(recordError(lineNumber, buf.subarray(start, end), LoadErrorCode.delimiterNotFound, 'Delimiter not found', opening - start));
            return;
          }
          scratch.append(buf, i, q);
          if (q + 1 < end && buf[q + 1] === quote) {
            scratch.push(quote);
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        while (i < end && this.isBlank(buf[i]!)) i++;
        if (i < end && buf[i] !== delimiter) {
          this.sink.error(recordError(lineNumber, buf.subarray(start, end), LoadErrorCode.delimiterNotFound, missingNewline(buf[i]!, i - start), i - start));
          return;
        }
      } else {
        // A bounded loop, not indexOf: the next delimiter may be far past the end of this record.
        let d = i;
        while (d < end && buf[d] !== delimiter) d++;
        scratch.append(buf, i, d);
        i = d;
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

  /** Spaces and tabs around quoted fields are ignored, unless one of them is the delimiter. */
  private isBlank(c: number): boolean {
    return (c === Csv.Space || c === Csv.Tab) && c !== this.delimiter;
  }
}

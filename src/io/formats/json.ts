/**
 * JSON (reference §1.4.1, dg:copy-parameters-data-format.md): a sequence of root-level objects or arrays
 * separated only by whitespace (none needed: `}{` is fine). Each becomes one record; its fields come
 * from JsonFieldExtractor.
 *
 * - IGNOREHEADER skips physical lines before anything is parsed.
 * - A record's line number is the line of its closing brace/bracket (the guide: "the last line of the
 *   JSON object").
 * - Anything else at the root — a run of non-whitespace bytes up to the next whitespace, '{' or '[' —
 *   is one error per run (the guide: "an error for each instance"), code 1216, on the line it is on.
 * - Malformed JSON inside a value rejects that record (1216 `Invalid JSON: ...`, position = offset in
 *   the value); an unresolvable JSONPath index rejects it with Redshift's text.
 * - A value larger than 4 MB fails the COPY (the guide: "the COPY command fails"): push() throws.
 */
import type { DataFormat, RecordOptions } from '../load-options.js';
import { ByteBuffer } from './byte-buffer.js';
import { JsonFieldExtractor, JsonPathError } from './json-fields.js';
import { isJsonWhitespace, JsonSyntaxError } from './json-value.js';
import type { RecordSink, RecordSplitter } from './record.js';
import { LoadErrorCode, recordError, ReusableRecord } from './reusable-record.js';

const LF = 0x0a;
const LBRACE = 0x7b;
const LBRACKET = 0x5b;

/** What framing a root value looks at (a const enum: literals in the hot loop). */
const enum Frame {
  Ordinary = 0,
  Quote = 1,
  Backslash = 2,
  Open = 3,
  Close = 4,
  LineFeed = 5,
}

const FRAME_CLASSES = new Uint8Array(256);
FRAME_CLASSES[0x22] = Frame.Quote;
FRAME_CLASSES[0x5c] = Frame.Backslash;
FRAME_CLASSES[0x7b] = FRAME_CLASSES[0x5b] = Frame.Open;
FRAME_CLASSES[0x7d] = FRAME_CLASSES[0x5d] = Frame.Close;
FRAME_CLASSES[0x0a] = Frame.LineFeed;

/** Largest root value, in bytes (braces or brackets included). */
export const MAX_JSON_VALUE_BYTES = 4 * 1024 * 1024;

/** Between root values: whitespace. */
const BETWEEN = 0;
/** Inside a root object or array. */
const IN_VALUE = 1;
/** Inside a run of stray text at the root. */
const IN_STRAY = 2;

export class JsonSplitter implements RecordSplitter {
  private readonly record = new ReusableRecord();
  private readonly scratch = new ByteBuffer();
  private readonly carry = new ByteBuffer();
  private readonly extractor: JsonFieldExtractor;
  private line = 1;
  private headerLeft: number;
  private mode = BETWEEN;
  /** Framing state of the current root value. */
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(format: Extract<DataFormat, { kind: 'json' }>, options: RecordOptions, fieldNames: readonly string[], private readonly sink: RecordSink) {
    this.headerLeft = options.ignoreHeader;
    this.extractor = new JsonFieldExtractor(format, fieldNames, new ByteBuffer(64));
  }

  push(chunk: Uint8Array): void {
    const len = chunk.length;
    let i = 0;
    while (this.headerLeft > 0) {
      const lf = chunk.indexOf(LF, i);
      if (lf < 0) return;
      this.headerLeft--;
      this.line++;
      i = lf + 1;
    }
    while (i < len) {
      if (this.mode === BETWEEN) {
        const c = chunk[i]!;
        if (isJsonWhitespace(c)) {
          if (c === LF) this.line++;
          i++;
          continue;
        }
        if (c === LBRACE || c === LBRACKET) {
          this.mode = IN_VALUE;
          this.depth = 0;
          this.inString = false;
          this.escaped = false;
        } else {
          this.mode = IN_STRAY;
        }
      }
      const from = i;
      if (this.mode === IN_VALUE) {
        const end = this.frameValue(chunk, from);
        if (end < 0) {
          this.carry.append(chunk, from, len);
          if (this.carry.length > MAX_JSON_VALUE_BYTES) throw tooLarge();
          return;
        }
        if (this.carry.length > 0) {
          this.carry.append(chunk, from, end);
          this.emitValue(this.carry.bytes, 0, this.carry.length);
          this.carry.reset();
        } else {
          this.emitValue(chunk, from, end);
        }
        i = end;
      } else {
        let j = from;
        while (j < len && !endsStray(chunk[j]!)) j++;
        if (j === len) {
          this.carry.append(chunk, from, len);
          return;
        }
        if (this.carry.length > 0) {
          this.carry.append(chunk, from, j);
          this.emitStray(this.carry.bytes, 0, this.carry.length);
          this.carry.reset();
        } else {
          this.emitStray(chunk, from, j);
        }
        i = j;
      }
      this.mode = BETWEEN;
    }
  }

  end(): void {
    if (this.mode === IN_VALUE) {
      const raw = this.carry.bytes.subarray(0, this.carry.length);
      this.sink.error(recordError(this.line, raw, LoadErrorCode.invalidInputLine, 'Invalid JSON: unexpected end of data (unterminated object or array)', raw.length));
    } else if (this.mode === IN_STRAY) {
      this.emitStray(this.carry.bytes, 0, this.carry.length);
    }
    this.carry.reset();
    this.mode = BETWEEN;
  }

  /** Continues framing the current root value from buf[from]: the index after its closing byte, or -1. */
  private frameValue(buf: Uint8Array, from: number): number {
    const classes = FRAME_CLASSES;
    const len = buf.length;
    let { depth, inString } = this;
    let line = this.line;
    let i = from;
    let end = -1;
    if (this.escaped) {
      // The chunk before ended with a backslash inside a string: this byte is escaped.
      this.escaped = false;
      if (buf[i] === LF) line++;
      i++;
    }
    for (;;) {
      let k: number = Frame.Ordinary;
      while (i < len && (k = classes[buf[i]!]!) === Frame.Ordinary) i++;
      if (i >= len) break;
      if (k === Frame.LineFeed) {
        line++;
      } else if (inString) {
        if (k === Frame.Quote) {
          inString = false;
        } else if (k === Frame.Backslash) {
          if (++i === len) {
            this.escaped = true;
            break;
          }
          if (buf[i] === LF) line++;
        }
      } else if (k === Frame.Quote) {
        inString = true;
      } else if (k === Frame.Open) {
        depth++;
      } else if (k === Frame.Close && --depth === 0) {
        end = i + 1;
        break;
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.line = line;
    return end;
  }

  private emitValue(buf: Uint8Array, start: number, end: number): void {
    if (end - start > MAX_JSON_VALUE_BYTES) throw tooLarge();
    const { record, scratch } = this;
    scratch.reset();
    try {
      this.extractor.extract(buf, start, end, record, scratch);
    } catch (err) {
      if (err instanceof JsonSyntaxError) {
        this.sink.error(recordError(this.line, buf.subarray(start, end), LoadErrorCode.invalidInputLine, `Invalid JSON: ${err.message}`, err.at - start));
        return;
      }
      if (err instanceof JsonPathError) {
        this.sink.error(recordError(this.line, buf.subarray(start, end), LoadErrorCode.invalidInputLine, err.message, 0));
        return;
      }
      throw err;
    }
    record.complete(scratch.bytes, record.fieldCount, this.line, buf, start, end);
    this.sink.record(record);
  }

  private emitStray(buf: Uint8Array, start: number, end: number): void {
    const reason = 'Invalid JSON: text outside a root-level object or array';
    this.sink.error(recordError(this.line, buf.subarray(start, end), LoadErrorCode.invalidInputLine, reason, 0));
  }
}

function endsStray(c: number): boolean {
  return isJsonWhitespace(c) || c === LBRACE || c === LBRACKET;
}

function tooLarge(): Error {
  return new Error(`A JSON object or array is larger than the maximum of ${MAX_JSON_VALUE_BYTES} bytes`);
}

/**
 * What a format's splitter hands to the converter: one record at a time, as byte ranges — no strings
 * are made for fields, so the converter can parse numbers and dates straight from the bytes and copy
 * string bytes straight into Arrow buffers.
 */

/**
 * One record. The splitter reuses this object and its arrays between records: a sink must not keep
 * references past its `record()` call.
 */
export interface TextRecord {
  /** The buffer the field ranges index: the input chunk, or a scratch buffer when fields were rewritten (quotes, escapes, JSON). */
  bytes: Uint8Array;
  fieldCount: number;
  /** Field i is bytes[starts[i], ends[i]). Capacity may exceed fieldCount. */
  starts: Int32Array;
  ends: Int32Array;
  /** 1 where field i is NULL whatever its bytes (JSON null, a key missing from a JSON object). */
  nulls: Uint8Array;
  /** 1-based line of the record in its file (JSON: the object's last line); -1 inside a split scan range. */
  lineNumber: number;
  /** The record's raw bytes as read (no line terminator), for STL_LOAD_ERRORS.raw_line. */
  raw: Uint8Array;
}

/** A record the splitter itself rejects (unterminated quote, stray text between JSON objects, ...). */
export interface RecordError {
  readonly lineNumber: number;
  readonly raw: Uint8Array;
  /** Redshift load error code (reference §1.11), e.g. 1214 "Delimiter not found". */
  readonly code: number;
  readonly reason: string;
  /** Byte position inside the record, or -1. */
  readonly position: number;
}

export interface RecordSink {
  record(r: TextRecord): void;
  error(e: RecordError): void;
  /**
   * Optional, delimited text only: takes the record starting at buf[start] straight from the bytes
   * when it can, returning where the next record starts (after the LF); or -1, having taken nothing,
   * and the record is split and handed to `record` as usual (io/convert/fast-text.ts).
   */
  fastRecord?(buf: Uint8Array, start: number): number;
}

/** Splits a byte stream (already decompressed and UTF-8) into records. */
export interface RecordSplitter {
  /** The next chunk of the file. Records may span chunks; the splitter keeps the partial tail. */
  push(chunk: Uint8Array): void;
  /** End of the file: a last line without a line feed is still a record. */
  end(): void;
}

/**
 * CHAR and VARCHAR: Arrow Utf8 — int32 offsets (rows + 1) and the UTF-8 bytes. Both are segmented:
 * row segments hold each row's end offset after one leading slot (the end of the row before the
 * segment, so the first segment reads as Arrow offsets as it is), byte segments hold whole
 * values (a value that does not fit starts a new byte segment; the unused tail is skipped, so offsets
 * count only used bytes). Converters write a value straight into `bytes` from `pos` after reserve(),
 * then commit() it — no JS string is made on the load path; appendValue (engine strings) encodes with
 * TextEncoder.
 */
import type { ColumnVector } from '../../types/column-vector.js';
import type { SqlType } from '../../types/datatype.js';
import { BuilderBase, MAX_SEGMENT_ROWS, type VectorBuilder } from './builder-base.js';
import { Segments } from './segments.js';
import { allocateSections, copyValidity } from './vector-output.js';

const encoder = new TextEncoder();
const MAX_BYTE_SEGMENT = 1 << 20;

export class Utf8Builder extends BuilderBase implements VectorBuilder {
  /** [end of the row before the segment, then the end offset (in the whole vector's bytes) of each row of the current row segment]. */
  ends: Int32Array;
  private readonly endSegments = new Segments<Int32Array>((n) => new Int32Array(n));
  /** The current byte segment (and a DataView over it, for word-wide copies), and where the next value goes in it. */
  bytes: Uint8Array;
  view: DataView;
  pos = 0;
  /** Bytes used in the sealed byte segments: the vector offset of bytes[0]. */
  private byteBase = 0;
  private readonly sealedBytes: { readonly bytes: Uint8Array; readonly used: number }[] = [];
  /** Full-size byte segments already copied out by finish(), for reuse. */
  private readonly spareBytes: Uint8Array[] = [];

  constructor(type: SqlType, firstSegmentRows: number, bytesPerRow = 16) {
    super(type, firstSegmentRows);
    this.ends = new Int32Array(this.room + 1);
    this.bytes = new Uint8Array(Math.min(MAX_BYTE_SEGMENT, Math.max(256, this.room * bytesPerRow)));
    this.view = new DataView(this.bytes.buffer);
  }

  protected nextSegment(rows: number): void {
    const lastEnd = this.ends[this.ends.length - 1]!;
    this.ends = this.endSegments.next(this.ends, rows + 1);
    this.ends[0] = lastEnd;
  }

  protected previousSegment(): void {
    this.ends = this.endSegments.previous();
  }

  /** Makes room for `n` more bytes at `pos` (possibly in a new byte segment); returns the byte segment. */
  reserve(n: number): Uint8Array {
    if (this.pos + n <= this.bytes.length) return this.bytes;
    if (this.pos > 0) {
      this.sealedBytes.push({ bytes: this.bytes, used: this.pos });
      this.byteBase += this.pos;
    }
    const length = Math.max(n, Math.min(MAX_BYTE_SEGMENT, this.bytes.length * 2));
    const spare = this.spareBytes[this.spareBytes.length - 1];
    this.bytes = spare !== undefined && spare.length >= length ? this.spareBytes.pop()! : new Uint8Array(length);
    this.view = new DataView(this.bytes.buffer);
    this.pos = 0;
    return this.bytes;
  }

  /** Closes the value written into bytes[pos, valueEnd). */
  commit(valueEnd: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    this.ends[i + 1] = this.byteBase + valueEnd;
    this.pos = valueEnd;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }

  /** Copies src[start, end) as one value. */
  pushBytes(src: Uint8Array, start: number, end: number): void {
    const bytes = this.reserve(end - start);
    bytes.set(src.subarray(start, end), this.pos);
    this.commit(this.pos + end - start);
  }

  appendNull(): void {
    this.commit(this.pos);
    this.markNull(this.length - 1);
  }

  appendValue(v: unknown): void {
    if (v === null || v === undefined) {
      this.appendNull();
      return;
    }
    const s = v as string;
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    const bytes = this.reserve(3 * s.length);
    const { written } = encoder.encodeInto(s, bytes.subarray(this.pos));
    this.commit(this.pos + written);
  }

  override truncate(length: number): void {
    super.truncate(length);
    const end = length === 0 ? 0 : this.endOf(length - 1);
    while (end < this.byteBase) {
      const previous = this.sealedBytes.pop()!;
      this.bytes = previous.bytes;
      this.view = new DataView(previous.bytes.buffer);
      this.byteBase -= previous.used;
    }
    this.pos = end - this.byteBase;
  }

  /** The end offset of row `row` (< length), wherever its segment is. */
  private endOf(row: number): number {
    if (row >= this.base) return this.ends[row - this.base + 1]!;
    let first = 0;
    for (const segment of this.endSegments.sealed) {
      const rows = segment.length - 1;
      if (row < first + rows) return segment[row - first + 1]!;
      first += rows;
    }
    throw new Error(`row ${row} is past the sealed segments`);
  }

  finish(shared: boolean): ColumnVector {
    const n = this.length;
    const hasNulls = this.nullCount > 0;
    const byteLength = this.byteBase + this.pos;
    const out = allocateSections([hasNulls ? Math.ceil(n / 8) : 0, (n + 1) * 4, byteLength], shared);
    const validity = hasNulls ? copyValidity(out.buffer, out.starts[0]!, this.bits!, n) : null;
    const offsets = new Int32Array(out.buffer, out.starts[1], n + 1);
    let row = 1;
    for (const segment of this.endSegments.sealed) {
      offsets.set(segment.subarray(1), row);
      row += segment.length - 1;
    }
    offsets.set(this.ends.subarray(1, n - this.base + 1), row);
    const values = new Uint8Array(out.buffer, out.starts[2], byteLength);
    let at = 0;
    for (const { bytes, used } of this.sealedBytes) {
      values.set(bytes.subarray(0, used), at);
      at += used;
    }
    values.set(this.bytes.subarray(0, this.pos), at);
    const v: ColumnVector = { type: this.type, length: n, values, offsets, validity, nullCount: this.nullCount };
    this.clear();
    return v;
  }

  viewRows(): ColumnVector | null {
    if (this.base !== 0 || this.sealedBytes.length > 0) return null;
    const n = this.length;
    const validity = this.nullCount > 0 ? this.bits!.subarray(0, Math.ceil(n / 8)) : null;
    return { type: this.type, length: n, values: this.bytes.subarray(0, this.pos), offsets: this.ends.subarray(0, n + 1), validity, nullCount: this.nullCount };
  }

  clear(): void {
    const byteLength = this.byteBase + this.pos;
    const spilled = this.sealedBytes.length > 0;
    this.endSegments.recycle(MAX_SEGMENT_ROWS + 1);
    for (const { bytes } of this.sealedBytes) if (bytes.length === MAX_BYTE_SEGMENT) this.spareBytes.push(bytes);
    this.sealedBytes.length = 0;
    this.byteBase = 0;
    this.pos = 0;
    this.reset();
    this.ends[0] = 0;
    // Rows taken in runs of about the same size (COPY's row groups) fit one byte segment from the
    // second run on, so viewRows can hand them out without a copy.
    if (spilled && this.bytes.length < byteLength) {
      this.bytes = new Uint8Array(Math.ceil(byteLength * 1.125));
      this.view = new DataView(this.bytes.buffer);
    }
  }
}

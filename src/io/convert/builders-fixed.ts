/**
 * Builders for the fixed-width Arrow layouts (types/column-vector.ts). One class per typed-array kind,
 * so each append site in the converters stays monomorphic. 64- and 128-bit values are written as
 * 32-bit words (little-endian, as Arrow): numbers never become bigints on the hot path.
 */
import type { ColumnVector, VectorValues } from '../../types/column-vector.js';
import type { SqlType } from '../../types/datatype.js';
import { BuilderBase, MAX_SEGMENT_ROWS, type VectorBuilder } from './builder-base.js';
import { Segments } from './segments.js';
import { allocateSections, copyValidity, type OutputBuffer } from './vector-output.js';

const TWO_POW_32 = 4294967296;

/** Copies the segments' bytes back to back into `out` at byte `at` (the current one only up to `currentBytes`). */
function copySegments(out: OutputBuffer['buffer'], at: number, sealed: readonly ArrayBufferView[], current: ArrayBufferView, currentBytes: number): void {
  let offset = at;
  for (const segment of sealed) {
    new Uint8Array(out, offset, segment.byteLength).set(new Uint8Array(segment.buffer, segment.byteOffset, segment.byteLength));
    offset += segment.byteLength;
  }
  if (currentBytes > 0) new Uint8Array(out, offset, currentBytes).set(new Uint8Array(current.buffer, current.byteOffset, currentBytes));
}

/** A fixed-width builder's rows in exact-size buffers. */
function finishFixed(
  b: BuilderBase,
  sealed: readonly ArrayBufferView[],
  current: ArrayBufferView,
  bytesPerRow: number,
  shared: boolean,
  view: (buffer: OutputBuffer['buffer'], at: number, n: number) => VectorValues,
): ColumnVector {
  const n = b.length;
  const hasNulls = b.nullCount > 0;
  const out = allocateSections([hasNulls ? Math.ceil(n / 8) : 0, n * bytesPerRow], shared);
  const validity = hasNulls ? copyValidity(out.buffer, out.starts[0]!, b.bits!, n) : null;
  copySegments(out.buffer, out.starts[1]!, sealed, current, (n - b.base) * bytesPerRow);
  return { type: b.type, length: n, values: view(out.buffer, out.starts[1]!, n), offsets: null, validity, nullCount: b.nullCount };
}

export class Int16Builder extends BuilderBase implements VectorBuilder {
  values: Int16Array;
  private readonly segments = new Segments<Int16Array>((n) => new Int16Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.values = new Int16Array(this.room);
  }
  protected nextSegment(rows: number): void {
    this.values = this.segments.next(this.values, rows);
  }
  protected previousSegment(): void {
    this.values = this.segments.previous();
  }
  push(v: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    this.values[i] = v;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  appendNull(): void {
    this.push(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.push(v as number);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.values, 2, shared, (b, at, n) => new Int16Array(b, at, n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(this.values.subarray(0, this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(MAX_SEGMENT_ROWS);
    this.reset();
  }
}

/** INTEGER and DATE (days since the epoch). */
export class Int32Builder extends BuilderBase implements VectorBuilder {
  values: Int32Array;
  private readonly segments = new Segments<Int32Array>((n) => new Int32Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.values = new Int32Array(this.room);
  }
  protected nextSegment(rows: number): void {
    this.values = this.segments.next(this.values, rows);
  }
  protected previousSegment(): void {
    this.values = this.segments.previous();
  }
  push(v: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    this.values[i] = v;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  appendNull(): void {
    this.push(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.push(v as number);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.values, 4, shared, (b, at, n) => new Int32Array(b, at, n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(this.values.subarray(0, this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(MAX_SEGMENT_ROWS);
    this.reset();
  }
}

export class Float32Builder extends BuilderBase implements VectorBuilder {
  values: Float32Array;
  private readonly segments = new Segments<Float32Array>((n) => new Float32Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.values = new Float32Array(this.room);
  }
  protected nextSegment(rows: number): void {
    this.values = this.segments.next(this.values, rows);
  }
  protected previousSegment(): void {
    this.values = this.segments.previous();
  }
  push(v: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    this.values[i] = v;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  appendNull(): void {
    this.push(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.push(v as number);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.values, 4, shared, (b, at, n) => new Float32Array(b, at, n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(this.values.subarray(0, this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(MAX_SEGMENT_ROWS);
    this.reset();
  }
}

export class Float64Builder extends BuilderBase implements VectorBuilder {
  values: Float64Array;
  private readonly segments = new Segments<Float64Array>((n) => new Float64Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.values = new Float64Array(this.room);
  }
  protected nextSegment(rows: number): void {
    this.values = this.segments.next(this.values, rows);
  }
  protected previousSegment(): void {
    this.values = this.segments.previous();
  }
  push(v: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    this.values[i] = v;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  appendNull(): void {
    this.push(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.push(v as number);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.values, 8, shared, (b, at, n) => new Float64Array(b, at, n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(this.values.subarray(0, this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(MAX_SEGMENT_ROWS);
    this.reset();
  }
}

/**
 * BIGINT (engine bigint) and TIMESTAMP/TIMESTAMPTZ/TIME (engine number of microseconds): Arrow int64,
 * kept as pairs of 32-bit words so integral numbers are stored without making a bigint.
 */
export class Int64Builder extends BuilderBase implements VectorBuilder {
  words: Int32Array;
  private halves: BigInt64Array;
  private readonly segments = new Segments<Int32Array>((n) => new Int32Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.words = new Int32Array(2 * this.room);
    this.halves = new BigInt64Array(this.words.buffer);
  }
  protected nextSegment(rows: number): void {
    this.words = this.segments.next(this.words, 2 * rows);
    this.halves = new BigInt64Array(this.words.buffer);
  }
  protected previousSegment(): void {
    this.words = this.segments.previous();
    this.halves = new BigInt64Array(this.words.buffer);
  }
  /** The slot for the next row (advancing to a new segment when the current one is full). */
  private slot(): number {
    const i = this.length - this.base;
    if (i < this.room) return i;
    this.advance();
    return 0;
  }
  private appended(): void {
    const row = this.length;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  /** An integral number (|v| < 2^63): the low word is v mod 2^32, which ToInt32 keeps exactly. */
  pushNumber(v: number): void {
    const i = this.slot();
    const hi = Math.floor(v / TWO_POW_32);
    this.words[2 * i] = v - hi * TWO_POW_32;
    this.words[2 * i + 1] = hi;
    this.appended();
  }
  pushBigInt(v: bigint): void {
    const i = this.slot(); // first: it may move `halves` to a new segment
    this.halves[i] = v;
    this.appended();
  }
  appendNull(): void {
    this.pushNumber(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else if (typeof v === 'bigint') this.pushBigInt(v);
    else this.pushNumber(v as number);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.words, 8, shared, (b, at, n) => new BigInt64Array(b, at, n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(new BigInt64Array(this.words.buffer, 0, this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(2 * MAX_SEGMENT_ROWS);
    this.reset();
  }
}

/** DECIMAL(p,s): the scaled value as Arrow Decimal128, four little-endian 32-bit words per row. */
export class Decimal128Builder extends BuilderBase implements VectorBuilder {
  words: Int32Array;
  private halves: BigInt64Array;
  private readonly segments = new Segments<Int32Array>((n) => new Int32Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.words = new Int32Array(4 * this.room);
    this.halves = new BigInt64Array(this.words.buffer);
  }
  protected nextSegment(rows: number): void {
    this.words = this.segments.next(this.words, 4 * rows);
    this.halves = new BigInt64Array(this.words.buffer);
  }
  protected previousSegment(): void {
    this.words = this.segments.previous();
    this.halves = new BigInt64Array(this.words.buffer);
  }
  private slot(): number {
    const i = this.length - this.base;
    if (i < this.room) return i;
    this.advance();
    return 0;
  }
  private appended(): void {
    const row = this.length;
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  /** An integral number with |v| < 2^53: two words and the sign extension. */
  pushNumber(v: number): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    const w = 4 * i;
    const words = this.words;
    if (v >= 0 && v < TWO_POW_32) {
      words[w] = v;
      words[w + 1] = 0;
      words[w + 2] = 0;
      words[w + 3] = 0;
    } else {
      const hi = Math.floor(v / TWO_POW_32);
      const sign = hi < 0 ? -1 : 0;
      words[w] = v - hi * TWO_POW_32;
      words[w + 1] = hi;
      words[w + 2] = sign;
      words[w + 3] = sign;
    }
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  /** Any value in the int128 range: BigInt64Array stores each half modulo 2^64. */
  pushBigInt(v: bigint): void {
    const i = this.slot();
    this.halves[2 * i] = v;
    this.halves[2 * i + 1] = v >> 64n;
    this.appended();
  }
  appendNull(): void {
    this.pushNumber(0);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.pushBigInt(v as bigint);
  }
  finish(shared: boolean): ColumnVector {
    const v = finishFixed(this, this.segments.sealed, this.words, 16, shared, (b, at, n) => new Uint32Array(b, at, 4 * n));
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(new Uint32Array(this.words.buffer, 0, 4 * this.length)) : null;
  }
  clear(): void {
    this.segments.recycle(4 * MAX_SEGMENT_ROWS);
    this.reset();
  }
}

/** BOOLEAN: Arrow bit-packed values (segments hold a multiple of 8 rows, so they join on bytes). */
export class BoolBuilder extends BuilderBase implements VectorBuilder {
  values: Uint8Array;
  private readonly segments = new Segments<Uint8Array>((n) => new Uint8Array(n));
  constructor(type: SqlType, firstSegmentRows: number) {
    super(type, firstSegmentRows);
    this.values = new Uint8Array(this.room / 8);
  }
  protected nextSegment(rows: number): void {
    this.values = this.segments.next(this.values, rows / 8);
  }
  protected previousSegment(): void {
    this.values = this.segments.previous();
  }
  push(v: boolean): void {
    const row = this.length;
    let i = row - this.base;
    if (i === this.room) {
      this.advance();
      i = 0;
    }
    if (v) this.values[i >> 3]! |= 1 << (i & 7);
    else this.values[i >> 3]! &= ~(1 << (i & 7));
    if (this.bits !== null) this.bits[row >> 3]! |= 1 << (row & 7);
    this.length = row + 1;
  }
  appendNull(): void {
    this.push(false);
    this.markNull(this.length - 1);
  }
  appendValue(v: unknown): void {
    if (v === null || v === undefined) this.appendNull();
    else this.push(v as boolean);
  }
  finish(shared: boolean): ColumnVector {
    const n = this.length;
    const hasNulls = this.nullCount > 0;
    const out = allocateSections([hasNulls ? Math.ceil(n / 8) : 0, Math.ceil(n / 8)], shared);
    const validity = hasNulls ? copyValidity(out.buffer, out.starts[0]!, this.bits!, n) : null;
    copySegments(out.buffer, out.starts[1]!, this.segments.sealed, this.values, Math.ceil((n - this.base) / 8));
    const values = new Uint8Array(out.buffer, out.starts[1], Math.ceil(n / 8));
    if ((n & 7) !== 0) values[values.length - 1]! &= (1 << (n & 7)) - 1;
    const v: ColumnVector = { type: this.type, length: n, values, offsets: null, validity, nullCount: this.nullCount };
    this.clear();
    return v;
  }
  viewRows(): ColumnVector | null {
    return this.base === 0 ? this.vectorOver(this.values.subarray(0, Math.ceil(this.length / 8))) : null;
  }
  clear(): void {
    this.segments.recycle(MAX_SEGMENT_ROWS / 8);
    this.reset();
  }
}

/**
 * What every column vector builder shares: the row count, the NULL count, the Arrow validity bitmap
 * and the segment bookkeeping.
 *
 * Values are kept in segments — 1024 rows, doubling up to 65536 — instead of one array that doubles:
 * a full segment is sealed and never copied again, so a large load pays one copy (into the exact-size
 * output, in finish) rather than one per doubling, and small loads stay small. The validity bitmap is
 * only made at the first NULL (every earlier row marked valid), so a column without NULLs never pays
 * for it; once it exists every append writes its bit.
 */
import type { ColumnVector, VectorValues } from '../../types/column-vector.js';
import type { SqlType } from '../../types/datatype.js';

/** Appends engine values (types/datatype.ts) and NULLs, then hands out an exact-size ColumnVector. */
export interface VectorBuilder {
  readonly type: SqlType;
  /** Rows appended so far. */
  readonly length: number;
  readonly nullCount: number;
  appendNull(): void;
  /** An engine value of the builder's type; `null` or `undefined` append a NULL. */
  appendValue(v: unknown): void;
  /** Drops the rows from `length` on (a rejected COPY row rolls back this way). */
  truncate(length: number): void;
  /**
   * The rows as a ColumnVector in exactly sized buffers (one SharedArrayBuffer when `shared`); the
   * builder is then empty again.
   */
  finish(shared: boolean): ColumnVector;
  /**
   * The rows as a ColumnVector over the builder's own memory, without a copy, when they all sit in
   * its first segment (else null: finish copies). Valid only until the builder next changes.
   */
  viewRows(): ColumnVector | null;
  /** Back to no rows, keeping the memory for the next ones (what finish does after copying out). */
  clear(): void;
}

export const FIRST_SEGMENT_ROWS = 1024;
export const MAX_SEGMENT_ROWS = 65536;

export abstract class BuilderBase {
  length = 0;
  nullCount = 0;
  /** The validity bitmap over all rows, null until the first NULL. */
  bits: Uint8Array | null = null;
  /** Rows in the sealed segments: the current segment's first row. */
  base = 0;
  /** Rows the current segment holds. */
  room: number;
  /** Row counts of the sealed segments, oldest first. */
  protected readonly sealedRooms: number[] = [];

  constructor(readonly type: SqlType, firstSegmentRows: number) {
    // A multiple of 8, so bit-packed segments join on byte boundaries.
    this.room = Math.ceil(Math.max(8, Math.min(MAX_SEGMENT_ROWS, firstSegmentRows)) / 8) * 8;
  }

  /** Seals the current (full) segment and starts one of `rows` rows. */
  protected abstract nextSegment(rows: number): void;
  /** Drops the current segment and makes the last sealed one current again. */
  protected abstract previousSegment(): void;

  /** The current segment is full: seal it and start the next, larger one. */
  protected advance(): void {
    this.sealedRooms.push(this.room);
    this.base += this.room;
    const rows = Math.min(this.room * 2, MAX_SEGMENT_ROWS);
    this.nextSegment(rows);
    this.room = rows;
    const bits = this.bits;
    if (bits !== null && bits.length * 8 < this.base + rows) {
      const grown = new Uint8Array(Math.max(bits.length * 2, Math.ceil((this.base + rows) / 8)));
      grown.set(bits);
      this.bits = grown;
    }
  }

  /** Clears row i's validity bit (making the bitmap at the first NULL). */
  protected markNull(i: number): void {
    let bits = this.bits;
    if (bits === null) {
      bits = new Uint8Array(Math.ceil((this.base + this.room) / 8));
      // Rows before the first NULL are all valid.
      bits.fill(0xff, 0, i >> 3);
      for (let k = i & ~7; k < i; k++) bits[k >> 3]! |= 1 << (k & 7);
      this.bits = bits;
    }
    bits[i >> 3]! &= ~(1 << (i & 7));
    this.nullCount++;
  }

  truncate(length: number): void {
    if (length < 0 || length > this.length) throw new Error(`truncate(${length}) of a builder of ${this.length} rows`);
    const bits = this.bits;
    if (bits !== null) for (let i = length; i < this.length; i++) if ((bits[i >> 3]! & (1 << (i & 7))) === 0) this.nullCount--;
    while (length < this.base) {
      this.previousSegment();
      this.room = this.sealedRooms.pop()!;
      this.base -= this.room;
    }
    this.length = length;
  }

  /** The rows as a vector over `values` (a view of the builder's memory) and a view of the validity bitmap. */
  protected vectorOver(values: VectorValues): ColumnVector {
    const validity = this.nullCount > 0 ? this.bits!.subarray(0, Math.ceil(this.length / 8)) : null;
    return { type: this.type, length: this.length, values, offsets: null, validity, nullCount: this.nullCount };
  }

  /** Back to no rows: the sealed segments go, the current one is kept for reuse. */
  protected reset(): void {
    this.length = 0;
    this.nullCount = 0;
    this.base = 0;
    this.sealedRooms.length = 0;
  }
}

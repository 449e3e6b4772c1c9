/**
 * Column blocks: one column's values for up to BLOCK_ROWS rows of one slice, in Apache Arrow's buffer
 * layout over SharedArrayBuffers, so compute-node workers read them without copying and a crashed
 * worker loses nothing. Blocks are immutable once built; each carries its zone map (min/max).
 */
import type { SqlType } from '../types/datatype.js';

/** Rows per block. Redshift uses 1 MB per column block; a fixed row count keeps blocks of one row range aligned across columns. */
export const BLOCK_ROWS = 65536;

export type ValueBuffer = Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | Uint8Array | Uint32Array;

/** One column of one block. Buffers are views over SharedArrayBuffers, laid out as Arrow lays them out. */
export interface ColumnChunk {
  readonly type: SqlType;
  readonly length: number;
  /** Arrow values buffer (bit-packed for BOOLEAN, 4 x uint32 little-endian per value for DECIMAL128, UTF-8 bytes for strings). */
  readonly values: ValueBuffer;
  /** Arrow offsets for CHAR/VARCHAR, else null. */
  readonly offsets: Int32Array | null;
  /** Arrow validity bitmap (bit set = not null), or null when no value is null. */
  readonly validity: Uint8Array | null;
  readonly nullCount: number;
  /**
   * CHAR/VARCHAR only, set at build time: every byte is ASCII, so a reader may decode the whole values
   * buffer at once as Latin-1 and cut strings at the byte offsets. Absent = unknown (decode as UTF-8).
   */
  readonly ascii?: boolean;
  /** Zone map in engine values (see types/datatype.ts); null when every value is null. */
  readonly min: unknown;
  readonly max: unknown;
}

/** A block: the same row range of every column of a table on one slice. */
export interface Block {
  readonly rowCount: number;
  readonly columns: readonly ColumnChunk[];
}

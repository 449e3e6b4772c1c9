/** Per-slice storage statistics, as STV_TBL_PERM, STV_BLOCKLIST and SVV_TABLE_INFO report them. */
import type { ColumnChunk } from './block.js';
import type { SliceData } from './table-data.js';

/**
 * Redshift stores three hidden columns per table (INSERT_XID, DELETE_XID, ROW_ID) in blocks of their
 * own, numbered after the user columns (reference §1.14); block counts include them.
 */
export const HIDDEN_COLUMNS = 3;

export interface SliceStats {
  /** Rows including deleted, not yet vacuumed ones (STV_TBL_PERM.rows). */
  readonly rows: number;
  readonly liveRows: number;
  readonly sortedRows: number;
  /** Blocks x (user + hidden columns), as STV_BLOCKLIST counts them (STV_TBL_PERM.block_count). */
  readonly blockCount: number;
  /** Bytes held by the slice's column buffers and delete bitmaps. */
  readonly bytes: number;
}

export function sliceStats(slice: SliceData): SliceStats {
  let deleted = 0;
  let blockCount = 0;
  let bytes = 0;
  for (const ref of slice.blocks) {
    deleted += ref.deletedCount;
    blockCount += ref.block.columns.length + HIDDEN_COLUMNS;
    for (const chunk of ref.block.columns) bytes += chunkBytes(chunk);
    if (ref.deleted !== null) bytes += ref.deleted.byteLength;
  }
  return { rows: slice.rowCount, liveRows: slice.rowCount - deleted, sortedRows: slice.sortedRows, blockCount, bytes };
}

/** One user-column block of a slice, as STV_BLOCKLIST lists it. */
export interface BlockListEntry {
  /** Column ordinal (user columns only; the hidden ones have no zone maps here). */
  readonly col: number;
  /** Position of the block within the slice. */
  readonly blocknum: number;
  readonly numValues: number;
  /** Zone map in engine values (null when every value is null). */
  readonly min: unknown;
  readonly max: unknown;
  /** Some of the block's rows lie in the unsorted region. */
  readonly unsorted: boolean;
  /** Rows of the block marked deleted. */
  readonly deletedRows: number;
}

export function sliceBlockList(slice: SliceData): BlockListEntry[] {
  const entries: BlockListEntry[] = [];
  let end = 0;
  slice.blocks.forEach((ref, blocknum) => {
    end += ref.block.rowCount;
    const unsorted = end > slice.sortedRows;
    ref.block.columns.forEach((chunk, col) => {
      entries.push({ col, blocknum, numValues: chunk.length, min: chunk.min, max: chunk.max, unsorted, deletedRows: ref.deletedCount });
    });
  });
  return entries;
}

function chunkBytes(chunk: ColumnChunk): number {
  return chunk.values.byteLength + (chunk.offsets?.byteLength ?? 0) + (chunk.validity?.byteLength ?? 0);
}

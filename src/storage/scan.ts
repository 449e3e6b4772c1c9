/**
 * Reading a slice for a table scan: its blocks that have live rows, with the offsets of those rows
 * (deleted rows left out), blocks optionally skipped by zone map. The scan decodes what it needs of
 * each block itself (block-reader.ts), column by column and only for the rows it keeps.
 */
import type { Block } from './block.js';
import type { SliceData } from './table-data.js';

export { zoneMapMayMatch } from './zone-map.js';

export interface LiveBlock {
  readonly block: Block;
  /** The block's first row as an offset within the slice (row ids are slice offsets). */
  readonly firstRow: number;
  /** Offsets within the block of its live rows, ascending; null when no row is deleted. */
  readonly live: Int32Array | null;
}

/** The slice's blocks with live rows; `blockFilter` returns false to skip a block unread (zone maps). */
export function* liveBlocks(slice: SliceData, blockFilter?: (block: Block) => boolean): Iterable<LiveBlock> {
  let firstRow = 0;
  for (const { block, deleted, deletedCount } of slice.blocks) {
    const start = firstRow;
    firstRow += block.rowCount;
    if (block.rowCount === deletedCount || (blockFilter !== undefined && !blockFilter(block))) continue;
    yield { block, firstRow: start, live: deleted === null ? null : liveRows(deleted, block.rowCount) };
  }
}

/** Offsets of the rows whose delete flag is 0. */
function liveRows(deleted: Uint8Array, rowCount: number): Int32Array {
  const rows = new Int32Array(rowCount);
  let k = 0;
  for (let i = 0; i < rowCount; i++) if (deleted[i] === 0) rows[k++] = i;
  return rows.subarray(0, k);
}

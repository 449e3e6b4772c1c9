/** Reading a slice for a table scan: one batch of live rows per block, blocks optionally skipped by zone map. */
import type { Block } from './block.js';
import { readColumn } from './block-reader.js';
import type { SliceData } from './table-data.js';

export { zoneMapMayMatch } from './zone-map.js';

export interface ScanOptions {
  /** Also return each row's id (its offset within the slice), for UPDATE and DELETE. */
  readonly withRowIds: boolean;
  /** Return false to skip a block without reading it (exec decides, typically from zone maps). */
  readonly blockFilter?: (block: Block) => boolean;
}

export interface ScanBatch {
  readonly columns: unknown[][];
  readonly rowCount: number;
  readonly rowIds?: number[];
}

/** The live rows of the slice's columns `columnOrdinals`, one batch per block that has any. */
export function readSlice(slice: SliceData, columnOrdinals: readonly number[], options: ScanOptions): ScanBatch[] {
  const batches: ScanBatch[] = [];
  let blockStart = 0;
  for (const ref of slice.blocks) {
    const { block, deleted } = ref;
    const start = blockStart;
    blockStart += block.rowCount;
    const live = block.rowCount - ref.deletedCount;
    if (live === 0 || (options.blockFilter !== undefined && !options.blockFilter(block))) continue;
    const columns = columnOrdinals.map((c) => readColumn(block.columns[c]!));
    let rowIds: number[] | undefined;
    if (options.withRowIds) {
      rowIds = new Array<number>(block.rowCount);
      for (let i = 0; i < block.rowCount; i++) rowIds[i] = start + i;
    }
    if (deleted !== null) {
      for (const column of columns) dropDeleted(column, deleted);
      if (rowIds !== undefined) dropDeleted(rowIds, deleted);
    }
    batches.push(rowIds === undefined ? { columns, rowCount: live } : { columns, rowCount: live, rowIds });
  }
  return batches;
}

/** Compacts `values` in place to the entries whose delete flag is 0. */
function dropDeleted(values: unknown[], deleted: Uint8Array): void {
  let kept = 0;
  for (let i = 0; i < values.length; i++) if (deleted[i] === 0) values[kept++] = values[i];
  values.length = kept;
}

/**
 * Table data versions: immutable values, changed copy-on-write. A statement builds a new version and
 * the leader installs it only on success; a rollback drops it; other sessions keep reading the old
 * one. Nothing here mutates a block, a delete bitmap or a version once it is returned.
 */
import type { SqlType } from '../types/datatype.js';
import type { Block, ColumnChunk } from './block.js';
import { buildBlocks } from './block-builder.js';
import { readColumn } from './block-reader.js';
import { encodeChunk } from './chunk-encoder.js';
import { sharedBytes } from './shared-buffers.js';

export interface BlockRef {
  readonly block: Block;
  /** 1 byte per row in a SharedArrayBuffer, 1 = deleted; null = none deleted. */
  readonly deleted: Uint8Array | null;
  readonly deletedCount: number;
}

export interface SliceData {
  readonly blocks: readonly BlockRef[];
  /** Rows in the leading sorted region (Redshift's sorted region). */
  readonly sortedRows: number;
  /** Rows including deleted ones. */
  readonly rowCount: number;
}

/** A table's data; `slices[i]` is global slice i. */
export interface TableData {
  readonly slices: readonly SliceData[];
}

/**
 * Blocks smaller than this (and without deletions) at the end of a slice get merged as rows arrive,
 * so a run of single-row INSERTs does not leave a block per row.
 */
export const COALESCE_BELOW_ROWS = 4096;

export const EMPTY_SLICE: SliceData = { blocks: [], sortedRows: 0, rowCount: 0 };

export function emptyTableData(sliceCount: number): TableData {
  return { slices: Array.from({ length: sliceCount }, () => EMPTY_SLICE) };
}

/**
 * A new slice version with the rows appended. With `sorted` on an empty slice the rows form the
 * sorted region (the caller has sorted them); otherwise they extend the unsorted region.
 */
export function appendRows(slice: SliceData, types: readonly SqlType[], columns: readonly unknown[][], rowCount: number, opts: { sorted?: boolean } = {}): SliceData {
  if (rowCount === 0) return slice;
  const sortedRows = opts.sorted === true && slice.rowCount === 0 ? rowCount : slice.sortedRows;
  const blocks = [...slice.blocks, ...buildBlocks(types, columns, rowCount).map(freshRef)];
  coalesceTail(blocks, types);
  return { blocks, sortedRows, rowCount: slice.rowCount + rowCount };
}

/** appendRows for rows already built into blocks (COPY builds them on the slice's node), same rules. */
export function appendBlocks(slice: SliceData, blocks: readonly Block[], opts: { sorted?: boolean } = {}): SliceData {
  const rowCount = blocks.reduce((n, b) => n + b.rowCount, 0);
  if (rowCount === 0) return slice;
  const sortedRows = opts.sorted === true && slice.rowCount === 0 ? rowCount : slice.sortedRows;
  const refs = [...slice.blocks, ...blocks.filter((b) => b.rowCount > 0).map(freshRef)];
  coalesceTail(refs, blocks[0]!.columns.map((c) => c.type));
  return { blocks: refs, sortedRows, rowCount: slice.rowCount + rowCount };
}

/**
 * Merges the last two blocks while both are small and the earlier one is no larger than the later
 * one: small blocks then behave like a binary counter (sizes halve toward the end), so each row is
 * copied O(log COALESCE_BELOW_ROWS) times in total and at most that many small blocks remain —
 * rebuilding the whole last block on every append would copy O(COALESCE_BELOW_ROWS) rows per INSERT.
 * Row order is unchanged, so the sorted region's row count stays valid.
 */
function coalesceTail(blocks: BlockRef[], types: readonly SqlType[]): void {
  while (blocks.length >= 2) {
    const prev = blocks[blocks.length - 2]!;
    const last = blocks[blocks.length - 1]!;
    if (!isSmall(prev) || !isSmall(last) || prev.block.rowCount > last.block.rowCount) return;
    const merged = prev.block.columns.map((chunk, c) => {
      const values = readColumn(chunk);
      for (const v of readColumn(last.block.columns[c]!)) values.push(v);
      return values;
    });
    blocks.splice(-2, 2, ...buildBlocks(types, merged, prev.block.rowCount + last.block.rowCount).map(freshRef));
  }
}

function isSmall(ref: BlockRef): boolean {
  return ref.deleted === null && ref.block.rowCount < COALESCE_BELOW_ROWS;
}

/**
 * A new slice version with the given rows (offsets within the slice, blocks in order) marked deleted.
 * Only the delete bitmaps of touched blocks are copied; block data is shared with the old version.
 */
export function deleteRows(slice: SliceData, rowIds: readonly number[]): SliceData {
  if (rowIds.length === 0) return slice;
  const starts = blockStarts(slice);
  const copies = new Map<number, Uint8Array>();
  for (const rowId of rowIds) {
    if (!Number.isInteger(rowId) || rowId < 0 || rowId >= slice.rowCount) throw new Error(`deleteRows: row ${rowId} is not in the slice (${slice.rowCount} rows)`);
    const b = blockIndexOf(starts, rowId);
    let bitmap = copies.get(b);
    if (bitmap === undefined) {
      const ref = slice.blocks[b]!;
      bitmap = sharedBytes(ref.block.rowCount);
      if (ref.deleted !== null) bitmap.set(ref.deleted);
      copies.set(b, bitmap);
    }
    bitmap[rowId - starts[b]!] = 1;
  }
  const blocks = slice.blocks.map((ref, b) => {
    const deleted = copies.get(b);
    if (deleted === undefined) return ref;
    let deletedCount = 0;
    for (let i = 0; i < deleted.length; i++) deletedCount += deleted[i]!;
    return { block: ref.block, deleted, deletedCount };
  });
  return { blocks, sortedRows: slice.sortedRows, rowCount: slice.rowCount };
}

/** Rows not deleted. */
export function liveRowCount(slice: SliceData): number {
  let deleted = 0;
  for (const ref of slice.blocks) deleted += ref.deletedCount;
  return slice.rowCount - deleted;
}

/** A new table version with some slices replaced (slice number -> new version). */
export function withSlices(table: TableData, changes: ReadonlyMap<number, SliceData>): TableData {
  if (changes.size === 0) return table;
  for (const s of changes.keys()) if (s < 0 || s >= table.slices.length) throw new Error(`withSlices: no slice ${s}`);
  return { slices: table.slices.map((slice, s) => changes.get(s) ?? slice) };
}

/**
 * ALTER TABLE ADD COLUMN: every block gets a column holding `value` on every row. Blocks of equal
 * row count share one chunk (chunks are immutable).
 */
export function addColumn(table: TableData, type: SqlType, value: unknown): TableData {
  const constants = new Map<number, ColumnChunk>();
  const constantChunk = (rows: number): ColumnChunk => {
    let chunk = constants.get(rows);
    if (chunk === undefined) {
      chunk = encodeChunk(type, new Array<unknown>(rows).fill(value), 0, rows);
      constants.set(rows, chunk);
    }
    return chunk;
  };
  return mapBlocks(table, (block) => ({ rowCount: block.rowCount, columns: [...block.columns, constantChunk(block.rowCount)] }));
}

/** ALTER TABLE DROP COLUMN: the column at `ordinal` leaves every block. */
export function dropColumn(table: TableData, ordinal: number): TableData {
  return mapBlocks(table, (block) => {
    if (ordinal < 0 || ordinal >= block.columns.length) throw new Error(`dropColumn: no column ${ordinal}`);
    return { rowCount: block.rowCount, columns: block.columns.filter((_, c) => c !== ordinal) };
  });
}

/** The row offset within the slice at which each block starts. */
export function blockStarts(slice: SliceData): number[] {
  const starts: number[] = [];
  let row = 0;
  for (const ref of slice.blocks) {
    starts.push(row);
    row += ref.block.rowCount;
  }
  return starts;
}

function blockIndexOf(starts: readonly number[], rowId: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= rowId) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function mapBlocks(table: TableData, change: (block: Block) => Block): TableData {
  return {
    slices: table.slices.map((slice) => ({
      blocks: slice.blocks.map((ref) => ({ block: change(ref.block), deleted: ref.deleted, deletedCount: ref.deletedCount })),
      sortedRows: slice.sortedRows,
      rowCount: slice.rowCount,
    })),
  };
}

function freshRef(block: Block): BlockRef {
  return { block, deleted: null, deletedCount: 0 };
}

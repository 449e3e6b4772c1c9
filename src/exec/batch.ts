/** Building, slicing and combining batches (columns of engine values or NumColumns, see vector.ts). */
import type { Batch } from './spec.js';
import { concatColumns, gatherColumn, rowIndices, sliceColumn, type Column, type VBatch } from './vector.js';

export function emptyBatch(width: number): Batch {
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) columns.push([]);
  return { columns, rowCount: 0 };
}

/** The rows `rows` of a batch, every column. */
export function gatherBatch(batch: VBatch, rows: ArrayLike<number>): VBatch {
  const indices = rowIndices(rows);
  return { columns: batch.columns.map((c) => gatherColumn(c, indices)), rowCount: rows.length };
}

/**
 * The rows `rows` of a batch, gathering only the columns in `used`; the others are left empty.
 * For evaluating an expression on a subset of rows of a wide batch without copying columns it never reads.
 */
export function gatherUsedColumns(batch: VBatch, rows: ArrayLike<number>, used: readonly number[]): VBatch {
  const indices = rowIndices(rows);
  const columns: Column[] = new Array<Column>(batch.columns.length);
  for (let c = 0; c < columns.length; c++) columns[c] = EMPTY;
  for (const c of used) if (c < columns.length) columns[c] = gatherColumn(batch.columns[c]!, indices);
  return { columns, rowCount: rows.length };
}
const EMPTY: unknown[] = [];

/** Rows [start, end) of a batch. */
export function sliceBatch(batch: VBatch, start: number, end: number): VBatch {
  if (start === 0 && end >= batch.rowCount) return batch;
  return { columns: batch.columns.map((c) => sliceColumn(c, start, end)), rowCount: Math.max(0, Math.min(end, batch.rowCount) - start) };
}

/** All rows of `batches` in one batch of `width` columns (used when the input is empty). */
export function concatBatches(batches: readonly Batch[], width: number): Batch;
export function concatBatches(batches: readonly VBatch[], width: number): VBatch;
export function concatBatches(batches: readonly VBatch[], width: number): VBatch {
  const nonEmpty = batches.filter((b) => b.rowCount > 0);
  if (nonEmpty.length === 0) return emptyBatch(width);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  let total = 0;
  for (const b of nonEmpty) total += b.rowCount;
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) columns.push(concatColumns(nonEmpty.map((b) => b.columns[c]!), total));
  return { columns, rowCount: total };
}

/** A column of `n` copies of one value. */
export function constantColumn(value: unknown, n: number): unknown[] {
  return new Array<unknown>(n).fill(value);
}

/** The selected rows of a batch (the batch itself when every row is selected). */
export function selectRows(batch: VBatch, selection: ArrayLike<number>): VBatch {
  return selection.length === batch.rowCount ? batch : gatherBatch(batch, selection);
}

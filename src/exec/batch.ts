/** Building, slicing and combining Batches (columns of engine values). */
import type { Batch } from './spec.js';

export function emptyBatch(width: number): Batch {
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) columns.push([]);
  return { columns, rowCount: 0 };
}

/** One column's values at `rows`, in that order. */
export function gatherColumn(column: readonly unknown[], rows: ArrayLike<number>): unknown[] {
  const n = rows.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = column[rows[i]!];
  return out;
}

/** The rows `rows` of a batch, every column. */
export function gatherBatch(batch: Batch, rows: ArrayLike<number>): Batch {
  return { columns: batch.columns.map((c) => gatherColumn(c, rows)), rowCount: rows.length };
}

/**
 * The rows `rows` of a batch, gathering only the columns in `used`; the others are left empty.
 * For evaluating an expression on a subset of rows of a wide batch without copying columns it never reads.
 */
export function gatherUsedColumns(batch: Batch, rows: ArrayLike<number>, used: readonly number[]): Batch {
  const columns: unknown[][] = new Array<unknown[]>(batch.columns.length);
  for (let c = 0; c < columns.length; c++) columns[c] = EMPTY;
  for (const c of used) if (c < columns.length) columns[c] = gatherColumn(batch.columns[c]!, rows);
  return { columns, rowCount: rows.length };
}
const EMPTY: unknown[] = [];

/** Rows [start, end) of a batch. */
export function sliceBatch(batch: Batch, start: number, end: number): Batch {
  if (start === 0 && end >= batch.rowCount) return batch;
  return { columns: batch.columns.map((c) => c.slice(start, end)), rowCount: Math.max(0, Math.min(end, batch.rowCount) - start) };
}

/** All rows of `batches` in one batch of `width` columns (used when the input is empty). */
export function concatBatches(batches: readonly Batch[], width: number): Batch {
  const nonEmpty = batches.filter((b) => b.rowCount > 0);
  if (nonEmpty.length === 0) return emptyBatch(width);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  let total = 0;
  for (const b of nonEmpty) total += b.rowCount;
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) {
    const out = new Array<unknown>(total);
    let at = 0;
    for (const b of nonEmpty) {
      const col = b.columns[c]!;
      for (let i = 0; i < b.rowCount; i++) out[at++] = col[i];
    }
    columns.push(out);
  }
  return { columns, rowCount: total };
}

/** A column of `n` copies of one value. */
export function constantColumn(value: unknown, n: number): unknown[] {
  return new Array<unknown>(n).fill(value);
}

/** The selected rows of a batch (the batch itself when every row is selected). */
export function selectRows(batch: Batch, selection: readonly number[]): Batch {
  return selection.length === batch.rowCount ? batch : gatherBatch(batch, selection);
}

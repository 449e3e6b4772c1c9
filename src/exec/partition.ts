/**
 * Hash redistribution: splits batches by the slice that owns each row's key values. Rows hash with
 * types' hashRow, which for a single key equals the hashValue storage places a KEY table's rows by,
 * so redistributed rows land next to the table rows they join with.
 */
import { hashRow } from '../types/hash.js';
import { gatherBatch } from './batch.js';
import { compileExpr } from './expr.js';
import type { Batch, PExpr } from './spec.js';

/** out[slice] = the rows of `batches` whose keys hash to that slice (one batch per input batch, when non-empty). */
export function partitionBatches(
  batches: readonly Batch[],
  keys: readonly PExpr[],
  sliceCount: number,
  sliceForHash: (h: number, n: number) => number,
): Batch[][] {
  const out: Batch[][] = [];
  for (let s = 0; s < sliceCount; s++) out.push([]);
  const keyExprs = keys.map(compileExpr);
  const types = keys.map((k) => k.type);
  for (const batch of batches) {
    const keyColumns = keyExprs.map((k) => k(batch));
    const rowsBySlice: number[][] = out.map(() => []);
    const keyValues = new Array<unknown>(keys.length); // reused for every row
    for (let row = 0; row < batch.rowCount; row++) {
      for (let k = 0; k < keyColumns.length; k++) keyValues[k] = keyColumns[k]![row];
      rowsBySlice[sliceForHash(hashRow(keyValues, types), sliceCount)]!.push(row);
    }
    rowsBySlice.forEach((rows, s) => {
      if (rows.length === batch.rowCount) out[s]!.push(batch);
      else if (rows.length > 0) out[s]!.push(gatherBatch(batch, rows));
    });
  }
  return out;
}

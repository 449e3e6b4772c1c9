/**
 * Hash redistribution: splits batches by the slice that owns each row's key values. Rows hash with
 * types' hashRow, which for a single key equals the hashValue storage places a KEY table's rows by,
 * so redistributed rows land next to the table rows they join with.
 */
import { INTEGER, type SqlType } from '../types/index.js';
import { hashRow } from '../types/hash.js';
import { gatherBatch } from './batch.js';
import { compileVectors } from './expr.js';
import type { PExpr } from './spec.js';
import { NumColumn, type Column, type VBatch } from './vector.js';

/** out[slice] = the rows of `batches` whose keys hash to that slice (one batch per input batch, when non-empty). */
export function partitionBatches(
  batches: readonly VBatch[],
  keys: readonly PExpr[],
  sliceCount: number,
  sliceForHash: (h: number, n: number) => number,
): VBatch[][] {
  const out: VBatch[][] = [];
  for (let s = 0; s < sliceCount; s++) out.push([]);
  const keyExprs = compileVectors(keys);
  for (const batch of batches) {
    const readers = keyExprs.map((k, i) => keyReader(k(batch), keys[i]!.type));
    const types = readers.map((r) => r.type);
    const rowsBySlice: number[][] = out.map(() => []);
    const keyValues = new Array<unknown>(keys.length); // reused for every row
    for (let row = 0; row < batch.rowCount; row++) {
      for (let k = 0; k < readers.length; k++) keyValues[k] = readers[k]!.value(row);
      rowsBySlice[sliceForHash(hashRow(keyValues, types), sliceCount)]!.push(row);
    }
    rowsBySlice.forEach((rows, s) => {
      if (rows.length === batch.rowCount) out[s]!.push(batch);
      else if (rows.length > 0) out[s]!.push(gatherBatch(batch, rows));
    });
  }
  return out;
}

/**
 * How to hash one key column: its values and the type to hash them as. A BIGINT held as numbers
 * hashes as an INTEGER-typed number, which hashValue guarantees equal to the bigint's hash (integers
 * hash by value whatever their width); other NumColumns box their values.
 */
function keyReader(column: Column, type: SqlType): { value: (row: number) => unknown; type: SqlType } {
  if (!(column instanceof NumColumn)) return { value: (row) => column[row], type };
  const { values, nulls } = column;
  if (column.boxing === 'number' || type.kind === 'bigint') {
    return { value: (row) => (nulls !== null && nulls[row] !== 0 ? null : values[row]), type: column.boxing === 'number' ? type : INTEGER };
  }
  const boxed = column.boxed();
  return { value: (row) => boxed[row], type };
}

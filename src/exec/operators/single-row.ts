/**
 * A scalar subquery's value as one row: the input's only row, or a row of NULLs when the input is
 * empty. A second row is an error, as SQL requires of a subquery used as an expression.
 */
import { SqlError, SqlState } from '../../types/index.js';
import { sliceBatch } from '../batch.js';
import type { VBatch } from '../vector.js';

export function* singleRow(input: Iterable<VBatch>, width: number): Iterable<VBatch> {
  let row: VBatch | null = null;
  for (const batch of input) {
    if (batch.rowCount === 0) continue;
    if (row !== null || batch.rowCount > 1) {
      throw new SqlError(SqlState.cardinalityViolation, 'more than one row returned by a subquery used as an expression');
    }
    row = sliceBatch(batch, 0, 1);
  }
  if (row === null) {
    const columns: unknown[][] = [];
    for (let c = 0; c < width; c++) columns.push([null]);
    row = { columns, rowCount: 1 };
  }
  yield row;
}

/** VALUES / SELECT without FROM: constant rows, each expression evaluated on a one-row, column-less batch. */
import { compileExpr } from '../expr.js';
import type { Batch, POp } from '../spec.js';

const ONE_ROW: Batch = { columns: [], rowCount: 1 };

export function* values(op: Extract<POp, { kind: 'values' }>): Iterable<Batch> {
  if (op.rows.length === 0) return;
  const columns: unknown[][] = op.types.map(() => []);
  for (const row of op.rows) {
    // Constants (most VALUES rows: INSERT literals) need no evaluator.
    row.forEach((e, c) => columns[c]!.push(e.kind === 'const' ? e.value : compileExpr(e)(ONE_ROW)[0]));
  }
  yield { columns, rowCount: op.rows.length };
}

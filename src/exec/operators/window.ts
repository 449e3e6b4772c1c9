/**
 * Window functions sharing one OVER (PARTITION BY ... ORDER BY ...): collects the input, lays it out
 * in partitions sorted once by the window ORDER BY, and appends one column per function. Only the
 * columns the window reads are gathered into one array each; the input batches pass through with
 * their slices of the results appended, in input order. The task must hold every row of each
 * partition it sees.
 */
import { columnsUsed } from '../expr.js';
import type { Batch, POp, PExpr } from '../spec.js';
import { boxBatch, type VBatch } from '../vector.js';
import { evaluateWindowFunction, windowFunctionExprs } from '../window-functions.js';
import { buildWindowLayout } from '../window-layout.js';

export function* windowOperator(op: Extract<POp, { kind: 'window' }>, input: Iterable<VBatch>, width: number): Iterable<Batch> {
  // Window functions read engine values.
  const batches = [...input].filter((b) => b.rowCount > 0).map(boxBatch);
  if (batches.length === 0) return;
  const exprs: PExpr[] = [...op.partitionBy, ...op.orderBy.map((k) => k.expr), ...op.functions.flatMap(windowFunctionExprs)];
  const whole = gatherColumns(batches, width, new Set(exprs.flatMap(columnsUsed)));
  const layout = buildWindowLayout(whole, op.partitionBy, op.orderBy);
  const results = op.functions.map((fn) => evaluateWindowFunction(fn, whole, layout));
  let offset = 0;
  for (const b of batches) {
    const end = offset + b.rowCount;
    const appended = batches.length === 1 ? results : results.map((r) => r.slice(offset, end));
    yield { columns: [...b.columns, ...appended], rowCount: b.rowCount };
    offset = end;
  }
}

/** All rows as one batch, with only the `used` columns filled in (the others are empty). */
function gatherColumns(batches: readonly Batch[], width: number, used: ReadonlySet<number>): Batch {
  if (batches.length === 1) return batches[0]!;
  let total = 0;
  for (const b of batches) total += b.rowCount;
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) {
    if (!used.has(c)) {
      columns.push([]);
      continue;
    }
    const out = new Array<unknown>(total);
    let at = 0;
    for (const b of batches) {
      const column = b.columns[c]!;
      for (let i = 0; i < b.rowCount; i++) out[at++] = column[i];
    }
    columns.push(out);
  }
  return { columns, rowCount: total };
}

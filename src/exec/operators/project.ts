/** Projection: one output column per expression. */
import { compileExpr } from '../expr.js';
import type { Batch, POp } from '../spec.js';

export function* project(op: Extract<POp, { kind: 'project' }>, input: Iterable<Batch>): Iterable<Batch> {
  const exprs = op.exprs.map(compileExpr);
  for (const batch of input) yield { columns: exprs.map((e) => e(batch)), rowCount: batch.rowCount };
}

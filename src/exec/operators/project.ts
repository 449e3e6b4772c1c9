/** Projection: one output column per expression (numeric results stay NumColumns). */
import { compileVectors } from '../expr.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';

export function* project(op: Extract<POp, { kind: 'project' }>, input: Iterable<VBatch>): Iterable<VBatch> {
  const exprs = compileVectors(op.exprs);
  for (const batch of input) yield { columns: exprs.map((e) => e(batch)), rowCount: batch.rowCount };
}

/** Filter: the rows where the predicate is TRUE. */
import { selectRows } from '../batch.js';
import { compilePredicate } from '../expr.js';
import type { Batch, POp } from '../spec.js';

export function* filter(op: Extract<POp, { kind: 'filter' }>, input: Iterable<Batch>): Iterable<Batch> {
  const predicate = compilePredicate(op.predicate);
  for (const batch of input) {
    const selected = selectRows(batch, predicate(batch));
    if (selected.rowCount > 0) yield selected;
  }
}

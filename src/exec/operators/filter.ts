/** Filter: the rows where the predicate is TRUE. */
import { selectRows } from '../batch.js';
import { compilePredicate } from '../predicate.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';

export function* filter(op: Extract<POp, { kind: 'filter' }>, input: Iterable<VBatch>): Iterable<VBatch> {
  const select = compilePredicate(op.predicate);
  for (const batch of input) {
    const selected = selectRows(batch, select(batch, null));
    if (selected.rowCount > 0) yield selected;
  }
}

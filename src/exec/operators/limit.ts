/** LIMIT/OFFSET: skip `offset` rows, then pass `limit` rows (all when null). */
import { sliceBatch } from '../batch.js';
import type { Batch, POp } from '../spec.js';

export function* limit(op: Extract<POp, { kind: 'limit' }>, input: Iterable<Batch>): Iterable<Batch> {
  let toSkip = op.offset;
  let toTake = op.limit ?? Infinity;
  if (toTake <= 0) return;
  for (const batch of input) {
    const start = Math.min(toSkip, batch.rowCount);
    toSkip -= start;
    const end = Math.min(batch.rowCount, start + toTake);
    if (end > start) {
      yield sliceBatch(batch, start, end);
      toTake -= end - start;
    }
    if (toTake <= 0) return;
  }
}

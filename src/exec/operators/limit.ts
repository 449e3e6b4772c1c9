/** LIMIT/OFFSET: skip `offset` rows, then pass `limit` rows (all when null). */
import { sliceBatch } from '../batch.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';

export function* limit(op: Extract<POp, { kind: 'limit' }>, input: Iterable<VBatch>): Iterable<VBatch> {
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

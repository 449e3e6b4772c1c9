/**
 * Leader-side merge of the sorted runs gathered from the slices (one batch per task), keeping the
 * first `limit` rows. The runs are concatenated and sorted with a stable sort that detects runs,
 * which amounts to a k-way merge.
 */
import { concatBatches } from '../batch.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';
import { sortBatch } from './sort.js';

export function* merge(op: Extract<POp, { kind: 'merge' }>, runs: readonly VBatch[]): Iterable<VBatch> {
  if (runs.length === 0) return;
  const merged = sortBatch(concatBatches(runs, runs[0]!.columns.length), op.keys, op.limit);
  if (merged.rowCount > 0) yield merged;
}

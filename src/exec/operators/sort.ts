/**
 * ORDER BY, optionally keeping only the first `limit` rows (top-N). Sorts row indices with a
 * comparator over the evaluated key columns; a small limit uses a bounded heap instead of a full sort.
 */
import { concatBatches, gatherBatch } from '../batch.js';
import { compileExpr } from '../expr.js';
import { rowComparator } from '../row-compare.js';
import type { POp, SortKey } from '../spec.js';
import type { VBatch } from '../vector.js';

export function* sort(op: Extract<POp, { kind: 'sort' }>, input: Iterable<VBatch>, width: number): Iterable<VBatch> {
  const sorted = sortBatch(concatBatches([...input], width), op.keys, op.limit);
  if (sorted.rowCount > 0) yield sorted;
}

/** The batch's rows in key order, only the first `limit` of them when given. */
export function sortBatch(batch: VBatch, keys: readonly SortKey[], limit: number | null): VBatch {
  const n = batch.rowCount;
  const keep = limit === null ? n : Math.max(0, Math.min(limit, n));
  if (keep === 0) return gatherBatch(batch, []);
  const keyColumns = keys.map((k) => compileExpr(k.expr)(batch));
  const compare = rowComparator(keys, keyColumns);
  const order = keep * 8 < n ? topN(n, keep, compare) : fullSort(n, keep, compare);
  return gatherBatch(batch, order);
}

function fullSort(n: number, keep: number, compare: (i: number, j: number) => number): number[] {
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // V8's sort is TimSort: already-sorted runs (e.g. the per-slice runs merged on the leader) merge in O(n log runs).
  order.sort(compare);
  return keep < n ? order.slice(0, keep) : order;
}

/** The first `keep` rows in order, via a max-heap of the best rows seen so far. */
function topN(n: number, keep: number, compare: (i: number, j: number) => number): number[] {
  const heap: number[] = [];
  const siftUp = (at: number): void => {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (compare(heap[at]!, heap[parent]!) <= 0) return;
      [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
      at = parent;
    }
  };
  const siftDown = (at: number): void => {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) return;
      const right = left + 1;
      const larger = right < heap.length && compare(heap[right]!, heap[left]!) > 0 ? right : left;
      if (compare(heap[larger]!, heap[at]!) <= 0) return;
      [heap[at], heap[larger]] = [heap[larger]!, heap[at]!];
      at = larger;
    }
  };
  for (let i = 0; i < n; i++) {
    if (heap.length < keep) {
      heap.push(i);
      siftUp(heap.length - 1);
    } else if (compare(i, heap[0]!) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

/**
 * INTERSECT and EXCEPT (MINUS) with SQL set semantics: the result is distinct, and rows compare
 * equal when every column is equal or both are NULL (unlike join keys, where NULL matches nothing).
 * The right side is read into a set of row keys; the left side streams.
 */
import { gatherBatch } from '../batch.js';
import { boxBatch, type VBatch } from '../vector.js';
import { compositeKey } from '../value-keys.js';

export function* setOp(op: 'intersect' | 'except', left: Iterable<VBatch>, right: Iterable<VBatch>): Iterable<VBatch> {
  const rightKeys = new Set<string>();
  for (const input of right) {
    const batch = boxBatch(input);
    for (let r = 0; r < batch.rowCount; r++) rightKeys.add(compositeKey(batch.columns, r));
  }
  const emitted = new Set<string>();
  const wanted = op === 'intersect';
  for (const input of left) {
    const batch = boxBatch(input);
    const rows: number[] = [];
    for (let r = 0; r < batch.rowCount; r++) {
      const key = compositeKey(batch.columns, r);
      if (rightKeys.has(key) !== wanted || emitted.has(key)) continue;
      emitted.add(key);
      rows.push(r);
    }
    if (rows.length > 0) yield gatherBatch(batch, rows);
  }
}

/**
 * Nested-loop join for conditions without equality keys (or none: a cross join). Probe batches are
 * cut into pieces small enough that (probe rows x build rows) candidate pairs stay bounded, and the
 * condition is evaluated vectorized over each piece's pairs.
 */
import { concatBatches, sliceBatch } from '../batch.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';
import type { Pairs } from '../join-table.js';
import { JoinEmitter, PairFilter } from './join-output.js';

/** Most candidate pairs evaluated at once. */
const MAX_PAIRS = 1 << 18;

export function* nestedLoopJoin(
  op: Extract<POp, { kind: 'nestedLoopJoin' }>,
  probeInput: Iterable<VBatch>,
  buildInput: Iterable<VBatch>,
  probeWidth: number,
  buildWidth: number,
  /** Called between pieces: a piece can match nothing, so the join may run long without yielding a batch. */
  checkCancelled?: () => void,
): Iterable<VBatch> {
  const build = concatBatches([...buildInput], buildWidth);
  const emitter = new JoinEmitter(op.joinType, build, probeWidth);
  if (build.rowCount === 0 && (op.joinType === 'inner' || op.joinType === 'semi' || op.joinType === 'right')) return;
  const condition = op.condition ? new PairFilter(op.condition, probeWidth) : null;
  const step = Math.max(1, Math.floor(MAX_PAIRS / Math.max(1, build.rowCount)));

  for (const batch of probeInput) {
    for (let start = 0; start < batch.rowCount; start += step) {
      checkCancelled?.();
      const probe = sliceBatch(batch, start, start + step);
      let pairs = allPairs(probe.rowCount, build.rowCount);
      if (condition) pairs = condition.apply(probe, build, pairs);
      const out = emitter.emitProbe(probe, pairs);
      if (out) yield out;
    }
  }
  const unmatched = emitter.emitUnmatchedBuild();
  if (unmatched) yield unmatched;
}

function allPairs(probeCount: number, buildCount: number): Pairs {
  const probeRows = new Int32Array(probeCount * buildCount);
  const buildRows = new Int32Array(probeCount * buildCount);
  let k = 0;
  for (let p = 0; p < probeCount; p++) {
    for (let b = 0; b < buildCount; b++) {
      probeRows[k] = p;
      buildRows[k++] = b;
    }
  }
  return { probeRows, buildRows };
}

/**
 * Hash join: a hash table on the build side's keys (join-table.ts; NULL keys never enter it), probed
 * batch by batch. Candidate pairs then pass the residual condition before they count as matches,
 * which matters for outer, semi and anti joins.
 *
 * A semi or anti join (EXISTS, NOT EXISTS) whose build side turns out large reads its probe side
 * first; when that is smaller, the table goes on the probe side and the build side streams through
 * it, marking the probe rows that have a match (TPC-H Q21 probes with a few thousand orders' items
 * but builds on all of lineitem).
 */
import { concatBatches, gatherBatch } from '../batch.js';
import { compileVectors } from '../expr.js';
import { buildJoinTable } from '../join-table.js';
import type { KeyFilter } from '../runtime-filter.js';
import type { POp } from '../spec.js';
import type { VBatch } from '../vector.js';
import { JoinEmitter, PairFilter } from './join-output.js';

type HashJoinOp = Extract<POp, { kind: 'hashJoin' }>;

/** A semi/anti join's build side beyond this many rows makes it consider building on its probe side. */
const SWAP_MIN_BUILD_ROWS = 32768;

/** Runtime filters (runtime-filter.ts) of the scans under each side, armed with the table once built. */
export interface JoinFilters {
  readonly probe: KeyFilter | null;
  readonly build: KeyFilter | null;
}

export function* hashJoin(
  op: HashJoinOp,
  probeInput: Iterable<VBatch>,
  buildInput: Iterable<VBatch>,
  probeWidth: number,
  buildWidth: number,
  filters: JoinFilters,
): Iterable<VBatch> {
  const buildBatches: VBatch[] = [];
  const buildRest = buildInput[Symbol.iterator]();
  let buildRows = 0;
  const semi = op.joinType === 'semi' || op.joinType === 'anti';
  for (let next = buildRest.next(); !next.done; next = buildRest.next()) {
    buildBatches.push(next.value);
    buildRows += next.value.rowCount;
    if (semi && buildRows > SWAP_MIN_BUILD_ROWS) {
      const probe = concatBatches([...probeInput], probeWidth);
      if (probe.rowCount < buildRows) {
        yield* tableOnProbeSide(op, probe, [...buildBatches, ...remaining(buildRest)], probeWidth, filters.build);
        return;
      }
      buildBatches.push(...remaining(buildRest));
      probeInput = [probe];
      break;
    }
  }
  const build = concatBatches(buildBatches, buildWidth);
  const emitter = new JoinEmitter(op.joinType, build, probeWidth);
  // With no build rows nothing matches: inner, semi and right joins are empty without reading the probe side.
  if (build.rowCount === 0 && (op.joinType === 'inner' || op.joinType === 'semi' || op.joinType === 'right')) return;

  const table = buildJoinTable(compileVectors(op.buildKeys).map((k) => k(build)), build.rowCount);
  filters.probe?.arm(table);
  const probeKeys = compileVectors(op.probeKeys);
  const residual = op.residual ? new PairFilter(op.residual, probeWidth) : null;
  // Without a residual, semi and anti joins only need to know whether a key exists.
  const firstMatchOnly = residual === null && (op.joinType === 'semi' || op.joinType === 'anti');

  for (const probe of probeInput) {
    let pairs = table.probe(probeKeys.map((k) => k(probe)), probe.rowCount, firstMatchOnly);
    if (residual) pairs = residual.apply(probe, build, pairs);
    const out = emitter.emitProbe(probe, pairs);
    if (out) yield out;
  }
  const unmatched = emitter.emitUnmatchedBuild();
  if (unmatched) yield unmatched;
}

/** The rest of an iterator's values, lazily. */
function* remaining<T>(iterator: Iterator<T>): Iterable<T> {
  for (let next = iterator.next(); !next.done; next = iterator.next()) yield next.value;
}

/**
 * A semi/anti join with its table on the (materialized) probe side: build batches stream through it,
 * each matching pair that passes the residual marks its probe row; then the marked (semi) or
 * unmarked (anti) probe rows, in order. The build side's scan drops rows no probe key matches.
 */
function* tableOnProbeSide(op: HashJoinOp, probe: VBatch, buildInput: Iterable<VBatch>, probeWidth: number, buildFilter: KeyFilter | null): Iterable<VBatch> {
  if (probe.rowCount === 0) return;
  const table = buildJoinTable(compileVectors(op.probeKeys).map((k) => k(probe)), probe.rowCount);
  buildFilter?.arm(table);
  const buildKeys = compileVectors(op.buildKeys);
  const residual = op.residual ? new PairFilter(op.residual, probeWidth) : null;
  const matched = new Uint8Array(probe.rowCount);
  for (const batch of buildInput) {
    // The table's rows are probe rows: the pairs come back the other way round.
    const found = table.probe(buildKeys.map((k) => k(batch)), batch.rowCount, false);
    let pairs = { probeRows: found.buildRows, buildRows: found.probeRows };
    if (residual) pairs = residual.apply(probe, batch, pairs);
    for (const r of pairs.probeRows) matched[r] = 1;
  }
  const wanted = op.joinType === 'semi' ? 1 : 0;
  const rows: number[] = [];
  for (let r = 0; r < probe.rowCount; r++) if (matched[r] === wanted) rows.push(r);
  if (rows.length > 0) yield gatherBatch(probe, rows);
}

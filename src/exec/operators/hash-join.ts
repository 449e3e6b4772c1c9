/**
 * Hash join: a hash table on the build side's keys (NULL keys never enter it), probed batch by batch.
 * Equal keys chain through `next`, in build-row order. Candidate pairs then pass the residual
 * condition before they count as matches, which matters for outer, semi and anti joins.
 */
import { concatBatches } from '../batch.js';
import { compileExpr } from '../expr.js';
import type { Batch, PExpr, POp } from '../spec.js';
import { canonicalKey, compareClass, compositeKey, type KeyPrimitive } from '../value-keys.js';
import { JoinEmitter, PairFilter, type Pairs } from './join-output.js';

type HashJoinOp = Extract<POp, { kind: 'hashJoin' }>;

export function* hashJoin(op: HashJoinOp, probeInput: Iterable<Batch>, buildInput: Iterable<Batch>, probeWidth: number, buildWidth: number): Iterable<Batch> {
  const build = concatBatches([...buildInput], buildWidth);
  const emitter = new JoinEmitter(op.joinType, build, probeWidth);
  // With no build rows nothing matches: inner, semi and right joins are empty without reading the probe side.
  if (build.rowCount === 0 && (op.joinType === 'inner' || op.joinType === 'semi' || op.joinType === 'right')) return;

  const keyOf = joinKeyFunction(op.probeKeys, op.buildKeys);
  const table = new JoinHashTable(build, op.buildKeys, keyOf);
  const probeKeys = op.probeKeys.map(compileExpr);
  const residual = op.residual ? new PairFilter(op.residual, probeWidth) : null;
  // Without a residual, semi and anti joins only need to know whether a key exists.
  const firstMatchOnly = residual === null && (op.joinType === 'semi' || op.joinType === 'anti');

  for (const probe of probeInput) {
    const keyColumns = probeKeys.map((k) => k(probe));
    let pairs = table.probe(keyColumns, probe.rowCount, firstMatchOnly);
    if (residual) pairs = residual.apply(probe, build, pairs);
    const out = emitter.emitProbe(probe, pairs);
    if (out) yield out;
  }
  const unmatched = emitter.emitUnmatchedBuild();
  if (unmatched) yield unmatched;
}

/** The hash key of a row's join key values, or null when any is NULL (NULL never equals anything). */
type KeyFunction = (columns: readonly (readonly unknown[])[], row: number) => KeyPrimitive | null;

function joinKeyFunction(probeKeys: readonly PExpr[], buildKeys: readonly PExpr[]): KeyFunction {
  if (buildKeys.length === 1) {
    // INTEGER on one side and BIGINT on the other: compare as bigints.
    const widen = compareClass(probeKeys[0]!.type) !== compareClass(buildKeys[0]!.type);
    return (columns, row) => {
      const v = columns[0]![row];
      if (v === null) return null;
      if (widen && typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      return canonicalKey(v);
    };
  }
  return (columns, row) => {
    for (const c of columns) if (c[row] === null) return null;
    return compositeKey(columns as unknown[][], row);
  };
}

class JoinHashTable {
  private readonly heads = new Map<KeyPrimitive, number>();
  /** Next build row with the same key, or -1. */
  private readonly next: Int32Array;

  constructor(build: Batch, keys: readonly PExpr[], private readonly keyOf: KeyFunction) {
    const keyColumns = keys.map((k) => compileExpr(k)(build));
    this.next = new Int32Array(build.rowCount).fill(-1);
    // Inserting from the last row makes each chain run in build-row order.
    for (let row = build.rowCount - 1; row >= 0; row--) {
      const key = keyOf(keyColumns, row);
      if (key === null) continue;
      const head = this.heads.get(key);
      if (head !== undefined) this.next[row] = head;
      this.heads.set(key, row);
    }
  }

  probe(keyColumns: readonly (readonly unknown[])[], rowCount: number, firstMatchOnly: boolean): Pairs {
    const probeRows: number[] = [];
    const buildRows: number[] = [];
    for (let row = 0; row < rowCount; row++) {
      const key = this.keyOf(keyColumns, row);
      if (key === null) continue;
      let match = this.heads.get(key);
      if (match === undefined) continue;
      if (firstMatchOnly) {
        probeRows.push(row);
        buildRows.push(match);
        continue;
      }
      while (match >= 0) {
        probeRows.push(row);
        buildRows.push(match);
        match = this.next[match]!;
      }
    }
    return { probeRows, buildRows };
  }
}

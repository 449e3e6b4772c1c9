/**
 * Hash aggregation in three phases:
 * - 'partial' (per slice): input rows -> group keys + one partial state per aggregate;
 * - 'final' (next stage or leader): rows of (keys, states) -> keys + results. The input layout is the
 *   partial's output: key i is input column i, aggregate j's state is column (key count + j); the
 *   AggregateSpecs are the same as the partial's (their `arg` only supplies the argument type);
 * - 'single': input rows -> keys + results.
 * Without group keys, 'final' and 'single' emit exactly one row even for empty input.
 */
import { compileAggregateInput, createAccumulator, updateAccumulator } from '../aggregates.js';
import { compileVectors } from '../expr.js';
import { GroupTable } from '../group-table.js';
import type { PExpr, POp } from '../spec.js';
import { boxColumn, type Column, type VBatch } from '../vector.js';

/** Stands in for COUNT(*)'s missing argument in the list compiled together (never evaluated). */
const NO_ARGUMENT: PExpr = { kind: 'const', value: null, type: { kind: 'unknown' } };

export function* aggregate(op: Extract<POp, { kind: 'aggregate' }>, input: Iterable<VBatch>): Iterable<VBatch> {
  const keyCount = op.groupKeys.length;
  const groups = new GroupTable(keyCount);
  const accumulators = op.aggregates.map(createAccumulator);
  // Keys and arguments compiled together share their common subexpressions.
  const compiled = compileVectors([...op.groupKeys, ...op.aggregates.map((a) => a.arg ?? NO_ARGUMENT)]);
  const keyExprs = compiled.slice(0, keyCount);
  const argExprs = op.aggregates.map((a, j) => compileAggregateInput(a, compiled[keyCount + j]!));

  for (const batch of input) {
    const n = batch.rowCount;
    if (n === 0) continue;
    if (op.phase === 'final') {
      const ids = groups.assign(batch.columns.slice(0, keyCount), n);
      accumulators.forEach((acc, j) => {
        acc.grow(groups.size);
        acc.merge(ids, boxColumn(batch.columns[keyCount + j]!), n);
      });
    } else {
      const ids = groups.assign(keyExprs.map((k) => k(batch)), n);
      accumulators.forEach((acc, j) => {
        acc.grow(groups.size);
        updateAccumulator(acc, ids, argExprs[j]!(batch), n);
      });
    }
  }

  if (keyCount === 0 && op.phase !== 'partial') {
    groups.ensureOneGroup();
    for (const acc of accumulators) acc.grow(groups.size);
  }
  const count = groups.size;
  if (count === 0) return;
  const columns: Column[] = groups.keyColumns();
  for (const acc of accumulators) {
    const partial = op.phase === 'partial';
    const whole = partial ? acc.stateColumn?.(count) : acc.resultColumn?.(count);
    if (whole) {
      columns.push(whole);
      continue;
    }
    const out = new Array<unknown>(count);
    if (partial) for (let g = 0; g < count; g++) out[g] = acc.state(g);
    else for (let g = 0; g < count; g++) out[g] = acc.result(g);
    columns.push(out);
  }
  yield { columns, rowCount: count };
}

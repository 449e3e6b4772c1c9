/**
 * The runner: turns an operator tree into a pull-based pipeline of batch iterators (each operator
 * pulls its input's batches as it needs them; joins, sorts and aggregates materialize what they
 * must) and checks for cancellation between batches.
 */
import { assertNever } from '../types/index.js';
import type { ExecContext } from './context.js';
import { aggregate } from './operators/aggregate.js';
import { append } from './operators/append.js';
import { distinct } from './operators/distinct.js';
import { filter } from './operators/filter.js';
import { hashJoin } from './operators/hash-join.js';
import { limit } from './operators/limit.js';
import { merge } from './operators/merge.js';
import { nestedLoopJoin } from './operators/nested-loop-join.js';
import { project } from './operators/project.js';
import { scan } from './operators/scan.js';
import { setOp } from './operators/set-op.js';
import { singleRow } from './operators/single-row.js';
import { sort } from './operators/sort.js';
import { values } from './operators/values.js';
import { windowOperator } from './operators/window.js';
import { buildKeySource, KeyFilter, probeKeySource, type KeySource, type RuntimeFilters } from './runtime-filter.js';
import type { Batch, POp } from './spec.js';
import { boxBatch, type VBatch } from './vector.js';

export type { ExecContext } from './context.js';

/** The operator's full output as engine values, in batches (none when it produces no rows). */
export function runOperator(op: POp, ctx: ExecContext): Batch[] {
  return runVectors(op, ctx).map(boxBatch);
}

/** The operator's full output, in batches whose columns may be NumColumns (for a fragment's exchange). */
export function runVectors(op: POp, ctx: ExecContext): VBatch[] {
  const out: VBatch[] = [];
  for (const batch of execute(op, ctx)) if (batch.rowCount > 0) out.push(batch);
  return out;
}

/** The operator's output as a lazy stream of batches. `filters`: the task's runtime join filters, as they are set up. */
export function execute(op: POp, ctx: ExecContext, filters: RuntimeFilters = new Map()): Iterable<VBatch> {
  return checkingCancellation(operatorStream(op, ctx, filters), ctx);
}

function operatorStream(op: POp, ctx: ExecContext, filters: RuntimeFilters): Iterable<VBatch> {
  const input = (child: POp): Iterable<VBatch> => execute(child, ctx, filters);
  switch (op.kind) {
    case 'scan': return scan(op, ctx, filters.get(op) ?? []);
    case 'exchange': return ctx.exchange(op.fragmentId);
    case 'values': return values(op);
    case 'rows': return [op.batch];
    case 'filter': return filter(op, input(op.input));
    case 'project': return project(op, input(op.input));
    case 'hashJoin': {
      const width = (o: POp): number => outputWidth(o, ctx);
      const filterAt = (source: KeySource | null): KeyFilter | null => {
        if (source === null) return null;
        const f = new KeyFilter(source.column);
        filters.set(source.scan, [...(filters.get(source.scan) ?? []), f]);
        return f;
      };
      const joinFilters = { probe: filterAt(probeKeySource(op, width)), build: filterAt(buildKeySource(op, width)) };
      return hashJoin(op, input(op.probe), input(op.build), width(op.probe), width(op.build), joinFilters);
    }
    case 'nestedLoopJoin':
      return nestedLoopJoin(op, input(op.probe), input(op.build), outputWidth(op.probe, ctx), outputWidth(op.build, ctx), ctx.checkCancelled);
    case 'aggregate': return aggregate(op, input(op.input));
    case 'sort': return sort(op, input(op.input), outputWidth(op.input, ctx));
    case 'limit': return limit(op, input(op.input));
    case 'distinct': return distinct(input(op.input));
    case 'append': return append(op.inputs.map(input));
    case 'singleRow': return singleRow(input(op.input), outputWidth(op.input, ctx));
    case 'setOp': return setOp(op.op, input(op.left), input(op.right));
    case 'merge': return merge(op, ctx.exchange(op.fragmentId));
    case 'window': return windowOperator(op, input(op.input), outputWidth(op.input, ctx));
    default: return assertNever(op);
  }
}

function* checkingCancellation(batches: Iterable<VBatch>, ctx: ExecContext): Iterable<VBatch> {
  for (const batch of batches) {
    ctx.checkCancelled?.();
    yield batch;
  }
}

/** How many columns the operator outputs (needed to pad outer joins and to shape empty results). */
export function outputWidth(op: POp, ctx: ExecContext): number {
  switch (op.kind) {
    case 'scan': return op.columns.length + (op.withRowHandles ? 1 : 0);
    case 'exchange':
    case 'values':
    case 'rows':
      return op.types.length;
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
      return outputWidth(op.input, ctx);
    case 'project': return op.exprs.length;
    case 'hashJoin':
    case 'nestedLoopJoin':
      return outputWidth(op.probe, ctx) + (op.joinType === 'semi' || op.joinType === 'anti' ? 0 : outputWidth(op.build, ctx));
    case 'aggregate': return op.groupKeys.length + op.aggregates.length;
    case 'window': return outputWidth(op.input, ctx) + op.functions.length;
    case 'append': return op.inputs.length > 0 ? outputWidth(op.inputs[0]!, ctx) : 0;
    case 'singleRow': return outputWidth(op.input, ctx);
    case 'setOp': return outputWidth(op.left, ctx);
    // A merge's rows come from a gathered fragment; its runs carry the width.
    case 'merge': return ctx.exchange(op.fragmentId)[0]?.columns.length ?? 0;
    default: return assertNever(op);
  }
}

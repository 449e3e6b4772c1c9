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
import type { Batch, POp } from './spec.js';

export type { ExecContext } from './context.js';

/** The operator's full output, as batches (none when it produces no rows). */
export function runOperator(op: POp, ctx: ExecContext): Batch[] {
  const out: Batch[] = [];
  for (const batch of execute(op, ctx)) if (batch.rowCount > 0) out.push(batch);
  return out;
}

/** The operator's output as a lazy stream of batches. */
export function execute(op: POp, ctx: ExecContext): Iterable<Batch> {
  return checkingCancellation(operatorStream(op, ctx), ctx);
}

function operatorStream(op: POp, ctx: ExecContext): Iterable<Batch> {
  switch (op.kind) {
    case 'scan': return scan(op, ctx);
    case 'exchange': return ctx.exchange(op.fragmentId);
    case 'values': return values(op);
    case 'rows': return [op.batch];
    case 'filter': return filter(op, execute(op.input, ctx));
    case 'project': return project(op, execute(op.input, ctx));
    case 'hashJoin':
      return hashJoin(op, execute(op.probe, ctx), execute(op.build, ctx), outputWidth(op.probe, ctx), outputWidth(op.build, ctx));
    case 'nestedLoopJoin':
      return nestedLoopJoin(op, execute(op.probe, ctx), execute(op.build, ctx), outputWidth(op.probe, ctx), outputWidth(op.build, ctx));
    case 'aggregate': return aggregate(op, execute(op.input, ctx));
    case 'sort': return sort(op, execute(op.input, ctx), outputWidth(op.input, ctx));
    case 'limit': return limit(op, execute(op.input, ctx));
    case 'distinct': return distinct(execute(op.input, ctx));
    case 'append': return append(op.inputs.map((i) => execute(i, ctx)));
    case 'singleRow': return singleRow(execute(op.input, ctx), outputWidth(op.input, ctx));
    case 'setOp': return setOp(op.op, execute(op.left, ctx), execute(op.right, ctx));
    case 'merge': return merge(op, ctx.exchange(op.fragmentId));
    case 'window': return windowOperator(op, execute(op.input, ctx), outputWidth(op.input, ctx));
    default: return assertNever(op);
  }
}

function* checkingCancellation(batches: Iterable<Batch>, ctx: ExecContext): Iterable<Batch> {
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

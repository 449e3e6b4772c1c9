/**
 * The scheduler: runs a physical plan. Each fragment becomes one task per slice, sent to the compute
 * node that owns the slice; a fragment starts as soon as the fragments it reads have finished; the
 * exchanges between them route batches to their destination slices; the leader's part runs last,
 * here on the main thread, over the gathered results.
 */
import type { Batch, Fragment, POp, PhysicalPlan } from '../exec/spec.js';
import { columnVector, concatBatches, runOperator, runVectors, vectorTypeOf, wireColumnVector } from '../exec/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import { fromWire, type WireBatch } from '../exec/batch-wire.js';
import type { TableData } from '../storage/table-data.js';
import type { TaskInfo } from '../exec/task.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { StatementCancel } from './cancel.js';
import { callsSliceNumber, withSliceNumber } from './slice-number.js';
import { taskTable } from './slice-versions.js';
import { allCopySlice, nodeOfSlice, sliceCount, type NodeRunner, type TaskMessage, type TaskReply, type Topology } from './task.js';

export interface ExecutionEnv {
  readonly runner: NodeRunner;
  readonly topology: Topology;
  /** The table versions the statement reads. */
  tableData(tableId: number): TableData;
  /** Set when the statement can be cancelled: no task starts after it is, and the plan fails at once. */
  readonly cancel?: StatementCancel;
}

export interface PlanResult {
  readonly batch: Batch;
  readonly tasks: TaskInfo[];
}

/** Where a finished fragment's rows wait for their consumers. */
type FragmentOutputs =
  | { readonly kind: 'gather'; readonly perTask: WireBatch[] }
  | { readonly kind: 'hash'; readonly perSlice: WireBatch[][] }
  | { readonly kind: 'broadcast'; readonly all: WireBatch[] };

export async function executePlan(plan: PhysicalPlan, env: ExecutionEnv): Promise<PlanResult> {
  const { gathered, tasks } = await runFragments(plan, env);
  const batches = runOperator(plan.leader, { scan: noLeaderScan, exchange: (id) => gathered(id).map(fromWire) });
  return { batch: concatBatches(batches, plan.types.length), tasks };
}

/**
 * The result as column vectors of the plan's output types (exec/batch-vectors.ts vectorTypeOf), one
 * group per batch, for bulk inserts to write. When the leader's part only gathers, the fragments'
 * batches are converted as they arrived: text columns are never split into a JS string per row.
 */
export async function executePlanColumnVectors(plan: PhysicalPlan, env: ExecutionEnv): Promise<{ groups: ColumnVector[][]; tasks: TaskInfo[] }> {
  const { gathered, tasks } = await runFragments(plan, env);
  const types = plan.types.map(vectorTypeOf);
  const leader = plan.leader;
  const groups =
    leader.kind === 'exchange'
      ? gathered(leader.fragmentId).map((b) => b.columns.map((c, i) => wireColumnVector(c, b.rowCount, types[i]!)))
      : runVectors(leader, { scan: noLeaderScan, exchange: (id) => gathered(id).map(fromWire) }).map((b) => b.columns.map((c, i) => columnVector(c, types[i]!)));
  return { groups: groups.filter((g) => g.length > 0 && g[0]!.length > 0), tasks };
}

/** Runs every fragment on the slices; the batches gathered to the leader, by fragment. */
async function runFragments(plan: PhysicalPlan, env: ExecutionEnv): Promise<{ gathered: (fragmentId: number) => WireBatch[]; tasks: TaskInfo[] }> {
  const tasks: TaskInfo[] = [];
  const outputs = new Map<number, FragmentOutputs>();
  const running = new Map<number, Promise<void>>();
  for (const fragment of plan.fragments) {
    const deps = exchangeInputs(fragment.root).map((id) => running.get(id)!);
    running.set(
      fragment.id,
      Promise.all(deps).then(() => runFragment(fragment, env, outputs, tasks)),
    );
  }
  await settleAll([...running.values()]);
  env.cancel?.throwIfCancelled();
  const gathered = (id: number): WireBatch[] => {
    const out = outputs.get(id);
    if (!out || out.kind !== 'gather') throw new SqlError(SqlState.internalError, `fragment ${id} was not gathered to the leader`);
    return out.perTask;
  };
  return { gathered, tasks };
}

function noLeaderScan(): never {
  throw new SqlError(SqlState.internalError, 'table scans run on compute nodes, not the leader');
}

/** Wait for every promise; then fail with the first failure (so no task is left running unobserved). */
async function settleAll(promises: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function runFragment(fragment: Fragment, env: ExecutionEnv, outputs: Map<number, FragmentOutputs>, tasks: TaskInfo[]): Promise<void> {
  const { topology } = env;
  const count = sliceCount(topology);
  const slices = fragment.slices ?? Array.from({ length: count }, (_, i) => i);
  const scans = scannedTables(fragment.root);
  const inputIds = exchangeInputs(fragment.root);
  const perSlice = callsSliceNumber(fragment);
  const replies = slices.map(async (slice) => {
    const node = nodeOfSlice(topology, slice);
    const message = (resend: boolean): TaskMessage => {
      const tables: Record<number, TaskMessage['tables'][number]> = {};
      for (const { tableId, allCopy } of scans) {
        const data = env.tableData(tableId).slices[allCopy ? allCopySlice(topology, slice) : slice]!;
        tables[tableId] = taskTable(env.runner, node, data, resend);
      }
      const inputs: Record<number, readonly WireBatch[]> = {};
      for (const id of inputIds) inputs[id] = inputFor(outputs.get(id)!, slice);
      return { fragment: perSlice ? withSliceNumber(fragment, slice) : fragment, slice, sliceCount: count, tables, inputs, cancel: env.cancel?.flag };
    };
    const started = performance.now();
    const run = (task: TaskMessage): Promise<TaskReply> => (env.cancel ? env.cancel.race(env.runner.run(node, task)) : env.runner.run(node, task));
    let reply: TaskReply;
    try {
      env.cancel?.throwIfCancelled();
      reply = await run(message(false));
      // The node no longer held some table data: once more, with all of it.
      if (!reply.ok && 'missingVersions' in reply) reply = await run(message(true));
    } catch (err) {
      if (err instanceof SqlError && err.code === SqlState.queryCanceled) throw err;
      throw new SqlError(SqlState.internalError, `compute node ${node} failed while running slice ${slice}: ${(err as Error).message}`);
    }
    if (!reply.ok) {
      env.cancel?.throwIfCancelled();
      if ('missingVersions' in reply) throw new SqlError(SqlState.internalError, `compute node ${node} lost table data it was just sent`);
      throw SqlError.fromJSON(reply.error);
    }
    tasks.push({ fragment: fragment.id, slice, node, ranOnNode: reply.node, rows: reply.rows, elapsedMs: performance.now() - started });
    return reply.outputs;
  });
  const results = await Promise.allSettled(replies);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  const perTask = results.map((r) => (r as PromiseFulfilledResult<readonly WireBatch[]>).value);
  outputs.set(fragment.id, collectOutputs(fragment, perTask, count));
}

function collectOutputs(fragment: Fragment, perTask: readonly (readonly WireBatch[])[], count: number): FragmentOutputs {
  switch (fragment.output.kind) {
    case 'gather':
      return { kind: 'gather', perTask: perTask.map((o) => o[0]!) };
    case 'broadcast':
      return { kind: 'broadcast', all: perTask.map((o) => o[0]!) };
    case 'hash': {
      const perSlice: WireBatch[][] = Array.from({ length: count }, () => []);
      for (const o of perTask) o.forEach((b, slice) => perSlice[slice]!.push(b));
      return { kind: 'hash', perSlice };
    }
  }
}

function inputFor(out: FragmentOutputs, slice: number): readonly WireBatch[] {
  switch (out.kind) {
    case 'hash':
      return out.perSlice[slice]!;
    case 'broadcast':
      return out.all;
    case 'gather':
      throw new SqlError(SqlState.internalError, 'a gathered fragment cannot feed a slice task');
  }
}

/** Fragment ids an operator tree reads through exchanges. */
export function exchangeInputs(op: POp, out: number[] = []): number[] {
  visit(op, (o) => {
    if (o.kind === 'exchange' || o.kind === 'merge') out.push(o.fragmentId);
  });
  return out;
}

function scannedTables(op: POp): { tableId: number; allCopy: boolean }[] {
  const out: { tableId: number; allCopy: boolean }[] = [];
  visit(op, (o) => {
    if (o.kind === 'scan') out.push({ tableId: o.tableId, allCopy: o.allCopy });
  });
  return out;
}

export function visit(op: POp, f: (op: POp) => void): void {
  f(op);
  switch (op.kind) {
    case 'scan':
    case 'exchange':
    case 'values':
    case 'merge':
    case 'rows':
      return;
    case 'filter':
    case 'project':
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'window':
    case 'singleRow':
      visit(op.input, f);
      return;
    case 'setOp':
      visit(op.left, f);
      visit(op.right, f);
      return;
    case 'hashJoin':
    case 'nestedLoopJoin':
      visit(op.probe, f);
      visit(op.build, f);
      return;
    case 'append':
      op.inputs.forEach((i) => visit(i, f));
      return;
  }
}

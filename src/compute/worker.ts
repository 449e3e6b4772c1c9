/**
 * A compute node: the entry point of its worker thread. It runs one task at a time — a fragment on
 * one of its slices — reading that slice's column blocks straight from shared memory, and returns
 * the fragment's output shaped for its exchange (gathered, broadcast or hashed to slices).
 */
import { workerData } from 'node:worker_threads';
import type { Batch, POp } from '../exec/spec.js';
import { ROW_HANDLE_SLICE_FACTOR } from '../exec/spec.js';
import type { TaskMessage, TaskReply } from '../exec/task.js';
import { fromWire, toWire, type WireBatch } from '../exec/batch-wire.js';
import { concatBatches, partitionBatches, runOperator, type ExecContext } from '../exec/index.js';
import { readSlice, sliceForHash, zoneMapMayMatch, type SliceData } from '../storage/index.js';
import { SqlError, SqlState } from '../types/errors.js';

const node: number = (workerData as { node: number }).node;

export default function runTask(task: TaskMessage): TaskReply {
  const started = performance.now();
  try {
    const ctx: ExecContext = {
      scan: (op) => scanSlice(op, task.tables[op.tableId]!, task.slice),
      exchange: (id) => (task.inputs[id] ?? []).map(fromWire),
    };
    const { fragment } = task;
    const width = fragment.types.length;
    const out = runOperator(fragment.root, ctx);
    const rows = out.reduce((n, b) => n + b.rowCount, 0);
    let outputs: WireBatch[];
    switch (fragment.output.kind) {
      case 'gather':
      case 'broadcast':
        outputs = [toWire(concatBatches(out, width))];
        break;
      case 'hash':
        outputs = partitionBatches(out, fragment.output.keys, task.sliceCount, sliceForHash).map((bs) => toWire(concatBatches(bs, width)));
        break;
    }
    return { ok: true, node, outputs, rows, elapsedMs: performance.now() - started };
  } catch (err) {
    const error = err instanceof SqlError ? err : new SqlError(SqlState.internalError, (err as Error).message ?? String(err));
    return { ok: false, error: error.toJSON() };
  }
}

function* scanSlice(op: Extract<POp, { kind: 'scan' }>, slice: SliceData, sliceNumber: number): Iterable<Batch> {
  const blockFilter =
    op.rangeFilters.length === 0
      ? undefined
      : (block: Parameters<NonNullable<Parameters<typeof readSlice>[2]['blockFilter']>>[0]) =>
          op.rangeFilters.every((r) => zoneMapMayMatch(block.columns[r.column]!, r.min, r.max, r.minInclusive, r.maxInclusive));
  for (const part of readSlice(slice, op.columns, { withRowIds: op.withRowHandles, blockFilter })) {
    if (!op.withRowHandles) {
      yield { columns: part.columns, rowCount: part.rowCount };
      continue;
    }
    const base = sliceNumber * ROW_HANDLE_SLICE_FACTOR;
    const handles = part.rowIds!.map((id) => base + id);
    yield { columns: [...part.columns, handles], rowCount: part.rowCount };
  }
}

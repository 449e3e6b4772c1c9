/**
 * A compute node: the entry point of its worker thread. It runs one task at a time — a fragment on
 * one of its slices — reading that slice's column blocks straight from shared memory, and returns
 * the fragment's output shaped for its exchange (gathered, broadcast or hashed to slices).
 */
import { workerData } from 'node:worker_threads';
import type { TaskMessage, TaskReply } from '../exec/task.js';
import { fromWire, toWire, type WireBatch } from '../exec/batch-wire.js';
import { concatBatches, partitionBatches, runVectors, type ExecContext } from '../exec/index.js';
import { sliceForHash } from '../storage/index.js';
import { SqlError, SqlState } from '../types/errors.js';
import { resolveTables } from './slice-cache.js';

const node: number = (workerData as { node: number }).node;

export default function runTask(task: TaskMessage): TaskReply {
  const started = performance.now();
  try {
    const tables = resolveTables(task.tables);
    if (tables.missing.length > 0) return { ok: false, missingVersions: tables.missing };
    const ctx: ExecContext = {
      scan: (op) => ({ slice: tables.data[op.tableId]!, sliceNumber: task.slice }),
      exchange: (id) => (task.inputs[id] ?? []).map(fromWire),
      checkCancelled: () => {
        if (task.cancel && Atomics.load(task.cancel, 0) !== 0) throw new SqlError(SqlState.queryCanceled, 'cancelled');
      },
    };
    const { fragment } = task;
    const width = fragment.types.length;
    const out = runVectors(fragment.root, ctx);
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

// COPY's handlers, called by name (piscina's `name` option).
export { copyScan } from './copy-scan.js';
export { copyBuild } from './copy-build.js';

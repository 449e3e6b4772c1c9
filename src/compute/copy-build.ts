/**
 * COPY's second step on a compute node: for each of this node's slices, the row groups every reading
 * slice dealt to it, sorted together by the table's sort key and cut into blocks (in shared memory).
 */
import { workerData } from 'node:worker_threads';
import type { CopyBuildReply, CopyBuildTask } from '../exec/copy-task.js';
import { buildBlocksFromVectors, unpackVectorGroups } from '../storage/index.js';
import { SqlError, SqlState } from '../types/errors.js';

const node: number = (workerData as { node: number }).node;

export function copyBuild(task: CopyBuildTask): CopyBuildReply {
  const started = performance.now();
  try {
    const slices = task.slices.map(({ slice, groups }) => ({ slice, blocks: buildBlocksFromVectors(task.types, unpackVectorGroups(groups), task.sortColumns) }));
    return { ok: true, node, slices, elapsedMs: performance.now() - started };
  } catch (err) {
    const error = err instanceof SqlError ? err : new SqlError(SqlState.internalError, (err as Error).message ?? String(err));
    return { ok: false, error: error.toJSON() };
  }
}

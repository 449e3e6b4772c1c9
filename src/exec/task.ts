/**
 * The unit of work sent to a compute node: one fragment on one slice, and its reply. Everything
 * here crosses a worker boundary by structured clone; table blocks are SharedArrayBuffer-backed,
 * so they are shared, not copied.
 */
import type { WireBatch } from './batch-wire.js';
import type { Fragment } from './spec.js';
import type { SliceData } from '../storage/table-data.js';
import type { SqlErrorData } from '../types/errors.js';

/**
 * The slice data of a table a task scans (its own slice, or its node's ALL copy). Slice data versions
 * are immutable, and deserializing one (hundreds of SharedArrayBuffer views) costs milliseconds, so a
 * compute node keeps the versions it has received (compute/slice-cache.ts) and the leader sends a
 * version's data to a node only once; afterwards `data` is null and the node uses its copy.
 */
export interface TaskTable {
  /** The leader's number for this SliceData version. */
  readonly version: number;
  readonly data: SliceData | null;
}

export interface TaskMessage {
  readonly fragment: Fragment;
  readonly slice: number;
  readonly sliceCount: number;
  /** Table id -> the slice data this task scans. */
  readonly tables: Readonly<Record<number, TaskTable>>;
  /** Fragment id -> the batches delivered to this slice by that earlier fragment. */
  readonly inputs: Readonly<Record<number, readonly WireBatch[]>>;
  /** The statement's cancel flag (shared memory): non-zero means stop at the next batch. */
  readonly cancel?: Int32Array;
}

export type TaskReply =
  | {
      readonly ok: true;
      /** The node whose worker ran the task (the worker says so itself). */
      readonly node: number;
      /** gather/broadcast: [the task's output]; hash: one batch per destination slice. */
      readonly outputs: readonly WireBatch[];
      readonly rows: number;
      readonly elapsedMs: number;
    }
  | { readonly ok: false; readonly error: SqlErrorData }
  /** The node no longer holds these versions (it restarted, or let them go): send the task again with their data. */
  | { readonly ok: false; readonly missingVersions: readonly number[] };

/** One (fragment, slice) task of a query, and the compute node that ran it. */
export interface TaskInfo {
  readonly fragment: number;
  readonly slice: number;
  /** The compute node that owns the slice. */
  readonly node: number;
  /** The node whose worker thread actually ran the task (reported by the worker itself). */
  readonly ranOnNode: number;
  readonly rows: number;
  readonly elapsedMs: number;
}

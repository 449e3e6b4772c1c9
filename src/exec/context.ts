/** What a running task gives the operators: its data sources and a cancellation check. */
import type { SliceData } from '../storage/table-data.js';
import type { POp } from './spec.js';
import type { VBatch } from './vector.js';

/** What a scan reads: the slice data (the task's own slice, or its node's ALL copy) and the task's slice number. */
export interface ScanSource {
  readonly slice: SliceData;
  /** Encoded in row handles (UPDATE/DELETE). */
  readonly sliceNumber: number;
}

export interface ExecContext {
  /** The data a table scan reads on this task. */
  scan(op: Extract<POp, { kind: 'scan' }>): ScanSource;
  /** Batches delivered to this task from an earlier fragment. */
  exchange(fragmentId: number): readonly VBatch[];
  /** Called between batches; throws if the statement was cancelled. */
  checkCancelled?(): void;
}

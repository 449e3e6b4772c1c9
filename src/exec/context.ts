/** What a running task gives the operators: its data sources and a cancellation check. */
import type { Batch, POp } from './spec.js';

export interface ExecContext {
  /** Rows of a table on this task's slice (or the node's ALL copy), in batches; rangeFilters are zone-map hints. */
  scan(op: Extract<POp, { kind: 'scan' }>): Iterable<Batch>;
  /** Batches delivered to this task from an earlier fragment. */
  exchange(fragmentId: number): readonly Batch[];
  /** Called between batches; throws if the statement was cancelled. */
  checkCancelled?(): void;
}

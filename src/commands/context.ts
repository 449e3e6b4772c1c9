/**
 * What a command handler gets: the transaction it runs in, how to run queries against a state, and
 * the cluster-wide counters that are not transactional (IDENTITY values, EVEN placement cursors).
 */
import type { Notice } from '../types/errors.js';
import type { StatementEnv } from '../leader/query.js';
import type { Topology } from '../leader/task.js';
import type { DbState, Transaction } from '../leader/transactions.js';
import type { SessionInfo } from '../plan/index.js';
import type { Batch } from '../exec/spec.js';
import type { SqlType } from '../types/datatype.js';
import type { ObjectStoreConfig } from '../io/object-store.js';
import type { CopyProgress } from './copy-progress.js';

/** How COPY reaches the object store, and the cluster's load settings. */
export interface CopyEnvironment {
  /** null: the cluster has no S3 root, so COPY cannot run. */
  readonly store: ObjectStoreConfig | null;
  /** Split large uncompressed delimited files into scan ranges (newer Redshift); null = off (the classic behaviour). */
  readonly scanRanges: { readonly minFileBytes: number; readonly rangeBytes: number } | null;
  /** How MAXERROR is read (see commands/copy.ts errorLimit). */
  readonly maxErrorRule: 'documented' | 'allow-n';
  /** Called with per-slice progress while a COPY runs. */
  readonly onProgress?: (p: CopyProgress) => void;
}

export interface ClusterCounters {
  /** Next EVEN round-robin slice per table. */
  readonly evenCursors: Map<number, number>;
  /** Next IDENTITY value per `tableId:column`. */
  readonly identities: Map<string, number>;
}

export interface CommandContext {
  readonly txn: Transaction;
  readonly session: SessionInfo;
  readonly topology: Topology;
  readonly counters: ClusterCounters;
  /** The environment for running queries over a state. */
  statementEnv(state: DbState): StatementEnv;
  notice(n: Notice): void;
  /** The statement's text (for the query log). */
  readonly statementText: string;
  readonly copy: CopyEnvironment;
  /** Remember the session's last COPY for pg_last_copy_id() / pg_last_copy_count(). */
  recordCopy(query: number, rows: number): void;
}

export interface CommandResult {
  readonly command: string;
  readonly rowCount: number;
  /** Statements that return rows (SHOW, EXPLAIN) carry them here. */
  readonly rows?: { readonly batch: Batch; readonly names: readonly string[]; readonly types: readonly SqlType[] };
}

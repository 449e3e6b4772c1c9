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
}

export interface CommandResult {
  readonly command: string;
  readonly rowCount: number;
  /** Statements that return rows (SHOW, EXPLAIN) carry them here. */
  readonly rows?: { readonly batch: Batch; readonly names: readonly string[]; readonly types: readonly SqlType[] };
}

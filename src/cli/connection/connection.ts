/**
 * What the REPL needs from a database, whether it runs in this process (an embedded cluster) or
 * behind a server (the `pg` driver): run one statement, cancel it, hear its notices.
 */
import type { CopyProgress } from '../../index.js';
import type { MessageFields } from '../format/index.js';

export interface ResultColumn {
  readonly name: string;
  readonly typeOid: number;
}

export interface StatementResult {
  /** The command tag psql prints for statements without rows: `INSERT 0 2`, `CREATE TABLE`. */
  readonly commandTag: string;
  /** Output columns; empty for statements that return no rows. */
  readonly columns: readonly ResultColumn[];
  /** Values in PostgreSQL text format; null is NULL. */
  readonly rows: readonly (readonly (string | null)[])[];
}

export interface StatementHooks {
  /** Live COPY progress (embedded clusters only: the wire protocol carries none). */
  readonly onCopyProgress?: (progress: CopyProgress) => void;
  /** INFO/NOTICE/WARNING messages, in the order the statement raised them. */
  readonly onNotice?: (notice: MessageFields) => void;
}

export interface Connection {
  /** Shown in the welcome line and by \conninfo. */
  readonly description: string;
  readonly database: string;
  readonly user: string;
  /** Whether COPY reports progress through `onCopyProgress`. */
  readonly copyProgress: boolean;
  /** Run one statement. Failures reject with a SqlError (code, message, position, detail, hint). */
  query(sql: string, hooks?: StatementHooks): Promise<StatementResult>;
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed one; null when the connection cannot tell. */
  readonly transactionStatus: 'I' | 'T' | 'E' | null;
  /** Ask for the running statement to be cancelled; false when nothing was running. */
  cancel(): boolean;
  close(): Promise<void>;
}

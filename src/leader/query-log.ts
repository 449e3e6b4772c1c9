/**
 * The leader's log of executed queries and their tasks, behind STL_QUERY and SVL_QUERY_REPORT, and of
 * the other statements, behind STL_DDLTEXT, STL_UTILITYTEXT and SVL_STATEMENTTEXT.
 * Bounded: Redshift keeps a few days of logs; we keep the most recent entries.
 */
import type { TaskInfo } from '../exec/task.js';
import { SqlError, SqlState } from '../types/errors.js';
import { LoadLog } from './load-log.js';

const MAX_ENTRIES = 5000;

/** Who runs a statement, as the log records it. */
export interface LoggedSession {
  readonly sessionId: number;
  readonly user: string;
  readonly database: string;
}

/** What both logs keep of a statement: who ran it, in which transaction, its text and start. */
interface LoggedStatement extends LoggedSession {
  /** The statement's transaction. */
  readonly xid: number;
  readonly text: string;
  readonly startTime: number;
}

export interface QueryLogEntry extends LoggedStatement {
  readonly query: number;
  /** Until it ends, its start (STV_RECENTS, STV_INFLIGHT and SYS_QUERY_HISTORY show it running). */
  endTime: number;
  running: boolean;
  aborted: boolean;
  /** Aborted by a cancel (SYS_QUERY_HISTORY says `canceled`, not `failed`). */
  canceled: boolean;
  /** Why it failed (SYS_QUERY_HISTORY.error_message); empty otherwise. */
  errorMessage: string;
  /** Rows sent to the client (SYS_QUERY_HISTORY.returned_rows): a SELECT's; 0 for the others. */
  returnedRows: number;
  tasks: readonly TaskInfo[];
}

/** How a logged statement ended. */
export interface QueryOutcome {
  readonly tasks?: readonly TaskInfo[];
  /** What failed it: aborted (canceled when it is a cancel), with its message. */
  readonly error?: unknown;
  readonly returnedRows?: number;
}

/** A statement that is not a query (those are in `entries`): DDL, or a utility statement. */
export interface StatementLogEntry extends LoggedStatement {
  readonly type: 'DDL' | 'UTILITY';
  readonly endTime: number;
}

export class QueryLog {
  private nextQueryId = 1;
  private lastMicros = 0;
  readonly entries: QueryLogEntry[] = [];
  readonly statements: StatementLogEntry[] = [];
  /** COPY's per-file and per-error rows (STL_LOAD_COMMITS, STL_FILE_SCAN, STL_LOAD_ERRORS). */
  readonly loads = new LoadLog();

  /**
   * The log's clock, in microseconds since the epoch: strictly increasing, so that statements logged
   * within one millisecond still order by their times (STL_QUERY, SVL_STATEMENTTEXT ORDER BY starttime).
   */
  now(): number {
    const micros = Math.max(Math.round((performance.timeOrigin + performance.now()) * 1000), this.lastMicros + 1);
    this.lastMicros = micros;
    return micros;
  }

  start(session: LoggedSession, xid: number, text: string): QueryLogEntry {
    const now = this.now();
    const { sessionId, user, database } = session;
    const entry: QueryLogEntry = { query: this.nextQueryId++, sessionId, user, database, xid, text, startTime: now, endTime: now, running: true, aborted: false, canceled: false, errorMessage: '', returnedRows: 0, tasks: [] };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  /** A DDL or utility statement that has run (STL_DDLTEXT, STL_UTILITYTEXT). */
  addStatement(entry: StatementLogEntry): void {
    this.statements.push(entry);
    if (this.statements.length > MAX_ENTRIES) this.statements.splice(0, this.statements.length - MAX_ENTRIES);
  }

  /** The query id of the session's most recently completed query (pg_last_query_id()), -1 before any. */
  lastCompletedQuery(sessionId: number): number {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (e.sessionId === sessionId && !e.running) return e.query;
    }
    return -1;
  }

  finish(entry: QueryLogEntry, outcome: QueryOutcome = {}): void {
    const { error } = outcome;
    entry.endTime = this.now();
    entry.running = false;
    entry.aborted = error !== undefined;
    entry.canceled = error instanceof SqlError && error.code === SqlState.queryCanceled;
    entry.errorMessage = error === undefined ? '' : error instanceof Error ? error.message : String(error);
    entry.returnedRows = outcome.returnedRows ?? 0;
    entry.tasks = outcome.tasks ?? [];
  }
}

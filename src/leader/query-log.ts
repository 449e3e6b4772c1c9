/**
 * The leader's log of executed queries and their tasks, behind STL_QUERY and SVL_QUERY_REPORT.
 * Bounded: Redshift keeps a few days of logs; we keep the most recent entries.
 */
import type { TaskInfo } from '../exec/task.js';
import { LoadLog } from './load-log.js';

const MAX_ENTRIES = 5000;

export interface QueryLogEntry {
  readonly query: number;
  readonly sessionId: number;
  readonly text: string;
  readonly startTime: number;
  endTime: number;
  aborted: boolean;
  tasks: readonly TaskInfo[];
}

export class QueryLog {
  private nextQueryId = 1;
  readonly entries: QueryLogEntry[] = [];
  /** COPY's per-file and per-error rows (STL_LOAD_COMMITS, STL_FILE_SCAN, STL_LOAD_ERRORS). */
  readonly loads = new LoadLog();

  start(sessionId: number, text: string): QueryLogEntry {
    const now = Date.now() * 1000;
    const entry: QueryLogEntry = { query: this.nextQueryId++, sessionId, text, startTime: now, endTime: now, aborted: false, tasks: [] };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return entry;
  }

  finish(entry: QueryLogEntry, tasks: readonly TaskInfo[], aborted: boolean): void {
    entry.endTime = Date.now() * 1000;
    entry.aborted = aborted;
    entry.tasks = tasks;
  }
}

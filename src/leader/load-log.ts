/**
 * The leader's log of COPY loads, behind STL_LOAD_ERRORS, STL_LOADERROR_DETAIL, STL_REPLACEMENTS,
 * STL_LOAD_COMMITS and STL_FILE_SCAN, and the SYS_LOAD_ views of newer Redshift (and Serverless).
 * Rows are written whether or not the load's transaction commits (reference §1.9): a row here
 * does not prove a commit. Bounded like the query log.
 */
import type { LoadErrorField } from '../io/convert/contract.js';

const MAX_ROWS = 20_000;

export interface LoadErrorEntry {
  readonly userid: number;
  readonly slice: number;
  readonly tbl: number;
  /** Microseconds since the epoch. */
  readonly starttime: number;
  readonly session: number;
  readonly query: number;
  readonly filename: string;
  readonly lineNumber: number;
  readonly colname: string;
  readonly type: string;
  readonly colLength: string;
  readonly position: number;
  readonly rawLine: string;
  readonly rawFieldValue: string;
  readonly errCode: number;
  readonly errReason: string;
  readonly isPartial: boolean;
  readonly startOffset: number;
  /** STL_LOADERROR_DETAIL: the record's fields up to the failing one (the first 20 errors per slice). */
  readonly fields: readonly LoadErrorField[];
}

/** A record loaded with ACCEPTINVCHARS replacements (STL_REPLACEMENTS). */
export interface LoadReplacementEntry {
  readonly userid: number;
  readonly query: number;
  readonly slice: number;
  readonly tbl: number;
  /** Microseconds since the epoch. */
  readonly starttime: number;
  readonly session: number;
  readonly filename: string;
  readonly lineNumber: number;
  readonly colname: string;
  readonly rawLine: string;
}

/** One file (or scan range) a slice read, for STL_LOAD_COMMITS and STL_FILE_SCAN. */
export interface LoadFileEntry {
  readonly userid: number;
  readonly query: number;
  readonly session: number;
  readonly slice: number;
  /** Full s3:// path. */
  readonly filename: string;
  /** The object key (STL_FILE_SCAN.name). */
  readonly key: string;
  readonly bytes: number;
  readonly lines: number;
  readonly errors: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly fileFormat: 'Text' | 'JSON' | 'Parquet';
  readonly isPartial: boolean;
  readonly startOffset: number;
}

/** One COPY as SYS_LOAD_HISTORY shows it: running, then completed or aborted. */
export interface LoadHistoryEntry {
  readonly userid: number;
  readonly query: number;
  readonly xid: number;
  readonly session: number;
  readonly database: string;
  status: 'running' | 'completed' | 'aborted';
  readonly tableName: string;
  /** Microseconds since the epoch. */
  readonly startTime: number;
  endTime: number | null;
  /** The COPY's FROM: the key prefix or the manifest's address. */
  readonly dataSource: string;
  /** 'txt' (delimited text and fixed-width), 'csv', 'json' or 'parquet'. */
  readonly fileFormat: string;
  readonly sourceFileCount: number;
  readonly sourceFileBytes: number;
  loadedRows: number;
  loadedBytes: number;
  fileCountScanned: number;
  fileBytesScanned: number;
  errorCount: number;
}

export class LoadLog {
  readonly errors: LoadErrorEntry[] = [];
  readonly replacements: LoadReplacementEntry[] = [];
  readonly files: LoadFileEntry[] = [];
  readonly loads: LoadHistoryEntry[] = [];

  /** A COPY that has begun; its entry is updated as it ends. */
  startLoad(entry: LoadHistoryEntry): LoadHistoryEntry {
    bounded(this.loads, [entry]);
    return entry;
  }

  addErrors(rows: readonly LoadErrorEntry[]): void {
    bounded(this.errors, rows);
  }

  addReplacements(rows: readonly LoadReplacementEntry[]): void {
    bounded(this.replacements, rows);
  }

  addFiles(rows: readonly LoadFileEntry[]): void {
    bounded(this.files, rows);
  }
}

function bounded<T>(log: T[], rows: readonly T[]): void {
  for (const r of rows) log.push(r);
  if (log.length > MAX_ROWS) log.splice(0, log.length - MAX_ROWS);
}

/**
 * The units of work of a COPY, sent to compute nodes (next to task.ts, the query envelope):
 *  - a scan task per node: each of the node's slices reads its files one at a time, parses and
 *    converts them into row groups, and deals the groups' rows (as row indexes) to their
 *    destination slices;
 *  - a build task per destination slice: its rows of every reader's groups, sorted and cut into blocks.
 * Everything crosses the worker boundary by structured clone; vectors, row indexes and blocks live
 * in SharedArrayBuffers, so they are shared, not copied.
 */
import type { ObjectStoreConfig } from '../io/object-store.js';
import type { LoadOptions } from '../io/load-options.js';
import type { LoadColumn, LoadErrorRow } from '../io/convert/contract.js';
import type { Block, GroupRows, Placement } from '../storage/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import type { SqlErrorData } from '../types/errors.js';

/** One file (or one scan range of a split file) for one slice to read. */
export interface CopyFile {
  readonly url: string;
  /** Object size in bytes. */
  readonly size: number;
  /** Byte range to read: [start, end); end null = to the end of the file. */
  readonly start: number;
  readonly end: number | null;
  /** A scan range of a file split across slices (STL_LOAD_COMMITS.is_partial). */
  readonly partial: boolean;
}

/**
 * Shared counters, written by the workers and read by the leader while the COPY runs:
 * per slice, [bytes read, records parsed, records rejected, files finished] as Float64 — and
 * the control word: [rejected records in all slices, stop flag] as Int32 (Atomics).
 */
export interface CopyCounters {
  readonly progress: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

export const PROGRESS_FIELDS = 4;
export const PROGRESS = { bytes: 0, rows: 1, errors: 2, files: 3 } as const;
/** CONTROL.stop non-zero: stop reading (the error limit was reached, or the COPY was cancelled). */
export const CONTROL = { errors: 0, stop: 1 } as const;

export interface CopyScanTask {
  readonly query: number;
  readonly store: ObjectStoreConfig;
  readonly load: LoadOptions;
  /** Every table column in order, with where its value comes from. */
  readonly columns: readonly LoadColumn[];
  /** The field-fed columns' names in field order (JSON 'auto' matches keys against them). */
  readonly fieldNames: readonly string[];
  readonly placement: Placement;
  readonly sliceCount: number;
  readonly slicesPerNode: number;
  /** The node's slices and the files each reads, in order. */
  readonly work: readonly { readonly slice: number; readonly files: readonly CopyFile[] }[];
  /** Load fails once this many records were rejected in all (null: IGNOREALLERRORS). */
  readonly errorLimit: number | null;
  readonly counters: CopyCounters;
}

/** One file a slice read (STL_LOAD_COMMITS / STL_FILE_SCAN). */
export interface FileScanStat {
  readonly slice: number;
  readonly file: CopyFile;
  /** Bytes read from the object store (compressed size for compressed files). */
  readonly bytes: number;
  readonly lines: number;
  readonly rows: number;
  readonly errors: number;
  /** Wall clock, microseconds since the epoch. */
  readonly startTime: number;
  readonly endTime: number;
}

export interface SliceLoadError extends LoadErrorRow {
  readonly slice: number;
  readonly url: string;
  readonly partial: boolean;
  readonly startOffset: number;
}

/** The rows a destination slice receives from one row group of a scan reply. */
export interface DealtRows {
  /** Index into the reply's `groups`. */
  readonly group: number;
  /** Ascending row indexes into the group (in shared memory), or null for every row. */
  readonly rows: Int32Array | null;
}

export type CopyScanReply =
  | {
      readonly ok: true;
      readonly node: number;
      /** The row groups the node's slices read (a reading slice's rows in runs), one vector per table column. */
      readonly groups: readonly (readonly ColumnVector[])[];
      /** Destination slice -> its rows of the groups. */
      readonly perDestination: Readonly<Record<number, readonly DealtRows[]>>;
      readonly rows: number;
      readonly errors: readonly SliceLoadError[];
      readonly files: readonly FileScanStat[];
      /** A file that could not be read at all (missing, corrupt compression): fails the COPY. */
      readonly fatal: SliceLoadError | null;
    }
  | { readonly ok: false; readonly error: SqlErrorData };

export interface CopyBuildTask {
  readonly types: readonly SqlType[];
  /** The slice's rows of every reader's row groups. */
  readonly parts: readonly GroupRows[];
  /** Sort-key columns (compound order), or null when the table has no sort key. */
  readonly sortColumns: readonly number[] | null;
}

export type CopyBuildReply =
  | { readonly ok: true; readonly node: number; readonly blocks: readonly Block[]; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: SqlErrorData };

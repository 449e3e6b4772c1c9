/**
 * The units of work of a COPY, sent to compute nodes (next to task.ts, the query envelope):
 *  - a scan task per node: each of the node's slices reads its files one at a time, parses and
 *    converts them, and deals every run of rows to its destination slices as row groups (each
 *    destination's rows of the run, compact);
 *  - a build task per destination slice: its row groups from every reader, sorted and cut into blocks.
 * Everything crosses the worker boundary by structured clone; vectors and blocks live in
 * SharedArrayBuffers, so they are shared, not copied, and row groups travel packed (storage/vector-wire.ts).
 */
import type { ObjectStoreConfig } from '../io/object-store.js';
import type { LoadOptions } from '../io/load-options.js';
import type { LoadColumn, LoadErrorRow, LoadReplacementRow } from '../io/convert/contract.js';
import type { Block, PackedVectorGroups, Placement } from '../storage/index.js';
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

/** A record loaded with ACCEPTINVCHARS replacements (STL_REPLACEMENTS). */
export interface SliceReplacement extends LoadReplacementRow {
  readonly slice: number;
  readonly url: string;
}

export type CopyScanReply =
  | {
      readonly ok: true;
      readonly node: number;
      /** The row groups the node's slices dealt, one vector per table column. */
      readonly groups: PackedVectorGroups;
      /** Destination slice -> its groups (indexes into `groups`; under DISTSTYLE ALL one group goes to several slices). */
      readonly perDestination: Readonly<Record<number, readonly number[]>>;
      readonly rows: number;
      readonly errors: readonly SliceLoadError[];
      /** Records loaded with ACCEPTINVCHARS replacements: each reading slice's first 100 (Redshift's cap). */
      readonly replacements: readonly SliceReplacement[];
      /** Every record that needed a replacement, logged or not (the client is told the count). */
      readonly replacedRows: number;
      readonly files: readonly FileScanStat[];
      /** A file that could not be read at all (missing, corrupt compression): fails the COPY. */
      readonly fatal: SliceLoadError | null;
    }
  | { readonly ok: false; readonly error: SqlErrorData };

/** One node's builds: each of its destination slices, one after the other, in one task (no round trip to the leader between them). */
export interface CopyBuildTask {
  readonly types: readonly SqlType[];
  /** Each slice's row groups from every reader. */
  readonly slices: readonly { readonly slice: number; readonly groups: PackedVectorGroups }[];
  /** Sort-key columns (compound order), or null when the table has no sort key. */
  readonly sortColumns: readonly number[] | null;
}

export type CopyBuildReply =
  | { readonly ok: true; readonly node: number; readonly slices: readonly { readonly slice: number; readonly blocks: readonly Block[] }[]; readonly elapsedMs: number }
  | { readonly ok: false; readonly error: SqlErrorData };

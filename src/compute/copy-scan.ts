/**
 * COPY on a compute node: each of the node's slices reads its files one at a time — object store
 * stream, decompression, UTF-8, record splitting, conversion into column vectors — and the slices
 * of one node run concurrently, interleaving at every awaited read (so with a throughput model the
 * streams overlap as they would on a real node). Each run of converted rows is dealt to its
 * destination slices straight from the converter's memory: every destination's rows of the run are
 * copied out into compact vectors in shared memory (a row group), and the converter reuses its memory
 * for the next run — so each row is copied once between conversion and its destination's build, and a
 * build reads only its own rows.
 */
import { workerData } from 'node:worker_threads';
import { CONTROL, PROGRESS, PROGRESS_FIELDS, type CopyFile, type CopyScanReply, type CopyScanTask, type FileScanStat, type SliceLoadError, type SliceReplacement } from '../exec/copy-task.js';
import { decompress } from '../io/compression.js';
import { RowConverter } from '../io/convert/index.js';
import type { LoadErrorRow, LoadReplacementRow } from '../io/convert/contract.js';
import { toUtf8 } from '../io/encoding.js';
import { createSplitter } from '../io/formats/index.js';
import { readParquetColumns } from '../io/formats/parquet.js';
import type { RecordError, RecordSink, TextRecord } from '../io/formats/record.js';
import { readObject } from '../io/object-store.js';
import { dealVectors, packVectorGroups } from '../storage/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import { SqlError, SqlState } from '../types/errors.js';
import { readRange } from './scan-range.js';

const node: number = (workerData as { node: number }).node;

/**
 * Rows a slice converts before handing them on as one group of vectors. The rows left in the
 * converter when a file ends are dealt after its last byte, so they are the reading's tail: 16k rows
 * keep it to a few milliseconds (65k rows took up to ~15 ms per file). Parsing measured no slower
 * than with 65k-row groups.
 */
const ROWS_PER_GROUP = 16_384;

/** STL_LOADERROR_DETAIL: "a maximum of 20 errors per node slice are logged for each load operation". */
const MAX_ERROR_DETAILS_PER_SLICE = 20;

/** STL_REPLACEMENTS keeps "each of the first 100 rows on each node slice that required at least one replacement". */
const MAX_REPLACEMENTS_PER_SLICE = 100;

/** Thrown inside a slice's read loop when the load must stop (error limit reached, or cancelled). */
class StopLoad extends Error {}

interface SliceOutcome {
  readonly groups: readonly DealtGroup[];
  readonly rows: number;
  readonly errors: SliceLoadError[];
  readonly replacements: SliceReplacement[];
  readonly replacedRows: number;
  readonly files: FileScanStat[];
  readonly fatal: SliceLoadError | null;
}

/** A row group and the destination slices it goes to (several only under DISTSTYLE ALL). */
interface DealtGroup {
  readonly vectors: readonly ColumnVector[];
  readonly slices: number[];
}

/** One reading slice's row groups, dealt as they are made. */
class GroupDealer {
  readonly groups: DealtGroup[] = [];
  /** Each reading slice starts its EVEN round-robin at its own slice, so readers do not all pile onto slice 0. */
  private evenCursor: number;

  constructor(private readonly task: CopyScanTask, slice: number) {
    this.evenCursor = slice;
  }

  /** Deals a run of rows. `vectors` may be the converter's own memory, valid only during the call: the groups are copies. */
  add(vectors: readonly ColumnVector[]): void {
    const rowCount = vectors[0]?.length ?? 0;
    if (rowCount === 0) return;
    const topology = { sliceCount: this.task.sliceCount, slicesPerNode: this.task.slicesPerNode };
    const dealt = dealVectors(this.task.placement, vectors, rowCount, topology, this.evenCursor);
    this.evenCursor = dealt.evenCursor;
    const bySharedGroup = new Map<readonly ColumnVector[], number[]>();
    for (const [slice, group] of dealt.perSlice) bySharedGroup.set(group, [...(bySharedGroup.get(group) ?? []), slice]);
    for (const [group, slices] of bySharedGroup) this.groups.push({ vectors: group, slices });
  }
}

export async function copyScan(task: CopyScanTask): Promise<CopyScanReply> {
  try {
    const outcomes = await Promise.all(task.work.map((w) => scanSlice(task, w.slice, w.files)));
    const groups: ColumnVector[][] = [];
    const perDestination: Record<number, number[]> = {};
    let rows = 0;
    for (const outcome of outcomes) {
      rows += outcome.rows;
      for (const { vectors, slices } of outcome.groups) {
        for (const dest of slices) (perDestination[dest] ??= []).push(groups.length);
        groups.push([...vectors]);
      }
    }
    return {
      ok: true,
      node,
      groups: packVectorGroups(groups),
      perDestination,
      rows,
      errors: outcomes.flatMap((o) => o.errors),
      replacements: outcomes.flatMap((o) => o.replacements),
      replacedRows: outcomes.reduce((n, o) => n + o.replacedRows, 0),
      files: outcomes.flatMap((o) => o.files),
      fatal: outcomes.find((o) => o.fatal !== null)?.fatal ?? null,
    };
  } catch (err) {
    const error = err instanceof SqlError ? err : new SqlError(SqlState.internalError, (err as Error).message ?? String(err));
    return { ok: false, error: error.toJSON() };
  }
}

async function scanSlice(task: CopyScanTask, slice: number, files: readonly CopyFile[]): Promise<SliceOutcome> {
  const progress = new Float64Array(task.counters.progress);
  const control = new Int32Array(task.counters.control);
  const at = slice * PROGRESS_FIELDS;
  const errors: SliceLoadError[] = [];
  const stats: FileScanStat[] = [];
  const dealer = new GroupDealer(task, slice);
  let rows = 0;
  let current: CopyFile = files[0]!;
  let fileErrors = 0;

  const reject = (row: LoadErrorRow): void => {
    // STL_LOADERROR_DETAIL keeps the fields of the first MAX_ERROR_DETAILS_PER_SLICE errors.
    const fields = errors.length < MAX_ERROR_DETAILS_PER_SLICE ? row.fields : [];
    errors.push({ ...row, fields, lineNumber: current.partial ? -1 : row.lineNumber, slice, url: current.url, partial: current.partial, startOffset: current.start });
    fileErrors++;
    progress[at + PROGRESS.errors]!++;
    const total = Atomics.add(control, CONTROL.errors, 1) + 1;
    if (task.errorLimit !== null && total >= task.errorLimit) {
      Atomics.store(control, CONTROL.stop, 1);
      throw new StopLoad();
    }
  };
  const replacements: SliceReplacement[] = [];
  let replacedRows = 0;
  // Rows past the cap are still replaced (and counted for the client), just not logged; a scan range's
  // line numbers count from the range, not the file, so like its load errors it logs -1.
  const replaced = (row: LoadReplacementRow): void => {
    replacedRows++;
    if (replacements.length < MAX_REPLACEMENTS_PER_SLICE) replacements.push({ ...row, lineNumber: current.partial ? -1 : row.lineNumber, slice, url: current.url });
  };
  const converter = task.load.format.kind === 'parquet' ? null : new RowConverter(task.columns, task.load.conversion, task.load.records, task.load.format.kind, reject, ROWS_PER_GROUP, replaced);
  const fastText = converter !== null && converter.useFastText(task.load.format);

  for (const file of files) {
    if (Atomics.load(control, CONTROL.stop) !== 0) break;
    current = file;
    fileErrors = 0;
    const startTime = nowMicros();
    const rowsBefore = rows;
    let bytes = 0;
    let lines = 0;
    try {
      if (converter === null) {
        const vectors = await readParquetFile(task, file, (n) => {
          bytes += n;
          progress[at + PROGRESS.bytes]! += n;
        });
        rows += vectors[0]?.length ?? 0;
        lines = rows - rowsBefore;
        progress[at + PROGRESS.rows]! += lines;
        dealer.add(vectors);
      } else {
        const loaded = (): void => {
          rows++;
          progress[at + PROGRESS.rows]!++;
          // Dealing in runs bounds the converter's memory to one run, which it reuses run after run.
          if (converter.rowCount >= ROWS_PER_GROUP) converter.withRows((vectors) => dealer.add(vectors));
        };
        const sink: RecordSink = {
          record: (r: TextRecord) => {
            lines++;
            const before = converter.rowCount;
            converter.record(r);
            if (converter.rowCount > before) loaded();
          },
          error: (e: RecordError) => {
            lines++;
            converter.error(e);
          },
        };
        if (fastText) {
          sink.fastRecord = (buf: Uint8Array, start: number): number => {
            const next = converter.fastRecord(buf, start);
            if (next >= 0) {
              lines++;
              loaded();
            }
            return next;
          };
        }
        const records = file.partial && file.start > 0 ? { ...task.load.records, ignoreHeader: 0 } : task.load.records;
        const splitter = createSplitter(task.load.format, records, task.fieldNames, sink, { nulIsData: task.load.conversion.nullAs === '\0' });
        for await (const chunk of textStream(task, file, (n) => {
          bytes += n;
          progress[at + PROGRESS.bytes]! += n;
        })) {
          if (Atomics.load(control, CONTROL.stop) !== 0) throw new StopLoad();
          splitter.push(chunk);
        }
        splitter.end();
      }
    } catch (err) {
      if (err instanceof StopLoad) break;
      // The file could not be read at all (missing, corrupt compression, bad encoding): the load fails.
      Atomics.store(control, CONTROL.stop, 1);
      const fatal: SliceLoadError = {
        slice, url: file.url, partial: file.partial, startOffset: file.start,
        lineNumber: lines, colname: '', type: '', colLength: '', position: -1, rawLine: '', rawFieldValue: '',
        code: fatalCode(err),
        reason: (err instanceof Error ? err.message : String(err)).slice(0, 100),
        fields: [],
      };
      return { groups: [], rows, errors, replacements, replacedRows, files: stats, fatal };
    } finally {
      stats.push({ slice, file, bytes, lines, rows: rows - rowsBefore, errors: fileErrors, startTime, endTime: nowMicros() });
      progress[at + PROGRESS.files]!++;
    }
  }
  if (converter !== null && converter.rowCount > 0) converter.withRows((vectors) => dealer.add(vectors));
  return { groups: dealer.groups, rows, errors, replacements, replacedRows, files: stats, fatal: null };
}

/** The file's records as UTF-8 bytes: range-limited read, decompression, transcoding. */
function textStream(task: CopyScanTask, file: CopyFile, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  const raw = file.partial ? readRange(task.store, file) : readObject(task.store, file.url);
  return readAhead(toUtf8(task.load.encoding, decompress(task.load.compression, counted(raw, onBytes))));
}

/**
 * The source's chunks, the next one requested as soon as the current one is handed out: its file
 * read (and gzip inflation), which run on libuv's threads, overlap the parsing of the current one
 * instead of following it. The throughput model's pacing is unchanged (its schedule is absolute).
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const chunks = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = chunks.next();
  try {
    for (;;) {
      const next = await pending;
      pending = null;
      if (next.done === true) return;
      pending = chunks.next();
      yield next.value;
    }
  } finally {
    if (pending !== null) {
      // The consumer stopped early: the chunk read ahead is dropped, and so is any error reading it.
      pending.catch(() => undefined);
      await chunks.return?.();
    }
  }
}

async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

async function readParquetFile(task: CopyScanTask, file: CopyFile, onBytes: (n: number) => void): Promise<ColumnVector[]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of counted(decompress(task.load.compression, readObject(task.store, file.url)), onBytes)) parts.push(chunk);
  return readParquetColumns(Buffer.concat(parts), task.columns, file.url);
}

/** Redshift's code for a file-level failure: 1221 for an encoding mismatch, else 1216 "Invalid input line". */
function fatalCode(err: unknown): number {
  return (err as { loadErrorCode?: number }).loadErrorCode ?? 1216;
}

function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/**
 * Live progress of a COPY: the compute nodes bump per-slice counters in shared memory as they read;
 * the leader samples them on a timer and hands snapshots to the caller (the REPL draws a bar per slice).
 */
import { CONTROL, PROGRESS, PROGRESS_FIELDS, type CopyCounters, type CopyFile } from '../exec/copy-task.js';
import { nodeOfSlice, type Topology } from '../leader/index.js';

export interface SliceCopyProgress {
  readonly slice: number;
  readonly node: number;
  readonly files: number;
  readonly filesDone: number;
  /** Bytes this slice will read (object sizes, or scan-range lengths). */
  readonly bytesTotal: number;
  readonly bytesRead: number;
  readonly rows: number;
  readonly errors: number;
}

export interface CopyProgress {
  readonly table: string;
  /** The COPY's query id (pg_last_copy_id()). */
  readonly query: number;
  /** The object store's throughput model is on: read times are simulated. */
  readonly simulated: boolean;
  readonly elapsedMs: number;
  readonly done: boolean;
  readonly slices: readonly SliceCopyProgress[];
}

const SAMPLE_EVERY_MS = 100;

export class CopyProgressTracker {
  readonly counters: CopyCounters;
  private readonly progress: Float64Array;
  private readonly started = performance.now();

  constructor(
    private readonly table: string,
    private readonly query: number,
    private readonly topology: Topology,
    private readonly files: readonly (readonly CopyFile[])[],
    private readonly simulated: boolean,
    private readonly onProgress: ((p: CopyProgress) => void) | undefined,
  ) {
    const progress = new SharedArrayBuffer(files.length * PROGRESS_FIELDS * Float64Array.BYTES_PER_ELEMENT);
    this.counters = { progress, control: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT) };
    this.progress = new Float64Array(progress);
  }

  /** Report progress while `work` runs, and once more when it settles. */
  async track<T>(work: Promise<T>): Promise<T> {
    const report = this.onProgress;
    if (!report) return work;
    const timer = setInterval(() => report(this.snapshot(false)), SAMPLE_EVERY_MS);
    try {
      return await work;
    } finally {
      clearInterval(timer);
      report(this.snapshot(true));
    }
  }

  /** Tell every reading slice to stop at its next chunk. */
  stop(): void {
    Atomics.store(new Int32Array(this.counters.control), CONTROL.stop, 1);
  }

  snapshot(done: boolean): CopyProgress {
    const slices = this.files.map((list, slice) => {
      const at = slice * PROGRESS_FIELDS;
      return {
        slice,
        node: nodeOfSlice(this.topology, slice),
        files: list.length,
        filesDone: this.progress[at + PROGRESS.files]!,
        bytesTotal: list.reduce((n, f) => n + (f.end ?? f.size) - f.start, 0),
        bytesRead: this.progress[at + PROGRESS.bytes]!,
        rows: this.progress[at + PROGRESS.rows]!,
        errors: this.progress[at + PROGRESS.errors]!,
      };
    });
    return { table: this.table, query: this.query, simulated: this.simulated, elapsedMs: performance.now() - this.started, done, slices };
  }
}

/**
 * Letting go of shared memory promptly. A SharedArrayBuffer's memory is freed only when every thread
 * holding a wrapper of it has garbage-collected that wrapper, and V8 does not count buffers received
 * from other threads toward the leader's heap pressure. A COPY hands the leader its row groups and
 * blocks as a few thousand tiny wrappers over hundreds of megabytes: the leader's JS heap barely
 * grows, so V8 sees no reason to collect, and the row groups of past loads and the blocks of dropped
 * tables stay mapped. Measured on TPC-H SF0.1 lineitem (74 MB): process RSS grew ~220 MB per load
 * (2.3 GB after ten), and the kernel time per load grew from ~0.3 s to ~0.9 s as it did; with a full
 * collection every few loads RSS held at ~0.6-0.9 GB and the kernel time at ~0.05 s.
 *
 * So statements that drop large amounts of shared memory say how much here, and once enough has been
 * let go the leader asks V8 for a full collection (10-15 ms on the leader's small heap), run just
 * after the statement rather than inside it: the client gets its reply first.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Bytes let go between two collections. */
export const COLLECT_AFTER_BYTES = 128 * 1024 * 1024;

/** Counts released bytes and runs `collect` each time `threshold` more have been let go. */
export class ReleaseLedger {
  private released = 0;

  constructor(private readonly threshold: number, private readonly collect: () => void) {}

  release(bytes: number): void {
    this.released += bytes;
    if (this.released < this.threshold) return;
    this.released = 0;
    this.collect();
  }
}

/**
 * V8's `gc()`, made available without --expose-gc on the command line (null if the host forbids it).
 * The flag is set only while one fresh context is made, then cleared again, so contexts and workers
 * created later in the host's process do not find a global `gc` they did not ask for.
 */
export function fullCollection(): (() => void) | null {
  const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function';
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  } finally {
    if (!exposed) setFlagsFromString('--no-expose-gc');
  }
}

/** `collect`, run once in the next turn of the event loop however often it is asked for before then. */
export function afterThisTurn(collect: () => void): () => void {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      collect();
    });
  };
}

let ledger: ReleaseLedger | null = null;

/** Records `bytes` of shared memory the leader no longer needs; may schedule a full garbage collection. */
export function releaseSharedMemory(bytes: number): void {
  ledger ??= new ReleaseLedger(COLLECT_AFTER_BYTES, afterThisTurn(fullCollection() ?? (() => undefined)));
  ledger.release(bytes);
}

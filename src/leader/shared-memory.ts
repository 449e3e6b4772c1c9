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
 * So statements that drop large amounts of shared memory say how much here (COPY, its row groups),
 * and once enough has been let go the leader owes V8 a full collection (10-25 ms on the leader's
 * small heap: most of it is unmapping the freed memory). It pays at the next moment it would only
 * wait anyway — just after it has sent compute nodes work (`collectWhileNodesWork`), where the
 * collection runs beside their work instead of before it — or once it has sat idle for
 * IDLE_COLLECT_MS. Run in the turn after the statement, as before, it landed in the next statement of
 * a script: every other COPY of a series of loads started ~15-20 ms late (measured).
 *
 * Collecting more often is not better on this VM: counting DROP TABLE's blocks too made it run on
 * every load of such a series, and the single-file load then took ~50 ms longer (its blocks were
 * built in memory the kernel had just taken back: ~15k page faults per slice at ~16 us each).
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

/** How long the leader may sit idle owing a collection before it runs it anyway. */
export const IDLE_COLLECT_MS = 50;

/** A collection owed: paid by `payNow` or, if nobody does within `idleMs`, by a timer. */
export class CollectionDebt {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly idleMs: number, private readonly collect: () => void) {}

  get owed(): boolean {
    return this.timer !== null;
  }

  owe(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.payNow(), this.idleMs);
    // An owed collection never keeps the host's process alive.
    this.timer.unref?.();
  }

  payNow(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.collect();
  }
}

let debt: CollectionDebt | null = null;
let ledger: ReleaseLedger | null = null;

function collectionDebt(): CollectionDebt {
  debt ??= new CollectionDebt(IDLE_COLLECT_MS, fullCollection() ?? (() => undefined));
  return debt;
}

/** Records `bytes` of shared memory the leader no longer needs; may leave a full collection owed. */
export function releaseSharedMemory(bytes: number): void {
  ledger ??= new ReleaseLedger(COLLECT_AFTER_BYTES, () => collectionDebt().owe());
  ledger.release(bytes);
}

/**
 * Runs an owed collection while compute nodes work: called just after the leader has asked them for
 * work it will wait for. It runs in the next turn of the event loop, since the tasks are posted to the
 * workers in this one's microtasks.
 */
export function collectWhileNodesWork(): void {
  const owing = debt;
  if (owing?.owed) setImmediate(() => owing.payNow());
}

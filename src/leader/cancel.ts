/**
 * Cancelling a running statement (a client's Ctrl-C, or the wire protocol's CancelRequest). The flag
 * lives in shared memory so compute nodes see it between batches and stop their task; the leader
 * stops dispatching and fails the statement at once, without waiting for tasks still finishing.
 */
import { SqlError, SqlState } from '../types/errors.js';

export class StatementCancel {
  /** Non-zero once cancelled; sent with every task (a SharedArrayBuffer is shared, not copied). */
  readonly flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  /**
   * Who waits for the cancel: one entry per running task and per subscriber. A plain set, not an
   * AbortSignal's listeners — a plan runs many tasks at once, and Node warns of a leak past 10 listeners.
   */
  private readonly waiting = new Set<() => void>();
  private isCancelled = false;
  /** The query id the error names (STL_QUERY.query), once the statement has one. */
  queryId = 0;

  get cancelled(): boolean {
    return this.isCancelled;
  }

  cancel(): void {
    if (this.isCancelled) return;
    this.isCancelled = true;
    Atomics.store(this.flag, 0, 1);
    const waiting = [...this.waiting];
    this.waiting.clear();
    for (const wake of waiting) wake();
  }

  /** Redshift's error for a statement cancelled by its user. */
  error(): SqlError {
    return new SqlError(SqlState.queryCanceled, `Query (${this.queryId}) cancelled on user's request`);
  }

  /** Call `stop` once the statement is cancelled (at once if it already is); returns the unsubscribe. */
  onCancel(stop: () => void): () => void {
    if (this.isCancelled) {
      stop();
      return () => undefined;
    }
    // A fresh entry per call: the same function subscribed twice is called twice, and unsubscribed once each.
    const entry = (): void => stop();
    this.waiting.add(entry);
    return () => this.waiting.delete(entry);
  }

  throwIfCancelled(): void {
    if (this.isCancelled) throw this.error();
  }

  /** `work`, or this statement's cancel error as soon as it is cancelled (whichever comes first). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.isCancelled) {
      work.catch(() => undefined);
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      const unsubscribe = this.onCancel(() => reject(this.error()));
      work.then(
        (v) => {
          unsubscribe();
          resolve(v);
        },
        (e: unknown) => {
          unsubscribe();
          reject(this.isCancelled ? this.error() : e);
        },
      );
    });
  }
}

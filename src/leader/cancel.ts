/**
 * Cancelling a running statement (a client's Ctrl-C, or the wire protocol's CancelRequest). The flag
 * lives in shared memory so compute nodes see it between batches and stop their task; the leader
 * stops dispatching and fails the statement at once, without waiting for tasks still finishing.
 */
import { SqlError, SqlState } from '../types/errors.js';

export class StatementCancel {
  /** Non-zero once cancelled; sent with every task (a SharedArrayBuffer is shared, not copied). */
  readonly flag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly controller = new AbortController();
  /** The query id the error names (STL_QUERY.query), once the statement has one. */
  queryId = 0;

  get cancelled(): boolean {
    return this.controller.signal.aborted;
  }

  cancel(): void {
    Atomics.store(this.flag, 0, 1);
    this.controller.abort();
  }

  /** Redshift's error for a statement cancelled by its user. */
  error(): SqlError {
    return new SqlError(SqlState.queryCanceled, `Query (${this.queryId}) cancelled on user's request`);
  }

  /** Call `stop` once the statement is cancelled (at once if it already is); returns the unsubscribe. */
  onCancel(stop: () => void): () => void {
    if (this.cancelled) {
      stop();
      return () => undefined;
    }
    this.controller.signal.addEventListener('abort', stop, { once: true });
    return () => this.controller.signal.removeEventListener('abort', stop);
  }

  throwIfCancelled(): void {
    if (this.cancelled) throw this.error();
  }

  /** `work`, or this statement's cancel error as soon as it is cancelled (whichever comes first). */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.cancelled) {
      work.catch(() => undefined);
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => reject(this.error());
      this.controller.signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => {
          this.controller.signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e: unknown) => {
          this.controller.signal.removeEventListener('abort', onAbort);
          reject(this.cancelled ? this.error() : e);
        },
      );
    });
  }
}

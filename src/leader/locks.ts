/**
 * Exclusive locks held by transactions until they end. A waiter that cannot get a lock within the
 * timeout fails rather than hanging (two explicit transactions waiting on each other).
 *
 * Writers take these locks; readers do not, they read their snapshot. A lock taken by LOCK is also
 * marked ACCESS EXCLUSIVE (Redshift's only LOCK mode, dg:r_LOCK.md): other transactions' reads of the
 * table wait for it too (waitUntilReadable).
 */
import { SqlError } from '../types/errors.js';

const LOCK_TIMEOUT_MS = 30_000;

interface Waiter {
  readonly owner: number;
  readonly grant: () => void;
}

export class LockManager {
  private readonly holders = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();
  /** Resources LOCK holds, by owner: reads wait for them. */
  private readonly accessExclusive = new Map<string, number>();
  /** Readers waiting for some owner to release its locks. */
  private readonly readWaiters: (() => void)[] = [];

  /** Whether any transaction holds a LOCK (so a reader has anything to wait for). */
  get anyAccessExclusive(): boolean {
    return this.accessExclusive.size > 0;
  }

  /** Mark a held resource ACCESS EXCLUSIVE until its owner releases its locks. */
  markAccessExclusive(resource: string, owner: number): void {
    this.accessExclusive.set(resource, owner);
  }

  /** Waits while another owner holds any of `resources` ACCESS EXCLUSIVE; fails as acquire does after the timeout. */
  async waitUntilReadable(resources: readonly string[], owner: number): Promise<void> {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    for (;;) {
      const blocked = resources.find((r) => {
        const holder = this.accessExclusive.get(r);
        return holder !== undefined && holder !== owner;
      });
      if (blocked === undefined) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw notGranted(blocked);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        timer.unref();
        this.readWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async acquire(resource: string, owner: number): Promise<void> {
    const holder = this.holders.get(resource);
    if (holder === undefined || holder === owner) {
      this.holders.set(resource, owner);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const q = this.queues.get(resource) ?? [];
        q.splice(q.indexOf(waiter), 1);
        reject(notGranted(resource));
      }, LOCK_TIMEOUT_MS);
      timer.unref();
      const queue = this.queues.get(resource) ?? [];
      queue.push(waiter);
      this.queues.set(resource, queue);
    });
  }

  releaseAll(owner: number): void {
    for (const [resource, holder] of [...this.accessExclusive]) if (holder === owner) this.accessExclusive.delete(resource);
    // Every waiting reader looks again (cheap: readers wait only while a LOCK is held).
    for (const wake of this.readWaiters.splice(0)) wake();
    for (const [resource, holder] of [...this.holders]) {
      if (holder !== owner) continue;
      const next = this.queues.get(resource)?.shift();
      if (next) {
        this.holders.set(resource, next.owner);
        next.grant();
      } else this.holders.delete(resource);
    }
  }
}

/** A lock (or a read behind a LOCK) still waiting after LOCK_TIMEOUT_MS: taken for a deadlock. */
function notGranted(resource: string): SqlError {
  return new SqlError('40P01', `deadlock detected: lock on ${resource} not granted within ${LOCK_TIMEOUT_MS / 1000} s`);
}

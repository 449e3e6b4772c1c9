/**
 * Exclusive locks held by transactions until they end. A waiter that cannot get a lock within the
 * timeout fails rather than hanging (two explicit transactions waiting on each other).
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
        reject(new SqlError('40P01', `deadlock detected: lock on ${resource} not granted within ${LOCK_TIMEOUT_MS / 1000} s`));
      }, LOCK_TIMEOUT_MS);
      timer.unref();
      const queue = this.queues.get(resource) ?? [];
      queue.push(waiter);
      this.queues.set(resource, queue);
    });
  }

  releaseAll(owner: number): void {
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

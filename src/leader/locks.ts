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

/**
 * Redshift's lock modes, as SVV_TRANSACTIONS names them: writes (COPY, INSERT, UPDATE, DELETE) hold
 * ShareRowExclusiveLock, DDL and LOCK AccessExclusiveLock; AccessShareLock is what a read waits for
 * behind a LOCK (reads take no lock here otherwise: they read their snapshot).
 */
export type LockMode = 'AccessShareLock' | 'ShareRowExclusiveLock' | 'AccessExclusiveLock';

const STRENGTH: Readonly<Record<LockMode, number>> = { AccessShareLock: 0, ShareRowExclusiveLock: 1, AccessExclusiveLock: 2 };

/** A lock held or waited for, for the monitoring views (SVV_TRANSACTIONS, STV_LOCKS). */
export interface LockRow {
  readonly resource: string;
  readonly owner: number;
  readonly mode: LockMode;
  readonly granted: boolean;
}

interface Holder {
  readonly owner: number;
  mode: LockMode;
}

interface Waiter {
  readonly owner: number;
  readonly mode: LockMode;
  readonly grant: () => void;
}

export class LockManager {
  private readonly holders = new Map<string, Holder>();
  private readonly queues = new Map<string, Waiter[]>();
  /** Resources LOCK holds, by owner: reads wait for them. */
  private readonly accessExclusive = new Map<string, number>();
  /** Readers waiting for some owner to release its locks. */
  private readonly readWaiters: (() => void)[] = [];
  /** The resource each waiting reader waits for, by owner. */
  private readonly readsWaiting = new Map<number, string>();

  /** Whether any transaction holds a LOCK (so a reader has anything to wait for). */
  get anyAccessExclusive(): boolean {
    return this.accessExclusive.size > 0;
  }

  /** Mark a held resource ACCESS EXCLUSIVE until its owner releases its locks. */
  markAccessExclusive(resource: string, owner: number): void {
    this.accessExclusive.set(resource, owner);
    const holder = this.holders.get(resource);
    if (holder?.owner === owner) holder.mode = 'AccessExclusiveLock';
  }

  /** Every lock held and every one waited for, holders first. */
  rows(): LockRow[] {
    const out: LockRow[] = [];
    for (const [resource, h] of this.holders) out.push({ resource, owner: h.owner, mode: h.mode, granted: true });
    for (const [resource, queue] of this.queues) for (const w of queue) out.push({ resource, owner: w.owner, mode: w.mode, granted: false });
    for (const [owner, resource] of this.readsWaiting) out.push({ resource, owner, mode: 'AccessShareLock', granted: false });
    return out;
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
      this.readsWaiting.set(owner, blocked);
      try {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          timer.unref();
          this.readWaiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      } finally {
        this.readsWaiting.delete(owner);
      }
    }
  }

  async acquire(resource: string, owner: number, mode: LockMode): Promise<void> {
    const holder = this.holders.get(resource);
    if (holder === undefined) {
      this.holders.set(resource, { owner, mode });
      return;
    }
    if (holder.owner === owner) {
      if (STRENGTH[mode] > STRENGTH[holder.mode]) holder.mode = mode;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        mode,
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
      if (holder.owner !== owner) continue;
      const next = this.queues.get(resource)?.shift();
      if (next) {
        this.holders.set(resource, { owner: next.owner, mode: next.mode });
        next.grant();
      } else this.holders.delete(resource);
    }
  }
}

/** A lock (or a read behind a LOCK) still waiting after LOCK_TIMEOUT_MS: taken for a deadlock. */
function notGranted(resource: string): SqlError {
  return new SqlError('40P01', `deadlock detected: lock on ${resource} not granted within ${LOCK_TIMEOUT_MS / 1000} s`);
}

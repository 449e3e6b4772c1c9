/**
 * Transactions over immutable database states. A state is a catalog snapshot plus one immutable
 * TableData per table; a transaction works on its own state and commits by installing the tables
 * and catalog it changed. Writers take table locks (held to the end of the transaction) so a
 * transaction's first statement never conflicts — its snapshot is taken again once it holds its
 * locks, if it had only looked up names in it — while a later statement whose snapshot went stale
 * before it got its lock fails as Redshift's serializable isolation does.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { TableData } from '../storage/table-data.js';
import { SqlError, SqlState } from '../types/errors.js';
import { LockManager, type LockRow } from './locks.js';

export interface DbState {
  readonly catalog: Catalog;
  readonly tables: ReadonlyMap<number, TableData>;
}

/** The resource name of the catalog in the lock manager (DDL takes it). */
export const CATALOG_LOCK = 'catalog';

/** A table's resource name in the lock manager. */
export function tableResource(tableId: number): string {
  return `table:${tableId}`;
}

/** The table a lock manager resource names, or null (the catalog's lock). */
export function tableOfResource(resource: string): number | null {
  return resource.startsWith('table:') ? Number(resource.slice('table:'.length)) : null;
}

/** What the monitoring views read of the running database: its open transactions and their locks. */
export interface DatabaseActivity {
  openTransactions(): readonly Transaction[];
  lockRows(): readonly LockRow[];
}

export class Database implements DatabaseActivity {
  committed: DbState;
  readonly locks = new LockManager();
  private nextXid = 1000;
  /** Transactions begun and not yet committed or rolled back, by xid (oldest first). */
  private readonly open = new Map<number, Transaction>();

  constructor(initial: DbState) {
    this.committed = initial;
  }

  begin(owner: number, explicit: boolean, user: string): Transaction {
    const txn = new Transaction(this, owner, this.nextXid++, explicit, user);
    this.open.set(txn.xid, txn);
    return txn;
  }

  openTransactions(): readonly Transaction[] {
    return [...this.open.values()];
  }

  lockRows(): readonly LockRow[] {
    return this.locks.rows();
  }

  /** Install a transaction's changes. */
  commit(txn: Transaction): void {
    const base = txn.base;
    if (base) {
      for (const id of txn.writtenTables) {
        if (this.committed.tables.get(id) !== base.tables.get(id)) throw serializationFailure(id);
      }
      if (txn.catalogChanged && this.committed.catalog !== base.catalog) throw serializationFailure(null);
    }
    const state = txn.current;
    if (state) {
      const tables = new Map(this.committed.tables);
      for (const id of txn.writtenTables) {
        const data = state.tables.get(id);
        if (data) tables.set(id, data);
        else tables.delete(id);
      }
      this.committed = { catalog: txn.catalogChanged ? state.catalog : this.committed.catalog, tables };
    }
    this.open.delete(txn.xid);
    this.locks.releaseAll(txn.owner);
  }

  rollback(txn: Transaction): void {
    this.open.delete(txn.xid);
    this.locks.releaseAll(txn.owner);
  }
}

function serializationFailure(tableId: number | null): SqlError {
  return new SqlError(
    SqlState.serializationFailure,
    tableId === null ? 'Serializable isolation violation on the catalog' : `1023: Serializable isolation violation on table - ${tableId}`,
    { hint: 'Retry the transaction.' },
  );
}

export class Transaction {
  /** The committed state the transaction started from (taken at its first statement). */
  base: DbState | null = null;
  /** The transaction's own state, including its uncommitted changes. */
  current: DbState | null = null;
  readonly writtenTables = new Set<number>();
  catalogChanged = false;
  /** A statement failed: only ROLLBACK (or COMMIT, which rolls back) is accepted. */
  failed = false;
  /** A statement of the transaction has ended (its snapshot may have been read): see lockForWrite. */
  statementEnded = false;
  readonly startTime = Date.now() * 1000;

  constructor(
    private readonly db: Database,
    /** The session that runs it. */
    readonly owner: number,
    readonly xid: number,
    readonly explicit: boolean,
    /** The session's user (SVV_TRANSACTIONS.txn_owner). */
    readonly user: string,
  ) {}

  /** The state statements read: the transaction's own once it has one. */
  view(): DbState {
    if (!this.current) {
      this.base = this.db.committed;
      this.current = this.base;
    }
    return this.current;
  }

  /**
   * Lock the tables (and the catalog) a statement will write, before it reads them. A transaction
   * that has not read anything yet takes its snapshot once the locks are held: in its first statement
   * the snapshot so far served only to look up the tables' names (commands lock before they read
   * data), so when another transaction changed their rows while this one waited, the snapshot is
   * taken again — unless that transaction changed the tables' definitions too.
   */
  async lockForWrite(tableIds: readonly number[], catalog: boolean): Promise<void> {
    const resources = [...(catalog ? [CATALOG_LOCK] : []), ...tableIds.map(tableResource)];
    // A statement that changes the catalog (DDL) locks its tables exclusively; a write, against other writes.
    const mode = catalog ? 'AccessExclusiveLock' : 'ShareRowExclusiveLock';
    for (const r of resources) await this.db.locks.acquire(r, this.owner, mode);
    const base = this.base;
    if (!base) return;
    const committed = this.db.committed;
    const stale = tableIds.filter((id) => committed.tables.get(id) !== base.tables.get(id) && !this.writtenTables.has(id));
    if (stale.length === 0) return;
    const onlyLookedUp = !this.statementEnded && this.writtenTables.size === 0 && !this.catalogChanged;
    if (onlyLookedUp && tableIds.every((id) => committed.catalog.relationById(id) === base.catalog.relationById(id))) {
      this.base = committed;
      this.current = committed;
      return;
    }
    throw serializationFailure(stale[0]!);
  }

  /** LOCK: the tables' write locks, marked ACCESS EXCLUSIVE, so other transactions' reads wait too. */
  async lockAccessExclusive(tableIds: readonly number[]): Promise<void> {
    await this.lockForWrite(tableIds, false);
    for (const id of tableIds) this.db.locks.markAccessExclusive(tableResource(id), this.owner);
  }

  /** Record a statement's result state. */
  apply(state: DbState, writtenTables: Iterable<number>, catalogChanged: boolean): void {
    this.view();
    this.current = state;
    for (const id of writtenTables) this.writtenTables.add(id);
    if (catalogChanged) this.catalogChanged = true;
  }
}

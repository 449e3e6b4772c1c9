/**
 * One client session: parses statements and routes them — queries to the planner and the leader,
 * everything else to its command — inside the session's transaction: a block the client opened with
 * BEGIN; else, for a text of several statements, one implicit block around all of them (as PostgreSQL
 * runs a multi-statement query string, and Redshift with it: the first error rolls back the statements
 * before it, unless the text's own BEGIN / COMMIT / ROLLBACK say otherwise); else one per statement.
 * Statements of one session run one at a time, in order.
 */
import { runCommand, showDefinitionColumn, type ClusterCounters, type CommandContext, type CommandResult, type CopyEnvironment, type CopyProgress } from '../commands/index.js';
import { batchToArrow, describeQuery, runQuery, StatementCancel, tableResource, type Database, type DbState, type NodeRunner, type QueryLog, type StatementEnv, type Topology, type Transaction } from '../leader/index.js';
import type { SessionInfo } from '../plan/index.js';
import { parse, type ParsedStatement } from '../sql/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState, typeModifier, typeName, typeOid, typeSize, type Notice } from '../types/index.js';
import type { Batch } from '../exec/spec.js';
import { assertNever, type SqlType } from '../types/datatype.js';
import type { Field, QueryResult, StatementDescription } from './result.js';
import { rowArrays, rowObjects, textRows } from './result-rows.js';
import { normalize, SessionSettings } from './settings.js';
import { tablesRead } from './tables-read.js';

/** What a session needs from its cluster. */
export interface ClusterServices {
  readonly db: Database;
  readonly runner: NodeRunner;
  readonly topology: Topology;
  readonly log: QueryLog;
  readonly counters: ClusterCounters;
  readonly user: string;
  readonly database: string;
  readonly copy: Omit<CopyEnvironment, 'onProgress'>;
}

/** Per-call options of Session.query. */
export interface QueryOptions {
  /** Called with per-slice progress while a COPY runs (about every 100 ms, and once at the end). */
  readonly onCopyProgress?: (p: CopyProgress) => void;
  /**
   * Called with each statement's result as soon as it has run — for a text of several statements,
   * every one's (query() returns only the last); the next statement waits for the returned promise.
   */
  readonly onResult?: (result: QueryResult) => void | Promise<void>;
  /**
   * Run in an implicit transaction block that stays open after the text — opened now if the session
   * has no transaction — until commitImplicitBlock(): how the extended query protocol runs the
   * statements before a Sync. An error rolls the block back at once.
   */
  readonly keepImplicitBlock?: boolean;
}

export class SessionCore {
  private txn: Transaction | null = null;
  /** `txn` is the implicit block of a multi-statement text, not one the client opened. */
  private implicitBlock = false;
  /** The open block began READ ONLY: statements that would change the database are refused. */
  private readOnlyBlock = false;
  private readonly settings = new SessionSettings();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** pg_last_copy_id() / pg_last_copy_count(): -1 and 0 until the session's first COPY. */
  private lastCopy = { query: -1, rows: 0 };
  /** The statement running now, so a client can cancel it. */
  private running: StatementCancel | null = null;
  /** The transaction the current statement runs in (its own when there is no block), for the statement log. */
  private statementXid = 0;

  constructor(
    private readonly cluster: ClusterServices,
    readonly id: number,
    /** The user the session runs as (current_user): the cluster's, or the one a client logged in as. */
    readonly user: string = cluster.user,
  ) {}

  /** Run one or more statements; the result is the last statement's. */
  query(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const run = this.queue.then(() => this.runText(sql, params, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Cancel the statement running now; false when none is. */
  cancel(): boolean {
    if (!this.running) return false;
    this.running.cancel();
    return true;
  }

  /**
   * What ReadyForQuery reports: 'I' no transaction block, 'T' in a block, 'E' in a failed block. An
   * implicit block is not one the client opened: it ends before the client is told anything.
   */
  get transactionStatus(): 'I' | 'T' | 'E' {
    if (!this.txn || this.implicitBlock) return 'I';
    return this.txn.failed ? 'E' : 'T';
  }

  /** True while a statement runs or a transaction block is open (the state is not the committed one). */
  get busy(): boolean {
    return this.running !== null || this.txn !== null;
  }

  /** What one statement would return, planned against the session's current view without running it. */
  describe(sql: string): Promise<StatementDescription> {
    const run = this.queue.then(() => this.describeText(sql));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue;
    if (this.txn) this.cluster.db.rollback(this.txn);
    this.txn = null;
    await this.dropTempTables();
    this.closed = true;
  }

  private async runText(sql: string, params: readonly unknown[], options: QueryOptions): Promise<QueryResult> {
    if (this.closed) throw new SqlError(SqlState.internalError, 'session is closed');
    let statements: ParsedStatement[];
    try {
      statements = parse(sql);
    } catch (err) {
      // A statement that does not even parse still fails the transaction block it was sent in.
      if (this.implicitBlock) this.endBlock(false);
      else if (this.txn) this.txn.failed = true;
      throw err;
    }
    const keep = options.keepImplicitBlock === true;
    const implicit = keep || statements.length > 1;
    let last: QueryResult = emptyResult('EMPTY', []);
    try {
      for (const s of statements) {
        if (implicit && this.txn === null) this.beginBlock({ implicit: true, readOnly: false });
        const cancel = new StatementCancel();
        this.running = cancel;
        const startTime = this.cluster.log.now();
        this.statementXid = this.txn?.xid ?? 0;
        try {
          last = await this.runStatement(s, params, options, cancel);
        } finally {
          this.running = null;
          this.logStatement(s, startTime);
        }
        await options.onResult?.(last);
      }
      if (this.implicitBlock && !keep) this.endBlock(true);
    } catch (err) {
      if (this.implicitBlock) this.endBlock(false);
      throw err;
    }
    return last;
  }

  /**
   * DDL and utility statements go to the statement log (STL_DDLTEXT, STL_UTILITYTEXT), run or failed;
   * queries, DML and COPY are in the query log already (STL_QUERY).
   */
  private logStatement(parsed: ParsedStatement, startTime: number): void {
    const type = statementLogType(parsed.statement);
    if (type === null) return;
    this.cluster.log.addStatement({ type, sessionId: this.id, user: this.user, database: this.cluster.database, xid: this.statementXid, text: parsed.text, startTime, endTime: this.cluster.log.now() });
  }

  /**
   * Reads of a table another transaction holds with LOCK wait until it ends — before the statement
   * takes its snapshot, so an autocommit read then sees what that transaction committed.
   */
  private async waitForLocks(stmt: ast.Statement, cancel: StatementCancel): Promise<void> {
    const { locks } = this.cluster.db;
    if (!locks.anyAccessExclusive) return;
    const catalog = (this.txn?.current ?? this.cluster.db.committed).catalog;
    const tables = tablesRead(stmt, catalog, this.info().searchPath);
    if (tables.length > 0) await cancel.race(locks.waitUntilReadable(tables.map(tableResource), this.id));
  }

  /** Commits the implicit block `keepImplicitBlock` queries left open; nothing when there is none. */
  commitImplicitBlock(): Promise<void> {
    const run = this.queue.then(() => {
      if (this.implicitBlock) this.endBlock(true);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Opens a transaction block: BEGIN's, or the implicit one around a multi-statement text. */
  private beginBlock(mode: { readonly implicit: boolean; readonly readOnly: boolean }): void {
    this.txn = this.cluster.db.begin(this.id, true, this.user);
    this.implicitBlock = mode.implicit;
    this.readOnlyBlock = mode.readOnly;
    this.settings.beginBlock();
  }

  /**
   * Ends the open transaction block: commits it (rolls it back instead when asked to, or when a
   * statement in it failed) and drops what lasts only to its end — SET LOCAL values, READ ONLY, and,
   * rolled back, its SETs. True when it committed.
   */
  private endBlock(commit: boolean): boolean {
    const { db } = this.cluster;
    const txn = this.txn!;
    this.txn = null;
    this.implicitBlock = false;
    this.readOnlyBlock = false;
    if (!commit || txn.failed) {
      db.rollback(txn);
      this.settings.endBlock(false);
      return false;
    }
    try {
      db.commit(txn);
    } catch (err) {
      db.rollback(txn);
      this.settings.endBlock(false);
      throw err;
    }
    this.settings.endBlock(true);
    return true;
  }

  private describeText(sql: string): StatementDescription {
    if (this.closed) throw new SqlError(SqlState.internalError, 'session is closed');
    const statements = parse(sql);
    if (statements.length !== 1) {
      throw new SqlError(SqlState.syntaxError, 'cannot describe more than one statement at a time', { position: statements[1]?.statement.pos });
    }
    const { statement: stmt, text } = statements[0]!;
    const parameterCount = maxParameterIndex(stmt);
    const parameterTypeOids = Array.from({ length: parameterCount }, () => TEXT_OID);
    switch (stmt.kind) {
      case 'query': {
        if (stmt.query.kind === 'select' && stmt.query.into) return { fields: [], parameterTypeOids };
        const state = this.txn?.current ?? this.cluster.db.committed;
        const now = Date.now() * 1000;
        const planned = describeQuery(
          stmt.query,
          this.statementEnv(state, {
            // Unknown values: each parameter binds as an untyped NULL and takes its type from context.
            params: Array.from({ length: parameterCount }, () => null),
            statementTime: now,
            transactionTime: this.txn?.startTime ?? now,
            xid: this.txn?.xid ?? 0,
            text,
          }),
        );
        return { fields: fieldsOf(planned.names, planned.physical.types), parameterTypeOids };
      }
      case 'explain':
        return { fields: fieldsOf(['QUERY PLAN'], [{ kind: 'varchar', length: 65535 }]), parameterTypeOids };
      case 'showDefinition':
        return { fields: fieldsOf([showDefinitionColumn(stmt)], [{ kind: 'varchar', length: 65535 }]), parameterTypeOids };
      case 'show': {
        const r = this.settings.handle(stmt, this.user);
        return { fields: r.rows ? fieldsOf(r.rows.names, r.rows.types) : [], parameterTypeOids };
      }
      default:
        return { fields: [], parameterTypeOids };
    }
  }

  private info(): SessionInfo {
    return {
      sessionId: this.id,
      user: this.user,
      database: this.cluster.database,
      searchPath: [this.tempSchema(), ...this.settings.searchPath(this.user)],
      tempSchema: this.tempSchema(),
      lastCopyId: this.lastCopy.query,
      lastCopyCount: this.lastCopy.rows,
      lastQueryId: () => this.cluster.log.lastCompletedQuery(this.id),
      setting: (name) => this.settings.get(normalize(name)),
    };
  }

  /** What planning and running a statement needs: the cluster's services, the session, and the statement's own part. */
  private statementEnv(
    state: DbState,
    statement: Pick<StatementEnv, 'params' | 'statementTime' | 'transactionTime' | 'xid' | 'text' | 'cancel'>,
  ): StatementEnv {
    return { runner: this.cluster.runner, topology: this.cluster.topology, state, session: this.info(), log: this.cluster.log, activity: this.cluster.db, ...statement };
  }

  private tempSchema(): string {
    return `pg_temp_${this.id}`;
  }

  private async runStatement(parsed: ParsedStatement, params: readonly unknown[], options: QueryOptions, cancel: StatementCancel): Promise<QueryResult> {
    const stmt = parsed.statement;
    if (stmt.kind === 'transaction') return this.transactionControl(stmt);
    if (this.txn?.failed) {
      throw new SqlError(SqlState.inFailedSqlTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
    }
    if (stmt.kind === 'set' || stmt.kind === 'show' || stmt.kind === 'reset') {
      const r = this.settings.handle(stmt, this.user);
      return r.rows ? rowsResult(r.command, r.rows.batch, r.rows.names, r.rows.types, r.notices, []) : emptyResult(r.command, r.notices);
    }
    const refused = this.refusedInBlock(stmt);
    if (refused !== null) {
      // Like any error in a block, it fails the block.
      this.txn!.failed = true;
      throw refused;
    }
    await this.waitForLocks(stmt, cancel);
    const txn = this.txn ?? this.cluster.db.begin(this.id, false, this.user);
    this.statementXid = txn.xid;
    const notices: Notice[] = [];
    const statementTime = Date.now() * 1000;
    const envFor = (state: DbState): StatementEnv =>
      this.statementEnv(state, { params, statementTime, transactionTime: txn.startTime, xid: txn.xid, text: parsed.text, cancel });
    try {
      let result: QueryResult;
      if (stmt.kind === 'query' && !(stmt.query.kind === 'select' && stmt.query.into)) {
        const out = await runQuery(stmt.query, envFor(txn.view()));
        result = rowsResult('SELECT', out.batch, out.names, out.types, notices, out.tasks);
      } else {
        const ctx: CommandContext = {
          txn,
          session: this.info(),
          topology: this.cluster.topology,
          counters: this.cluster.counters,
          statementEnv: envFor,
          notice: (n) => notices.push(n),
          statementText: parsed.text,
          copy: { ...this.cluster.copy, onProgress: options.onCopyProgress },
          recordCopy: (query, rows) => {
            this.lastCopy = { query, rows };
          },
        };
        const r: CommandResult = await runCommand(stmt, ctx);
        result = r.rows ? rowsResult(r.command, r.rows.batch, r.rows.names, r.rows.types, notices, []) : emptyResult(r.command, notices, r.rowCount);
      }
      // A statement cancelled after its last task (a COPY, say) still fails and changes nothing.
      cancel.throwIfCancelled();
      if (!txn.explicit) this.cluster.db.commit(txn);
      else if (stmt.kind === 'truncate') this.commitBlockSoFar(txn);
      return result;
    } catch (err) {
      if (txn.explicit) txn.failed = true;
      else this.cluster.db.rollback(txn);
      throw err instanceof SqlError ? err : new SqlError(SqlState.internalError, (err as Error).message);
    } finally {
      // Later statements of a block may have read its snapshot: they can no longer take it afresh.
      txn.statementEnded = true;
    }
  }

  /** The error for a statement the open block does not allow: VACUUM in any block, a write in a READ ONLY one. */
  private refusedInBlock(stmt: ast.Statement): SqlError | null {
    if (this.txn === null) return null;
    if (stmt.kind === 'vacuum') return new SqlError(SqlState.activeSqlTransaction, 'VACUUM cannot run inside a transaction block');
    const writes = this.readOnlyBlock ? writingCommand(stmt) : null;
    return writes === null ? null : new SqlError(SqlState.readOnlySqlTransaction, `cannot execute ${writes} in a read-only transaction`);
  }

  /**
   * "TRUNCATE commits the transaction in which it is run; therefore, you can't roll back a TRUNCATE
   * operation, and a TRUNCATE command may commit other operations when it commits itself"
   * (dg:r_TRUNCATE.md). The block goes on, in a new transaction.
   */
  private commitBlockSoFar(txn: Transaction): void {
    this.cluster.db.commit(txn);
    this.txn = this.cluster.db.begin(this.id, true, this.user);
  }

  private transactionControl(stmt: ast.TransactionStatement): QueryResult {
    if (this.implicitBlock) return this.implicitTransactionControl(stmt);
    switch (stmt.action) {
      case 'begin':
        if (this.txn) return emptyResult('BEGIN', [{ severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' }]);
        this.beginBlock({ implicit: false, readOnly: stmt.readOnly });
        return emptyResult('BEGIN', []);
      case 'commit':
        if (!this.txn) return emptyResult('COMMIT', [NO_TRANSACTION]);
        // COMMIT of a failed block rolls it back, and says so.
        return emptyResult(this.endBlock(true) ? 'COMMIT' : 'ROLLBACK', []);
      case 'rollback':
        if (!this.txn) return emptyResult('ROLLBACK', [NO_TRANSACTION]);
        this.endBlock(false);
        return emptyResult('ROLLBACK', []);
    }
  }

  /**
   * BEGIN inside a multi-statement text's implicit block makes it the client's own block (the
   * statements before it included); COMMIT and ROLLBACK end the implicit block, warning that no
   * transaction was begun, and the statements after them get a new one (PostgreSQL's rules).
   */
  private implicitTransactionControl(stmt: ast.TransactionStatement): QueryResult {
    const action = stmt.action;
    if (action === 'begin') {
      this.implicitBlock = false;
      this.readOnlyBlock = stmt.readOnly;
      return emptyResult('BEGIN', []);
    }
    // (A statement's error has already ended the block, so it never holds a failed transaction here.)
    this.endBlock(action === 'commit');
    return emptyResult(action === 'commit' ? 'COMMIT' : 'ROLLBACK', [NO_TRANSACTION]);
  }

  /** Temp tables end with their session. */
  private async dropTempTables(): Promise<void> {
    const temps = this.cluster.db.committed.catalog.tables().filter((t) => t.temp && t.ownerSession === this.id);
    if (temps.length === 0) return;
    await this.runText(`drop table ${temps.map((t) => `"${t.schema}"."${t.name}"`).join(', ')}`, [], {}).catch(() => undefined);
  }
}

/** COMMIT or ROLLBACK with no transaction block the client began. */
const NO_TRANSACTION: Notice = { severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' };

function emptyResult(command: string, notices: readonly Notice[], rowCount = 0): QueryResult {
  return {
    command,
    rowCount,
    fields: [],
    rows: [],
    notices,
    tasks: [],
    toArrays: () => [],
    toTextArrays: () => [],
    toArrow: () => batchToArrow({ columns: [], rowCount: 0 }, [], []),
  };
}

function rowsResult(
  command: string,
  batch: Batch,
  names: readonly string[],
  types: readonly SqlType[],
  notices: readonly Notice[],
  tasks: QueryResult['tasks'],
): QueryResult {
  // Built when first read: the server and the REPL take the text arrays, toArrow the batch.
  let rows: Record<string, unknown>[] | null = null;
  return {
    command,
    rowCount: batch.rowCount,
    fields: fieldsOf(names, types),
    get rows() {
      return (rows ??= rowObjects(batch, names, types));
    },
    notices,
    tasks,
    toArrays: () => rowArrays(batch, types),
    toTextArrays: () => textRows(batch, types),
    toArrow: () => batchToArrow(batch, names, types),
  };
}

export function fieldsOf(names: readonly string[], types: readonly SqlType[]): Field[] {
  return names.map((name, i) => {
    const t = types[i]!;
    return { name, type: typeName(t), typeOid: typeOid(t), typeModifier: typeModifier(t), typeSize: typeSize(t) };
  });
}

/** pg_type's oid of text: what Describe reports for a parameter whose type the statement leaves open. */
const TEXT_OID = 25;

/** The highest $n a statement uses (its parameter count), found by walking the AST's plain objects. */
function maxParameterIndex(node: unknown): number {
  if (node === null || typeof node !== 'object') return 0;
  if (Array.isArray(node)) return node.reduce((m: number, n) => Math.max(m, maxParameterIndex(n)), 0);
  const record = node as Record<string, unknown>;
  let max = record.kind === 'param' && typeof record.index === 'number' ? record.index : 0;
  for (const value of Object.values(record)) max = Math.max(max, maxParameterIndex(value));
  return max;
}

/**
 * The command a statement would run if it changes the database (PostgreSQL's name for it in "cannot
 * execute ... in a read-only transaction"), or null when it only reads (or only changes the session).
 */
function writingCommand(stmt: ast.Statement): string | null {
  switch (stmt.kind) {
    case 'insert': return 'INSERT';
    case 'update': return 'UPDATE';
    case 'delete': return 'DELETE';
    case 'merge': return 'MERGE';
    case 'createTable': return 'CREATE TABLE';
    case 'createTableAs': return 'CREATE TABLE AS';
    case 'query': return stmt.query.kind === 'select' && stmt.query.into ? 'SELECT INTO' : null;
    case 'createSchema': return 'CREATE SCHEMA';
    case 'dropSchema': return 'DROP SCHEMA';
    case 'dropTable': return 'DROP TABLE';
    case 'alterTable': return 'ALTER TABLE';
    case 'truncate': return 'TRUNCATE TABLE';
    case 'createView': return 'CREATE VIEW';
    case 'dropView': return 'DROP VIEW';
    case 'copy': return 'COPY FROM';
    case 'comment': return 'COMMENT';
    // UNLOAD writes files, not the database; EXPLAIN runs nothing; ANALYZE and LOCK are allowed (PostgreSQL 15 too).
    case 'lock':
    case 'transaction':
    case 'set':
    case 'show':
    case 'showDefinition':
    case 'reset':
    case 'unload':
    case 'vacuum':
    case 'analyze':
    case 'explain':
    case 'deallocate':
      return null;
    default:
      return assertNever(stmt);
  }
}

/**
 * Which statement log a statement goes to: Redshift's STL_DDLTEXT takes CREATE/DROP/ALTER of schemas,
 * tables and views (dg:r_STL_DDLTEXT.md), STL_QUERY the queries, DML, COPY and UNLOAD, STL_UTILITYTEXT
 * the rest.
 */
function statementLogType(stmt: ast.Statement): 'DDL' | 'UTILITY' | null {
  switch (stmt.kind) {
    case 'query':
    case 'insert':
    case 'update':
    case 'delete':
    case 'merge':
    case 'copy':
    case 'unload':
    case 'explain':
      return null;
    case 'createTable':
    case 'createTableAs':
    case 'createSchema':
    case 'dropSchema':
    case 'dropTable':
    case 'alterTable':
    case 'createView':
    case 'dropView':
      return 'DDL';
    case 'truncate':
    case 'lock':
    case 'transaction':
    case 'set':
    case 'show':
    case 'showDefinition':
    case 'reset':
    case 'vacuum':
    case 'analyze':
    case 'comment':
    case 'deallocate':
      return 'UTILITY';
  }
}

/**
 * A Slicewise cluster: the leader's state (catalog, committed table versions, logs) and the compute
 * nodes (one worker thread each). `Cluster.start()` returns at once; workers come up in the
 * background and the first task waits for its node.
 */
import { Catalog } from '../catalog/catalog.js';
import { Database, QueryLog, type DbState, type Topology } from '../leader/index.js';
import { SessionCore, type ClusterServices, type QueryOptions } from '../session/session.js';
import type { CopyEnvironment } from '../commands/index.js';
import { resolve } from 'node:path';
import type { QueryResult, StatementDescription } from '../session/result.js';
import { SqlError, SqlState } from '../types/errors.js';
import { ComputeNodes } from './compute-nodes.js';

export interface ClusterOptions {
  /** Compute nodes (worker threads). Default 2. */
  readonly nodes?: number;
  /** Slices per node. Default 2. */
  readonly slicesPerNode?: number;
  /** User name sessions run as. Default 'awsuser', Redshift's default admin user. */
  readonly user?: string;
  /** Database name. Default 'dev', as a new Redshift cluster. */
  readonly database?: string;
  /** Directory the object store lives in: `s3://bucket/key` is `<s3Root>/bucket/key`. Without it COPY and UNLOAD fail. */
  readonly s3Root?: string;
  /**
   * A throughput model for the object store, so the effect of file count shows on any machine:
   * each stream reads at most `mbPerSecond` (10^6 bytes) after `latencyMs` per request. Reported as simulated.
   */
  readonly s3Throughput?: { readonly mbPerSecond: number; readonly latencyMs?: number };
  /**
   * Split large uncompressed delimited files into scan ranges read by several slices, as newer
   * Redshift does (files of at least `minFileBytes`, default 128 MB, in `rangeBytes` pieces, default
   * 64 MB). Off by default, so one file is read by one slice (the classic behaviour).
   */
  readonly copyScanRanges?: boolean | { readonly minFileBytes?: number; readonly rangeBytes?: number };
  /**
   * How COPY reads MAXERROR n: 'documented' (default) fails when errors reach max(n, 1), as the
   * guide words it; 'allow-n' tolerates up to n rejected records (the common reading).
   */
  readonly copyMaxErrorRule?: 'documented' | 'allow-n';
}

function copyEnvironment(options: ClusterOptions): Omit<CopyEnvironment, 'onProgress'> {
  const t = options.s3Throughput;
  if (t !== undefined && !(t.mbPerSecond > 0 && (t.latencyMs ?? 0) >= 0)) {
    throw new SqlError(SqlState.invalidParameterValue, 's3Throughput needs mbPerSecond > 0 and latencyMs >= 0');
  }
  const r = options.copyScanRanges;
  const scanRanges = r === undefined || r === false ? null : { minFileBytes: (r === true ? undefined : r.minFileBytes) ?? 128 * 1024 * 1024, rangeBytes: (r === true ? undefined : r.rangeBytes) ?? 64 * 1024 * 1024 };
  if (scanRanges && !(scanRanges.rangeBytes >= 1 && scanRanges.minFileBytes >= 1)) throw new SqlError(SqlState.invalidParameterValue, 'copyScanRanges sizes must be positive');
  return {
    store: options.s3Root === undefined ? null : { root: resolve(options.s3Root), throughput: t ? { mbPerSecond: t.mbPerSecond, latencyMs: t.latencyMs ?? 0 } : null },
    scanRanges,
    maxErrorRule: options.copyMaxErrorRule ?? 'documented',
  };
}


function checkCount(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1 || v > 128) throw new SqlError(SqlState.invalidParameterValue, `${name} must be an integer from 1 to 128, got ${v}`);
  return v;
}

/**
 * The whole committed state of a cluster at one moment: catalog, table data and the counters that
 * place rows (EVEN cursors, IDENTITY values). Table data versions are immutable, so taking one copies
 * no data and a snapshot can be restored any number of times.
 */
export class ClusterSnapshot {
  /** @internal */
  constructor(
    readonly state: DbState,
    readonly evenCursors: ReadonlyMap<number, number>,
    readonly identities: ReadonlyMap<string, number>,
  ) {}
}

export class Cluster {
  private readonly services: ClusterServices;
  private readonly nodes: ComputeNodes;
  private readonly defaultSession: Session;
  private readonly sessions = new Set<Session>();
  private nextSessionId = 1;
  private closed = false;

  /** Test hooks: reach into the compute nodes the way failures do. */
  readonly internals: { terminateNode(node: number): Promise<void> };

  private constructor(
    readonly topology: Topology,
    /** The user sessions run as unless they say otherwise (Redshift's admin user, awsuser, by default). */
    readonly user: string,
    /** The database name (current_database()). */
    readonly database: string,
    copy: Omit<CopyEnvironment, 'onProgress'>,
  ) {
    this.nodes = new ComputeNodes(topology);
    this.services = {
      db: new Database({ catalog: Catalog.initial(), tables: new Map() }),
      runner: this.nodes,
      topology,
      log: new QueryLog(),
      counters: { evenCursors: new Map(), identities: new Map() },
      user,
      database,
      copy,
    };
    this.internals = { terminateNode: (node) => this.nodes.terminateNode(node) };
    this.defaultSession = this.session();
  }

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const topology: Topology = { nodes: checkCount('nodes', options.nodes ?? 2), slicesPerNode: checkCount('slicesPerNode', options.slicesPerNode ?? 2) };
    return new Cluster(topology, options.user ?? 'awsuser', options.database ?? 'dev', copyEnvironment(options));
  }

  /** Run statements on the cluster's default session. */
  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.defaultSession.query(sql, params, options);
  }

  /** Capture the committed state (catalog and data), e.g. after loading a test suite's fixtures. */
  snapshot(): ClusterSnapshot {
    const { db, counters } = this.services;
    return new ClusterSnapshot(db.committed, new Map(counters.evenCursors), new Map(counters.identities));
  }

  /**
   * Put back a snapshot's state: every table, view, schema and row as they were when it was taken.
   * Sessions stay open (their temp tables are gone unless the snapshot had them). Fails while a
   * session runs a statement or has a transaction block open.
   */
  restore(snapshot: ClusterSnapshot): void {
    if ([...this.sessions].some((s) => s.busy)) {
      throw new SqlError(SqlState.objectInUse, 'cannot restore a snapshot while a session is running a statement or has a transaction open');
    }
    const { db, counters } = this.services;
    db.committed = snapshot.state;
    replaceEntries(counters.evenCursors, snapshot.evenCursors);
    replaceEntries(counters.identities, snapshot.identities);
  }

  /** Describe a statement on the cluster's default session (see Session.describe). */
  describe(sql: string): Promise<StatementDescription> {
    return this.defaultSession.describe(sql);
  }

  /** A new session: its own transaction state and search_path; `user` is its current_user (default: the cluster's user). */
  session(options: { readonly user?: string } = {}): Session {
    if (this.closed) throw new SqlError(SqlState.internalError, 'cluster is closed');
    const s = new Session(new SessionCore(this.services, this.nextSessionId++, options.user), (x) => this.sessions.delete(x));
    this.sessions.add(s);
    return s;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.sessions].map((s) => s.close()));
    await this.nodes.close();
  }
}

export class Session {
  constructor(
    private readonly core: SessionCore,
    private readonly onClose: (s: Session) => void,
  ) {}

  /** The session id (pg_backend_pid()). */
  get id(): number {
    return this.core.id;
  }

  query(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.core.query(sql, params ?? [], options);
  }

  /**
   * Cancel the statement running now: it fails with Redshift's "Query (n) cancelled on user's
   * request" (SQLSTATE 57014) and changes nothing. False when no statement is running.
   */
  cancel(): boolean {
    return this.core.cancel();
  }

  /** What a statement would return (columns, parameter types), planned without running it. */
  describe(sql: string): Promise<StatementDescription> {
    return this.core.describe(sql);
  }

  /** Commits the implicit transaction block that queries run with `keepImplicitBlock` left open (if any). */
  commitImplicitBlock(): Promise<void> {
    return this.core.commitImplicitBlock();
  }

  /** What the wire protocol's ReadyForQuery reports: 'I' idle, 'T' in a transaction block, 'E' in a failed one. */
  get transactionStatus(): 'I' | 'T' | 'E' {
    return this.core.transactionStatus;
  }

  /** The user the session runs as (current_user). */
  get user(): string {
    return this.core.user;
  }

  /** A statement is running, or a transaction block is open. */
  get busy(): boolean {
    return this.core.busy;
  }

  async close(): Promise<void> {
    await this.core.close();
    this.onClose(this);
  }
}

function replaceEntries<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [k, v] of source) target.set(k, v);
}

/**
 * A Slicewise cluster: the leader's state (catalog, committed table versions, logs) and the compute
 * nodes (one worker thread each). `Cluster.start()` returns at once; workers come up in the
 * background and the first task waits for its node.
 */
import { Catalog } from '../catalog/catalog.js';
import { Database, QueryLog, type Topology } from '../leader/index.js';
import { SessionCore, type ClusterServices, type QueryOptions } from '../session/session.js';
import type { CopyEnvironment } from '../commands/index.js';
import { resolve } from 'node:path';
import type { QueryResult } from '../session/result.js';
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

export class Cluster {
  private readonly services: ClusterServices;
  private readonly nodes: ComputeNodes;
  private readonly defaultSession: Session;
  private readonly sessions = new Set<Session>();
  private nextSessionId = 1;
  private closed = false;

  /** Test hooks: reach into the compute nodes the way failures do. */
  readonly internals: { terminateNode(node: number): Promise<void> };

  private constructor(readonly topology: Topology, user: string, database: string, copy: Omit<CopyEnvironment, 'onProgress'>) {
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

  /** A new session: its own transaction state and search_path. */
  session(): Session {
    if (this.closed) throw new SqlError(SqlState.internalError, 'cluster is closed');
    const s = new Session(new SessionCore(this.services, this.nextSessionId++), (x) => this.sessions.delete(x));
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

  async close(): Promise<void> {
    await this.core.close();
    this.onClose(this);
  }
}

/**
 * A Slicewise cluster: the leader's state (catalog, committed table versions, logs) and the compute
 * nodes (one worker thread each). `Cluster.start()` returns at once; workers come up in the
 * background and the first task waits for its node.
 */
import { Catalog } from '../catalog/catalog.js';
import { Database, QueryLog, type Topology } from '../leader/index.js';
import { SessionCore, type ClusterServices } from '../session/session.js';
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

  private constructor(readonly topology: Topology, user: string, database: string) {
    this.nodes = new ComputeNodes(topology);
    this.services = {
      db: new Database({ catalog: Catalog.initial(), tables: new Map() }),
      runner: this.nodes,
      topology,
      log: new QueryLog(),
      counters: { evenCursors: new Map(), identities: new Map() },
      user,
      database,
    };
    this.internals = { terminateNode: (node) => this.nodes.terminateNode(node) };
    this.defaultSession = this.session();
  }

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const topology: Topology = { nodes: checkCount('nodes', options.nodes ?? 2), slicesPerNode: checkCount('slicesPerNode', options.slicesPerNode ?? 2) };
    return new Cluster(topology, options.user ?? 'awsuser', options.database ?? 'dev');
  }

  /** Run statements on the cluster's default session. */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.defaultSession.query(sql, params);
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

  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.core.query(sql, params ?? []);
  }

  async close(): Promise<void> {
    await this.core.close();
    this.onClose(this);
  }
}

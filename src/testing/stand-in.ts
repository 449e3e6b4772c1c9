/**
 * A stand-in for a Redshift cluster in a test suite: an embedded cluster that loads the suite's
 * fixtures once and goes back to them before each test in about a millisecond (the committed state
 * is immutable, so a snapshot copies nothing).
 *
 *   const redshift = await StandIn.start({ fixtures: 'create table t (id int) distkey(id); insert into t values (1);' });
 *   beforeEach(() => redshift.reset());
 *   afterAll(() => redshift.close());
 *   test('...', async () => { await redshift.query('select * from t'); });
 *
 * With `server: true` it also listens on a free loopback port, for code under test that connects
 * with a PostgreSQL driver (`redshift.connectionString`).
 */
import { Cluster, type ClusterOptions, type ClusterSnapshot, type QueryResult } from '../index.js';
import { startServer, type RunningServer, type ServerOptions } from '../server/index.js';

export interface StandInOptions extends ClusterOptions {
  /** What every test starts from: SQL statements (DDL, INSERT, COPY ...), or a function that loads them. */
  readonly fixtures?: string | ((cluster: Cluster) => Promise<void>);
  /** Also serve the cluster over the PostgreSQL protocol: true (127.0.0.1, a free port, trust) or server options. */
  readonly server?: boolean | Pick<ServerOptions, 'host' | 'port' | 'auth'>;
}

export class StandIn {
  private fixturesState: ClusterSnapshot;

  private constructor(
    readonly cluster: Cluster,
    /** The wire-protocol server, when started with `server`. */
    readonly server: RunningServer | null,
  ) {
    this.fixturesState = cluster.snapshot();
  }

  /** `postgresql://awsuser@127.0.0.1:<port>/dev` for a driver (the server's; throws without one). */
  get connectionString(): string {
    if (!this.server) throw new Error('this stand-in has no server: start it with { server: true }');
    return `postgresql://${encodeURIComponent(this.cluster.user)}@${this.server.host}:${this.server.port}/${encodeURIComponent(this.cluster.database)}`;
  }

  /** Start a cluster, load the fixtures, and remember that state for reset(). */
  static async start(options: StandInOptions = {}): Promise<StandIn> {
    const cluster = await Cluster.start(options);
    let server: RunningServer | null = null;
    try {
      const { fixtures } = options;
      if (typeof fixtures === 'string') await cluster.query(fixtures);
      else if (fixtures) await fixtures(cluster);
      if (options.server) {
        const chosen = options.server === true ? {} : options.server;
        server = await startServer({ host: '127.0.0.1', port: 0, ...chosen, cluster });
      }
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return new StandIn(cluster, server);
  }

  /** Run statements on the cluster's default session. */
  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.cluster.query(sql, params);
  }

  /** Back to the fixtures: every table, view and row as the fixtures left them. */
  reset(): void {
    this.cluster.restore(this.fixturesState);
  }

  /** Make the current state the one reset() returns to (e.g. after a describe block's own setup). */
  keepAsFixtures(): void {
    this.fixturesState = this.cluster.snapshot();
  }

  async close(): Promise<void> {
    await this.server?.close();
    await this.cluster.close();
  }
}

/**
 * A stand-in for a Redshift cluster in a test suite: an embedded cluster that loads the suite's
 * fixtures once and goes back to them before each test in about a millisecond (the committed state
 * is immutable, so a snapshot copies nothing).
 *
 *   const redshift = await StandIn.start({ fixtures: 'create table t (id int) distkey(id); insert into t values (1);' });
 *   beforeEach(() => redshift.reset());
 *   afterAll(() => redshift.close());
 *   test('...', async () => { await redshift.query('select * from t'); });
 */
import { Cluster, type ClusterOptions, type ClusterSnapshot, type QueryResult } from '../index.js';

export interface StandInOptions extends ClusterOptions {
  /** What every test starts from: SQL statements (DDL, INSERT, COPY ...), or a function that loads them. */
  readonly fixtures?: string | ((cluster: Cluster) => Promise<void>);
}

export class StandIn {
  private fixturesState: ClusterSnapshot;

  private constructor(readonly cluster: Cluster) {
    this.fixturesState = cluster.snapshot();
  }

  /** Start a cluster, load the fixtures, and remember that state for reset(). */
  static async start(options: StandInOptions = {}): Promise<StandIn> {
    const cluster = await Cluster.start(options);
    try {
      const { fixtures } = options;
      if (typeof fixtures === 'string') await cluster.query(fixtures);
      else if (fixtures) await fixtures(cluster);
    } catch (err) {
      await cluster.close();
      throw err;
    }
    return new StandIn(cluster);
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
    await this.cluster.close();
  }
}

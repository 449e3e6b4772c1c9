/** The REPL's connection to a cluster running inside this process. */
import { Cluster, commandTag, type ClusterOptions, type Session } from '../../index.js';
import type { Connection, StatementHooks, StatementResult } from './connection.js';

export class EmbeddedConnection implements Connection {
  readonly copyProgress = true;
  readonly user: string;
  readonly database: string;

  private constructor(
    private readonly cluster: Cluster,
    private readonly session: Session,
    readonly description: string,
    names: { user: string; database: string },
  ) {
    this.user = names.user;
    this.database = names.database;
  }

  /** Start a cluster and open one session on it. Bad options reject (e.g. more nodes than allowed). */
  static async start(options: ClusterOptions): Promise<EmbeddedConnection> {
    const cluster = await Cluster.start(options);
    const nodes = options.nodes ?? 2;
    const slices = options.slicesPerNode ?? 2;
    const description = `embedded cluster, ${nodes} ${nodes === 1 ? 'node' : 'nodes'} x ${slices} ${slices === 1 ? 'slice' : 'slices'}`;
    return new EmbeddedConnection(cluster, cluster.session(), description, { user: options.user ?? 'awsuser', database: options.database ?? 'dev' });
  }

  async query(sql: string, hooks: StatementHooks = {}): Promise<StatementResult> {
    const result = await this.session.query(sql, [], { onCopyProgress: hooks.onCopyProgress });
    for (const notice of result.notices) hooks.onNotice?.(notice);
    return {
      commandTag: commandTag(result.command, result.rowCount),
      columns: result.fields.map((f) => ({ name: f.name, typeOid: f.typeOid })),
      rows: result.fields.length > 0 ? result.toTextArrays() : [],
    };
  }

  get transactionStatus(): 'I' | 'T' | 'E' {
    return this.session.transactionStatus;
  }

  cancel(): boolean {
    return this.session.cancel();
  }

  async close(): Promise<void> {
    await this.session.close();
    await this.cluster.close();
  }
}

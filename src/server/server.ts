/**
 * The wire-protocol server: a TCP listener whose every connection gets a session of its own on
 * one cluster. It keeps the cancel keys (BackendKeyData's pid and secret) of live connections so a
 * CancelRequest on a second connection reaches the right session, and shuts down cleanly: stop
 * accepting, cancel what runs, tell every client (FATAL 57P01), close the sessions, and close the
 * cluster if the server started it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { Cluster, SqlError, type ClusterOptions } from '../index.js';
import { Authenticator, type AuthOptions } from './auth.js';
import { Connection, type ConnectionHost } from './connection.js';

export interface ServerOptions {
  /** The cluster to serve; without one the server starts its own (and closes it on close()). */
  readonly cluster?: Cluster;
  /** Options for the cluster the server starts when none is given. */
  readonly clusterOptions?: ClusterOptions;
  /** Address to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Port; 0 picks a free one. Default 5439, Redshift's. */
  readonly port?: number;
  /** How clients authenticate. Default trust (loopback clients only). */
  readonly auth?: AuthOptions;
  /**
   * A certificate and its private key (PEM): clients that ask for TLS (SSLRequest; `sslmode=require`,
   * Redshift's drivers by default) get it. Without one, SSLRequest is declined and clients go on in
   * the clear or give up, as their sslmode says.
   */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  /** Stop accepting, end every connection and session, and close the cluster if the server started it. */
  close(): Promise<void>;
}

class WireServer implements ConnectionHost {
  private readonly connections = new Set<Connection>();
  /** Authenticated connections by backend pid. */
  private readonly byPid = new Map<number, Connection>();
  /** Called whenever a connection goes, while close() waits for the last one. */
  private readonly waiters: (() => void)[] = [];
  private closing: Promise<void> | null = null;

  constructor(
    readonly cluster: Cluster,
    readonly authenticator: Authenticator,
    readonly secureContext: SecureContext | null,
    private readonly ownsCluster: boolean,
    private readonly listener: Server,
  ) {}

  accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    this.connections.add(new Connection(socket, this));
  }

  registered(connection: Connection): void {
    this.byPid.set(connection.pid, connection);
  }

  closed(connection: Connection): void {
    this.connections.delete(connection);
    for (const [pid, c] of this.byPid) if (c === connection) this.byPid.delete(pid);
    this.waiters.splice(0).forEach((w) => w());
  }

  cancel(pid: number, secret: number): void {
    const target = this.byPid.get(pid);
    // A wrong secret is ignored silently, as PostgreSQL does: the requester learns nothing.
    if (target && target.secret === secret) target.session?.cancel();
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.listener.close(() => resolve()));
    const shutdown = new SqlError('57P01', 'terminating connection due to administrator command', { severity: 'FATAL' });
    for (const c of this.connections) {
      c.session?.cancel();
      c.terminate(shutdown);
    }
    while (this.connections.size > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
    await stopped;
    if (this.ownsCluster) await this.cluster.close();
  }
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const authenticator = new Authenticator(options.auth ?? { method: 'trust' });
  const host = options.host ?? '127.0.0.1';
  // A certificate that does not match its key, or is not PEM, fails here rather than at a client's handshake.
  const secureContext = options.tls ? createSecureContext({ cert: options.tls.cert, key: options.tls.key }) : null;
  const cluster = options.cluster ?? (await Cluster.start(options.clusterOptions));
  const listener = createServer({ noDelay: true });
  const server = new WireServer(cluster, authenticator, secureContext, options.cluster === undefined, listener);
  listener.on('connection', (socket) => server.accept(socket));
  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port ?? 5439, host, () => {
        listener.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    if (options.cluster === undefined) await cluster.close();
    throw err;
  }
  const address = listener.address();
  const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? 5439);
  return { host, port, close: () => server.close() };
}

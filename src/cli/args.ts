/**
 * Command-line options of `slicewise`, psql's where psql has them (-c, -f, -h, -p, -U, -d).
 * Without --host/--port the REPL starts an embedded cluster; with either it connects to a server.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const USAGE = `usage: slicewise [OPTION]...            psql-like REPL on an embedded cluster (default 2 nodes x 2 slices)
       slicewise --host HOST [--port PORT] [OPTION]...   ... connected to a Slicewise server
       slicewise serve [--host H] [--port P] ...         run a PostgreSQL-protocol server

  -c, --command SQL        run SQL (or one \\ meta-command) and exit; repeatable
  -f, --file FILE          run the statements in FILE and exit; repeatable, in order with -c
  --nodes N                compute nodes of the embedded cluster (default 2)
  --slices-per-node N      slices per node (default 2)
  --s3-root DIR            directory behind s3:// (default: the sample bucket in fixtures/s3)
  --s3-throughput MBPS[:LATENCY_MS]
                           simulate S3 read throughput per stream (and latency per request)
  -h, --host HOST          connect to a server instead (default port 5439)
  -p, --port PORT          server port
  -U, --username USER      user name (default awsuser; for a server $PGUSER first)
  -d, --dbname NAME        database name (default dev; for a server $PGDATABASE first)
  --password PASSWORD      password for the server (default $PGPASSWORD)
  -?, --help               show this help and exit`;

export class UsageError extends Error {}

export type Action = { readonly kind: 'command'; readonly text: string } | { readonly kind: 'file'; readonly path: string };

export interface EmbeddedTarget {
  readonly kind: 'embedded';
  readonly nodes: number;
  readonly slicesPerNode: number;
  readonly s3Root: string | undefined;
  readonly s3Throughput: { readonly mbPerSecond: number; readonly latencyMs: number } | undefined;
}

export interface RemoteTarget {
  readonly kind: 'remote';
  readonly host: string;
  readonly port: number;
  readonly password: string | undefined;
}

export interface Options {
  readonly target: EmbeddedTarget | RemoteTarget;
  readonly user: string;
  readonly database: string;
  /** -c and -f in the order given; empty for the REPL (or piped input). */
  readonly actions: readonly Action[];
}

/** The sample bucket shipped with the package (dist/cli/args.js -> fixtures/s3). */
export function defaultS3Root(): string | undefined {
  const root = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));
  return existsSync(root) ? root : undefined;
}

function positiveInteger(flag: string, text: string | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || n < 1 || n > max) throw new UsageError(`${flag} needs a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`);
  return n;
}

function throughput(flag: string, text: string | undefined): EmbeddedTarget['s3Throughput'] {
  const m = /^(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(text ?? '');
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag} needs MB/s per stream, optionally :latency in ms (e.g. 25:10)`);
  return { mbPerSecond: Number(m[1]), latencyMs: Number(m[2] ?? 0) };
}

const EMBEDDED_FLAGS = ['--nodes', '--slices-per-node', '--s3-root', '--s3-throughput'];

export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): Options | 'help' {
  const embedded = { nodes: 2, slicesPerNode: 2, s3Root: defaultS3Root(), s3Throughput: undefined as EmbeddedTarget['s3Throughput'] };
  let host: string | undefined;
  let port: number | undefined;
  let password = env.PGPASSWORD;
  let user: string | undefined;
  let database: string | undefined;
  const actions: Action[] = [];
  const embeddedFlagsSeen: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // Long flags also take `--flag=value`.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inlineValue = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (what: string): string => {
      const v = inlineValue ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs ${what}`);
      return v;
    };
    if (EMBEDDED_FLAGS.includes(flag)) embeddedFlagsSeen.push(flag);
    switch (flag) {
      case '--nodes':
        embedded.nodes = positiveInteger(flag, value('a number'), 128);
        break;
      case '--slices-per-node':
        embedded.slicesPerNode = positiveInteger(flag, value('a number'), 128);
        break;
      case '--s3-root':
        embedded.s3Root = value('a directory');
        break;
      case '--s3-throughput':
        embedded.s3Throughput = throughput(flag, value('a throughput'));
        break;
      case '-c':
      case '--command':
        actions.push({ kind: 'command', text: value('an SQL text') });
        break;
      case '-f':
      case '--file':
        actions.push({ kind: 'file', path: value('a file name') });
        break;
      case '-h':
      case '--host':
        host = value('a host name');
        break;
      case '-p':
      case '--port':
        port = positiveInteger(flag, value('a port number'), 65535);
        break;
      case '-U':
      case '--username':
      case '--user':
        user = value('a user name');
        break;
      case '-d':
      case '--dbname':
      case '--database':
        database = value('a database name');
        break;
      case '--password':
        password = value('a password');
        break;
      case '-?':
      case '--help':
        return 'help';
      default:
        throw new UsageError(`unknown argument: ${arg}`);
    }
  }
  if (host === undefined && port === undefined) {
    return { target: { kind: 'embedded', ...embedded }, user: user ?? 'awsuser', database: database ?? 'dev', actions };
  }
  if (embeddedFlagsSeen.length > 0) throw new UsageError(`${embeddedFlagsSeen[0]} applies to the embedded cluster, not to a server connection`);
  // Like psql, a server connection takes its defaults from the PG* environment variables.
  return {
    target: { kind: 'remote', host: host ?? '127.0.0.1', port: port ?? 5439, password },
    user: user ?? env.PGUSER ?? 'awsuser',
    database: database ?? env.PGDATABASE ?? 'dev',
    actions,
  };
}

/**
 * `slicewise serve`: a cluster behind the PostgreSQL wire protocol, for psql, JDBC/ODBC tools,
 * psycopg2 and node-postgres.
 *
 *   slicewise serve [--host 127.0.0.1] [--port 5439] [--nodes N] [--slices-per-node S] [--s3-root DIR]
 *                   [--auth trust|password|md5|scram-sha-256] [--user NAME:PASSWORD]... [--trust-remote]
 *                   [--tls-cert FILE --tls-key FILE]
 *
 * Users may also come from the environment: SLICEWISE_USERS="alice:secret,bob:pw" and
 * SLICEWISE_PASSWORD (the password of awsuser, the cluster's admin user); SLICEWISE_AUTH names
 * the method. With users and no method the server asks for SCRAM-SHA-256; with neither it trusts
 * loopback clients only. Runs until SIGINT or SIGTERM, then shuts down cleanly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startServer, AUTH_METHODS, type AuthMethod, type AuthOptions } from '../server/index.js';

const USAGE = `usage: slicewise serve [--host ADDR] [--port N] [--nodes N] [--slices-per-node N] [--s3-root DIR]
                       [--auth ${AUTH_METHODS.join('|')}] [--user NAME:PASSWORD]... [--trust-remote]
                       [--tls-cert FILE --tls-key FILE]`;

/** The cluster's admin user, whose password SLICEWISE_PASSWORD sets. */
const ADMIN_USER = 'awsuser';

interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly nodes: number;
  readonly slicesPerNode: number;
  readonly s3Root: string | undefined;
  readonly auth: AuthOptions;
  /** PEM certificate and key for clients that ask for TLS. */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
}

class UsageError extends Error {}

/** The sample bucket shipped with the package (dist/cli/serve.js -> fixtures/s3), as the REPL uses. */
function defaultS3Root(): string | undefined {
  const root = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));
  return existsSync(root) ? root : undefined;
}

function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} needs an integer from ${min} to ${max}`);
  return n;
}

/** "name:password" pairs; a password may contain ':' (only the first one splits). */
function userPasswords(pairs: readonly string[], source: string): [string, string][] {
  return pairs.map((pair) => {
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new UsageError(`${source}: expected NAME:PASSWORD, got "${pair}"`);
    return [pair.slice(0, colon), pair.slice(colon + 1)];
  });
}

function authMethod(text: string | undefined): AuthMethod | undefined {
  if (text === undefined || text === '') return undefined;
  const method = AUTH_METHODS.find((m) => m === text.toLowerCase());
  if (!method) throw new UsageError(`--auth must be one of ${AUTH_METHODS.join(', ')}`);
  return method;
}

function options(argv: readonly string[], env: NodeJS.ProcessEnv): ServeOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      nodes: { type: 'string' },
      'slices-per-node': { type: 'string' },
      's3-root': { type: 'string' },
      auth: { type: 'string' },
      user: { type: 'string', multiple: true },
      'trust-remote': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const users = new Map<string, string>([
    ...(env.SLICEWISE_PASSWORD ? [[ADMIN_USER, env.SLICEWISE_PASSWORD] as [string, string]] : []),
    ...userPasswords((env.SLICEWISE_USERS ?? '').split(',').filter((p) => p !== ''), 'SLICEWISE_USERS'),
    ...userPasswords(values.user ?? [], '--user'),
  ]);
  const method = authMethod(values.auth) ?? authMethod(env.SLICEWISE_AUTH) ?? (users.size > 0 ? 'scram-sha-256' : 'trust');
  if (method !== 'trust' && users.size === 0) throw new UsageError(`--auth ${method} needs users: --user NAME:PASSWORD, SLICEWISE_USERS or SLICEWISE_PASSWORD`);
  return {
    host: values.host ?? '127.0.0.1',
    port: integer('--port', values.port, 5439, 0, 65535),
    nodes: integer('--nodes', values.nodes, 2, 1, 128),
    slicesPerNode: integer('--slices-per-node', values['slices-per-node'], 2, 1, 128),
    s3Root: values['s3-root'] ?? defaultS3Root(),
    auth: { method, users: Object.fromEntries(users), trustRemote: values['trust-remote'] ?? false },
    tls: tlsFiles(values['tls-cert'], values['tls-key']),
  };
}

function tlsFiles(certFile: string | undefined, keyFile: string | undefined): ServeOptions['tls'] {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined) throw new UsageError('--tls-cert and --tls-key go together');
  const read = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new UsageError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
    }
  };
  return { cert: read('--tls-cert', certFile), key: read('--tls-key', keyFile) };
}

/** Run the server until SIGINT/SIGTERM. `argv` are the arguments after `serve`. */
export async function serveMain(argv: readonly string[]): Promise<void> {
  let opts: ServeOptions | 'help';
  try {
    opts = options(argv, process.env);
  } catch (err) {
    // parseArgs throws TypeErrors for unknown or malformed flags.
    if (!(err instanceof UsageError || err instanceof TypeError)) throw err;
    process.stderr.write(`slicewise serve: ${err.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (opts === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let server;
  try {
    server = await startServer({
      host: opts.host,
      port: opts.port,
      auth: opts.auth,
      tls: opts.tls,
      clusterOptions: { nodes: opts.nodes, slicesPerNode: opts.slicesPerNode, s3Root: opts.s3Root },
    });
  } catch (err) {
    process.stderr.write(`slicewise serve: cannot start on ${opts.host}:${opts.port}: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(
    `Slicewise (${opts.nodes} nodes x ${opts.slicesPerNode} slices) listening on ${server.host}:${server.port}, auth ${opts.auth.method}${opts.tls ? ', TLS on request' : ''}\n` +
      `  psql -h ${server.host} -p ${server.port} -U ${ADMIN_USER} -d dev\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write('Slicewise: shutting down\n');
  await server.close();
}

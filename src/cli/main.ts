#!/usr/bin/env node
/**
 * `slicewise`: a psql-like REPL over an embedded cluster (default 2 nodes x 2 slices) or, with
 * --host/--port, over a Slicewise server; `slicewise serve ...` runs that server. See args.ts for
 * the options and help.ts for the meta-commands.
 *
 * COPY reads `s3://bucket/key` from `<s3-root>/bucket/key`; the default root is the sample bucket
 * shipped in fixtures/s3 (bucket `slicewise-sample`), so the Getting Started COPY statements run
 * as written, and `\tickit` loads them all.
 */
import { parseArgs, USAGE, UsageError, type Options } from './args.js';
import type { Connection } from './connection/connection.js';
import { EmbeddedConnection } from './connection/embedded.js';
import { RemoteConnection } from './connection/remote.js';
import { historyPath } from './history.js';
import { runFile, runText } from './meta.js';
import { runInteractive, runPiped } from './repl.js';
import { serveMain } from './serve.js';
import { Shell } from './shell.js';

async function open(options: Options): Promise<Connection> {
  const { target, user, database } = options;
  if (target.kind === 'remote') return RemoteConnection.connect({ host: target.host, port: target.port, user, database, password: target.password });
  return EmbeddedConnection.start({ nodes: target.nodes, slicesPerNode: target.slicesPerNode, s3Root: target.s3Root, s3Throughput: target.s3Throughput, user, database });
}

function welcome(connection: Connection, options: Options): string {
  const lines = [`slicewise: ${connection.description}, database "${connection.database}" as "${connection.user}".`];
  if (options.target.kind === 'embedded') {
    const store = options.target.s3Root === undefined ? 'no s3:// store (start with --s3-root DIR for COPY)' : `s3:// is ${options.target.s3Root}`;
    lines.push(`${store}; \\tickit creates and loads the Getting Started sample tables.`);
  }
  lines.push('Type \\? for help, \\q to quit.');
  return lines.join('\n');
}

/** psql's words for a connection that could not be made. */
function connectionFailure(options: Options, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (options.target.kind === 'embedded') return `slicewise: ${message}`;
  return `slicewise: connection to server at "${options.target.host}", port ${options.target.port} failed: ${message}`;
}

async function runActions(shell: Shell, options: Options): Promise<number> {
  for (const action of options.actions) {
    if (action.kind === 'file') {
      if ((await runFile(shell, action.path)) === 'quit') break;
    } else if ((await runText(shell, action.text, undefined)) === 'quit') break;
  }
  // psql: -c reports the failure of its last statement in the exit status; scripts do not.
  const last = options.actions[options.actions.length - 1];
  return last?.kind === 'command' && shell.lastFailed ? 1 : 0;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`slicewise: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let connection: Connection;
  try {
    connection = await open(options);
  } catch (error) {
    process.stderr.write(`${connectionFailure(options, error)}\n`);
    return 2;
  }
  const interactive = options.actions.length === 0 && process.stdin.isTTY === true;
  const shell = new Shell(connection, { stdout: process.stdout, stderr: process.stderr, interactive });
  try {
    if (options.actions.length > 0) return await runActions(shell, options);
    if (interactive) await runInteractive(shell, { historyFile: historyPath(process.env), welcome: welcome(connection, options) });
    else await runPiped(shell);
    return 0;
  } finally {
    await shell.close();
    await connection.close();
  }
}

const argv = process.argv.slice(2);
// `slicewise serve ...` belongs to the server (serve.ts), which sets its own exit status.
if (argv[0] === 'serve') await serveMain(argv.slice(1));
else process.exitCode = await main(argv);

#!/usr/bin/env node
/**
 * `slicewise`: a minimal psql-like REPL over an embedded cluster.
 *
 *   slicewise [--nodes N] [--slices-per-node N] [--s3-root DIR] [--s3-throughput MBPS[:LATENCY_MS]] [-c SQL]...
 *
 * COPY reads `s3://bucket/key` from `<s3-root>/bucket/key`; the default root is the sample bucket
 * shipped in fixtures/s3 (bucket `slicewise-sample`), so the Getting Started COPY statements run.
 *
 * Statements end with `;` and may span lines (prompt `dev=# `, then `dev-# ` while a statement is
 * open). `-c` runs its SQL and exits. Without a terminal on stdin there are no prompts, so
 * `echo 'select 1;' | slicewise` prints just the result. `\q` quits.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Cluster, splitStatements, type Session } from '../index.js';
import { formatError, formatNotice, formatResult } from './format.js';

interface Options {
  readonly nodes: number;
  readonly slicesPerNode: number;
  readonly s3Root: string | undefined;
  readonly s3Throughput: { mbPerSecond: number; latencyMs: number } | undefined;
  readonly commands: readonly string[];
}

const USAGE = 'usage: slicewise [--nodes N] [--slices-per-node N] [--s3-root DIR] [--s3-throughput MBPS[:LATENCY_MS]] [-c SQL]...';

/** The sample bucket shipped with the package (dist/cli/main.js -> fixtures/s3). */
function defaultS3Root(): string | undefined {
  const root = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));
  return existsSync(root) ? root : undefined;
}

function throughput(flag: string, text: string | undefined): { mbPerSecond: number; latencyMs: number } {
  const m = /^(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(text ?? '');
  if (!m || Number(m[1]) <= 0) throw new UsageError(`${flag} needs MB/s per stream, optionally :latency in ms (e.g. 25:10)`);
  return { mbPerSecond: Number(m[1]), latencyMs: Number(m[2] ?? 0) };
}

class UsageError extends Error {}

function positiveInteger(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 1) throw new UsageError(`${flag} needs a positive integer`);
  return n;
}

function parseArgs(argv: readonly string[]): Options | 'help' {
  let nodes = 2;
  let slicesPerNode = 2;
  let s3Root = defaultS3Root();
  let s3Throughput: Options['s3Throughput'];
  const commands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    // Long flags also take `--flag=value`.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const inlineValue = eq === -1 ? undefined : arg.slice(eq + 1);
    const value = (): string | undefined => inlineValue ?? argv[++i];
    switch (flag) {
      case '--nodes':
        nodes = positiveInteger(flag, value());
        break;
      case '--slices-per-node':
        slicesPerNode = positiveInteger(flag, value());
        break;
      case '--s3-root': {
        const dir = value();
        if (dir === undefined) throw new UsageError(`${flag} needs a directory`);
        s3Root = dir;
        break;
      }
      case '--s3-throughput':
        s3Throughput = throughput(flag, value());
        break;
      case '-c':
      case '--command': {
        const sql = value();
        if (sql === undefined) throw new UsageError(`${flag} needs an SQL text`);
        commands.push(sql);
        break;
      }
      case '-h':
      case '--help':
        return 'help';
      default:
        throw new UsageError(`unknown argument: ${arg}`);
    }
  }
  return { nodes, slicesPerNode, s3Root, s3Throughput, commands };
}

/** Runs statements one at a time and prints what psql would; remembers whether any failed. */
class Runner {
  failed = false;

  constructor(private readonly session: Session) {}

  async run(sql: string): Promise<void> {
    try {
      const result = await this.session.query(sql);
      for (const notice of result.notices) process.stderr.write(formatNotice(notice));
      process.stdout.write(formatResult(result));
    } catch (error) {
      this.failed = true;
      process.stderr.write(formatError(error, sql));
    }
  }

  /** Run every complete statement of `text`; return the unfinished rest. */
  async runComplete(text: string): Promise<string> {
    const { complete, rest } = splitStatements(text);
    for (const statement of complete) await this.run(statement);
    return rest;
  }

  /** Run all of `text`, including an unterminated last statement (as psql does at end of input). */
  async runAll(text: string): Promise<void> {
    const rest = await this.runComplete(text);
    if (holdsStatement(rest)) await this.run(rest);
  }
}

/**
 * Whether an unterminated rest holds more than blanks and comments: terminated on a line of its
 * own (so a trailing `--` comment cannot swallow the `;`), it either splits into a statement or
 * stays open (an unclosed quote, which the engine will report).
 */
function holdsStatement(rest: string): boolean {
  if (rest.trim() === '') return false;
  const { complete, rest: open } = splitStatements(`${rest}\n;`);
  return complete.length > 0 || open.trim() !== '';
}

async function runInteractive(runner: Runner, options: Options): Promise<void> {
  const interactive = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
  let buffer = '';
  const prompt = () => {
    if (!interactive) return;
    rl.setPrompt(buffer.trim() === '' ? 'dev=# ' : 'dev-# ');
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    // Like psql: Ctrl-C abandons the statement being typed.
    buffer = '';
    process.stdout.write('\n');
    prompt();
  });

  if (interactive) {
    const store = options.s3Root === undefined ? 'no S3 root (COPY needs --s3-root)' : `s3:// is ${options.s3Root}`;
    process.stdout.write(`slicewise: embedded cluster, ${options.nodes} nodes x ${options.slicesPerNode} slices; ${store}. Type \\q to quit.\n\n`);
  }
  prompt();
  for await (const line of rl) {
    if (buffer.trim() === '' && line.trim().startsWith('\\')) {
      const command = line.trim().split(/\s+/)[0];
      if (command === '\\q') break;
      process.stderr.write(`invalid command ${command}\n`);
    } else {
      // splitStatements trims the rest it returns, so the line break is put back here.
      buffer = await runner.runComplete(buffer === '' ? line : `${buffer}\n${line}`);
    }
    prompt();
  }
  rl.close();
  await runner.runAll(buffer);
}

async function main(): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`slicewise: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let cluster: Cluster;
  try {
    cluster = await Cluster.start({ nodes: options.nodes, slicesPerNode: options.slicesPerNode, s3Root: options.s3Root, s3Throughput: options.s3Throughput });
  } catch (error) {
    // e.g. more nodes than Redshift allows
    process.stderr.write(`slicewise: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  try {
    const runner = new Runner(cluster.session());
    if (options.commands.length > 0) {
      for (const command of options.commands) await runner.runAll(command);
    } else await runInteractive(runner, options);
    return runner.failed && options.commands.length > 0 ? 1 : 0;
  } finally {
    await cluster.close();
  }
}

process.exitCode = await main();

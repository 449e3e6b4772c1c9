/**
 * Round-trip latency over the wire protocol: node-postgres sends `select 1` (simple query) and a
 * prepared `select $1::integer` (extended query) to `slicewise serve` running in its own process,
 * as users run it, and to a PostgreSQL on this machine when the PG* environment variables reach
 * one (e.g. PGHOST=127.0.0.1 PGUSER=postgres). Sequential queries on one connection; p50/p95/p99
 * of per-query wall time, measured after a warm-up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { formatMs, markdownTable, percentile } from './report.js';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const WARMUP = 1000;
const SAMPLES = 10_000;

interface Target {
  readonly name: string;
  readonly config: pg.ClientConfig;
}

async function startServeProcess(): Promise<{ child: ChildProcess; port: number }> {
  if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (`npm run bench` does)');
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SLICEWISE_PASSWORD: '', SLICEWISE_USERS: '', SLICEWISE_AUTH: '' } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^:]+:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`slicewise serve exited (${code}): ${out}`)));
  });
}

/** Per-query wall times in ms, ascending. */
async function measure(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run();
  const samples = new Array<number>(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await run();
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return samples.sort((a, b) => a - b);
}

async function latencyRows(target: Target): Promise<string[][]> {
  const client = new pg.Client(target.config);
  try {
    await client.connect();
  } catch (err) {
    return [[target.name, `not reachable (${(err as Error).message})`, '', '', '']];
  }
  try {
    const rows: string[][] = [];
    const cases: [string, () => Promise<unknown>][] = [
      ['`select 1` (simple query)', () => client.query('select 1')],
      ['`select $1::integer` (prepared, extended query)', () => client.query({ name: 'one', text: 'select $1::integer', values: [1] })],
    ];
    for (const [label, run] of cases) {
      const s = await measure(run);
      const total = s.reduce((a, b) => a + b, 0);
      rows.push([`${target.name}: ${label}`, formatMs(percentile(s, 50)), formatMs(percentile(s, 95)), formatMs(percentile(s, 99)), `${Math.round((s.length * 1000) / total)}`]);
    }
    return rows;
  } finally {
    await client.end();
  }
}

export async function benchServerLatency(): Promise<string> {
  const { child, port } = await startServeProcess();
  try {
    const targets: Target[] = [{ name: '**Slicewise** (`slicewise serve`, 2 x 2)', config: { host: '127.0.0.1', port, user: 'awsuser', database: 'dev' } }];
    // A PostgreSQL reachable through the PG* environment (pg reads PGHOST, PGPORT, PGUSER, ...).
    if (process.env.PGHOST) targets.push({ name: `PostgreSQL (${process.env.PGHOST}:${process.env.PGPORT ?? 5432})`, config: { connectionTimeoutMillis: 2000 } });
    const rows: string[][] = [];
    for (const t of targets) rows.push(...(await latencyRows(t)));
    return [
      `### Wire-protocol round trip (node-postgres, one connection, ${SAMPLES} sequential queries after ${WARMUP} warm-up)`,
      '',
      markdownTable(['server: query', 'p50', 'p95', 'p99', 'queries/s'], rows),
    ].join('\n');
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

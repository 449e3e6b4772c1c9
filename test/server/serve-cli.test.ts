/**
 * `slicewise serve` as a user runs it: the built dist/cli/main.js (`npm test` builds first) on a
 * free port, queried with node-postgres, then stopped with SIGTERM / SIGINT.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { pgError } from './helpers.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const TLS_CERT = fileURLToPath(new URL('./tls/localhost.crt', import.meta.url));
const TLS_KEY = fileURLToPath(new URL('./tls/localhost.key', import.meta.url));

interface Serving {
  readonly child: ChildProcess;
  readonly port: number;
  output(): string;
  exited: Promise<number | null>;
}

async function serve(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Serving> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const m = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
    if (m) return { child, port: Number(m[1]), output: () => out, exited };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('slicewise serve', { timeout: 60_000 }, () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
  });

  test('serves a cluster of the asked shape; SIGTERM ends connections (57P01) and exits 0', async () => {
    const s = await serve(['--nodes', '3', '--slices-per-node', '1']);
    expect(s.output()).toMatch(/\(3 nodes x 1 slices\) listening on 127\.0\.0\.1:\d+, auth trust/);
    const c = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'awsuser', database: 'dev' });
    const errors: Error[] = [];
    c.on('error', (e) => errors.push(e));
    await c.connect();
    expect((await c.query('select count(*) as n from stv_slices')).rows).toEqual([{ n: '3' }]);
    // COPY reads the sample bucket by default; its INFO line arrives as a NoticeResponse.
    const notices: { severity?: string; message?: string }[] = [];
    c.on('notice', (n) => notices.push(n));
    await c.query('create table category (catid smallint, catgroup varchar(10), catname varchar(10), catdesc varchar(50))');
    const copied = await c.query(`copy category from 's3://slicewise-sample/tickit/category_pipe.txt' iam_role default delimiter '|' region 'us-east-1'`);
    expect([copied.command, copied.rowCount]).toEqual(['COPY', 11]);
    expect(notices.map((n) => [n.severity, n.message])).toEqual([['INFO', "Load into table 'category' completed, 11 record(s) loaded successfully."]]);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.output()).toContain('shutting down');
    await new Promise((r) => setTimeout(r, 50));
    expect(errors.map((e) => (e as { code?: string }).code)).toContain('57P01');
  });

  test('SLICEWISE_PASSWORD turns on SCRAM for awsuser', async () => {
    const s = await serve([], { SLICEWISE_PASSWORD: 'hunter2' });
    expect(s.output()).toContain('auth scram-sha-256');
    const bad = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'awsuser', database: 'dev', password: 'nope' });
    expect(await pgError(bad.connect())).toMatchObject({ code: '28P01' });
    const good = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'awsuser', database: 'dev', password: 'hunter2' });
    await good.connect();
    expect((await good.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await good.end();
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });

  test('--tls-cert and --tls-key: clients that ask for TLS get it', async () => {
    const s = await serve(['--tls-cert', TLS_CERT, '--tls-key', TLS_KEY]);
    expect(s.output()).toContain('auth trust, TLS on request');
    const c = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'awsuser', database: 'dev', ssl: { ca: readFileSync(TLS_CERT), servername: 'localhost' } });
    await c.connect();
    expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    await c.end();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  test('bad flags print the usage and exit 2', () => {
    for (const args of [['--bogus'], ['--port', 'x'], ['--auth', 'md5'], ['--auth', 'kerberos'], ['--tls-cert', TLS_CERT], ['--tls-cert', TLS_CERT, '--tls-key', '/nonexistent/key.pem']]) {
      const r = spawnSync(process.execPath, [MAIN, 'serve', ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, SLICEWISE_PASSWORD: '', SLICEWISE_USERS: '' } });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/usage: slicewise serve/);
    }
  });
});

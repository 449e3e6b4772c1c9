/**
 * Many sessions at once: 20 pg clients each running 200 mixed statements on their own table;
 * cancelling a long query (node-postgres's cancel and a raw CancelRequest); clients that vanish
 * mid-statement without disturbing anyone else.
 */
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgError, RawClient, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;

/** A table whose 3-way self join with a non-equi condition runs about 100 s, unless cancelled. */
const LONG_QUERY = 'select count(*) from big a, big b, big c where a.n + b.n < c.n';
/** The same over 320 rows: about 1.5 s. */
const MEDIUM_QUERY = 'select count(*) from mid a, mid b, mid c where a.n + b.n < c.n';

beforeAll(async () => {
  t = await startTestServer();
  for (const [table, doublings] of [
    ['big', 7],
    ['mid', 5],
  ] as const) {
    await t.cluster.query(`create table ${table} (n integer)`);
    await t.cluster.query(`insert into ${table} values (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)`);
    for (let i = 0; i < doublings; i++) await t.cluster.query(`insert into ${table} select n + (select max(n) from ${table}) from ${table}`);
  }
});
afterAll(() => t.close());

/** 200 statements on table w<i>: inserts, reads checked against a model, updates, errors, rolled-back blocks. */
async function workload(c: pg.Client, i: number): Promise<number> {
  const table = `w${i}`;
  let statements = 0;
  const run = (sql: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> => {
    statements++;
    return c.query(sql as string, values);
  };
  await run(`create table ${table} (id integer, v integer) diststyle even`);
  const model = new Map<number, number>();
  // 198 statements in cycles of 8; the last, partial cycle ends after an update.
  for (let k = 0; k < 198; k++) {
    switch (k % 8) {
      case 0:
        await run('begin');
        break;
      case 1:
        await run(`insert into ${table} values ($1, -1)`, [-k]);
        break;
      case 2:
        await run('rollback');
        break;
      case 3:
        await run(`insert into ${table} values ($1, $2)`, [k, k * i]);
        model.set(k, k * i);
        break;
      case 4: {
        const r = await run(`select count(*) as n, sum(v) as s, max(id) as m from ${table}`);
        const sum = [...model.values()].reduce((a, b) => a + b, 0);
        expect(r.rows[0]).toEqual({ n: String(model.size), s: String(sum), m: Math.max(...model.keys()) });
        break;
      }
      case 5: {
        const r = await run(`update ${table} set v = v + $1 where id = $2`, [i + 1, k - 2]);
        expect(r.rowCount).toBe(1);
        model.set(k - 2, model.get(k - 2)! + i + 1);
        break;
      }
      case 6: {
        const r = await run({ name: `get_${table}`, text: `select v from ${table} where id = $1`, values: [k - 3] });
        expect(r.rows).toEqual([{ v: model.get(k - 3) }]);
        break;
      }
      case 7:
        expect(await pgError(run(`select nope from ${table}`))).toMatchObject({ code: '42703' });
        break;
    }
  }
  const final = await run(`select id, v from ${table} order by id`);
  expect(final.rows.map((r) => [r.id, r.v])).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]));
  return statements;
}

describe('concurrent sessions', () => {
  test('20 clients x 200 mixed statements: no errors but the expected ones, consistent results', async () => {
    const clients = await Promise.all(Array.from({ length: 20 }, () => t.client()));
    const counts = await Promise.all(clients.map((c, i) => workload(c, i)));
    expect(counts).toEqual(new Array(20).fill(200));
    // Every table holds exactly its client's committed rows, seen from another session.
    const r = await t.cluster.query(`select count(*) as n from w7 where v < 0`);
    expect(r.rows[0]!.n).toBe(0n);
  }, 120_000);
});

describe('cancel', () => {
  test("node-postgres's cancel stops a long query with 57014; the connection carries on", async () => {
    const c = await t.client();
    const started = Date.now();
    const running = pgError(c.query(LONG_QUERY));
    await new Promise((r) => setTimeout(r, 300));
    const canceller = new pg.Client({ host: '127.0.0.1', port: t.server.port, user: 'awsuser', database: 'dev' });
    (canceller as unknown as { cancel(target: pg.Client, query: unknown): void }).cancel(c, (c as unknown as { activeQuery: unknown }).activeQuery);
    const err = await running;
    expect(err).toMatchObject({ code: '57014' });
    expect(err.message).toMatch(/^Query \(\d+\) cancelled on user's request$/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  }, 30_000);

  test('a raw CancelRequest needs the right secret', async () => {
    const { client, startup } = await RawClient.ready(t.server.port);
    const key = startup.find((m) => m.type === 'K')!.body;
    const [pid, secret] = [key.readInt32BE(0), key.readInt32BE(4)];
    client.send(serialize.query(LONG_QUERY));
    const sendCancel = async (s: number): Promise<void> => {
      const other = await RawClient.open(t.server.port);
      other.send(serialize.cancel(pid, s));
      // The server answers a CancelRequest by closing the connection.
      expect(await other.rest()).toEqual([]);
    };
    await new Promise((r) => setTimeout(r, 200));
    await sendCancel(secret ^ 1);
    await expect(client.until('Z', 400)).rejects.toThrow(/timed out/);
    await sendCancel(secret);
    const ms = await client.until('Z', 20_000);
    expect(ms.map((m) => m.type).join('')).toBe('EZ');
    expect(ms[0]!.body.toString()).toContain('57014');
    client.end();
  }, 30_000);
});

describe('clients that disconnect mid-statement', () => {
  test('an autocommit statement finishes and commits; other clients are served meanwhile', async () => {
    await t.cluster.query('create table d1 (n bigint)');
    const { client } = await RawClient.ready(t.server.port);
    client.send(serialize.query(`insert into d1 ${MEDIUM_QUERY}`));
    await new Promise((r) => setTimeout(r, 100));
    client.end();
    const other = await t.client();
    expect((await other.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    // The statement ran to its end and committed (about 1.5 s).
    const deadline = Date.now() + 20_000;
    while ((await other.query('select count(*) as n from d1')).rows[0].n === '0' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect((await other.query('select n from d1')).rows).toEqual([{ n: '5410240' }]);
  }, 30_000);

  test('inside a transaction block the statement is cancelled and the block rolled back', async () => {
    await t.cluster.query('create table d2 (n integer)');
    const { client } = await RawClient.ready(t.server.port);
    client.send(serialize.query('begin; insert into d2 values (1);'));
    await client.until('Z');
    client.send(serialize.query(LONG_QUERY));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    client.end();
    const other = await t.client();
    expect((await other.query('select count(*) as n from d2')).rows).toEqual([{ n: '0' }]);
    // The cancelled statement frees the compute nodes at once: a query that needs them runs now.
    expect((await other.query('select count(*) as n from big')).rows).toEqual([{ n: '1280' }]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

/**
 * The wire server through node-postgres: simple and parameterized queries, prepared statements,
 * transactions (rolled back, failed in the middle), errors with SQLSTATE and position, notices,
 * and the statements Redshift refuses (COPY FROM STDIN).
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgError, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let c: pg.Client;

beforeAll(async () => {
  t = await startTestServer();
  c = await t.client();
});
afterAll(() => t.close());

describe('queries over the wire', () => {
  test('select 1, version() and the backend pid', async () => {
    const r = await c.query('select 1 as one, version() as v, pg_backend_pid() as pid');
    expect(r.rows[0].one).toBe(1);
    expect(r.rows[0].v).toMatch(/^PostgreSQL 8\.0\.2 .*Redshift/);
    expect(r.rows[0].pid).toBe((c as unknown as { processID: number }).processID);
    expect(r.command).toBe('SELECT');
    expect(r.rowCount).toBe(1);
    expect(r.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
      ['one', 23],
      ['v', expect.any(Number)],
      ['pid', 23],
    ]);
  });

  test('DDL, DML command tags and typed rows', async () => {
    expect((await c.query('create table q1 (id integer distkey, name varchar(20), amount decimal(8,2), day date, at timestamp) sortkey (id)')).command).toBe('CREATE');
    const ins = await c.query(`insert into q1 values (1, 'alpha', 12.5, '2024-02-29', '2024-02-29 10:11:12.5'), (2, null, -0.25, '1999-12-31', '2000-01-01 00:00:00'), (3, 'gamma', null, null, null)`);
    expect([ins.command, ins.rowCount]).toEqual(['INSERT', 3]);
    const upd = await c.query(`update q1 set name = 'beta' where id = 2`);
    expect([upd.command, upd.rowCount]).toEqual(['UPDATE', 1]);
    const r = await c.query('select id, name, amount, day, at from q1 order by id');
    expect(r.rows.map((x) => [x.id, x.name, x.amount])).toEqual([
      [1, 'alpha', '12.50'],
      [2, 'beta', '-0.25'],
      [3, 'gamma', null],
    ]);
    expect((r.rows[0].day as Date).toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(r.fields.map((f) => [f.dataTypeID, f.dataTypeModifier, f.dataTypeSize])).toEqual([
      [23, -1, 4],
      [1043, 24, -1],
      [1700, ((8 << 16) | 2) + 4, -1],
      [1082, -1, 4],
      [1114, -1, 8],
    ]);
    const del = await c.query('delete from q1 where id = 3');
    expect([del.command, del.rowCount]).toEqual(['DELETE', 1]);
  });

  test('parameters: typed by context, NULL, text with quotes and backslashes', async () => {
    const r = await c.query('select $1::integer + 1 as n, $2 as s, $3::varchar is null as isnull, $4::decimal(6,2) * 2 as d', [41, `it's a \\ test`, null, '1.25']);
    expect(r.rows[0]).toEqual({ n: 42, s: `it's a \\ test`, isnull: true, d: '2.50' });
    await c.query('create table q2 (k integer, v varchar(30))');
    for (let i = 1; i <= 3; i++) await c.query('insert into q2 values ($1, $2)', [i, `v${i}`]);
    const sel = await c.query('select v from q2 where k >= $1 order by k', [2]);
    expect(sel.rows.map((x) => x.v)).toEqual(['v2', 'v3']);
  });

  test('named prepared statements are parsed once and reused', async () => {
    const q = { name: 'by_key', text: 'select v from q2 where k = $1' };
    for (const k of [1, 2, 3, 1]) {
      const r = await c.query({ ...q, values: [k] });
      expect(r.rows).toEqual([{ v: `v${k}` }]);
    }
  });

  test('a transaction rolled back leaves nothing behind', async () => {
    await c.query('create table q3 (a integer)');
    await c.query('begin');
    await c.query('insert into q3 values (1), (2)');
    expect((await c.query('select count(*) as n from q3')).rows[0].n).toBe('2');
    await c.query('rollback');
    expect((await c.query('select count(*) as n from q3')).rows[0].n).toBe('0');
  });

  test('an error in the middle of a transaction: later statements fail until ROLLBACK', async () => {
    await c.query('create table q4 (a integer)');
    await c.query('begin');
    await c.query('insert into q4 values (1)');
    const err = await pgError(c.query('select 1 / 0'));
    expect(err).toMatchObject({ code: '22012', severity: 'ERROR' });
    const aborted = await pgError(c.query('select 1'));
    expect(aborted).toMatchObject({ code: '25P02', message: 'current transaction is aborted, commands ignored until end of transaction block' });
    await c.query('rollback');
    expect((await c.query('select count(*) as n from q4')).rows[0].n).toBe('0');
    // COMMIT of a failed block answers ROLLBACK.
    await c.query('begin');
    await pgError(c.query('select * from no_such_table'));
    expect((await c.query('commit')).command).toBe('ROLLBACK');
  });

  test('errors carry SQLSTATE and a 1-based position in the whole query string', async () => {
    const e1 = await pgError(c.query('select * form q1'));
    expect(e1).toMatchObject({ code: '42601', message: 'syntax error at or near "form"', position: '10' });
    // The second statement of a multi-statement query: the position counts from the start of the text.
    const e2 = await pgError(c.query('select 1; select nope from q1'));
    expect(e2).toMatchObject({ code: '42703', position: String('select 1; select '.length + 1) });
    // Characters, not UTF-16 units or bytes.
    const e3 = await pgError(c.query(`select '😀é', nope`));
    expect(e3).toMatchObject({ code: '42703', position: String(`select '😀é', `.length) });
    const e4 = await pgError(c.query('select * from missing_table'));
    expect(e4).toMatchObject({ code: '42P01', position: '15' });
  });

  test('a multi-statement query runs as one transaction: the first error stops it and rolls back what ran', async () => {
    // The same exchanges against PostgreSQL 15 gave the same rows, errors and transaction states.
    await c.query('create table q5 (a integer)');
    await pgError(c.query('insert into q5 values (1); select 1/0; insert into q5 values (2)'));
    expect((await c.query('select a from q5')).rows).toEqual([]);
    // node-postgres returns one result per statement.
    const rs = (await c.query('select 1 as a; insert into q5 values (3); select 2 as b')) as unknown as pg.QueryResult[];
    expect(rs.map((r) => [r.command, r.rows[0]])).toEqual([['SELECT', { a: 1 }], ['INSERT', undefined], ['SELECT', { b: 2 }]]);
    expect((await c.query('select a from q5')).rows).toEqual([{ a: 3 }]);
    // A BEGIN inside leaves the block open for the next message; an error in it fails the block.
    await c.query('insert into q5 values (4); begin; insert into q5 values (5)');
    await c.query('rollback');
    expect((await c.query('select a from q5 order by a')).rows).toEqual([{ a: 3 }]);
    await pgError(c.query('begin; insert into q5 values (6); select nope from q5'));
    expect(await pgError(c.query('select 1'))).toMatchObject({ code: '25P02' });
    expect((await c.query('rollback')).command).toBe('ROLLBACK');
    expect(await pgError(c.query('select 1; vacuum q5'))).toMatchObject({ code: '25001', message: 'VACUUM cannot run inside a transaction block' });
  });

  test('a large result streams out whole (300,000 rows)', async () => {
    await c.query('create table big1 (n integer)');
    await c.query(`insert into big1 values ${Array.from({ length: 600 }, (_, i) => `(${i})`).join(', ')}`);
    const r = await c.query('select a.n * 1000 + b.n as v from big1 a, big1 b where b.n < 500');
    expect(r.rowCount).toBe(300_000);
    expect(r.rows.reduce((s, x) => s + x.v, 0)).toBe(600 * 499 * 500 / 2 + 500 * 599 * 600 * 1000 / 2);
  });

  test('an empty query and a comment-only query', async () => {
    const r = await c.query('');
    expect(r.command).toBe(null);
    const r2 = await c.query('-- nothing here');
    expect(r2.rows).toEqual([]);
  });

  test('notices: warnings from transaction control reach the client as NoticeResponse', async () => {
    const notices: { severity?: string; code?: string; message?: string }[] = [];
    const n = await t.client();
    n.on('notice', (m) => notices.push(m));
    await n.query('commit');
    expect(notices.map((m) => [m.severity, m.code, m.message])).toEqual([['WARNING', '25P01', 'there is no transaction in progress']]);
  });

  test('a notice with a DETAIL: DROP ... CASCADE of two views', async () => {
    const notices: { code?: string; message?: string; detail?: string }[] = [];
    const n = await t.client();
    n.on('notice', (m) => notices.push(m));
    await n.query('create table dep_t (a int)');
    await n.query('create view dep_v1 as select a from dep_t');
    await n.query('create view dep_v2 as select a from dep_v1');
    const refused = await pgError(n.query('drop table dep_t'));
    expect(refused).toMatchObject({ code: '2BP01', detail: 'view dep_v1 depends on table dep_t\nview dep_v2 depends on view dep_v1' });
    await n.query('drop table dep_t cascade');
    expect(notices.map((m) => [m.code, m.message, m.detail])).toEqual([
      ['00000', 'drop cascades to 2 other objects', 'drop cascades to view dep_v1\ndrop cascades to view dep_v2'],
    ]);
  });

  test("COPY FROM STDIN gets Redshift's syntax error", async () => {
    const e = await pgError(c.query('copy q1 from stdin'));
    expect(e).toMatchObject({ code: '42601', message: 'syntax error at or near "stdin"', position: '14' });
    expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });

  test('SHOW and SET', async () => {
    const r = await c.query('show search_path');
    expect(r.rows.length).toBe(1);
    await c.query('set search_path to public');
    expect(Object.values((await c.query('show search_path')).rows[0])[0]).toBe('public');
  });
});

/** The session API that clients build on: cancel, describe, text output, snapshot and restore. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, SqlError, type CopyProgress } from '../../src/index.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query('create table nums (n int) diststyle even');
  await cluster.query('insert into nums values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
  // 10 -> 1000 rows.
  await cluster.query('insert into nums select a.n + 10 * b.n + 100 * c.n from nums a, nums b, nums c where a.n + 10 * b.n + 100 * c.n >= 10');
});

afterAll(async () => {
  await cluster.close();
});

/** A query that would run for minutes: 10^12 joined rows. */
const LONG_QUERY = 'select count(*) from nums a, nums b, nums c, nums d where a.n + b.n + c.n + d.n = -1';

async function rejection(p: Promise<unknown>): Promise<SqlError> {
  try {
    await p;
  } catch (err) {
    return err as SqlError;
  }
  throw new Error('expected the statement to fail');
}

describe('cancel', () => {
  test('cancels the running query with Redshift\'s error; the session and cluster keep working', async () => {
    const session = cluster.session();
    expect(session.cancel()).toBe(false);
    const running = session.query(LONG_QUERY);
    await new Promise((r) => setTimeout(r, 300));
    const started = performance.now();
    expect(session.cancel()).toBe(true);
    const err = await rejection(running);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(err).toBeInstanceOf(SqlError);
    expect(err.code).toBe('57014');
    expect(err.message).toMatch(/^Query \(\d+\) cancelled on user's request$/);
    expect((await session.query('select count(*) as c from nums')).rows).toEqual([{ c: 1000n }]);
    await session.close();
  });

  test('a cancelled statement in a transaction block fails the block; its earlier work rolls back', async () => {
    const session = cluster.session();
    await session.query('create table t_cancel (x int)');
    await session.query('begin');
    await session.query('insert into t_cancel values (1)');
    const running = session.query(LONG_QUERY);
    await new Promise((r) => setTimeout(r, 200));
    session.cancel();
    expect((await rejection(running)).code).toBe('57014');
    expect((await rejection(session.query('select 1'))).code).toBe('25P02');
    await session.query('rollback');
    expect((await session.query('select count(*) as c from t_cancel')).rows).toEqual([{ c: 0n }]);
    await session.query('drop table t_cancel');
    await session.close();
  });

  test('cancelling one session does not touch another session\'s query', async () => {
    const a = cluster.session();
    const b = cluster.session();
    const longA = a.query(LONG_QUERY);
    const quickB = b.query('select sum(n) as s from nums');
    await new Promise((r) => setTimeout(r, 100));
    a.cancel();
    expect((await rejection(longA)).code).toBe('57014');
    expect((await quickB).rows).toEqual([{ s: 499500n }]);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('describe', () => {
  test('a query: its columns with types, modifiers and sizes, and its parameters, without running it', async () => {
    await cluster.query('create table d1 (id int, price decimal(8,2), name varchar(20), day date)');
    const d = await cluster.describe('select id, price, name, day, $2::int + 1 as next from d1 where id = $1');
    expect(d.fields).toEqual([
      { name: 'id', type: 'integer', typeOid: 23, typeModifier: -1, typeSize: 4 },
      { name: 'price', type: 'numeric(8,2)', typeOid: 1700, typeModifier: ((8 << 16) | 2) + 4, typeSize: -1 },
      { name: 'name', type: 'character varying(20)', typeOid: 1043, typeModifier: 24, typeSize: -1 },
      { name: 'day', type: 'date', typeOid: 1082, typeModifier: -1, typeSize: 4 },
      { name: 'next', type: 'integer', typeOid: 23, typeModifier: -1, typeSize: 4 },
    ]);
    expect(d.parameterTypeOids).toEqual([25, 25]);
    // Nothing ran: no query was logged for it.
    const logged = await cluster.query("select count(*) as c from stl_query where querytxt like '%where id = $1%' and querytxt not like '%stl_query%'");
    expect(logged.rows).toEqual([{ c: 0n }]);
    await cluster.query('drop table d1');
  });

  test('statements without rows describe as no columns; EXPLAIN and SHOW as theirs; errors name the position', async () => {
    expect((await cluster.describe('insert into nums values ($1)')).fields).toEqual([]);
    expect((await cluster.describe('explain select * from nums')).fields.map((f) => f.name)).toEqual(['QUERY PLAN']);
    expect((await cluster.describe('show search_path')).fields.map((f) => f.name)).toEqual(['search_path']);
    const err = await rejection(cluster.describe('select nope from nums'));
    expect(err.code).toBe('42703');
    expect(err.position).toBe(7);
  });
});

describe('text output', () => {
  test('every value as PostgreSQL/Redshift text, NULL as null', async () => {
    const r = await cluster.query(
      "select 1::smallint, 2::bigint, 1.50::decimal(5,2), 0.1::float8, 1.5::real, true, 'a'::char(3), 'b'::varchar, '2024-02-29'::date, '2024-02-29 13:04:05.5'::timestamp, null::int",
    );
    expect(r.toTextArrays()).toEqual([['1', '2', '1.50', '0.1', '1.5', 't', 'a  ', 'b', '2024-02-29', '2024-02-29 13:04:05.5', null]]);
  });
});

describe('snapshot and restore', () => {
  test('restore puts back tables, rows, views and placement counters; a snapshot restores any number of times', async () => {
    await cluster.query('create table snap_t (id int identity(1,1), v varchar(10)) diststyle even');
    await cluster.query("insert into snap_t (v) values ('a'), ('b')");
    const snapshot = cluster.snapshot();
    for (let round = 0; round < 2; round++) {
      await cluster.query("insert into snap_t (v) values ('c')");
      await cluster.query('create table snap_other (x int)');
      await cluster.query('create view snap_v as select 1 as one');
      await cluster.query('drop table nums');
      cluster.restore(snapshot);
      expect((await cluster.query('select id, v from snap_t order by id')).rows).toEqual([
        { id: 1, v: 'a' },
        { id: 2, v: 'b' },
      ]);
      expect((await cluster.query("select count(*) as c from pg_class where relname in ('snap_other', 'snap_v')")).rows).toEqual([{ c: 0n }]);
      expect((await cluster.query('select count(*) as c from nums')).rows).toEqual([{ c: 1000n }]);
      // The IDENTITY counter is back too: the next row gets 3 again.
      await cluster.query("insert into snap_t (v) values ('d')");
      expect((await cluster.query("select id from snap_t where v = 'd'")).rows).toEqual([{ id: 3 }]);
      cluster.restore(snapshot);
    }
    await cluster.query('drop table snap_t');
  });

  test('restore is refused while a session has a transaction open', async () => {
    const snapshot = cluster.snapshot();
    const s = cluster.session();
    await s.query('begin');
    expect(() => cluster.restore(snapshot)).toThrow(/transaction open/);
    await s.query('rollback');
    cluster.restore(snapshot);
    await s.close();
  });
});

describe('cancel a COPY', () => {
  test('the reading slices stop at their next chunk; the COPY fails with 57014 and loads nothing', async () => {
    const { tempBucket } = await import('../copy/helpers.js');
    // 8 MB (ASCII) in 1 MB read chunks from a simulated store at 4 MB/s: about 2 s of reading.
    const line = `|${'x'.repeat(95)}\n`;
    const content = Array.from({ length: 80_000 }, (_, i) => `${String(i).padStart(5, '0')}${line}`).join('');
    const bucket = tempBucket({ 'big.txt': content });
    const slow = await Cluster.start({ s3Root: bucket.root, s3Throughput: { mbPerSecond: 4 } });
    try {
      const session = slow.session();
      await session.query('create table wide (id int, filler varchar(100))');
      let last: CopyProgress | undefined;
      const load = session.query("copy wide from 's3://test-bucket/big.txt' iam_role default", [], { onCopyProgress: (p) => (last = p) });
      await new Promise((r) => setTimeout(r, 300));
      expect(session.cancel()).toBe(true);
      const err = await rejection(load);
      expect(err.code).toBe('57014');
      expect(err.message).toMatch(/^Query \(\d+\) cancelled on user's request$/);
      // The reading slice stopped after the chunks it already had, not at the end of the file.
      const read = last!.slices.reduce((n, s) => n + s.bytesRead, 0);
      const total = last!.slices.reduce((n, s) => n + s.bytesTotal, 0);
      expect(total).toBe(content.length);
      expect(read).toBeLessThan(total / 2);
      expect((await session.query('select count(*) as n from wide')).rows).toEqual([{ n: 0n }]);
      await session.close();
    } finally {
      await slow.close();
      bucket.remove();
    }
  });
});

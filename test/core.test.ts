import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, SqlError } from '../src/index.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start();
});
afterAll(async () => {
  await cluster.close();
});

describe('the path of a statement', () => {
  it('answers a constant query on the leader without tasks', async () => {
    const r = await cluster.query('select 1 as one, 2 + 3 as five, \'a\' || \'b\' as ab');
    expect(r.command).toBe('SELECT');
    expect(r.rows).toEqual([{ one: 1, five: 5, ab: 'ab' }]);
    expect(r.fields.slice(0, 2).map((f) => f.type)).toEqual(['integer', 'integer']);
    expect(r.tasks).toEqual([]);
  });

  it('creates, loads and queries a table across slices', async () => {
    await cluster.query('create table t (id integer not null distkey, name varchar(10), price decimal(8,2)) sortkey(id)');
    const ins = await cluster.query("insert into t values (1, 'a', 1.50), (2, 'b', 2.25), (3, null, null), (4, 'd', 10)");
    expect(ins.command).toBe('INSERT');
    expect(ins.rowCount).toBe(4);
    const r = await cluster.query('select id, name, price from t order by id');
    expect(r.rows).toEqual([
      { id: 1, name: 'a', price: '1.50' },
      { id: 2, name: 'b', price: '2.25' },
      { id: 3, name: null, price: null },
      { id: 4, name: 'd', price: '10.00' },
    ]);
    expect(r.tasks.length).toBe(4);
    for (const t of r.tasks) expect(t.ranOnNode).toBe(Math.floor(t.slice / 2));
    const agg = await cluster.query('select count(*) as n, sum(price) as s, avg(id) as a, min(name) as mn, max(price) as mx from t');
    expect(agg.rows).toEqual([{ n: 4n, s: '13.75', a: 2n, mn: 'a', mx: '10.00' }]);
  });

  it('joins, groups and orders with Redshift NULL ordering', async () => {
    await cluster.query('create table u (id integer, tid integer, v integer) diststyle even');
    await cluster.query('insert into u values (1, 1, 10), (2, 1, 20), (3, 2, 5), (4, 9, 7), (5, null, 1)');
    const r = await cluster.query('select t.id, count(u.id) as c, sum(u.v) as s from t left join u on t.id = u.tid group by t.id order by s desc, t.id');
    expect(r.rows).toEqual([
      { id: 3, c: 0n, s: null },
      { id: 4, c: 0n, s: null },
      { id: 1, c: 2n, s: 30n },
      { id: 2, c: 1n, s: 5n },
    ]);
  });

  it('reports errors with SQLSTATE and position', async () => {
    const err = await cluster.query('select * form t').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SqlError);
    expect((err as SqlError).code).toBe('42601');
    expect((err as SqlError).message).toBe('syntax error at or near "form"');
    expect((err as SqlError).position).toBe(9);
    await expect(cluster.query('select nosuch from t')).rejects.toMatchObject({ code: '42703' });
    await expect(cluster.query('select 1 from nosuch')).rejects.toMatchObject({ code: '42P01' });
    await expect(cluster.query('select id / 0 from t')).rejects.toMatchObject({ code: '22012' });
  });

  it('skips a DROP ... IF EXISTS of a missing object with PostgreSQL\'s notice (SQLSTATE 00000, as PostgreSQL 15 sends it)', async () => {
    const notices = async (sql: string): Promise<string[]> => (await cluster.query(sql)).notices.map((n) => `${n.severity} ${n.code} ${n.message}`);
    expect(await notices('drop table if exists public.nope')).toEqual(['NOTICE 00000 table "nope" does not exist, skipping']);
    expect(await notices('drop view if exists nov')).toEqual(['NOTICE 00000 view "nov" does not exist, skipping']);
    expect(await notices('drop schema if exists nos')).toEqual(['NOTICE 00000 schema "nos" does not exist, skipping']);
    expect(await notices('create schema if not exists public')).toEqual(['NOTICE 42P06 schema "public" already exists, skipping']);
  });

  it('says so when it accepts what it does not emulate (ALTER TABLE ... OWNER TO, ANALYZE)', async () => {
    const notices = async (sql: string): Promise<string[]> => (await cluster.query(sql)).notices.map((n) => n.message);
    expect(await notices('alter table t owner to bob')).toEqual(['ALTER TABLE ... OWNER TO is accepted but not emulated: Slicewise keeps no table owners ("bob" is not recorded)']);
    expect(await notices('analyze t')).toEqual(['ANALYZE is accepted but not emulated: Slicewise plans from live row counts']);
  });

  it('keeps temp tables to their session and drops them when it closes', async () => {
    const s1 = cluster.session();
    const s2 = cluster.session();
    await s1.query('create temp table scratch (a int)');
    await s1.query('create table #hash_temp (b int)');
    await s1.query('insert into scratch values (1), (2)');
    expect((await s1.query('select count(*) as n from scratch')).rows).toEqual([{ n: 2n }]);
    await expect(s2.query('select * from scratch')).rejects.toMatchObject({ code: '42P01' });
    // STV_TBL_PERM shows every table (as to a superuser): one row per slice.
    const tempRows = "select count(*) as n from stv_tbl_perm where trim(name) in ('scratch', '#hash_temp')";
    expect((await s2.query(tempRows)).rows).toEqual([{ n: 8n }]);
    await s1.close();
    expect((await s2.query(tempRows)).rows).toEqual([{ n: 0n }]);
    await s2.close();
  });
});

/** COMMENT ON: recorded in the catalog, read back through pg_description and the description functions; transactional. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { errorOf } from '../helpers/results.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query('create table t (id integer, name varchar(10))');
  await cluster.query('create view v as select id from t');
  await cluster.query('create schema s');
});
afterAll(async () => {
  await cluster.close();
});


describe('COMMENT ON', () => {
  it('records comments on tables, columns, views and schemas', async () => {
    const r = await cluster.query("comment on table t is 'the table'");
    expect(r.command).toBe('COMMENT');
    expect(r.notices).toEqual([]);
    await cluster.query("comment on column t.name is 'a name'");
    await cluster.query("comment on view v is 'the view'");
    await cluster.query("comment on schema s is 'a schema'");
    const d = await cluster.query(
      "select c.relname, d.objsubid, d.classoid, d.description from pg_description d join pg_class c on c.oid = d.objoid where c.relname in ('t', 'v') order by 1, 2",
    );
    expect(d.toArrays()).toEqual([
      ['t', 0, 1259, 'the table'],
      ['t', 2, 1259, 'a name'],
      ['v', 0, 1259, 'the view'],
    ]);
    const f = await cluster.query(
      "select obj_description(c.oid, 'pg_class') as tbl, col_description(c.oid, 2) as col, col_description(c.oid, 1) as none from pg_class c where relname = 't'",
    );
    expect(f.rows).toEqual([{ tbl: 'the table', col: 'a name', none: null }]);
    const s = await cluster.query("select obj_description(oid, 'pg_namespace') as d from pg_namespace where nspname = 's'");
    expect(s.rows).toEqual([{ d: 'a schema' }]);
    const svv = await cluster.query("select remarks from svv_columns where table_name = 't' order by ordinal_position");
    expect(svv.toArrays()).toEqual([[null], ['a name']]);
  });

  it('removes a comment with IS NULL or an empty string', async () => {
    await cluster.query("comment on table t is 'x'");
    await cluster.query('comment on table t is null');
    await cluster.query("comment on column t.name is ''");
    const d = await cluster.query("select count(*) as n from pg_description d join pg_class c on c.oid = d.objoid where c.relname = 't'");
    expect(d.rows).toEqual([{ n: 0n }]);
  });

  it('is transactional', async () => {
    const s = cluster.session();
    await s.query('begin');
    await s.query("comment on table t is 'uncommitted'");
    expect((await s.query("select obj_description(oid) as d from pg_class where relname = 't'")).rows).toEqual([{ d: 'uncommitted' }]);
    expect((await cluster.query("select obj_description(oid) as d from pg_class where relname = 't'")).rows).toEqual([{ d: null }]);
    await s.query('rollback');
    expect((await s.query("select obj_description(oid) as d from pg_class where relname = 't'")).rows).toEqual([{ d: null }]);
    await s.close();
  });

  it('rejects unknown objects and the wrong kind of object', async () => {
    const missing = await errorOf(cluster.query("comment on table nosuch is 'x'"));
    expect(missing.code).toBe('42P01');
    expect(missing.position).toBe(17);
    expect((await errorOf(cluster.query("comment on column t.nosuch is 'x'"))).code).toBe('42703');
    expect((await errorOf(cluster.query("comment on table v is 'x'"))).code).toBe('42809');
    expect((await errorOf(cluster.query("comment on schema nosuch is 'x'"))).code).toBe('3F000');
  });
});

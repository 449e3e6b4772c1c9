/**
 * Views depend on what they read (commands/dependencies.ts): DROP refuses, CASCADE drops the views too,
 * a renamed table keeps its views, late-binding views depend on nothing — with PostgreSQL 15's
 * messages, checked side by side.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { errorOf, expectSqlError, values } from '../helpers/results.js';

describe('views and what they read', () => {
  let cluster: Cluster;
  const relations = async (): Promise<unknown[][]> => values(await cluster.query("select relname from pg_class where relname like 'd%' order by 1"));
  const notices = async (sql: string): Promise<unknown[]> => (await cluster.query(sql)).notices.map((n) => [n.code, n.message, n.detail]);

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 1, slicesPerNode: 1 });
  });
  afterAll(async () => {
    await cluster?.close();
  });
  beforeEach(async () => {
    // Start each test from the table and the two views on it; CASCADE takes the views of the last one.
    for (const [name] of values(await cluster.query("select relname from pg_class where relname like 'd%' and relkind = 'r'"))) {
      await cluster.query(`drop table ${String(name)} cascade`);
    }
    await cluster.query('drop view if exists dlv, dcv');
    await cluster.query('create table dt (a int)');
    await cluster.query('create view dv1 as select a from dt');
    await cluster.query('create view dv2 as select a from dv1');
  });

  it('DROP of a table or view a view reads fails with 2BP01, the chain of dependents in the DETAIL', async () => {
    const e = await errorOf(cluster.query('drop table dt'));
    expect(e).toMatchObject({
      code: '2BP01',
      message: 'cannot drop table dt because other objects depend on it',
      detail: 'view dv1 depends on table dt\nview dv2 depends on view dv1',
      hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
    });
    await expectSqlError(cluster.query('drop view dv1'), { code: '2BP01', message: 'cannot drop view dv1 because other objects depend on it' });
    expect(await relations()).toEqual([['dt'], ['dv1'], ['dv2']]);
    // The last view in the chain has no dependents.
    await cluster.query('drop view dv2');
    expect(await relations()).toEqual([['dt'], ['dv1']]);
  });

  it('CASCADE drops the dependents too and says so: one by name, several in the DETAIL', async () => {
    expect(await notices('drop table dt cascade')).toEqual([['00000', 'drop cascades to 2 other objects', 'drop cascades to view dv1\ndrop cascades to view dv2']]);
    expect(await relations()).toEqual([]);
    await cluster.query('create table dt (a int)');
    await cluster.query('create view dv1 as select a from dt');
    expect(await notices('drop table dt cascade')).toEqual([['00000', 'drop cascades to view dv1', undefined]]);
  });

  it('late-binding views, and CTEs named like a table, depend on nothing', async () => {
    await cluster.query('create table dlate (a int)');
    await cluster.query('create view dlv as select a from public.dlate with no schema binding');
    await cluster.query('create table dcte (a int)');
    await cluster.query('create view dcv as with dcte as (select 1 as a) select a from dcte');
    expect(await notices('drop table dlate, dcte')).toEqual([]);
    await expectSqlError(cluster.query('select * from dlv'), { code: '42P01', message: 'relation "public.dlate" does not exist' });
    expect(values(await cluster.query('select * from dcv'))).toEqual([[1]]);
  });

  it('a renamed table keeps its views: their text names it anew, comments and layout kept; a late-binding view does not follow', async () => {
    await cluster.query("insert into dt values (1), (2)");
    await cluster.query('create view dv3 as select x.a /* from dt */ from public.dt as x join dt y on x.a = y.a');
    await cluster.query('create view dlv as select a from public.dt with no schema binding');
    await cluster.query('alter table dt rename to dt_renamed');
    expect(values(await cluster.query("select pg_get_viewdef('dv3'::regclass)"))).toEqual([['select x.a /* from dt */ from public.dt_renamed as x join dt_renamed y on x.a = y.a']]);
    expect(values(await cluster.query('select a from dv2 order by a'))).toEqual([[1], [2]]);
    expect(values(await cluster.query('select count(*) from dv3'))).toEqual([[2n]]);
    await expectSqlError(cluster.query('select * from dlv'), { code: '42P01', message: 'relation "public.dt" does not exist' });
  });

  it("dbt's table materialization: the view follows the table through the renames and goes with the backup", async () => {
    await cluster.query('create table dm__tmp (a int)');
    await cluster.query('alter table dt rename to dt__backup');
    await cluster.query('alter table dm__tmp rename to dt');
    expect(await notices('drop table if exists dt__backup cascade')).toEqual([['00000', 'drop cascades to 2 other objects', 'drop cascades to view dv1\ndrop cascades to view dv2']]);
    expect(await relations()).toEqual([['dt']]);
  });

  it('ALTER TABLE ... DROP COLUMN refuses a column a view reads (by name, through *, in a join, a subquery or an aggregate), CASCADE drops those views', async () => {
    await cluster.query('alter table dt add column b int');
    await cluster.query('alter table dt add column c int');
    await cluster.query('create table du (a int, d int)');
    await cluster.query('create view dvb as select sum(b) as total from dt');
    await cluster.query('create view dvstar as select * from dt');
    await cluster.query('create view dvjoin as select du.d from dt join du using (a)');
    await cluster.query('create view dvsub as select d from du where d in (select c from dt)');
    await cluster.query('create view dvcount as select count(*) as n from dt');
    // The same statements against PostgreSQL 15 gave these messages.
    const e = await errorOf(cluster.query('alter table dt drop column b'));
    expect(e).toMatchObject({
      code: '2BP01',
      message: 'cannot drop column b of table dt because other objects depend on it',
      detail: 'view dvb depends on column b of table dt\nview dvstar depends on column b of table dt',
      hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
    });
    expect(await errorOf(cluster.query('alter table dt drop column c restrict'))).toMatchObject({
      message: 'cannot drop column c of table dt because other objects depend on it',
      detail: 'view dvstar depends on column c of table dt\nview dvsub depends on column c of table dt',
    });
    const viaView = await errorOf(cluster.query('alter table dt drop column a'));
    expect(viaView.detail).toBe(
      ['view dv1 depends on column a of table dt', 'view dv2 depends on view dv1', 'view dvstar depends on column a of table dt', 'view dvjoin depends on column a of table dt'].join('\n'),
    );
    expect(await notices('alter table dt drop column b cascade')).toEqual([['00000', 'drop cascades to 2 other objects', 'drop cascades to view dvb\ndrop cascades to view dvstar']]);
    expect(values(await cluster.query("select relname from pg_class where relname like 'dv%' order by 1"))).toEqual([['dv1'], ['dv2'], ['dvcount'], ['dvjoin'], ['dvsub']]);
    // A column no view reads goes without a word; count(*) reads none.
    await cluster.query('alter table du add column e int');
    expect(await notices('alter table du drop column e')).toEqual([]);
    expect(await notices('alter table dt drop column c cascade')).toEqual([['00000', 'drop cascades to view dvsub', undefined]]);
    expect(values(await cluster.query('select n from dvcount'))).toEqual([[0n]]);
    await cluster.query('drop view dvcount, dvjoin');
    await cluster.query('drop table du');
  });

  it('views read their tables as they were created: a renamed column keeps its old name there, an added one is not in `*`', async () => {
    await cluster.query('insert into dt values (1), (2)');
    await cluster.query('create view dvs as select * from dt');
    await cluster.query('create view dvw as select a, a + 1 as b from dt where a > 1 group by a order by a');
    await cluster.query('create view dlv as select a from public.dt with no schema binding');
    await cluster.query('alter table dt rename column a to aa');
    await cluster.query('alter table dt add column a varchar(5)');
    await cluster.query("update dt set a = case aa when 1 then 'x1' else 'x2' end");
    // The same statements against PostgreSQL 15 gave these rows.
    expect(values(await cluster.query('select * from dv2 order by 1'))).toEqual([[1], [2]]);
    expect(values(await cluster.query('select * from dvs order by 1'))).toEqual([[1], [2]]);
    expect((await cluster.query('select * from dvs')).fields.map((f) => f.name)).toEqual(['a']);
    expect(values(await cluster.query('select * from dvw'))).toEqual([[2, 3]]);
    // A late-binding view binds by name when it is read: it sees the new column a.
    expect(values(await cluster.query('select * from dlv order by 1'))).toEqual([['x1'], ['x2']]);
    // Renamed again, and a column no view reads dropped: the views go on; the renamed one is still theirs.
    await cluster.query('alter table dt rename column aa to a2');
    await cluster.query('alter table dt drop column a');
    expect(values(await cluster.query('select a from dv1 order by a'))).toEqual([[1], [2]]);
    await cluster.query('alter table dt add column z int');
    await expectSqlError(cluster.query('alter table dt drop column a2'), { code: '2BP01', message: 'cannot drop column a2 of table dt because other objects depend on it' });
    await cluster.query('drop view dvs, dvw, dlv');
  });

  it('DROP SCHEMA ... CASCADE takes the views elsewhere that read its relations', async () => {
    await cluster.query('create schema ds');
    await cluster.query('create table ds.t (a int)');
    await cluster.query('create view dsv as select a from ds.t');
    await expectSqlError(cluster.query('drop schema ds'), { code: '2BP01', message: 'cannot drop schema ds because other objects depend on it' });
    expect(await notices('drop schema ds cascade')).toEqual([['00000', 'drop cascades to view dsv', undefined]]);
    expect(values(await cluster.query("select count(*) from pg_class where relname = 'dsv'"))).toEqual([[0n]]);
  });
});

/**
 * Data changes and DDL around them: INSERT / INSERT SELECT / UPDATE ... FROM / DELETE ... USING /
 * TRUNCATE, IDENTITY and DEFAULT, CTAS / SELECT INTO / LIKE keeping dist and sort keys, ALTER TABLE,
 * views, schemas with search_path, and identifier folding.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { count, expectSqlError, values } from './helpers/results.js';
import { loadTickitTable, readTickitRows, tickitDdl } from './helpers/tickit.js';

const venuesIn = (...states: string[]) => readTickitRows('venue').filter((r) => states.includes(String(r[3]))).length;

describe('DML and DDL', () => {
  let cluster: Cluster;

  /** [diststyle, sortkey1] of a (non-empty) table, from SVV_TABLE_INFO. */
  async function distAndSort(table: string): Promise<unknown[]> {
    const r = await cluster.query(`select diststyle, sortkey1 from svv_table_info where "table" = '${table}'`);
    expect(r.rows, `svv_table_info row for ${table}`).toHaveLength(1);
    return values(r)[0] ?? [];
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query(tickitDdl('venue'));
    await loadTickitTable(cluster, 'venue');
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  test('multi-row INSERT, column lists, DECIMAL rounding on INSERT', async () => {
    await cluster.query('create table items (id integer, name varchar(20), price decimal(8,2))');
    const r = await cluster.query("insert into items values (1, 'a', 1.5), (2, 'b', NULL), (3, 'c', 2.255)");
    expect(r.command).toBe('INSERT');
    expect(r.rowCount).toBe(3);
    await cluster.query("insert into items (name, id) values ('d', 4)");
    expect(values(await cluster.query('select id, name, price from items order by id'))).toEqual([
      [1, 'a', '1.50'],
      [2, 'b', null],
      [3, 'c', '2.26'],
      [4, 'd', null],
    ]);
  });

  test('INSERT ... SELECT', async () => {
    await cluster.query('create table ny_venues (venueid smallint, venuename varchar(100))');
    const r = await cluster.query("insert into ny_venues select venueid, venuename from venue where venuestate = 'NY'");
    expect(r.rowCount).toBe(venuesIn('NY'));
    expect(count(await cluster.query('select count(*) from ny_venues'))).toBe(venuesIn('NY'));
  });

  test('UPDATE, and UPDATE ... FROM another table', async () => {
    await cluster.query(tickitDdl('venue', { name: 'venue_upd' }));
    await cluster.query('insert into venue_upd select * from venue');
    const r = await cluster.query("update venue_upd set venuename = 'Renamed' where venueid = 1");
    expect(r.command).toBe('UPDATE');
    expect(r.rowCount).toBe(1);

    await cluster.query('create table seat_changes (venueid smallint, extra integer)');
    await cluster.query('insert into seat_changes values (1, 10), (2, 20)');
    const u = await cluster.query(
      'update venue_upd set venueseats = venue_upd.venueseats + c.extra from seat_changes c where venue_upd.venueid = c.venueid',
    );
    expect(u.rowCount).toBe(2);
    expect(values(await cluster.query('select venueid, venuename, venueseats from venue_upd where venueid <= 2 order by 1'))).toEqual([
      [1, 'Renamed', 10],
      [2, 'Columbus Crew Stadium', 20],
    ]);
  });

  test('DELETE, DELETE ... USING, TRUNCATE', async () => {
    await cluster.query(tickitDdl('venue', { name: 'venue_del' }));
    await cluster.query('insert into venue_del select * from venue');
    const d = await cluster.query("delete from venue_del where venuestate = 'NV'");
    expect(d.command).toBe('DELETE');
    expect(d.rowCount).toBe(venuesIn('NV'));

    await cluster.query('create table gone_states (st char(2))');
    await cluster.query("insert into gone_states values ('CA'), ('TX')");
    const u = await cluster.query('delete from venue_del using gone_states where venue_del.venuestate = gone_states.st');
    expect(u.rowCount).toBe(venuesIn('CA', 'TX'));
    expect(count(await cluster.query('select count(*) from venue_del'))).toBe(202 - venuesIn('NV', 'CA', 'TX'));

    await cluster.query('truncate venue_del');
    expect(count(await cluster.query('select count(*) from venue_del'))).toBe(0);
    await cluster.query('insert into venue_del select * from venue');
    await cluster.query('truncate table venue_del');
    expect(count(await cluster.query('select count(*) from venue_del'))).toBe(0);
  });

  test('IDENTITY(seed, step) generates distinct values on the step grid', async () => {
    await cluster.query('create table idt (id bigint identity(100, 5), name varchar(10))');
    await cluster.query("insert into idt (name) values ('a'), ('b'), ('c'), ('d'), ('e')");
    await cluster.query("insert into idt (name) values ('f')");
    const ids = values(await cluster.query('select id from idt')).map((row) => Number(row[0]));
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) {
      expect(id).toBeGreaterThanOrEqual(100);
      expect((id - 100) % 5).toBe(0);
    }
  });

  test('DEFAULT values, including the TICKIT date table', async () => {
    await cluster.query("create table defaults (a integer, b integer default 42, c varchar(5) default 'x', d date default '2008-01-01')");
    await cluster.query('insert into defaults (a) values (1)');
    await cluster.query('insert into defaults values (2, default, default, default)');
    await cluster.query('insert into defaults (a, b) values (3, null)');
    expect(values(await cluster.query('select a, b, c, d from defaults order by a'))).toEqual([
      [1, 42, 'x', '2008-01-01'],
      [2, 42, 'x', '2008-01-01'],
      [3, null, 'x', '2008-01-01'],
    ]);

    await cluster.query(tickitDdl('date'));
    await cluster.query("insert into date (dateid, caldate, day, week, month, qtr, year) values (1, '2008-01-01', 'TU', 1, 'JAN', '1', 2008)");
    // holiday boolean default('N') -> false; day character(3) comes back blank-padded.
    expect(values(await cluster.query('select holiday, day, month from date'))).toEqual([[false, 'TU ', 'JAN  ']]);
  });

  test('CTAS, SELECT INTO and CREATE TABLE LIKE keep or set dist and sort keys', async () => {
    await cluster.query('create table venue_ctas as select * from venue');
    expect(await distAndSort('venue_ctas')).toEqual(['KEY(venueid)', 'venueid']);
    expect(count(await cluster.query('select count(*) from venue_ctas'))).toBe(202);

    await cluster.query('create table venue_by_state distkey(venuestate) sortkey(venuecity) as select * from venue');
    expect(await distAndSort('venue_by_state')).toEqual(['KEY(venuestate)', 'venuecity']);

    await cluster.query('create table venue_even_ctas diststyle even as select venueid, venuename from venue');
    expect((await distAndSort('venue_even_ctas'))[0]).toBe('EVEN');

    await cluster.query('select * into venue_into from venue');
    expect(await distAndSort('venue_into')).toEqual(['KEY(venueid)', 'venueid']);
    expect(count(await cluster.query('select count(*) from venue_into'))).toBe(202);

    await cluster.query('create table venue_like (like venue)');
    await cluster.query('insert into venue_like select * from venue');
    expect(await distAndSort('venue_like')).toEqual(['KEY(venueid)', 'venueid']);
    await expectSqlError(cluster.query("insert into venue_like (venuename) values ('x')"), {
      code: '23502',
      message: 'Cannot insert a NULL value into column venueid',
    });
  });

  test('ALTER TABLE ADD / DROP / RENAME COLUMN and RENAME TO', async () => {
    await cluster.query('create table alt (a integer, b varchar(10))');
    await cluster.query("insert into alt values (1, 'x'), (2, 'y')");

    await cluster.query('alter table alt add column c integer default 7');
    expect(values(await cluster.query('select a, b, c from alt order by a'))).toEqual([
      [1, 'x', 7],
      [2, 'y', 7],
    ]);

    await cluster.query('alter table alt drop column b');
    await expectSqlError(cluster.query('select b from alt'), { code: '42703', message: 'column "b" does not exist' });
    expect((await cluster.query('select * from alt')).fields.map((f) => f.name)).toEqual(['a', 'c']);

    await cluster.query('alter table alt rename column c to cc');
    expect(values(await cluster.query('select sum(cc) from alt'))).toEqual([[14n]]);
    await expectSqlError(cluster.query('select c from alt'), { code: '42703', message: 'column "c" does not exist' });

    await cluster.query('alter table alt rename to alt2');
    await expectSqlError(cluster.query('select * from alt'), { code: '42P01', message: 'relation "alt" does not exist' });
    expect(count(await cluster.query('select count(*) from alt2'))).toBe(2);
  });

  test('views see the current data of their tables', async () => {
    await cluster.query('create table vt (a integer)');
    await cluster.query('insert into vt values (1), (-1), (2)');
    await cluster.query('create view v_pos as select a from vt where a > 0');
    expect(count(await cluster.query('select count(*) from v_pos'))).toBe(2);
    await cluster.query('insert into vt values (3)');
    expect(values(await cluster.query('select a from v_pos order by a'))).toEqual([[1], [2], [3]]);
    await cluster.query('drop view v_pos');
    await expectSqlError(cluster.query('select * from v_pos'), { code: '42P01', message: 'relation "v_pos" does not exist' });
  });

  test('schemas and search_path', async () => {
    const s = cluster.session();
    await s.query('create schema s1');
    await s.query('create table s1.t (a integer)');
    await s.query('insert into s1.t values (1)');
    await s.query('create table t (a integer)');
    await s.query('insert into t values (2), (3)');
    expect(count(await s.query('select count(*) from t'))).toBe(2);

    await s.query('set search_path to s1, public');
    expect(count(await s.query('select count(*) from t'))).toBe(1);
    expect(count(await s.query('select count(*) from public.t'))).toBe(2);
    expect(count(await s.query('select count(*) from venue'))).toBe(202);

    await s.query('create table t_new (a integer)');
    expect(count(await s.query('select count(*) from s1.t_new'))).toBe(0);
    // Another session keeps the default search_path ($user, public).
    await expectSqlError(cluster.query('select * from t_new'), { code: '42P01', message: 'relation "t_new" does not exist' });
    await s.close();
  });

  test('identifiers fold to lower case, quoted ones too', async () => {
    const r = await cluster.query(`select "VenueID" from venue where "VENUESTATE" = 'NY'`);
    expect(r.fields.map((f) => f.name)).toEqual(['venueid']);
    expect(r.rows).toHaveLength(venuesIn('NY'));
    expect(count(await cluster.query('select COUNT(*) from VENUE where VenueSeats is null'))).toBe(15);

    await cluster.query('create table "MixedCase" ("ColA" integer)');
    await cluster.query('insert into mixedcase (cola) values (1)');
    expect(values(await cluster.query('select "COLA" from "MIXEDCASE"'))).toEqual([[1]]);
  });
});

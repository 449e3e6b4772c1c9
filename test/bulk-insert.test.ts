/**
 * Bulk inserts (commands/bulk-insert.ts): INSERT ... SELECT, CREATE TABLE AS and SELECT INTO write a
 * query's rows as column vectors, dealt to their slices and built there like COPY's rows — every type
 * arriving as INSERT ... VALUES writes it, into an empty table as its sorted region (a deep copy sorts,
 * dg:performing-a-deep-copy.md), with the assignment rules of INSERT.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { count, expectSqlError, scalar, values } from './helpers/results.js';

const ALL_TYPES =
  '(id int, s smallint, i int, b bigint, d15 decimal(15,2), d38 decimal(38,10), r real, f float8, bo boolean, c char(4), v varchar(30), dt date, ts timestamp, tz timestamptz, tm time)';

const ROWS = [
  "(1, 0, 0, 0, 0, 0, 0, 0, false, '', '', '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 00:00:00+00', '00:00:00')",
  "(2, -32768, -2147483648, -9223372036854775808, -9999999999999.99, -1234567890123456789012345678.0123456789, -1.5, -1e300, true, 'ab', 'naïve €uro 😀', '0001-01-01', '1900-12-31 23:59:59.999999', '1970-01-01 00:00:01+00', '23:59:59.999999')",
  "(3, 32767, 2147483647, 9223372036854775807, 9999999999999.99, 1234567890123456789012345678.0123456789, 3.4e38, 1.7976931348623157e308, true, 'abcd', 'x', '9999-12-31', '2262-04-11 23:47:16', '2038-01-19 03:14:07+00', '12:00:00')",
  '(4, null, null, null, null, null, null, null, null, null, null, null, null, null, null)',
  "(5, -1, -1, -4294967296, -0.01, -0.0000000001, 0.1, -0.0, false, '  x ', '   ', '1969-12-31', '1969-12-31 23:59:59', '1969-12-31 23:59:59+00', '00:00:00.000001')",
];

describe('bulk inserts', () => {
  let cluster: Cluster;
  /** One slice: a scan without ORDER BY returns the rows in storage order. */
  let oneSlice: Cluster;

  const rowsOf = async (c: Cluster, sql: string): Promise<unknown[][]> => values(await c.query(sql));
  const unsorted = async (c: Cluster, table: string): Promise<unknown> => scalar(await c.query(`select unsorted from svv_table_info where "table" = '${table}'`));

  beforeAll(async () => {
    [cluster, oneSlice] = await Promise.all([Cluster.start({ nodes: 2, slicesPerNode: 2 }), Cluster.start({ nodes: 1, slicesPerNode: 1 })]);
    await cluster.query(`create table src ${ALL_TYPES} distkey(b)`);
    await cluster.query(`insert into src values ${ROWS.join(', ')}`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([cluster?.close(), oneSlice?.close()]);
  });

  test('every type, its extremes and NULLs arrive as INSERT ... VALUES wrote them', async () => {
    const expected = await rowsOf(cluster, 'select * from src order by id');
    expect(expected).toHaveLength(ROWS.length);
    await cluster.query('create table via_ctas as select * from src');
    await cluster.query('select * into via_into from src');
    await cluster.query('create table via_insert (like src)');
    await cluster.query('insert into via_insert select * from src');
    // With work on the leader (a merge and a limit), the rows reach the insert as the leader made them.
    await cluster.query('create table via_leader (like src)');
    await cluster.query('insert into via_leader select * from src order by id desc limit 10');
    for (const table of ['via_ctas', 'via_into', 'via_insert', 'via_leader']) {
      expect(await rowsOf(cluster, `select * from ${table} order by id`), table).toEqual(expected);
    }
  });

  test('into an empty table the rows are its sorted region; into one with rows, its unsorted region', async () => {
    await oneSlice.query('create table s (k int, v varchar(10)) sortkey(k)');
    await oneSlice.query("insert into s values (3, 'c'), (1, 'a'), (2, 'b')");
    expect(await unsorted(oneSlice, 's')).toBe('100.00');

    // The deep copy of dg:performing-a-deep-copy.md: CREATE TABLE LIKE, then INSERT INTO ... SELECT.
    await oneSlice.query('create table deep (like s)');
    await oneSlice.query('insert into deep select * from s');
    expect(await unsorted(oneSlice, 'deep')).toBe('0.00');
    expect(await rowsOf(oneSlice, 'select k, v from deep')).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);

    await oneSlice.query('create table ctas sortkey(k) as select * from s order by k desc');
    expect(await unsorted(oneSlice, 'ctas')).toBe('0.00');
    expect(await rowsOf(oneSlice, 'select k from ctas')).toEqual([[1], [2], [3]]);

    await oneSlice.query('insert into deep select k - 10, v from s');
    expect(await unsorted(oneSlice, 'deep')).toBe('50.00');
    // The new rows follow the sorted region (sorted among themselves, as a COPY's are).
    expect(await rowsOf(oneSlice, 'select k from deep')).toEqual([[1], [2], [3], [-9], [-8], [-7]]);
  });

  test('a column list: omitted IDENTITY and DEFAULT columns get theirs, and values are assigned as INSERT assigns them', async () => {
    await cluster.query("create table ids (id bigint identity(1, 1), name varchar(5), n int not null default 7, since date default '2020-01-01')");
    const r = await cluster.query('insert into ids (name) select c from src where id <> 4');
    expect(r.rowCount).toBe(4);
    const rows = await rowsOf(cluster, 'select id, name, n, since from ids order by name');
    // CHAR to VARCHAR drops the trailing blanks.
    expect(rows.map((row) => row.slice(1))).toEqual([
      ['', 7, '2020-01-01'],
      ['  x', 7, '2020-01-01'],
      ['ab', 7, '2020-01-01'],
      ['abcd', 7, '2020-01-01'],
    ]);
    expect(new Set(rows.map((row) => String(row[0]))).size).toBe(4);

    // An untyped literal is assigned as one: '42' into an INTEGER column is 42.
    await cluster.query("insert into ids (name, n) select 'lit', '42'");
    expect(await rowsOf(cluster, "select n from ids where name = 'lit'")).toEqual([[42]]);

    await expectSqlError(cluster.query("insert into ids (name) select 'far too long'"), { code: '22001', message: 'value too long for type character varying(5)' });
    await expectSqlError(cluster.query("insert into ids (name, n) select 'ok', i from src"), { code: '23502', message: 'Cannot insert a NULL value into column n' });
    expect(count(await cluster.query('select count(*) from ids'))).toBe(5);
  });

  test('EVEN continues its round-robin from one bulk insert to the next; ALL puts a copy on each node', async () => {
    await cluster.query('create table spread (x int) diststyle even');
    for (let k = 0; k < 3; k++) await cluster.query('insert into spread select id from src');
    const perSlice = values(await cluster.query("select slice, rows from stv_tbl_perm where name = 'spread' order by slice")).map((row) => Number(row[1]));
    expect(perSlice.reduce((a, b) => a + b, 0)).toBe(15);
    expect(Math.max(...perSlice) - Math.min(...perSlice)).toBeLessThanOrEqual(1);

    await cluster.query('create table everywhere diststyle all as select id from src');
    const copies = values(await cluster.query("select slice, rows from stv_tbl_perm where name = 'everywhere' order by slice"));
    expect(copies.map((row) => row.map(Number))).toEqual([
      [0, 5],
      [1, 0],
      [2, 5],
      [3, 0],
    ]);
    expect(count(await cluster.query('select count(*) from everywhere'))).toBe(5);
  });

  test('CTAS, SELECT INTO and CREATE VIEW refuse a repeated column name and a column list longer than the query, as PostgreSQL 15', async () => {
    await expectSqlError(cluster.query('create table dup as select count(i), count(s) from src'), { code: '42701', message: 'column "count" specified more than once' });
    await expectSqlError(cluster.query('select i, i into dup from src'), { code: '42701', message: 'column "i" specified more than once' });
    await expectSqlError(cluster.query('create table dup (a, b, c) as select i, s from src'), { code: '42601', message: 'too many column names were specified' });
    await expectSqlError(cluster.query('create view dup as select i, i from src'), { code: '42701', message: 'column "i" specified more than once' });
    await expectSqlError(cluster.query('create view dup (a, b) as select i from src'), { code: '42601', message: 'CREATE VIEW specifies more column names than columns' });
    // Naming the columns makes the same query a table; a shorter list renames the first ones.
    await cluster.query('create table dup (a, b) as select count(i), count(s) from src');
    await cluster.query('create table renamed (a) as select i, s from src');
    expect((await cluster.query('select * from renamed where false')).fields.map((f) => f.name)).toEqual(['a', 's']);
  });

  test('a bulk insert rolled back with its transaction leaves the table as it was', async () => {
    await cluster.query('create table kept (like src)');
    const session = cluster.session();
    try {
      await session.query('begin');
      await session.query('insert into kept select * from src');
      expect(count(await session.query('select count(*) from kept'))).toBe(5);
      await session.query('rollback');
    } finally {
      await session.close();
    }
    expect(count(await cluster.query('select count(*) from kept'))).toBe(0);
  });
});

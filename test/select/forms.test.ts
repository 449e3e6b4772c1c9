/** Expression forms and output names: LIKE, EXTRACT, INTERVAL, DECODE, NVL2, GREATEST, leader-only functions. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cluster } from '../../src/index.js';
import { rowsOf, startWithFixtures } from './helpers.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startWithFixtures();
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

describe('expression forms', () => {
  test('LIKE, NOT LIKE, ILIKE', async () => {
    expect(rowsOf(await cluster.query("select b from t where b like 'x%' or b ilike 'Y' order by b"))).toEqual([['x'], ['y']]);
    expect(rowsOf(await cluster.query("select count(*) from t where b not like 'x%'"))).toEqual([[3]]);
  });
  test('EXTRACT and INTERVAL literals', async () => {
    const r = await cluster.query("select extract(year from date '2020-03-04'), date '2020-01-31' + interval '1' month as m, date '1998-12-01' - interval '90 day' as d");
    expect(r.fields.map((f) => f.name)).toEqual(['date_part', 'm', 'd']);
    expect(rowsOf(r)).toEqual([[2020, '2020-02-29 00:00:00', '1998-09-02 00:00:00']]);
  });
  test('DECODE matches NULL with NULL and is named case', async () => {
    const r = await cluster.query("select decode(a, 1, 'one', null, 'none', 'other') from t order by a");
    expect(r.fields.map((f) => f.name)).toEqual(['case']);
    expect(rowsOf(r)).toEqual([['one'], ['other'], ['other'], ['other'], ['none']]);
  });
  test('NVL2, GREATEST, LEAST, BETWEEN SYMMETRIC', async () => {
    expect(rowsOf(await cluster.query("select nvl2(a, 'y', 'n'), greatest(a, 2), least(a, 2) from t where a = 3 or a is null order by a"))).toEqual([
      ['y', 3, 2],
      ['n', 2, 2],
    ]);
    expect(rowsOf(await cluster.query('select count(*) from t where a between symmetric 3 and 2'))).toEqual([[3]]);
  });
  test('a CHAR value and a derived table\'s untyped literal unify as VARCHAR, not as the CHAR', async () => {
    // Fuzz seed 1105384423 #229: CHAR(2) with the literal column 'San Francisco' was error 22001.
    const sql = "select decode(t1.a, 1, t1.c, t1.s) as v from (select a, cast(b as char(2)) as c, 'San Francisco' as s from t) t1 where a is not null order by a, v";
    // The CHAR value's padding goes as it becomes VARCHAR ('x ' -> 'x'), as PostgreSQL's text does.
    expect(rowsOf(await cluster.query(sql))).toEqual([['x'], ['San Francisco'], ['San Francisco'], ['San Francisco']]);
    const r = await cluster.query("select coalesce(t1.c, t1.s) from (select cast(null as char(2)) as c, 'literal longer than two' as s) t1");
    expect(rowsOf(r)).toEqual([['literal longer than two']]);
  });
  test('IS TRUE is rejected in the select list but works in WHERE', async () => {
    await expect(cluster.query('select a = 1 is true from t')).rejects.toMatchObject({ code: '0A000', message: 'Not implemented' });
    expect(rowsOf(await cluster.query('select count(*) from t where (a = 1) is true'))).toEqual([[1]]);
  });
  test('default output names', async () => {
    const r = await cluster.query("select nvl(a, 0), coalesce(a, 1), a + 1, cast(a as bigint), case when a = 1 then 1 end, 'a' || 'b' from t limit 1");
    expect(r.fields.map((f) => f.name)).toEqual(['coalesce', 'coalesce', '?column?', 'a', 'case', '?column?']);
  });
});

describe('leader-node-only functions', () => {
  test('work without user tables', async () => {
    expect(rowsOf(await cluster.query('select current_schema()'))).toEqual([['public']]);
  });
  test('fail with a user table, naming the function', async () => {
    const err = await cluster.query('select current_schema(), a from t').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '0A000', message: 'Specified types or functions (one per INFO message) not supported on Redshift tables.' });
    expect((err as { detail?: string }).detail).toContain('Function "current_schema()" not supported.');
  });
});

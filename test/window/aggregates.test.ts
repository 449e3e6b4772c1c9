/**
 * The statistical, bit-wise, ordered-set and approximate aggregates on a 2 x 2 cluster. An EVEN
 * table spreads every group over several slices, so the partial (per slice) and final (leader)
 * phases both run; the DISTKEY table groups in place ('single').
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, SqlError } from '../../src/index.js';
import { createWinsales, rowsOf } from './winsales.js';
import { errorOf } from '../helpers/results.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await createWinsales(cluster);
  await cluster.query('create table ws_even diststyle even as select * from winsales');
  await cluster.query('create table nums (g int, i int, d decimal(8,2), f double precision, b boolean, t varchar(20)) diststyle even');
  await cluster.query(`insert into nums values
    (1, 3, 1.25, 0.5, true, 'x'), (1, 7, 2.50, 1.5, true, 'y'), (1, 10, null, null, null, 'x '),
    (1, 22, 4.00, 2.5, false, ''), (2, 5, 7.77, -1, true, null), (3, null, null, null, null, null)`);
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

const rows = (sql: string): Promise<unknown[][]> => rowsOf(cluster, sql);

function queryError(sql: string): Promise<SqlError> {
  return errorOf(cluster.query(sql));
}

describe('STDDEV and VARIANCE', () => {
  it('sample and population forms, grouped across slices, as DOUBLE', async () => {
    const r = await cluster.query(`select g, stddev(i), stddev_samp(i), stddev_pop(i), variance(i), var_samp(d), var_pop(f)
                                   from nums group by g order by g`);
    expect(r.fields.slice(1).every((f) => f.type === 'double precision')).toBe(true);
    const [g1, g2, g3] = r.toArrays();
    // i in group 1: 3, 7, 10, 22 (mean 10.5, squared deviations 56.25 + 12.25 + 0.25 + 132.25 = 201)
    expect(g1!.slice(0, 5)).toEqual([1, ...[Math.sqrt(67), Math.sqrt(67), Math.sqrt(50.25), 67].map((x) => expect.closeTo(x, 12))]);
    expect(g1![5]).toBeCloseTo((23.8125 - (7.75 * 7.75) / 3) / 2, 12); // d: 1.25, 2.50, 4.00 (sum 7.75, sum of squares 23.8125)
    expect(g1![6]).toBeCloseTo(2 / 3, 12); // f: 0.5, 1.5, 2.5 -> var_pop 2/3
    // One value: the sample forms are NULL, the population forms 0; no values: NULL.
    expect(g2).toEqual([2, null, null, 0, null, null, 0]);
    expect(g3).toEqual([3, null, null, null, null, null, null]);
  });

  it('DISTINCT and scalar forms', async () => {
    expect(await rows('select stddev_pop(distinct qty), var_samp(distinct qty), var_samp(qty) from ws_even')).toEqual([[Math.sqrt(116), 145, expect.closeTo((5225 - (215 * 215) / 11) / 10, 10)]]);
  });
});

describe('BOOL_AND / BOOL_OR / BIT_AND / BIT_OR / ANY_VALUE', () => {
  it('combine non-NULL values per group', async () => {
    expect(await rows('select g, bool_and(b), bool_or(b), bit_and(i), bit_or(i), bool_or(i > 20), bool_and(i) from nums group by g order by g')).toEqual([
      [1, false, true, 3 & 7 & 10 & 22, 3 | 7 | 10 | 22, true, true],
      [2, true, true, 5, 5, false, true],
      [3, null, null, null, null, null, null],
    ]);
    expect(await rows('select bit_or(i::bigint), bit_and(i::smallint) from nums')).toEqual([[3n | 7n | 10n | 22n | 5n, 0]]);
  });

  it('ANY_VALUE returns one of the group values', async () => {
    const r = await rows('select sellerid, any_value(buyerid), any_value(sellerid) from ws_even group by sellerid order by 1');
    expect(r.map((row) => row[2])).toEqual([1, 2, 3, 4]);
    expect(r.every((row) => ['a', 'b', 'c'].includes(String(row[1]).trim()))).toBe(true);
  });
});

describe('LISTAGG', () => {
  it('concatenates in WITHIN GROUP order with a delimiter, skipping NULLs and empty strings (documented examples)', async () => {
    expect(await rows('select listagg(sellerid) within group (order by dateid) from ws_even')).toEqual([['31141242333']]);
    expect(await rows("select listagg(dateid, '|') within group (order by sellerid desc, salesid asc) from ws_even where buyerid = 'b'")).toEqual([
      ['2003-08-02|2004-04-18|2004-04-18|2004-02-12'],
    ]);
    expect(await rows("select listagg(t, ',') within group (order by i desc) from nums")).toEqual([['x ,y,x']]);
    const r = await cluster.query("select g, listagg(distinct t, '+') within group (order by i) as l from nums group by g order by g");
    expect(r.fields[1]!.type).toBe('character varying(65535)');
    expect(r.toArrays()).toEqual([
      [1, 'x+y'],
      [2, null],
      [3, null],
    ]);
  });

  it('errors past 65535 bytes', async () => {
    await cluster.query('create table long_strings (s varchar(20000)) diststyle even');
    await cluster.query(`insert into long_strings values ('${'é'.repeat(9000)}'), ('${'a'.repeat(20000)}'), ('${'b'.repeat(20000)}')`);
    expect(await rows('select length(listagg(s)) from long_strings')).toEqual([[49000]]);
    await cluster.query(`insert into long_strings values ('${'c'.repeat(20000)}')`);
    const err = await queryError('select listagg(s) from long_strings');
    expect(err.message).toBe('Result size exceeds LISTAGG limit');
  });
});

describe('MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC', () => {
  it('interpolate exactly: integers as DECIMAL with one digit, DECIMAL keeps its scale', async () => {
    const r = await cluster.query(`select g, median(i), percentile_cont(0.25) within group (order by i), percentile_disc(0.6) within group (order by i)
                                   from nums group by g order by g`);
    expect(r.fields.slice(1).map((f) => f.type)).toEqual(['numeric(11,1)', 'numeric(11,1)', 'integer']);
    // group 1: 3, 7, 10, 22
    expect(r.toArrays()).toEqual([
      [1, '8.5', '6.0', 10],
      [2, '5.0', '5.0', 5],
      [3, null, null, null],
    ]);
    expect(await rows('select median(d), percentile_cont(0.1) within group (order by d) from nums')).toEqual([['3.25', '1.63']]);
    expect(await rows('select percentile_cont(0.5) within group (order by f desc) from nums')).toEqual([[1]]);
    expect(await rows('select percentile_cont(0.4) within group (order by qty desc), percentile_disc(0.4) within group (order by qty desc) from ws_even')).toEqual([
      ['20.0', 20],
    ]);
    expect(await rows('select percentile_cont(0.5) within group (order by dateid), median(dateid) from ws_even')).toEqual([['2004-02-12', '2004-02-12']]);
  });

  it('requires one WITHIN GROUP ordering per query', async () => {
    const err = await queryError('select listagg(sellerid) within group (order by dateid), listagg(dateid) within group (order by sellerid) from winsales');
    expect(err.message).toBe('within group ORDER BY clauses for aggregate functions must be the same');
    expect(err.position).toBe('select listagg(sellerid) within group (order by dateid), '.length);
    const mixed = await queryError('select percentile_cont(0.6) within group (order by salesid), median(qty) from winsales');
    expect(mixed.message).toBe('within group ORDER BY clauses for aggregate functions must be the same');
    expect(await rows('select percentile_cont(0.6) within group (order by salesid), median(salesid), listagg(qty) from winsales')).toEqual([
      ['30003.0', '30001.0', expect.any(String)],
    ]);
  });

  it('checks the percentile', async () => {
    const err = await queryError('select percentile_cont(1.5) within group (order by qty) from winsales');
    expect(err.message).toBe('percentile value 1.5 is not between 0 and 1');
    expect(err.position).toBe('select percentile_cont('.length);
  });
});

describe('APPROXIMATE COUNT(DISTINCT)', () => {
  it('is exact for small sets and within 2% for large ones, merged across slices', async () => {
    expect(await rows('select sellerid, approximate count(distinct qty) from ws_even group by sellerid order by 1')).toEqual([
      [1, 2n],
      [2, 1n],
      [3, 4n],
      [4, 2n],
    ]);
    expect(await rows("select approximate count(distinct t) from nums")).toEqual([[3n]]); // 'x' and 'x ' are equal
    await cluster.query('create table many (v int) diststyle even');
    const values = Array.from({ length: 2000 }, (_, i) => `(${i})`).join(',');
    await cluster.query(`insert into many values ${values}`);
    for (let k = 1; k <= 4; k++) await cluster.query(`insert into many select v + ${2000 * 2 ** (k - 1)} from many`);
    // 32,000 distinct values, each once, plus every value again.
    await cluster.query('insert into many select v from many');
    const [[exact, approx]] = (await rows('select count(distinct v), approximate count(distinct v) from many')) as [[bigint, bigint]];
    expect(exact).toBe(32000n);
    expect(Math.abs(Number(approx) - 32000) / 32000).toBeLessThan(0.02);
  });
});

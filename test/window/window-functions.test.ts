/**
 * Window functions on a 2 x 2 cluster over the developer guide's WINSALES table: ranking, offsets,
 * framed values and aggregates, partition-only functions, windows over aggregates, QUALIFY, and
 * where the window step runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { createWinsales, rowsOf } from './winsales.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await createWinsales(cluster);
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

const rows = (sql: string): Promise<unknown[][]> => rowsOf(cluster, sql);

describe('ranking functions', () => {
  it('numbers, ranks and dense-ranks with ties', async () => {
    expect(
      await rows(`select salesid, qty, row_number() over (order by qty, salesid), rank() over (order by qty),
                  dense_rank() over (order by qty desc) from winsales order by salesid`),
    ).toEqual([
      [10001, 10, 1n, 1, 5],
      [10005, 30, 9n, 9, 2],
      [10006, 10, 2n, 1, 5],
      [20001, 20, 6n, 6, 3],
      [20002, 20, 7n, 6, 3],
      [30001, 10, 3n, 1, 5],
      [30003, 15, 5n, 5, 4],
      [30004, 20, 8n, 6, 3],
      [30007, 30, 10n, 9, 2],
      [40001, 40, 11n, 11, 1],
      [40005, 10, 4n, 1, 5],
    ]);
    const r = await cluster.query('select row_number() over (order by salesid), rank() over (order by salesid) from winsales limit 1');
    expect(r.fields.map((f) => [f.name, f.type])).toEqual([
      ['row_number', 'bigint'],
      ['rank', 'integer'],
    ]);
  });

  it('computes percent_rank and cume_dist per partition (documented example)', async () => {
    expect(
      await rows(`select sellerid, qty, percent_rank() over (partition by sellerid order by qty),
                  cume_dist() over (partition by sellerid order by qty) from winsales order by sellerid, qty, salesid`),
    ).toEqual([
      [1, 10, 0, 2 / 3],
      [1, 10, 0, 2 / 3],
      [1, 30, 1, 1],
      [2, 20, 0, 1],
      [2, 20, 0, 1],
      [3, 10, 0, 0.25],
      [3, 15, 1 / 3, 0.5],
      [3, 20, 2 / 3, 0.75],
      [3, 30, 1, 1],
      [4, 10, 0, 0.5],
      [4, 40, 1, 1],
    ]);
  });

  it('ranks every row 1 without ORDER BY', async () => {
    expect(await rows('select distinct rank() over (), dense_rank() over (partition by sellerid), percent_rank() over (), cume_dist() over () from winsales')).toEqual([
      [1, 1, 0, 1],
    ]);
  });

  it('deals NTILE buckets, larger buckets first', async () => {
    expect(await rows('select salesid, ntile(4) over (order by salesid) from winsales order by salesid')).toEqual([
      [10001, 1n], [10005, 1n], [10006, 1n], [20001, 2n], [20002, 2n], [30001, 2n],
      [30003, 3n], [30004, 3n], [30007, 3n], [40001, 4n], [40005, 4n],
    ]);
    expect(await rows('select sellerid, ntile(5) over (partition by sellerid order by salesid) from winsales where sellerid = 2 order by 2')).toEqual([
      [2, 1n],
      [2, 2n],
    ]);
  });

  it('orders NULLs last ascending and first descending, unless told otherwise', async () => {
    const q = (order: string): Promise<unknown[][]> =>
      rows(`select salesid, row_number() over (order by qty_shipped ${order}, salesid) from winsales where salesid < 20002 order by salesid`);
    // qty_shipped: 10001 -> 10, 10005 -> null, 10006 -> null, 20001 -> 20
    expect(await q('asc')).toEqual([[10001, 1n], [10005, 3n], [10006, 4n], [20001, 2n]]);
    expect(await q('desc')).toEqual([[10001, 4n], [10005, 1n], [10006, 2n], [20001, 3n]]);
    expect(await q('asc nulls first')).toEqual([[10001, 3n], [10005, 1n], [10006, 2n], [20001, 4n]]);
    expect(await q('desc nulls last')).toEqual([[10001, 2n], [10005, 3n], [10006, 4n], [20001, 1n]]);
    // NULLs are peers of each other.
    expect(await rows('select salesid, rank() over (order by qty_shipped) from winsales where qty_shipped is null order by 1 limit 2')).toEqual([
      [10005, 1],
      [10006, 1],
    ]);
  });
});

describe('offset and value functions', () => {
  it('LAG / LEAD with offsets, defaults and IGNORE NULLS', async () => {
    expect(
      await rows(`select salesid, qty_shipped,
                    lag(qty_shipped) over (order by salesid),
                    lag(qty_shipped) ignore nulls over (order by salesid),
                    lead(qty_shipped, 2, -1) over (order by salesid),
                    lead(qty_shipped) ignore nulls over (order by salesid),
                    lag(qty_shipped, 0) over (order by salesid)
                  from winsales order by salesid`),
    ).toEqual([
      [10001, 10, null, null, null, 20, 10],
      [10005, null, 10, 10, 20, 20, null],
      [10006, null, null, 10, 20, 20, null],
      [20001, 20, null, 10, 10, 20, 20],
      [20002, 20, 20, 20, null, 10, 20],
      [30001, 10, 20, 20, null, 10, 10],
      [30003, null, 10, 10, null, 10, null],
      [30004, null, null, 10, null, 10, null],
      [30007, null, null, 10, 10, 10, null],
      [40001, null, null, 10, -1, 10, null],
      [40005, 10, null, 10, -1, null, 10],
    ]);
  });

  it('LAG stays inside its partition', async () => {
    expect(await rows('select salesid, lag(salesid, 1) over (partition by sellerid order by salesid) from winsales where sellerid in (1, 2) order by 1')).toEqual([
      [10001, null],
      [10005, 10001],
      [10006, 10005],
      [20001, null],
      [20002, 20001],
    ]);
  });

  it('FIRST_VALUE / LAST_VALUE / NTH_VALUE over frames, with and without IGNORE NULLS', async () => {
    expect(
      await rows(`select salesid,
                    first_value(qty_shipped) over (order by salesid rows between 1 following and unbounded following),
                    first_value(qty_shipped ignore nulls) over (order by salesid rows between 1 following and unbounded following),
                    last_value(qty_shipped) ignore nulls over (order by salesid rows unbounded preceding),
                    nth_value(qty_shipped, 2) over (order by salesid rows between unbounded preceding and unbounded following),
                    nth_value(qty_shipped, 2) ignore nulls over (order by salesid rows between current row and 3 following)
                  from winsales order by salesid`),
    ).toEqual([
      [10001, null, 20, 10, null, 20],
      [10005, null, 20, 10, null, 20],
      [10006, 20, 20, 10, null, 20],
      [20001, 20, 20, 20, null, 20],
      [20002, 10, 10, 20, null, 10],
      [30001, null, 10, 10, null, null],
      [30003, null, 10, 10, null, null],
      [30004, null, 10, 10, null, null],
      [30007, null, 10, 10, null, null],
      [40001, 10, 10, 10, null, null],
      [40005, null, null, 10, null, null],
    ]);
  });

  it('uses the whole partition without ORDER BY', async () => {
    expect(await rows('select distinct sellerid, count(*) over (partition by sellerid), last_value(sellerid) over (partition by sellerid) from winsales order by 1')).toEqual([
      [1, 3n, 1],
      [2, 2n, 2],
      [3, 4n, 3],
      [4, 2n, 4],
    ]);
  });
});

describe('aggregate window functions', () => {
  it('running, moving and following frames', async () => {
    expect(
      await rows(`select salesid, sellerid,
                    sum(qty) over (partition by sellerid order by salesid rows unbounded preceding),
                    avg(qty) over (partition by sellerid order by salesid rows between 1 preceding and 1 following),
                    count(qty_shipped) over (order by salesid rows 2 preceding),
                    count(*) over (order by salesid rows between 3 following and 5 following),
                    min(qty) over (order by salesid rows between 1 following and 2 following),
                    max(qty) over (order by salesid rows between 2 preceding and 1 preceding)
                  from winsales order by salesid`),
    ).toEqual([
      [10001, 1, 10n, 20n, 1n, 3n, 10, null],
      [10005, 1, 40n, 16n, 1n, 3n, 10, 10],
      [10006, 1, 50n, 20n, 1n, 3n, 20, 30],
      [20001, 2, 20n, 20n, 1n, 3n, 10, 30],
      [20002, 2, 40n, 20n, 2n, 3n, 10, 20],
      [30001, 3, 10n, 12n, 3n, 3n, 15, 20],
      [30003, 3, 25n, 15n, 2n, 2n, 20, 20],
      [30004, 3, 45n, 21n, 1n, 1n, 30, 15],
      [30007, 3, 75n, 25n, 0n, 0n, 10, 20],
      [40001, 4, 40n, 25n, 0n, 0n, 10, 30],
      [40005, 4, 50n, 25n, 1n, 0n, null, 40],
    ]);
  });

  it('whole-partition aggregates, STDDEV / VARIANCE (sample of one row is NULL)', async () => {
    const r = await rows(`select distinct sellerid, sum(qty) over (partition by sellerid), max(dateid) over (partition by sellerid),
                            stddev_samp(qty) over (partition by sellerid), var_pop(qty) over (partition by sellerid),
                            variance(qty) over (partition by buyerid, sellerid)
                          from winsales where salesid <> 40005 order by 1, 6`);
    expect(r).toEqual([
      [1, 50n, '2004-01-18', Math.sqrt(400 / 3), 800 / 9, 0],
      [1, 50n, '2004-01-18', Math.sqrt(400 / 3), 800 / 9, null],
      [2, 40n, '2004-02-16', 0, 0, null],
      [3, 75n, '2004-09-07', Math.sqrt(218.75 / 3), 54.6875, 25],
      [3, 75n, '2004-09-07', Math.sqrt(218.75 / 3), 54.6875, null],
      [4, 40n, '2004-01-09', null, 0, null],
    ].map((row) => row.map((v) => (typeof v === 'number' ? expect.closeTo(v, 12) : v))));
  });

  it('moving STDDEV and DECIMAL sums stay exact', async () => {
    expect(
      await rows(`select salesid, sum(qty::decimal(6,2)) over (order by salesid rows between 1 preceding and current row),
                    stddev_pop(qty) over (order by salesid rows between 1 preceding and current row)
                  from winsales where sellerid = 1 order by salesid`),
    ).toEqual([
      [10001, '10.00', 0],
      [10005, '40.00', 10],
      [10006, '40.00', 10],
    ]);
  });

  it('RATIO_TO_REPORT, MEDIAN, PERCENTILE_CONT/DISC and LISTAGG over partitions (documented examples)', async () => {
    expect(
      await rows(`select sellerid, qty, ratio_to_report(qty) over (partition by sellerid), median(qty) over (partition by sellerid),
                    percentile_cont(0.5) within group (order by qty) over (partition by sellerid),
                    percentile_disc(0.5) within group (order by qty) over (partition by sellerid),
                    listagg(salesid, ',') within group (order by salesid) over (partition by sellerid)
                  from winsales order by sellerid, qty, salesid`),
    ).toEqual([
      [1, 10, 0.2, '10.0', '10.0', 10, '10001,10005,10006'],
      [1, 10, 0.2, '10.0', '10.0', 10, '10001,10005,10006'],
      [1, 30, 0.6, '10.0', '10.0', 10, '10001,10005,10006'],
      [2, 20, 0.5, '20.0', '20.0', 20, '20001,20002'],
      [2, 20, 0.5, '20.0', '20.0', 20, '20001,20002'],
      [3, 10, 10 / 75, '17.5', '17.5', 15, '30001,30003,30004,30007'],
      [3, 15, 0.2, '17.5', '17.5', 15, '30001,30003,30004,30007'],
      [3, 20, 20 / 75, '17.5', '17.5', 15, '30001,30003,30004,30007'],
      [3, 30, 0.4, '17.5', '17.5', 15, '30001,30003,30004,30007'],
      [4, 10, 0.2, '25.0', '25.0', 10, '40001,40005'],
      [4, 40, 0.8, '25.0', '25.0', 10, '40001,40005'],
    ]);
    expect(await rows("select distinct listagg(distinct dateid, ',') within group (order by sellerid desc, salesid asc) over () from winsales where buyerid = 'b'")).toEqual([
      ['2003-08-02,2004-04-18,2004-02-12'],
    ]);
  });
});

describe('windows in the query', () => {
  it('ranks aggregates: windows run after GROUP BY and HAVING', async () => {
    expect(
      await rows(`select sellerid, sum(qty) as total, rank() over (order by sum(qty) desc), sum(sum(qty)) over ()
                  from winsales group by sellerid having count(*) > 1 order by 3, 1`),
    ).toEqual([
      [3, 75n, 1, 215n],
      [1, 50n, 2, 215n],
      [4, 50n, 2, 215n],
      [2, 40n, 4, 215n],
    ]);
  });

  it('orders by a window function that is not selected, and before DISTINCT / LIMIT', async () => {
    expect(await rows('select salesid from winsales order by row_number() over (order by qty desc, salesid desc) limit 3')).toEqual([[40001], [30007], [10005]]);
    expect(await rows('select distinct sellerid, max(qty) over (partition by sellerid) from winsales order by 2 desc, 1 limit 2')).toEqual([
      [4, 40],
      [1, 30],
    ]);
  });

  it('uses windows inside expressions and several OVER clauses at once', async () => {
    expect(
      await rows(`select salesid, case when row_number() over (partition by sellerid order by salesid) = 1 then 'first' else 'later' end,
                    qty - lag(qty) over (partition by buyerid order by salesid)
                  from winsales where sellerid = 3 order by salesid`),
    ).toEqual([
      [30001, 'first', null],
      [30003, 'later', 5],
      [30004, 'later', 5],
      [30007, 'later', null],
    ]);
  });

  it('filters with QUALIFY, on a window call or a select-list alias', async () => {
    expect(await rows('select salesid, sellerid, row_number() over (partition by sellerid order by salesid desc) as rn from winsales qualify rn = 1 order by sellerid')).toEqual([
      [10006, 1, 1n],
      [20002, 2, 1n],
      [30007, 3, 1n],
      [40005, 4, 1n],
    ]);
    expect(await rows('select salesid from winsales qualify rank() over (partition by buyerid order by qty desc) = 1 order by 1')).toEqual([[20001], [30004], [30007], [40001]]);
    expect(await rows('select sellerid from winsales group by sellerid qualify sum(sum(qty)) over (order by sellerid rows unbounded preceding) > 100 order by 1')).toEqual([
      [3],
      [4],
    ]);
  });

  it('runs PARTITION BY per slice (co-located on the distkey, else redistributed) and plain OVER () on the leader', async () => {
    const fragments = async (sql: string): Promise<number> => new Set((await cluster.query(sql)).tasks.map((t) => t.fragment)).size;
    expect(await fragments('select rank() over (partition by salesid order by qty) from winsales')).toBe(1);
    expect(await fragments('select rank() over (partition by sellerid order by qty) from winsales')).toBe(2);
    const r = await cluster.query('select rank() over (partition by sellerid order by qty) from winsales');
    expect(r.tasks.filter((t) => t.fragment === 1).map((t) => t.slice).sort()).toEqual([0, 1, 2, 3]);
    expect(await fragments('select rank() over (order by qty) from winsales')).toBe(1);
  });
});

/**
 * Window functions and the new aggregates over TICKIT on a 2 x 2 cluster, compared with DuckDB.
 * DuckDB sorts NULLs last in both directions and writes IGNORE NULLS inside the parentheses, so
 * its SQL spells those out; Redshift-only functions get their DuckDB equivalent.
 */
import { expect, test } from 'vitest';
import { describeTickitDifferential } from '../helpers/differential.js';
import type { DifferentialCase } from '../tickit-cases.js';

const CASES: readonly DifferentialCase[] = [
  {
    name: 'row_number / rank / dense_rank per venue, NULL-free keys',
    sql: `select eventid, row_number() over (partition by venueid order by starttime, eventid), rank() over (partition by venueid order by dateid),
            dense_rank() over (partition by catid order by dateid desc) from event`,
  },
  {
    name: 'ranking on a key with NULLs (last ascending, first descending)',
    sql: `select venueid, rank() over (order by venueseats), rank() over (order by venueseats desc),
            row_number() over (partition by venuestate order by venueseats desc, venueid) from venue`,
    duck: `select venueid, rank() over (order by venueseats nulls last), rank() over (order by venueseats desc nulls first),
            row_number() over (partition by venuestate order by venueseats desc nulls first, venueid) from venue`,
  },
  {
    name: 'percent_rank / cume_dist / ntile',
    sql: `select eventid, percent_rank() over (partition by catid order by dateid), cume_dist() over (partition by venueid order by dateid),
            ntile(7) over (partition by catid order by eventid) from event`,
  },
  {
    name: 'lag / lead with offsets, defaults and IGNORE NULLS',
    sql: `select venueid, lag(venueseats) over (order by venueid), lead(venueseats, 3, -1) over (partition by venuestate order by venueid),
            lag(venueseats, 2) ignore nulls over (order by venueid), lead(venueseats) ignore nulls over (partition by venuestate order by venueid) from venue`,
    duck: `select venueid, lag(venueseats) over (order by venueid), lead(venueseats, 3, -1) over (partition by venuestate order by venueid),
            lag(venueseats, 2 ignore nulls) over (order by venueid), lead(venueseats ignore nulls) over (partition by venuestate order by venueid) from venue`,
  },
  {
    name: 'first_value / last_value / nth_value over frames',
    sql: `select venueid, first_value(venueseats) over (partition by venuestate order by venueid rows between 2 preceding and 2 following),
            last_value(venueseats ignore nulls) over (order by venueid rows between unbounded preceding and 1 preceding),
            nth_value(venueseats, 3) ignore nulls over (partition by venuestate order by venueseats desc rows between unbounded preceding and unbounded following),
            first_value(venuename) over (partition by venuecity order by venuename rows between current row and unbounded following) from venue`,
    duck: `select venueid, first_value(venueseats) over (partition by venuestate order by venueid rows between 2 preceding and 2 following),
            last_value(venueseats ignore nulls) over (order by venueid rows between unbounded preceding and 1 preceding),
            nth_value(venueseats, 3 ignore nulls) over (partition by venuestate order by venueseats desc nulls first rows between unbounded preceding and unbounded following),
            first_value(venuename) over (partition by venuecity order by venuename rows between current row and unbounded following) from venue`,
  },
  {
    name: 'running and moving SUM / COUNT / MIN / MAX / STDDEV',
    sql: `select eventid, sum(venueid) over (partition by catid order by eventid rows unbounded preceding),
            count(*) over (partition by venueid order by eventid rows between 1 preceding and 1 following),
            min(starttime) over (partition by catid order by eventid rows between 5 preceding and 2 preceding),
            max(eventname) over (order by eventid rows between current row and 10 following),
            stddev_samp(dateid) over (partition by catid order by eventid rows between 3 preceding and current row),
            var_pop(venueid) over (partition by catid) from event`,
  },
  {
    name: 'moving COUNT / AVG of a nullable column',
    sql: `select venueid, count(venueseats) over (order by venueid rows between 4 preceding and current row),
            avg(venueseats) over (partition by venuestate order by venueid rows between unbounded preceding and unbounded following) from venue`,
    duck: `select venueid, count(venueseats) over (order by venueid rows between 4 preceding and current row),
            trunc(avg(venueseats) over (partition by venuestate))::bigint from venue`,
  },
  {
    name: 'RATIO_TO_REPORT and MEDIAN / PERCENTILE over partitions',
    sql: `select venueid, ratio_to_report(venueseats) over (partition by venuestate), median(venueseats) over (partition by venuestate),
            percentile_disc(0.3) within group (order by venueseats) over (partition by venuestate) from venue`,
    duck: `select venueid, venueseats / nullif(sum(venueseats) over (partition by venuestate), 0), median(venueseats) over (partition by venuestate),
            quantile_disc(venueseats, 0.3) over (partition by venuestate) from venue`,
  },
  {
    name: 'windows over aggregates, QUALIFY and ORDER BY',
    sql: `select catid, venueid, count(*) as n, rank() over (partition by catid order by count(*) desc, venueid) as r
          from event group by catid, venueid qualify r <= 3 order by catid, r`,
    duck: `select catid, venueid, count(*) as n, rank() over (partition by catid order by count(*) desc, venueid) as r
           from event group by catid, venueid qualify r <= 3 order by catid, r`,
    ordered: true,
  },
  {
    name: 'grouped STDDEV / VARIANCE / BOOL / BIT / MEDIAN / PERCENTILE_CONT',
    sql: `select catid, stddev(venueid), var_samp(dateid), stddev_pop(eventid), bool_and(venueid > 100), bool_or(dateid > 2000),
            bit_and(dateid), bit_or(venueid), median(dateid), percentile_disc(0.9) within group (order by dateid) from event group by catid`,
    duck: `select catid, stddev(venueid), var_samp(dateid), stddev_pop(eventid), bool_and(venueid > 100), bool_or(dateid > 2000),
            bit_and(dateid), bit_or(venueid), median(dateid), quantile_disc(dateid, 0.9) from event group by catid`,
  },
  {
    name: 'LISTAGG with WITHIN GROUP',
    sql: "select venuestate, listagg(venuecity, ',') within group (order by venuecity desc, venueid) from venue group by venuestate",
    duck: "select venuestate, string_agg(venuecity, ',' order by venuecity desc, venueid) from venue group by venuestate",
  },
  {
    name: 'LISTAGG DISTINCT',
    sql: "select venuestate, listagg(distinct venuecity, '|') within group (order by venuecity) from venue group by venuestate",
    duck: "select venuestate, string_agg(distinct venuecity, '|' order by venuecity) from venue group by venuestate",
  },
  {
    name: 'PERCENTILE_CONT of integers is exact DECIMAL',
    sql: 'select catid, percentile_cont(0.37) within group (order by venueid) from event group by catid',
    duck: 'select catid, round(quantile_cont(venueid, 0.37), 1) from event group by catid',
  },
];

describeTickitDifferential('window functions: Slicewise vs DuckDB on TICKIT', CASES, (cluster) => {
  test('nth_value IGNORE NULLS (documented example)', async () => {
    const r = await cluster().query(`select distinct venuestate, nth_value(venueseats, 3) ignore nulls over (partition by venuestate order by venueseats desc
                                     rows between unbounded preceding and unbounded following) from (select * from venue where venueseats > 0 and
                                     venuestate in ('CA', 'FL', 'NY')) order by venuestate`);
    expect(r.toArrays()).toEqual([
      ['CA', 63026],
      ['FL', 65647],
      ['NY', 20000],
    ]);
  });
});

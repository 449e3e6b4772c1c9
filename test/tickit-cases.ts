/**
 * Queries over TICKIT run on both Slicewise and DuckDB by tickit-differential.test.ts.
 *
 * `duck` is DuckDB's text where Redshift semantics differ: integer AVG truncates (DuckDB returns a
 * double: `trunc(avg(x))::bigint`), integer `/` truncates (DuckDB `//`), NULLs sort last ascending
 * and first descending (DuckDB's default differs: explicit NULLS LAST/FIRST), NVL and TOP are
 * Redshift spellings, and trailing blanks are insignificant in Redshift string comparisons.
 * `ordered`: the ORDER BY fixes the order of every row, so rows are compared position by position.
 */
export interface DifferentialCase {
  readonly name: string;
  readonly sql: string;
  readonly duck?: string;
  readonly ordered?: boolean;
}

export const TICKIT_CASES: readonly DifferentialCase[] = [
  // Scans, filters, projections
  { name: 'count(*) of event', sql: 'select count(*) from event' },
  { name: 'select * from category', sql: 'select * from category' },
  { name: 'filter on a char column', sql: "select venueid, venuename, venuecity, venuestate, venueseats from venue where venuestate = 'NY'" },
  { name: 'conjunction of integer filters', sql: 'select eventid, eventname from event where venueid = 305 and catid = 8' },
  { name: 'disjunction', sql: "select catid, catname from category where catgroup = 'Concerts' or catid < 3" },
  {
    name: 'IN list and NOT BETWEEN (NULL seats drop out)',
    sql: "select venueid from venue where venuestate in ('NY', 'NJ', 'CT') and not (venueseats between 1 and 20000)",
  },
  { name: 'boolean column as predicate', sql: 'select dateid, caldate from date where holiday' },
  { name: 'boolean comparison', sql: 'select count(*) from date where holiday = false' },
  { name: 'CHAR comparison ignores trailing blanks', sql: "select count(*) from date where day = 'WE '", duck: "select count(*) from date where day = 'WE'" },
  // Arithmetic, CASE, casts, NULL handling
  { name: 'integer arithmetic', sql: 'select venueid, venueseats * 2 + 1 as x, venueseats - venueid as y from venue where venueseats > 50000' },
  {
    name: 'integer division and modulo truncate',
    sql: 'select venueid, venueseats / 1000 as k, venueseats % 1000 as r from venue where venueseats is not null',
    duck: 'select venueid, venueseats // 1000 as k, venueseats % 1000 as r from venue where venueseats is not null',
  },
  {
    name: 'decimal arithmetic',
    sql: 'select venueid, venueseats::decimal(12,2) * 1.5 as d, venueseats::decimal(12,2) / 4 as q from venue where venueseats > 70000',
  },
  {
    name: 'searched CASE',
    sql:
      "select venueid, case when venueseats is null then 'unknown' when venueseats = 0 then 'none' " +
      "when venueseats < 20000 then 'small' else 'large' end as size from venue",
  },
  { name: 'simple CASE', sql: "select catid, case catgroup when 'Sports' then 1 when 'Shows' then 2 else 3 end as g from category" },
  { name: 'CAST and ::', sql: 'select eventid, cast(dateid as integer) + 1 as d, starttime::date as day from event where eventid < 40' },
  { name: 'casts to varchar and bigint', sql: 'select venueid::varchar(10) as v, venueseats::bigint as s from venue where venueid < 20' },
  { name: 'date cast to varchar', sql: 'select caldate::varchar(10) as c, holiday from date where holiday = true' },
  { name: 'COALESCE', sql: 'select venueid, coalesce(venueseats, -1) as s from venue' },
  {
    name: 'NVL',
    sql: "select venueid, nvl(venueseats, 0) as s from venue where venuestate = 'NV'",
    duck: "select venueid, coalesce(venueseats, 0) as s from venue where venuestate = 'NV'",
  },
  {
    name: 'IS NULL / IS NOT NULL',
    sql: 'select sum(case when venueseats is null then 1 else 0 end) as nulls, sum(case when venueseats is not null then 1 else 0 end) as known from venue',
  },
  // Joins
  {
    name: 'inner join event-venue',
    sql: "select e.eventid, e.eventname, v.venuename from event e join venue v on e.venueid = v.venueid where v.venuestate = 'CA' and e.catid = 9",
  },
  { name: 'comma join with WHERE', sql: 'select count(*) from event, venue where event.venueid = venue.venueid' },
  { name: 'join event-category with GROUP BY', sql: 'select c.catname, count(*) as n from event e inner join category c on e.catid = c.catid group by c.catname' },
  { name: 'join event-date with GROUP BY', sql: 'select d.month, count(*) as n from event e join date d on e.dateid = d.dateid group by d.month' },
  {
    name: 'three-way join',
    sql:
      'select c.catgroup, d.qtr, count(*) as n from event e join category c on e.catid = c.catid ' +
      'join date d on d.dateid = e.dateid group by c.catgroup, d.qtr',
  },
  { name: 'left join counts zero matches', sql: 'select v.venueid, count(e.eventid) as n from venue v left join event e on v.venueid = e.venueid group by v.venueid' },
  { name: 'left join anti pattern', sql: 'select v.venueid, v.venuename from venue v left outer join event e on e.venueid = v.venueid where e.eventid is null' },
  {
    name: 'right join keeps unmatched events',
    sql: 'select e.eventid, e.venueid, v.venuename from venue v right join event e on e.venueid = v.venueid where v.venueid is null',
  },
  {
    name: 'full join of distinct event venues and venues',
    sql:
      'select v.venueid as vid, e.venueid as evid from (select distinct venueid from event) e ' +
      'full outer join venue v on e.venueid = v.venueid where v.venueid is null or e.venueid is null',
  },
  { name: 'full join aggregated', sql: 'select count(*) as n, count(v.venueid) as nv, count(e.eventid) as ne from venue v full join event e on v.venueid = e.venueid' },
  // Aggregates
  {
    name: 'count/sum/min/max over NULLs',
    sql: 'select count(*), count(venueseats), sum(venueseats), min(venueseats), max(venueseats) from venue',
  },
  { name: 'integer AVG truncates', sql: 'select avg(venueseats) from venue', duck: 'select trunc(avg(venueseats))::bigint from venue' },
  {
    name: 'grouped integer AVG',
    sql: 'select venuestate, avg(venueseats) as a from venue group by venuestate',
    duck: 'select venuestate, trunc(avg(venueseats))::bigint as a from venue group by venuestate',
  },
  { name: 'double AVG', sql: 'select avg(venueseats::double precision) from venue' },
  { name: 'count distinct', sql: 'select count(distinct venuestate), count(distinct venueid) from venue' },
  { name: 'grouped count distinct', sql: 'select catid, count(distinct venueid) as n from event group by catid' },
  { name: 'sum distinct', sql: 'select sum(distinct catid), sum(catid) from event' },
  { name: 'min/max of strings, dates and timestamps', sql: 'select min(venuename), max(venuecity), min(caldate), max(caldate) from venue, date where dateid = 1827' },
  { name: 'min/max of timestamps', sql: 'select min(starttime), max(starttime) from event' },
  { name: 'aggregate over CASE', sql: 'select venuestate, sum(case when venueseats > 0 then 1 else 0 end) as seated from venue group by venuestate' },
  {
    name: 'GROUP BY an expression by ordinal',
    sql: 'select venueseats / 10000 as bucket, count(*) as n from venue where venueseats is not null group by 1',
    duck: 'select venueseats // 10000 as bucket, count(*) as n from venue where venueseats is not null group by 1',
  },
  { name: 'HAVING', sql: 'select venuestate, count(*) as n from venue group by venuestate having count(*) > 5' },
  { name: 'HAVING on an aggregate not selected', sql: 'select catid from event group by catid having max(dateid) - min(dateid) > 300' },
  { name: 'DISTINCT', sql: 'select distinct venuestate from venue' },
  { name: 'DISTINCT on two columns', sql: 'select distinct catid, venueid from event where venueid < 20' },
  // Ordering, LIMIT, TOP
  {
    name: 'ORDER BY ascending puts NULLs last',
    sql: 'select venueid, venueseats from venue order by venueseats, venueid',
    duck: 'select venueid, venueseats from venue order by venueseats nulls last, venueid',
    ordered: true,
  },
  {
    name: 'ORDER BY descending puts NULLs first',
    sql: 'select venueid, venueseats from venue order by venueseats desc, venueid',
    duck: 'select venueid, venueseats from venue order by venueseats desc nulls first, venueid',
    ordered: true,
  },
  {
    name: 'explicit NULLS FIRST with LIMIT',
    sql: 'select venueid, venueseats from venue order by venueseats nulls first, venueid limit 20',
    ordered: true,
  },
  {
    name: 'LIMIT and OFFSET',
    sql: 'select eventid, starttime from event order by starttime, eventid limit 10 offset 100',
    ordered: true,
  },
  {
    name: 'TOP',
    sql: 'select top 5 venueid, venuename, venueseats from venue order by venueseats desc, venueid',
    duck: 'select venueid, venuename, venueseats from venue order by venueseats desc nulls first, venueid limit 5',
    ordered: true,
  },
  { name: 'ORDER BY an aggregate alias', sql: 'select catid, count(*) as n from event group by catid order by n desc, catid', ordered: true },
  {
    name: 'ORDER BY ordinals',
    sql: 'select venuestate, venuecity, venueid from venue where venueseats > 60000 order by 1, 2 desc, 3',
    ordered: true,
  },
  // Dates and timestamps
  { name: 'timestamp range', sql: "select count(*) from event where starttime >= '2008-06-01' and starttime < '2008-07-01'" },
  { name: 'date BETWEEN', sql: "select dateid, caldate, day from date where caldate between '2008-12-20' and '2008-12-31'" },
  { name: 'timestamp cast to date compared', sql: "select eventid, starttime from event where starttime::date = '2008-07-04'" },
  { name: 'date compared with a cast literal', sql: "select count(*) from date where caldate < '2008-03-01'::date" },
  // Empty results
  { name: 'empty scan', sql: 'select * from venue where venueid < 0' },
  { name: 'aggregates over no rows', sql: 'select count(*), sum(venueseats), max(venueseats), avg(venueseats) from venue where venueid < 0' },
  { name: 'GROUP BY over no rows', sql: 'select venuestate, count(*) from venue where 1 = 0 group by venuestate' },
  { name: 'join with an empty side', sql: 'select e.eventid from event e join venue v on e.venueid = v.venueid where v.venueid < 0' },
];

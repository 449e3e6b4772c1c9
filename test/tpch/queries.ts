/**
 * The 22 TPC-H queries (specification 2.x, clause 2.4) in Redshift SQL, with the validation
 * substitution parameters of clause 2.4.x.3, written the way a Redshift user would: interval
 * arithmetic on dates, `extract(year from ...)`, `substring(... from 1 for 2)`, Q15's view as a WITH
 * clause, LIMIT for the spec's row counts.
 *
 * `duck` is the DuckDB version where DuckDB would compute something else: Redshift's AVG of
 * DECIMAL(p,s) is DECIMAL(38,s), rounded to the argument's scale, and its DECIMAL quotients have a
 * fixed scale, where DuckDB's are DOUBLEs - the DuckDB versions round (and, where the value feeds a
 * comparison, cast back to an exact decimal) to ask what Redshift answers.
 */
import type { ScaleFactor } from './data.js';

export interface TpchQuery {
  /** 1..22 */
  readonly number: number;
  /** 'Q01'..'Q22': test and benchmark name. */
  readonly name: string;
  readonly sql: string;
  /** DuckDB's version, when it must differ. */
  readonly duck?: string;
  /** True when the ORDER BY determines the row order completely (compare in order, else as multisets). */
  readonly ordered: boolean;
}

/** Redshift's AVG(DECIMAL(15,2)) in DuckDB: rounded to scale 2 and exact again. */
const duckAvg2 = (arg: string): string => `cast(round(avg(${arg}), 2) as decimal(38,2))`;
/**
 * Redshift's DECIMAL(38,2) / DECIMAL(2,1) in DuckDB: the quotient has scale max(4, 2 + 2 - 1 + 1) = 4
 * (reference §7.2), where DuckDB's is a DOUBLE.
 */
const duckQuotient4 = (division: string): string => `round(${division}, 4)`;

const Q1 = (avg: (arg: string) => string): string => `
select l_returnflag, l_linestatus,
  sum(l_quantity) as sum_qty,
  sum(l_extendedprice) as sum_base_price,
  sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
  sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
  ${avg('l_quantity')} as avg_qty,
  ${avg('l_extendedprice')} as avg_price,
  ${avg('l_discount')} as avg_disc,
  count(*) as count_order
from lineitem
where l_shipdate <= date '1998-12-01' - interval '90 day'
group by l_returnflag, l_linestatus
order by l_returnflag, l_linestatus`;

const Q2 = `
select s_acctbal, s_name, n_name, p_partkey, p_mfgr, s_address, s_phone, s_comment
from part, supplier, partsupp, nation, region
where p_partkey = ps_partkey
  and s_suppkey = ps_suppkey
  and p_size = 15
  and p_type like '%BRASS'
  and s_nationkey = n_nationkey
  and n_regionkey = r_regionkey
  and r_name = 'EUROPE'
  and ps_supplycost = (
    select min(ps_supplycost)
    from partsupp, supplier, nation, region
    where p_partkey = ps_partkey
      and s_suppkey = ps_suppkey
      and s_nationkey = n_nationkey
      and n_regionkey = r_regionkey
      and r_name = 'EUROPE')
order by s_acctbal desc, n_name, s_name, p_partkey
limit 100`;

const Q3 = `
select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
from customer, orders, lineitem
where c_mktsegment = 'BUILDING'
  and c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and o_orderdate < date '1995-03-15'
  and l_shipdate > date '1995-03-15'
group by l_orderkey, o_orderdate, o_shippriority
order by revenue desc, o_orderdate
limit 10`;

const Q4 = `
select o_orderpriority, count(*) as order_count
from orders
where o_orderdate >= date '1993-07-01'
  and o_orderdate < date '1993-07-01' + interval '3 month'
  and exists (select * from lineitem where l_orderkey = o_orderkey and l_commitdate < l_receiptdate)
group by o_orderpriority
order by o_orderpriority`;

const Q5 = `
select n_name, sum(l_extendedprice * (1 - l_discount)) as revenue
from customer, orders, lineitem, supplier, nation, region
where c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and l_suppkey = s_suppkey
  and c_nationkey = s_nationkey
  and s_nationkey = n_nationkey
  and n_regionkey = r_regionkey
  and r_name = 'ASIA'
  and o_orderdate >= date '1994-01-01'
  and o_orderdate < date '1994-01-01' + interval '1 year'
group by n_name
order by revenue desc`;

const Q6 = `
select sum(l_extendedprice * l_discount) as revenue
from lineitem
where l_shipdate >= date '1994-01-01'
  and l_shipdate < date '1994-01-01' + interval '1 year'
  and l_discount between 0.06 - 0.01 and 0.06 + 0.01
  and l_quantity < 24`;

const Q7 = `
select supp_nation, cust_nation, l_year, sum(volume) as revenue
from (
  select n1.n_name as supp_nation, n2.n_name as cust_nation, extract(year from l_shipdate) as l_year,
    l_extendedprice * (1 - l_discount) as volume
  from supplier, lineitem, orders, customer, nation n1, nation n2
  where s_suppkey = l_suppkey
    and o_orderkey = l_orderkey
    and c_custkey = o_custkey
    and s_nationkey = n1.n_nationkey
    and c_nationkey = n2.n_nationkey
    and ((n1.n_name = 'FRANCE' and n2.n_name = 'GERMANY') or (n1.n_name = 'GERMANY' and n2.n_name = 'FRANCE'))
    and l_shipdate between date '1995-01-01' and date '1996-12-31'
) as shipping
group by supp_nation, cust_nation, l_year
order by supp_nation, cust_nation, l_year`;

/** Q8's market share: DECIMAL / DECIMAL past 38 digits keeps scale 4 in Redshift, so DuckDB rounds to 4. */
const SHARE = "sum(case when nation = 'BRAZIL' then volume else 0 end) / sum(volume)";

const Q8 = `
select o_year, sum(case when nation = 'BRAZIL' then volume else 0 end) / sum(volume) as mkt_share
from (
  select extract(year from o_orderdate) as o_year, l_extendedprice * (1 - l_discount) as volume, n2.n_name as nation
  from part, supplier, lineitem, orders, customer, nation n1, nation n2, region
  where p_partkey = l_partkey
    and s_suppkey = l_suppkey
    and l_orderkey = o_orderkey
    and o_custkey = c_custkey
    and c_nationkey = n1.n_nationkey
    and n1.n_regionkey = r_regionkey
    and r_name = 'AMERICA'
    and s_nationkey = n2.n_nationkey
    and o_orderdate between date '1995-01-01' and date '1996-12-31'
    and p_type = 'ECONOMY ANODIZED STEEL'
) as all_nations
group by o_year
order by o_year`;

const Q9 = `
select nation, o_year, sum(amount) as sum_profit
from (
  select n_name as nation, extract(year from o_orderdate) as o_year,
    l_extendedprice * (1 - l_discount) - ps_supplycost * l_quantity as amount
  from part, supplier, lineitem, partsupp, orders, nation
  where s_suppkey = l_suppkey
    and ps_suppkey = l_suppkey
    and ps_partkey = l_partkey
    and p_partkey = l_partkey
    and o_orderkey = l_orderkey
    and s_nationkey = n_nationkey
    and p_name like '%green%'
) as profit
group by nation, o_year
order by nation, o_year desc`;

const Q10 = `
select c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) as revenue, c_acctbal, n_name, c_address, c_phone, c_comment
from customer, orders, lineitem, nation
where c_custkey = o_custkey
  and l_orderkey = o_orderkey
  and o_orderdate >= date '1993-10-01'
  and o_orderdate < date '1993-10-01' + interval '3 month'
  and l_returnflag = 'R'
  and c_nationkey = n_nationkey
group by c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
order by revenue desc
limit 20`;

/** FRACTION is 0.0001 / SF (clause 2.4.11.3): written out as an exact decimal literal. */
const Q11 = (fraction: string): string => `
select ps_partkey, sum(ps_supplycost * ps_availqty) as value
from partsupp, supplier, nation
where ps_suppkey = s_suppkey
  and s_nationkey = n_nationkey
  and n_name = 'GERMANY'
group by ps_partkey
having sum(ps_supplycost * ps_availqty) > (
  select sum(ps_supplycost * ps_availqty) * ${fraction}
  from partsupp, supplier, nation
  where ps_suppkey = s_suppkey
    and s_nationkey = n_nationkey
    and n_name = 'GERMANY')
order by value desc`;

const Q12 = `
select l_shipmode,
  sum(case when o_orderpriority = '1-URGENT' or o_orderpriority = '2-HIGH' then 1 else 0 end) as high_line_count,
  sum(case when o_orderpriority <> '1-URGENT' and o_orderpriority <> '2-HIGH' then 1 else 0 end) as low_line_count
from orders, lineitem
where o_orderkey = l_orderkey
  and l_shipmode in ('MAIL', 'SHIP')
  and l_commitdate < l_receiptdate
  and l_shipdate < l_commitdate
  and l_receiptdate >= date '1994-01-01'
  and l_receiptdate < date '1994-01-01' + interval '1 year'
group by l_shipmode
order by l_shipmode`;

const Q13 = `
select c_count, count(*) as custdist
from (
  select c_custkey, count(o_orderkey)
  from customer left outer join orders on c_custkey = o_custkey and o_comment not like '%special%requests%'
  group by c_custkey
) as c_orders (c_custkey, c_count)
group by c_count
order by custdist desc, c_count desc`;

const Q14 = `
select 100.00 * sum(case when p_type like 'PROMO%' then l_extendedprice * (1 - l_discount) else 0 end)
  / sum(l_extendedprice * (1 - l_discount)) as promo_revenue
from lineitem, part
where l_partkey = p_partkey
  and l_shipdate >= date '1995-09-01'
  and l_shipdate < date '1995-09-01' + interval '1 month'`;

const Q15 = `
with revenue0 (supplier_no, total_revenue) as (
  select l_suppkey, sum(l_extendedprice * (1 - l_discount))
  from lineitem
  where l_shipdate >= date '1996-01-01'
    and l_shipdate < date '1996-01-01' + interval '3 month'
  group by l_suppkey
)
select s_suppkey, s_name, s_address, s_phone, total_revenue
from supplier, revenue0
where s_suppkey = supplier_no
  and total_revenue = (select max(total_revenue) from revenue0)
order by s_suppkey`;

const Q16 = `
select p_brand, p_type, p_size, count(distinct ps_suppkey) as supplier_cnt
from partsupp, part
where p_partkey = ps_partkey
  and p_brand <> 'Brand#45'
  and p_type not like 'MEDIUM POLISHED%'
  and p_size in (49, 14, 23, 45, 19, 3, 36, 9)
  and ps_suppkey not in (select s_suppkey from supplier where s_comment like '%Customer%Complaints%')
group by p_brand, p_type, p_size
order by supplier_cnt desc, p_brand, p_type, p_size`;

const Q17 = (avg: (arg: string) => string, quotient: (division: string) => string): string => `
select ${quotient('sum(l_extendedprice) / 7.0')} as avg_yearly
from lineitem, part
where p_partkey = l_partkey
  and p_brand = 'Brand#23'
  and p_container = 'MED BOX'
  and l_quantity < (select 0.2 * ${avg('l_quantity')} from lineitem where l_partkey = p_partkey)`;

const Q18 = `
select c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice, sum(l_quantity)
from customer, orders, lineitem
where o_orderkey in (select l_orderkey from lineitem group by l_orderkey having sum(l_quantity) > 300)
  and c_custkey = o_custkey
  and o_orderkey = l_orderkey
group by c_name, c_custkey, o_orderkey, o_orderdate, o_totalprice
order by o_totalprice desc, o_orderdate
limit 100`;

const Q19 = `
select sum(l_extendedprice * (1 - l_discount)) as revenue
from lineitem, part
where (p_partkey = l_partkey
    and p_brand = 'Brand#12'
    and p_container in ('SM CASE', 'SM BOX', 'SM PACK', 'SM PKG')
    and l_quantity >= 1 and l_quantity <= 1 + 10
    and p_size between 1 and 5
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON')
  or (p_partkey = l_partkey
    and p_brand = 'Brand#23'
    and p_container in ('MED BAG', 'MED BOX', 'MED PKG', 'MED PACK')
    and l_quantity >= 10 and l_quantity <= 10 + 10
    and p_size between 1 and 10
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON')
  or (p_partkey = l_partkey
    and p_brand = 'Brand#34'
    and p_container in ('LG CASE', 'LG BOX', 'LG PACK', 'LG PKG')
    and l_quantity >= 20 and l_quantity <= 20 + 10
    and p_size between 1 and 15
    and l_shipmode in ('AIR', 'AIR REG')
    and l_shipinstruct = 'DELIVER IN PERSON')`;

const Q20 = `
select s_name, s_address
from supplier, nation
where s_suppkey in (
    select ps_suppkey
    from partsupp
    where ps_partkey in (select p_partkey from part where p_name like 'forest%')
      and ps_availqty > (
        select 0.5 * sum(l_quantity)
        from lineitem
        where l_partkey = ps_partkey
          and l_suppkey = ps_suppkey
          and l_shipdate >= date '1994-01-01'
          and l_shipdate < date '1994-01-01' + interval '1 year'))
  and s_nationkey = n_nationkey
  and n_name = 'CANADA'
order by s_name`;

const Q21 = `
select s_name, count(*) as numwait
from supplier, lineitem l1, orders, nation
where s_suppkey = l1.l_suppkey
  and o_orderkey = l1.l_orderkey
  and o_orderstatus = 'F'
  and l1.l_receiptdate > l1.l_commitdate
  and exists (select * from lineitem l2 where l2.l_orderkey = l1.l_orderkey and l2.l_suppkey <> l1.l_suppkey)
  and not exists (
    select * from lineitem l3
    where l3.l_orderkey = l1.l_orderkey
      and l3.l_suppkey <> l1.l_suppkey
      and l3.l_receiptdate > l3.l_commitdate)
  and s_nationkey = n_nationkey
  and n_name = 'SAUDI ARABIA'
group by s_name
order by numwait desc, s_name
limit 100`;

const Q22 = (avg: (arg: string) => string): string => `
select cntrycode, count(*) as numcust, sum(c_acctbal) as totacctbal
from (
  select substring(c_phone from 1 for 2) as cntrycode, c_acctbal
  from customer
  where substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17')
    and c_acctbal > (
      select ${avg('c_acctbal')}
      from customer
      where c_acctbal > 0.00
        and substring(c_phone from 1 for 2) in ('13', '31', '23', '29', '30', '18', '17'))
    and not exists (select * from orders where o_custkey = c_custkey)
) as custsale
group by cntrycode
order by cntrycode`;

const redshiftAvg = (arg: string): string => `avg(${arg})`;
const asWritten = (expr: string): string => expr;

/** Q11's FRACTION for a scale factor. */
const Q11_FRACTION: Readonly<Record<ScaleFactor, string>> = { '0.01': '0.01', '0.1': '0.001' };

/** The 22 queries for scale factor `sf` (only Q11's parameter depends on it). */
export function tpchQueries(sf: ScaleFactor): TpchQuery[] {
  const texts: readonly (Omit<TpchQuery, 'number' | 'name'>)[] = [
    { sql: Q1(redshiftAvg), duck: Q1(duckAvg2), ordered: true },
    { sql: Q2, ordered: true },
    { sql: Q3, ordered: true },
    { sql: Q4, ordered: true },
    { sql: Q5, ordered: true },
    { sql: Q6, ordered: true },
    { sql: Q7, ordered: true },
    { sql: Q8, duck: Q8.replace(SHARE, `round(${SHARE}, 4)`), ordered: true },
    { sql: Q9, ordered: true },
    { sql: Q10, ordered: true },
    // Equal values may tie: their order is not determined.
    { sql: Q11(Q11_FRACTION[sf]), ordered: false },
    { sql: Q12, ordered: true },
    { sql: Q13, ordered: true },
    // Redshift's division rule past 38 digits keeps scale max(38 + s - p, 4) = 4 here (types/arithmetic.ts).
    { sql: Q14, duck: `select round((${Q14.replace(/^\s*select\s+/, '').replace(/ as promo_revenue[\s\S]*$/, '')}), 4) as promo_revenue ${Q14.slice(Q14.indexOf('from lineitem'))}`, ordered: true },
    { sql: Q15, ordered: true },
    { sql: Q16, ordered: true },
    { sql: Q17(redshiftAvg, asWritten), duck: Q17(duckAvg2, duckQuotient4), ordered: true },
    { sql: Q18, ordered: true },
    { sql: Q19, ordered: true },
    { sql: Q20, ordered: true },
    { sql: Q21, ordered: true },
    { sql: Q22(redshiftAvg), duck: Q22(duckAvg2), ordered: true },
  ];
  return texts.map((q, i) => ({ ...q, number: i + 1, name: `Q${String(i + 1).padStart(2, '0')}` }));
}

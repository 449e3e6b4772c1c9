/**
 * The eight TPC-H tables: columns with the specification's types (TPC-H 2.x, clause 1.4), Redshift
 * DDL with distribution and sort keys, and the DuckDB DDL of the reference copy.
 *
 * Keys are INTEGER except the order key, which is BIGINT: the spec lets identifiers grow with the
 * scale factor and o_orderkey is the sparse one (4 x the row count). Money and quantities are
 * DECIMAL(15,2), dates DATE, fixed-width text CHAR(n), the rest VARCHAR(n) - all ASCII, so
 * Redshift's byte lengths equal character lengths.
 */

export type TpchTable = 'region' | 'nation' | 'supplier' | 'customer' | 'part' | 'partsupp' | 'orders' | 'lineitem';

/** Small tables first, so a load that fails on a big one has already checked the DDL of the rest. */
export const TPCH_TABLES: readonly TpchTable[] = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];

/** How a value of the column is written in INSERT ... VALUES: numbers bare, text and dates quoted. */
export type LiteralStyle = 'bare' | 'quoted';

export interface TpchColumn {
  readonly name: string;
  /** Redshift type, as written in the DDL. */
  readonly type: string;
}

/** Redshift placement of a table: a distribution key or DISTSTYLE ALL, and an optional sort key. */
export interface TpchPlacement {
  readonly dist: { readonly key: string } | 'all';
  readonly sortkey?: string;
}

const INT = 'integer';
const BIGINT = 'bigint';
const MONEY = 'decimal(15,2)';
const DATE = 'date';
const char = (n: number): string => `char(${n})`;
const varchar = (n: number): string => `varchar(${n})`;

function columns(...pairs: readonly (readonly [string, string])[]): TpchColumn[] {
  return pairs.map(([name, type]) => ({ name, type }));
}

export const TPCH_COLUMNS: Readonly<Record<TpchTable, readonly TpchColumn[]>> = {
  region: columns(['r_regionkey', INT], ['r_name', char(25)], ['r_comment', varchar(152)]),
  nation: columns(['n_nationkey', INT], ['n_name', char(25)], ['n_regionkey', INT], ['n_comment', varchar(152)]),
  supplier: columns(
    ['s_suppkey', INT],
    ['s_name', char(25)],
    ['s_address', varchar(40)],
    ['s_nationkey', INT],
    ['s_phone', char(15)],
    ['s_acctbal', MONEY],
    ['s_comment', varchar(101)],
  ),
  customer: columns(
    ['c_custkey', INT],
    ['c_name', varchar(25)],
    ['c_address', varchar(40)],
    ['c_nationkey', INT],
    ['c_phone', char(15)],
    ['c_acctbal', MONEY],
    ['c_mktsegment', char(10)],
    ['c_comment', varchar(117)],
  ),
  part: columns(
    ['p_partkey', INT],
    ['p_name', varchar(55)],
    ['p_mfgr', char(25)],
    ['p_brand', char(10)],
    ['p_type', varchar(25)],
    ['p_size', INT],
    ['p_container', char(10)],
    ['p_retailprice', MONEY],
    ['p_comment', varchar(23)],
  ),
  partsupp: columns(
    ['ps_partkey', INT],
    ['ps_suppkey', INT],
    ['ps_availqty', INT],
    ['ps_supplycost', MONEY],
    ['ps_comment', varchar(199)],
  ),
  orders: columns(
    ['o_orderkey', BIGINT],
    ['o_custkey', INT],
    ['o_orderstatus', char(1)],
    ['o_totalprice', MONEY],
    ['o_orderdate', DATE],
    ['o_orderpriority', char(15)],
    ['o_clerk', char(15)],
    ['o_shippriority', INT],
    ['o_comment', varchar(79)],
  ),
  lineitem: columns(
    ['l_orderkey', BIGINT],
    ['l_partkey', INT],
    ['l_suppkey', INT],
    ['l_linenumber', INT],
    ['l_quantity', MONEY],
    ['l_extendedprice', MONEY],
    ['l_discount', MONEY],
    ['l_tax', MONEY],
    ['l_returnflag', char(1)],
    ['l_linestatus', char(1)],
    ['l_shipdate', DATE],
    ['l_commitdate', DATE],
    ['l_receiptdate', DATE],
    ['l_shipinstruct', char(25)],
    ['l_shipmode', char(10)],
    ['l_comment', varchar(44)],
  ),
};

/**
 * The usual Redshift layout for TPC-H: the two big tables co-located on the order key (the
 * lineitem-orders join needs no redistribution) and sorted by their date (range-restricted scans in
 * Q1, Q3-Q8, Q10, Q12, Q14, Q15, Q20); parts and partsupp co-located on the part key; the dimension
 * tables small enough to copy to every node.
 */
export const TPCH_PLACEMENT: Readonly<Record<TpchTable, TpchPlacement>> = {
  region: { dist: 'all', sortkey: 'r_regionkey' },
  nation: { dist: 'all', sortkey: 'n_nationkey' },
  supplier: { dist: 'all', sortkey: 's_suppkey' },
  customer: { dist: { key: 'c_custkey' }, sortkey: 'c_custkey' },
  part: { dist: { key: 'p_partkey' }, sortkey: 'p_partkey' },
  partsupp: { dist: { key: 'ps_partkey' }, sortkey: 'ps_partkey' },
  orders: { dist: { key: 'o_orderkey' }, sortkey: 'o_orderdate' },
  lineitem: { dist: { key: 'l_orderkey' }, sortkey: 'l_shipdate' },
};

/** `create table` for Slicewise / Redshift. */
export function redshiftDdl(table: TpchTable): string {
  const cols = TPCH_COLUMNS[table].map((c) => `${c.name} ${c.type} not null`).join(', ');
  const placement = TPCH_PLACEMENT[table];
  const dist = placement.dist === 'all' ? 'diststyle all' : `distkey(${placement.dist.key})`;
  const sort = placement.sortkey === undefined ? '' : ` sortkey(${placement.sortkey})`;
  return `create table ${table} (${cols}) ${dist}${sort}`;
}

/** A column's DuckDB type: CHAR(n) becomes VARCHAR (DuckDB does not blank-pad; compare.ts trims ours). */
export function duckType(column: TpchColumn): string {
  return column.type.startsWith('char(') ? 'VARCHAR' : column.type.toUpperCase();
}

/** Text and dates are quoted in INSERT ... VALUES; integers and decimals are bare. */
export function literalStyles(table: TpchTable): LiteralStyle[] {
  return TPCH_COLUMNS[table].map((c) => (c.type === INT || c.type === BIGINT || c.type === MONEY ? 'bare' : 'quoted'));
}

/**
 * What the generator knows about the tables it queries: each column's type family, the largest
 * magnitude its values reach (so generated arithmetic stays far from overflow in both engines), the
 * unique key of each table (window ORDER BYs end with it, so their order is total), and the key
 * columns tables are joined on.
 */

/** Type families of generated expressions. */
export type Kind = 'int' | 'dec' | 'float' | 'text' | 'bool' | 'date' | 'ts';

export interface ColumnInfo {
  readonly name: string;
  readonly kind: Kind;
  /** int: 2, 4 or 8 bytes (Redshift's result type of integer arithmetic depends on it). */
  readonly intWidth?: 2 | 4 | 8;
  /** dec: declared precision and scale. */
  readonly precision?: number;
  readonly scale?: number;
  /** int/dec/float: largest |value|; text: longest value in characters. */
  readonly bound: number;
  /** CHAR(n): blank-padded on the Slicewise side, plain VARCHAR in DuckDB. */
  readonly char?: boolean;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  /** A column whose values are unique and never NULL. */
  readonly uniqueKey: string;
  /** Where the rows come from. */
  readonly source: 'tickit' | 'tpch' | 'edge';
  /** More than a couple of thousand rows: picked less often, and its un-aggregated results mostly limited. */
  readonly large?: boolean;
}

const int = (name: string, width: 2 | 4 | 8, bound: number): ColumnInfo => ({ name, kind: 'int', intWidth: width, bound });
const dec = (name: string, precision: number, scale: number, bound: number): ColumnInfo => ({ name, kind: 'dec', precision, scale, bound });
const text = (name: string, bound: number): ColumnInfo => ({ name, kind: 'text', bound });
const char = (name: string, bound: number): ColumnInfo => ({ name, kind: 'text', bound, char: true });
const col = (name: string, kind: 'bool' | 'date' | 'ts' | 'float', bound = 0): ColumnInfo => ({ name, kind, bound });

export const FUZZ_TABLES: readonly TableInfo[] = [
  {
    name: 'category',
    source: 'tickit',
    uniqueKey: 'catid',
    columns: [int('catid', 2, 11), text('catgroup', 10), text('catname', 10), text('catdesc', 50)],
  },
  {
    name: 'date',
    source: 'tickit',
    uniqueKey: 'dateid',
    columns: [
      int('dateid', 2, 2200),
      col('caldate', 'date'),
      char('day', 3),
      int('week', 2, 53),
      char('month', 5),
      char('qtr', 5),
      int('year', 2, 2008),
      col('holiday', 'bool'),
    ],
  },
  {
    name: 'event',
    large: true,
    source: 'tickit',
    uniqueKey: 'eventid',
    columns: [
      int('eventid', 4, 8800),
      int('venueid', 2, 310),
      int('catid', 2, 11),
      int('dateid', 2, 2200),
      text('eventname', 200),
      col('starttime', 'ts'),
    ],
  },
  {
    name: 'venue',
    source: 'tickit',
    uniqueKey: 'venueid',
    columns: [int('venueid', 2, 310), text('venuename', 100), text('venuecity', 30), char('venuestate', 2), int('venueseats', 4, 92000)],
  },
  {
    name: 'region',
    source: 'tpch',
    uniqueKey: 'r_regionkey',
    columns: [int('r_regionkey', 4, 4), char('r_name', 25)],
  },
  {
    name: 'nation',
    source: 'tpch',
    uniqueKey: 'n_nationkey',
    columns: [int('n_nationkey', 4, 24), char('n_name', 25), int('n_regionkey', 4, 4)],
  },
  {
    name: 'supplier',
    source: 'tpch',
    uniqueKey: 's_suppkey',
    columns: [int('s_suppkey', 4, 100), char('s_name', 25), int('s_nationkey', 4, 24), char('s_phone', 15), dec('s_acctbal', 15, 2, 10_000)],
  },
  {
    name: 'customer',
    large: true,
    source: 'tpch',
    uniqueKey: 'c_custkey',
    columns: [
      int('c_custkey', 4, 1500),
      text('c_name', 25),
      int('c_nationkey', 4, 24),
      char('c_phone', 15),
      dec('c_acctbal', 15, 2, 10_000),
      char('c_mktsegment', 10),
    ],
  },
  {
    name: 'part',
    large: true,
    source: 'tpch',
    uniqueKey: 'p_partkey',
    columns: [
      int('p_partkey', 4, 2000),
      text('p_name', 55),
      char('p_brand', 10),
      text('p_type', 25),
      int('p_size', 4, 50),
      char('p_container', 10),
      dec('p_retailprice', 15, 2, 2100),
    ],
  },
  {
    name: 'orders',
    large: true,
    source: 'tpch',
    uniqueKey: 'o_orderkey',
    columns: [
      int('o_orderkey', 8, 60_000),
      int('o_custkey', 4, 1500),
      char('o_orderstatus', 1),
      dec('o_totalprice', 15, 2, 600_000),
      col('o_orderdate', 'date'),
      char('o_orderpriority', 15),
      int('o_shippriority', 4, 0),
    ],
  },
  {
    name: 'fz_edge',
    source: 'edge',
    uniqueKey: 'id',
    columns: [
      int('id', 4, 100),
      int('k', 2, 30),
      int('i', 4, 2_000_000),
      int('n', 8, 10_000_000_000_000),
      dec('d', 18, 4, 10_000_000_000_000),
      text('s', 20),
      char('c', 6),
      col('dt', 'date'),
      col('ts', 'ts'),
      col('f', 'float', 1e10),
      col('b', 'bool'),
    ],
  },
];

export function tableInfo(name: string): TableInfo {
  const t = FUZZ_TABLES.find((x) => x.name === name);
  if (t === undefined) throw new Error(`unknown fuzz table ${name}`);
  return t;
}

/** Key columns that join two tables (used both ways round, for joins and correlated subqueries). */
export interface JoinEdge {
  readonly left: string;
  readonly leftColumn: string;
  readonly right: string;
  readonly rightColumn: string;
}

const edge = (left: string, leftColumn: string, right: string, rightColumn: string): JoinEdge => ({ left, leftColumn, right, rightColumn });

export const JOIN_EDGES: readonly JoinEdge[] = [
  edge('event', 'venueid', 'venue', 'venueid'),
  edge('event', 'catid', 'category', 'catid'),
  edge('event', 'dateid', 'date', 'dateid'),
  edge('nation', 'n_regionkey', 'region', 'r_regionkey'),
  edge('supplier', 's_nationkey', 'nation', 'n_nationkey'),
  edge('customer', 'c_nationkey', 'nation', 'n_nationkey'),
  edge('orders', 'o_custkey', 'customer', 'c_custkey'),
  edge('supplier', 's_nationkey', 'customer', 'c_nationkey'),
  // The edge table's NULL-heavy small keys meet real keys (and miss some): outer joins get both sides' NULLs.
  edge('fz_edge', 'k', 'category', 'catid'),
  edge('fz_edge', 'k', 'nation', 'n_nationkey'),
  edge('fz_edge', 'id', 'event', 'eventid'),
  edge('fz_edge', 'k', 'part', 'p_size'),
];

/** Edges touching `table`, oriented so that `left` is `table`. */
export function edgesFrom(table: string): JoinEdge[] {
  return JOIN_EDGES.flatMap((e) => {
    if (e.left === table) return [e];
    if (e.right === table) return [{ left: e.right, leftColumn: e.rightColumn, right: e.left, rightColumn: e.leftColumn }];
    return [];
  });
}

/**
 * The data the fuzzer queries, loaded identically into Slicewise and DuckDB: the four TICKIT tables,
 * six small TPC-H SF0.01 tables (their DDL and files from test/tpch), and `fz_edge`, a table of edge
 * cases (NULLs in every column, empty strings, leading/trailing blanks, negative and large values,
 * dates at month and year ends, 2008-02-29).
 */
import type { Cluster } from '../../src/index.js';
import { DuckReference } from '../helpers/duckdb.js';
import { createTickit, insertStatements } from '../helpers/tickit.js';
import { readTpchRows, tpchFile } from '../tpch/data.js';
import { duckType, literalStyles, redshiftDdl, TPCH_COLUMNS, type TpchTable } from '../tpch/schema.js';

/** The TPC-H tables the generator uses: the small ones (orders is the largest, 15,000 rows). */
export const FUZZ_TPCH_TABLES: readonly TpchTable[] = ['region', 'nation', 'supplier', 'customer', 'part', 'orders'];
const SCALE = '0.01';

const EDGE_SLICEWISE_DDL =
  'create table fz_edge (id integer not null, k smallint, i integer, n bigint, d decimal(18,4), s varchar(20), ' +
  'c char(6), dt date, ts timestamp, f double precision, b boolean) diststyle even';
// CHAR(6) is VARCHAR in DuckDB (no blank padding), so the values inserted there are trimmed.
const EDGE_DUCK_DDL =
  'create table fz_edge (id integer not null, k smallint, i integer, n bigint, d decimal(18,4), s varchar, ' +
  'c varchar, dt date, ts timestamp, f double, b boolean)';

type EdgeValue = number | string | boolean | null;
/** Rows as SQL literals' sources: numbers/booleans bare, strings quoted (dates and timestamps too). */
const EDGE_ROWS: readonly (readonly EdgeValue[])[] = [
  // id, k, i, n, d, s, c, dt, ts, f, b
  [1, 1, 0, 0, '0.0000', '', '', '2008-01-31', '2008-01-31 00:00:00', 0, true],
  [2, null, null, null, null, null, null, null, null, null, null],
  [3, 2, -1, -1, '-0.0001', ' ', ' ', '2008-02-29', '2008-02-29 23:59:59', -0.5, false],
  [4, 3, 1, 9_999_999_999_999, '9999999999999.9999', 'a ', 'a ', '2008-12-31', '2008-12-31 23:59:59', 1.25, null],
  [5, 5, -2_000_000, -9_999_999_999_999, '-9999999999999.9999', ' a', ' a', '2007-12-31', '2007-12-31 12:00:00', -1024.75, true],
  [6, 8, 2_000_000, 42, '12.5000', 'A', 'A', '2000-01-01', '2000-01-01 00:00:01', 3_000_000, false],
  [7, 12, 7, -42, '-12.5000', 'abc', 'abc', '1999-12-31', '1999-12-31 23:59:59', 0.125, true],
  [8, null, 13, null, '3.1416', 'Tennis', 'Tennis', '2008-06-30', null, null, true],
  [9, 24, null, 1_000_000, null, 'San Francisco', null, null, '2008-03-01 00:00:00', 2.5, null],
  [10, 0, -7, 7, '0.5000', "x'y", "x'y", '2008-03-31', '2008-04-30 06:30:00', -0.125, false],
  [11, 1, 100, -100, '-0.5000', 'NY', 'NY', '2008-04-30', '2008-01-01 00:00:00', 16, null],
  [12, 30, -100, 100, '100.0000', 'ny', 'ny', '2008-11-30', '2008-11-30 18:45:00', -16, true],
  [13, 4, 32_767, 2_147_483_647, '2147483647.0000', 'Shows ', 'Shows', '2008-09-30', '2008-09-30 09:00:00', 1e10, false],
  [14, 6, -32_768, -2_147_483_648, '-2147483648.0000', 'a%b_c', 'a%b', '2008-10-31', '2008-10-31 10:10:10', -1e10, true],
  [15, 10, 5, 5, '5.0000', 'BUILDING', 'BUILD', '2008-05-31', '2008-05-31 00:00:00', 5, false],
  [16, 7, null, 0, '0.0100', '  ', '  ', '2008-07-31', '2008-07-31 23:00:00', 0.5, null],
  [17, null, 0, null, '-0.0100', 'z', 'z', null, '2008-08-31 12:34:56', null, false],
  [18, 9, 21, 21, '21.2100', null, 'q', '2008-08-31', null, 21.5, true],
  [19, 11, -21, -21, null, 'Opera', 'Opera', '2009-01-01', '2009-01-01 00:00:00', -21.5, null],
  [20, 2, 2, 2, '2.0000', 'a', 'a', '2008-02-28', '2008-02-28 23:59:59', 2, true],
];

function edgeLiteral(v: EdgeValue, trimChar: boolean): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `'${(trimChar ? v.replace(/ +$/, '') : v).replaceAll("'", "''")}'`;
}

const CHAR_COLUMN = 6;

function edgeInsert(duck: boolean): string {
  const tuples = EDGE_ROWS.map((row) => `(${row.map((v, i) => edgeLiteral(v, duck && i === CHAR_COLUMN)).join(', ')})`);
  return `insert into fz_edge values ${tuples.join(', ')}`;
}

/** Create and fill every fuzz table in Slicewise. */
export async function loadSlicewise(cluster: Cluster): Promise<void> {
  await createTickit(cluster);
  for (const table of FUZZ_TPCH_TABLES) {
    await cluster.query(redshiftDdl(table));
    for (const sql of insertStatements(table, literalStyles(table), readTpchRows(SCALE, table), 1000)) await cluster.query(sql);
  }
  await cluster.query(EDGE_SLICEWISE_DDL);
  await cluster.query(edgeInsert(false));
}

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** DuckDB with the same tables (TICKIT through DuckReference, the rest added on its connection). */
export async function openReference(): Promise<DuckReference> {
  const reference = await DuckReference.open();
  // Parallel DuckDB (1.5) sometimes adds a NULL row to a FULL JOIN under UNION ALL (differences.ts): one thread.
  await reference.query('set threads = 1');
  // Its Top-N (ORDER BY ... LIMIT) sometimes returns spurious NULL rows over a UNION ALL with an outer join (differences.ts).
  await reference.query("set disabled_optimizers = 'top_n'");
  for (const table of FUZZ_TPCH_TABLES) {
    const columns = TPCH_COLUMNS[table];
    await reference.query(`create table ${table} (${columns.map((c) => `${c.name} ${duckType(c)}`).join(', ')})`);
    // dbgen ends every line with '|': one more (always empty) column, left out.
    const fileColumns = [...columns.map((c) => [c.name, duckType(c)] as const), ['trailing_empty', 'VARCHAR'] as const];
    const types = `{${fileColumns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
    await reference.query(
      `insert into ${table} select ${columns.map((c) => c.name).join(', ')} from read_csv(${sqlString(tpchFile(SCALE, table))}, ` +
        `delim = '|', header = false, quote = '', escape = '', columns = ${types})`,
    );
  }
  await reference.query(EDGE_DUCK_DDL);
  await reference.query(edgeInsert(true));
  return reference;
}

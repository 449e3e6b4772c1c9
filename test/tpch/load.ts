/**
 * Loading a TPC-H scale factor into Slicewise through plain SQL: CREATE TABLE with the Redshift
 * keys, then multi-row INSERT ... VALUES (there is no COPY yet). Times each table, so the tests and
 * the benchmark can report what loading costs.
 */
import { insertStatements, type SqlRunner } from '../helpers/tickit.js';
import path from 'node:path';
import { readTpchRows, TPCH_DATA_ROOT, type ScaleFactor } from './data.js';
import { literalStyles, redshiftDdl, TPCH_TABLES, type TpchTable } from './schema.js';

/** Rows per INSERT statement: large enough to amortize parsing and dispatch, small enough to stay cheap to parse. */
export const ROWS_PER_INSERT = 1000;

export interface TableLoadTime {
  readonly table: TpchTable;
  readonly rows: number;
  /** Reading and splitting the gzipped file. */
  readonly readMs: number;
  /** Building and running the INSERT statements. */
  readonly insertMs: number;
}

export interface LoadReport {
  readonly tables: readonly TableLoadTime[];
  readonly totalMs: number;
}

/** Create the eight tables in `db` and insert `sf`'s rows. */
export async function loadTpch(db: SqlRunner, sf: ScaleFactor): Promise<LoadReport> {
  const start = performance.now();
  const tables: TableLoadTime[] = [];
  for (const table of TPCH_TABLES) {
    await db.query(redshiftDdl(table));
    const readStart = performance.now();
    const rows = readTpchRows(sf, table);
    const insertStart = performance.now();
    for (const sql of insertStatements(table, literalStyles(table), rows, ROWS_PER_INSERT)) await db.query(sql);
    tables.push({ table, rows: rows.length, readMs: insertStart - readStart, insertMs: performance.now() - insertStart });
  }
  return { tables, totalMs: performance.now() - start };
}

/**
 * The shared data directory as an S3 root: `s3://tpch/sf0.01/lineitem.tbl.gz` is
 * `../shared/data/tpch/sf0.01/lineitem.tbl.gz`. Start the cluster with `{ s3Root: TPCH_S3_ROOT }`.
 */
export const TPCH_S3_ROOT = path.dirname(TPCH_DATA_ROOT);

/**
 * Create the eight tables and load `sf` with COPY straight from dbgen's gzipped files (the trailing
 * `|` of every line is a permitted final delimiter), as a Redshift user would. Each table arrives
 * sorted by its sort key.
 */
export async function copyTpch(db: SqlRunner, sf: ScaleFactor): Promise<LoadReport> {
  const start = performance.now();
  const tables: TableLoadTime[] = [];
  for (const table of TPCH_TABLES) {
    await db.query(redshiftDdl(table));
    const copyStart = performance.now();
    const r = (await db.query(`copy ${table} from 's3://tpch/sf${sf}/${table}.tbl.gz' iam_role default gzip`)) as { rowCount: number };
    tables.push({ table, rows: r.rowCount, readMs: 0, insertMs: performance.now() - copyStart });
  }
  return { tables, totalMs: performance.now() - start };
}

/** One line per table plus the total, e.g. for a test's console output. */
export function formatLoadReport(sf: ScaleFactor, report: LoadReport): string {
  const lines = report.tables.map(
    (t) => `  ${t.table.padEnd(9)} ${String(t.rows).padStart(8)} rows  read ${t.readMs.toFixed(0)} ms  insert ${t.insertMs.toFixed(0)} ms`,
  );
  return [`TPC-H SF${sf} loaded into Slicewise in ${(report.totalMs / 1000).toFixed(2)} s`, ...lines].join('\n');
}

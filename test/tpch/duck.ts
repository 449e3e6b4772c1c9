/**
 * DuckDB holding the TPC-H tables, as the reference answers for the tests and the rival in the
 * benchmark. Loaded straight from the gzipped `.tbl` files with read_csv; results come back as
 * canonical rows (test/helpers/compare.ts).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { canonRefValue } from '../helpers/compare.js';
import { columnKind, type ReferenceResult } from '../helpers/duckdb.js';
import { tpchFile, type ScaleFactor } from './data.js';
import { duckType, TPCH_COLUMNS, TPCH_TABLES, type TpchTable } from './schema.js';

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** An in-memory DuckDB with the eight TPC-H tables of one scale factor. */
export class TpchDuck {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Open and load; `threads` limits DuckDB's parallelism (the benchmark matches Slicewise's cores). */
  static async open(sf: ScaleFactor, options: { threads?: number } = {}): Promise<TpchDuck> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const duck = new TpchDuck(instance, connection);
    if (options.threads !== undefined) await connection.run(`set threads = ${options.threads}`);
    for (const table of TPCH_TABLES) await duck.loadTable(sf, table);
    return duck;
  }

  private async loadTable(sf: ScaleFactor, table: TpchTable): Promise<void> {
    const columns = TPCH_COLUMNS[table];
    await this.connection.run(`create table ${table} (${columns.map((c) => `${c.name} ${duckType(c)}`).join(', ')})`);
    // dbgen ends every line with '|': read it as one more (always empty) column and leave it out.
    const fileColumns = [...columns.map((c) => [c.name, duckType(c)] as const), ['trailing_empty', 'VARCHAR'] as const];
    const columnTypes = `{${fileColumns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
    await this.connection.run(
      `insert into ${table} select ${columns.map((c) => c.name).join(', ')} from read_csv(${sqlString(tpchFile(sf, table))}, ` +
        `delim = '|', header = false, quote = '', escape = '', columns = ${columnTypes})`,
    );
  }

  /** Run `sql`; rows canonicalized by DuckDB's column types. */
  async query(sql: string): Promise<ReferenceResult> {
    const reader = await this.connection.runAndReadAll(sql);
    const kinds = reader.columnTypes().map(columnKind);
    const rows = reader.getRows().map((row) => row.map((v, i) => canonRefValue(v, kinds[i] ?? 'text')));
    return { columns: reader.columnNames(), rows };
  }

  /** Run `sql` and only wait for all rows (the benchmark's timed call, without canonicalization). */
  async run(sql: string): Promise<number> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.currentRowCount;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

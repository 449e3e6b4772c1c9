/**
 * DuckDB as the reference engine for differential tests: the same four TICKIT tables, loaded from
 * the same fixture files, queried in-process; results come back as canonical rows (compare.ts).
 *
 * DDL translation: distkey/sortkey dropped; CHAR(n) becomes VARCHAR (DuckDB does not blank-pad
 * CHAR; Slicewise's padded CHAR values are trimmed by compare.ts instead); the rest keeps its type.
 */
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { canonRefValue, type CanonRow, type RefColumnKind } from './compare.js';
import { TICKIT_TABLES, tickitFile, type TickitTable } from './tickit.js';

/** Column name and DuckDB type of each TICKIT table, in table order. */
const DUCK_COLUMNS: Readonly<Record<TickitTable, readonly (readonly [string, string])[]>> = {
  category: [
    ['catid', 'SMALLINT'],
    ['catgroup', 'VARCHAR'],
    ['catname', 'VARCHAR'],
    ['catdesc', 'VARCHAR'],
  ],
  date: [
    ['dateid', 'SMALLINT'],
    ['caldate', 'DATE'],
    ['day', 'VARCHAR'],
    ['week', 'SMALLINT'],
    ['month', 'VARCHAR'],
    ['qtr', 'VARCHAR'],
    ['year', 'SMALLINT'],
    ['holiday', 'BOOLEAN'],
  ],
  event: [
    ['eventid', 'INTEGER'],
    ['venueid', 'SMALLINT'],
    ['catid', 'SMALLINT'],
    ['dateid', 'SMALLINT'],
    ['eventname', 'VARCHAR'],
    ['starttime', 'TIMESTAMP'],
  ],
  venue: [
    ['venueid', 'SMALLINT'],
    ['venuename', 'VARCHAR'],
    ['venuecity', 'VARCHAR'],
    ['venuestate', 'VARCHAR'],
    ['venueseats', 'INTEGER'],
  ],
};

function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function columnKind(type: DuckDBType): RefColumnKind {
  switch (type.typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
      return 'integer';
    case DuckDBTypeId.DECIMAL:
      return 'decimal';
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return 'float';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return 'timestamp';
    default:
      return 'text';
  }
}

export interface ReferenceResult {
  readonly columns: readonly string[];
  readonly rows: readonly CanonRow[];
}

/** An in-memory DuckDB holding the TICKIT tables. */
export class DuckReference {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(tables: readonly TickitTable[] = TICKIT_TABLES): Promise<DuckReference> {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const ref = new DuckReference(instance, connection);
    for (const table of tables) await ref.loadTable(table);
    return ref;
  }

  private async loadTable(table: TickitTable): Promise<void> {
    const columns = DUCK_COLUMNS[table];
    await this.connection.run(`create table ${table} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`);
    // quote/escape off: the fixtures are plain pipe-delimited text (names contain apostrophes).
    const columnTypes = `{${columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
    await this.connection.run(
      `insert into ${table} select * from read_csv(${sqlString(tickitFile(table))}, delim = '|', ` +
        `nullstr = '\\N', header = false, quote = '', escape = '', columns = ${columnTypes})`,
    );
  }

  /** Run `sql` and return its rows canonicalized by DuckDB's column types. */
  async query(sql: string): Promise<ReferenceResult> {
    const reader = await this.connection.runAndReadAll(sql);
    const kinds = reader.columnTypes().map(columnKind);
    const rows = reader.getRows().map((row) => row.map((v, i) => canonRefValue(v, kinds[i] ?? 'text')));
    return { columns: reader.columnNames(), rows };
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

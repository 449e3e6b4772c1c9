/**
 * The TICKIT sample tables (category, date, event, venue) for tests: the Redshift Getting Started
 * DDL, a reader for the pipe-delimited fixtures, and a loader that goes through plain SQL
 * (multi-row INSERT ... VALUES) so it works before COPY exists.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type TickitTable = 'category' | 'date' | 'event' | 'venue';

export const TICKIT_TABLES: readonly TickitTable[] = ['category', 'date', 'event', 'venue'];

/** Getting Started Guide DDL (reference §8.1), verbatim. */
export const CATEGORY_DDL =
  'create table category(catid smallint not null distkey sortkey, catgroup varchar(10), catname varchar(10), ' +
  'catdesc varchar(50))';
export const DATE_DDL =
  'create table date(dateid smallint not null distkey sortkey, caldate date not null, day character(3) not null, ' +
  'week smallint not null, month character(5) not null, qtr character(5) not null, year smallint not null, ' +
  "holiday boolean default('N'))";
export const EVENT_DDL =
  'create table event(eventid integer not null distkey, venueid smallint not null, catid smallint not null, ' +
  'dateid smallint not null sortkey, eventname varchar(200), starttime timestamp)';
export const VENUE_DDL =
  'create table venue(venueid smallint not null distkey sortkey, venuename varchar(100), venuecity varchar(30), ' +
  'venuestate char(2), venueseats integer)';

export const TICKIT_DDL: Readonly<Record<TickitTable, string>> = {
  category: CATEGORY_DDL,
  date: DATE_DDL,
  event: EVENT_DDL,
  venue: VENUE_DDL,
};

export const TICKIT_ROW_COUNTS: Readonly<Record<TickitTable, number>> = {
  category: 11,
  date: 365,
  event: 8798,
  venue: 202,
};

const FIXTURE_FILES: Readonly<Record<TickitTable, string>> = {
  category: 'category.txt',
  date: 'date.txt',
  event: 'events.txt',
  venue: 'venue.txt',
};

/** How each column is written as a SQL literal: numbers and booleans bare, everything else quoted. */
type LiteralStyle = 'bare' | 'quoted';
const COLUMN_STYLES: Readonly<Record<TickitTable, readonly LiteralStyle[]>> = {
  category: ['bare', 'quoted', 'quoted', 'quoted'],
  date: ['bare', 'quoted', 'quoted', 'bare', 'quoted', 'quoted', 'bare', 'bare'],
  event: ['bare', 'bare', 'bare', 'bare', 'quoted', 'quoted'],
  venue: ['bare', 'quoted', 'quoted', 'quoted', 'bare'],
};

/** Absolute path of a table's fixture file. */
export function tickitFile(table: TickitTable): string {
  return fileURLToPath(new URL(`../../fixtures/tickit/${FIXTURE_FILES[table]}`, import.meta.url));
}

/** A table's fixture rows: fields split on `|`, `\N` read as null. */
export function readTickitRows(table: TickitTable): (string | null)[][] {
  const text = readFileSync(tickitFile(table), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('|').map((field) => (field === '\\N' ? null : field)));
}

function literal(value: string | null, style: LiteralStyle): string {
  if (value === null) return 'NULL';
  if (style === 'bare') return value;
  return `'${value.replaceAll("'", "''")}'`;
}

/** Multi-row INSERT statements for `rows`, `chunkSize` rows each. */
export function insertStatements(
  tableName: string,
  styles: readonly LiteralStyle[],
  rows: readonly (readonly (string | null)[])[],
  chunkSize = 500,
): string[] {
  const statements: string[] = [];
  for (let start = 0; start < rows.length; start += chunkSize) {
    const tuples = rows
      .slice(start, start + chunkSize)
      .map((row) => `(${row.map((v, i) => literal(v, styles[i] ?? 'quoted')).join(', ')})`);
    statements.push(`insert into ${tableName} values ${tuples.join(', ')}`);
  }
  return statements;
}

/** Anything that runs SQL: a Cluster or a Session. */
export interface SqlRunner {
  query(sql: string): Promise<unknown>;
}

/** How a table is distributed when the test wants something other than the Getting Started DDL. */
export type Distribution = 'auto' | 'even' | 'all' | { readonly key: string };

/**
 * The DDL of a TICKIT table, optionally under another name and with another distribution style
 * (the column-level `distkey` is removed and a table-level clause appended).
 */
export function tickitDdl(table: TickitTable, options: { name?: string; distribution?: Distribution } = {}): string {
  let ddl = TICKIT_DDL[table];
  if (options.name !== undefined) ddl = ddl.replace(`create table ${table}(`, `create table ${options.name}(`);
  const dist = options.distribution;
  if (dist === undefined) return ddl;
  ddl = ddl.replace(' distkey', '');
  const clause = typeof dist === 'string' ? `diststyle ${dist}` : `distkey(${dist.key})`;
  return `${ddl} ${clause}`;
}

/** Insert a TICKIT table's fixture rows into `tableName` (default: the table's own name). */
export async function loadTickitTable(db: SqlRunner, table: TickitTable, tableName: string = table): Promise<void> {
  for (const sql of insertStatements(tableName, COLUMN_STYLES[table], readTickitRows(table))) {
    await db.query(sql);
  }
}

/** Create and load category, date, event and venue. */
export async function createTickit(
  db: SqlRunner,
  options: { diststyles?: Partial<Record<TickitTable, Distribution>> } = {},
): Promise<void> {
  for (const table of TICKIT_TABLES) {
    await db.query(tickitDdl(table, { distribution: options.diststyles?.[table] }));
    await loadTickitTable(db, table);
  }
}

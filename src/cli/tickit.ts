/**
 * `\tickit`: the Redshift Getting Started sample in one command — the guide's CREATE TABLE
 * statements for category, date, event and venue, then its COPY statements (bucket name changed)
 * from the sample bucket shipped in fixtures/s3. Each statement is echoed before it runs, so a
 * newcomer sees exactly what loaded the data.
 */
import type { Shell } from './shell.js';

const TABLES = ['category', 'date', 'event', 'venue'] as const;

/** The Getting Started Guide's DDL, verbatim. */
const DDL: readonly string[] = [
  'create table category(catid smallint not null distkey sortkey, catgroup varchar(10), catname varchar(10), catdesc varchar(50));',
  'create table date(dateid smallint not null distkey sortkey, caldate date not null, day character(3) not null, week smallint not null, month character(5) not null, qtr character(5) not null, year smallint not null, holiday boolean default(\'N\'));',
  'create table event(eventid integer not null distkey, venueid smallint not null, catid smallint not null, dateid smallint not null sortkey, eventname varchar(200), starttime timestamp);',
  'create table venue(venueid smallint not null distkey sortkey, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer);',
];

/** The guide's COPY statements against the sample bucket (fixtures/s3/README.md). */
const COPY: readonly string[] = [
  "copy category from 's3://slicewise-sample/tickit/category_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
  "copy date from 's3://slicewise-sample/tickit/date2008_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
  "copy event from 's3://slicewise-sample/tickit/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS' region 'us-east-1';",
  "copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
];

const TRY_NEXT = 'select catgroup, catname, count(*) as events from event e join category c on c.catid = e.catid group by 1, 2 order by 3 desc limit 5;';

/** The TICKIT tables that already exist in the current schema (where CREATE TABLE would put them). */
async function existingTables(shell: Shell): Promise<string[] | undefined> {
  const sql = `select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
where n.nspname = current_schema() and c.relkind = 'r' and c.relname in (${TABLES.map((t) => `'${t}'`).join(', ')}) order by 1`;
  try {
    return (await shell.connection.query(sql)).rows.map((r) => r[0] ?? '');
  } catch {
    return undefined;
  }
}

export async function loadTickit(shell: Shell): Promise<void> {
  const existing = await existingTables(shell);
  if (existing === undefined) {
    shell.warn('\\tickit: cannot read the catalog (is a transaction block failed? ROLLBACK first)');
    return;
  }
  if (existing.length > 0) {
    shell.warn(`\\tickit: ${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'}; to load the sample afresh, first run:\n    drop table ${existing.join(', ')};`);
    return;
  }
  for (const sql of [...DDL, ...COPY]) {
    shell.message(sql);
    if (!(await shell.execute(sql))) return;
  }
  shell.message(`\nThe TICKIT sample is loaded (${TABLES.join(', ')}). Try:\n    ${TRY_NEXT}\n    \\d+ event`);
}

/**
 * psql 15 (Debian's postgresql-client, /usr/bin/psql) against the wire server, end to end: DDL with
 * DISTKEY/SORTKEY, COPY from the sample bucket, queries, `\d table`, `\d+ view`, `\dt`, `\dn`, `\d`
 * with a temp table, and an error with its position as psql draws it. psql sees server version
 * 8.0.2 and sends its catalog queries for old servers (test/catalog/psql-*.test.ts checks them one
 * by one). Skipped, saying why, only where psql is not installed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';

const PSQL = '/usr/bin/psql';
const HAVE_PSQL = existsSync(PSQL);
const S3_ROOT = fileURLToPath(new URL('../../fixtures/s3', import.meta.url));

const EVENT_DDL =
  'create table event(eventid integer not null distkey, venueid smallint not null, catid smallint not null, ' +
  'dateid smallint not null sortkey, eventname varchar(200), starttime timestamp)';
const EVENT_COPY =
  "copy event from 's3://slicewise-sample/tickit/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS' region 'us-east-1'";

let cluster: Cluster;
let server: RunningServer;

interface PsqlRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** psql with no psqlrc, no pager, English messages; `args` add -c / -f / -v. */
function psql(...args: string[]): Promise<PsqlRun> {
  const base = ['-X', '-P', 'pager=off', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'awsuser', '-d', 'dev'];
  return new Promise((resolve) => {
    execFile(PSQL, [...base, ...args], { env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Several statements and meta-commands in one session, stopping at the first error. */
function psqlScript(...lines: string[]): Promise<PsqlRun> {
  return psql('-v', 'ON_ERROR_STOP=1', ...lines.flatMap((l) => ['-c', l]));
}

const title = HAVE_PSQL ? 'psql end to end' : `psql end to end — skipped: ${PSQL} is not installed (apt-get install postgresql-client)`;

describe.skipIf(!HAVE_PSQL)(title, () => {
  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2, s3Root: S3_ROOT });
    server = await startServer({ cluster, host: '127.0.0.1', port: 0, auth: { method: 'trust' } });
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.close();
  });

  it('creates a table with DISTKEY and SORTKEY, loads it with COPY and queries it', async () => {
    const run = await psqlScript(EVENT_DDL, EVENT_COPY, 'select count(*) from event', 'select eventname, starttime from event where eventid = 1000');
    expect(run.stderr).toContain("INFO:  Load into table 'event' completed, 8798 record(s) loaded successfully.");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'CREATE TABLE',
        'COPY 8798',
        ' count ',
        '-------',
        '  8798',
        '(1 row)',
        '',
        ' eventname |      starttime      ',
        '-----------+---------------------',
        ' Gypsy     | 2008-04-27 14:00:00',
        '(1 row)',
        '',
        '',
      ].join('\n'),
    );
  });

  it('\\d table shows the columns, types and NOT NULL as PostgreSQL\'s psql does', async () => {
    const run = await psql('-c', '\\d event');
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        '                           Table "public.event"',
        '  Column   |            Type             | Collation | Nullable | Default ',
        '-----------+-----------------------------+-----------+----------+---------',
        ' eventid   | integer                     |           | not null | ',
        ' venueid   | smallint                    |           | not null | ',
        ' catid     | smallint                    |           | not null | ',
        ' dateid    | smallint                    |           | not null | ',
        ' eventname | character varying(200)      |           |          | ',
        ' starttime | timestamp without time zone |           |          | ',
        '',
        '',
      ].join('\n'),
    );
  });

  it('\\d+ shows column comments and a view\'s definition', async () => {
    const setup = await psqlScript("comment on column event.eventname is 'what is on'", 'create view event_names as select eventid, eventname from event');
    expect(setup.code).toBe(0);
    const table = await psql('-c', '\\d+ event');
    expect(table.stdout).toMatch(/^ eventname \| character varying\(200\)\s+\|\s+\|\s+\|\s+\| extended \|\s+\| what is on\s*$/m);
    const view = await psql('-c', '\\d+ event_names');
    expect(view.stderr).toBe('');
    expect(view.stdout).toContain('View "public.event_names"');
    // The view's text as written (PostgreSQL would deparse it; Slicewise keeps the CREATE VIEW text).
    expect(view.stdout).toContain('View definition:\nselect eventid, eventname from event\n');
  });

  it('\\dt, \\dn and \\d list tables, schemas and the session\'s temp table', async () => {
    await psql('-c', 'create schema reporting');
    const run = await psqlScript('create temp table scratch (k integer)', '\\dt', '\\dn', '\\d');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/List of relations\n\s*schema\s*\|\s*name\s*\|\s*type\s*\|\s*owner\s*\n[-+]+\n pg_temp_\d+ \| scratch \| table \| awsuser\n public\s+\| event\s+\| table \| awsuser\n\(2 rows\)/);
    expect(run.stdout).toMatch(/List of schemas\n\s+name\s+\|\s+owner\s*\n[-+]+\n public\s+\| rdsdb\n reporting \| awsuser\n\(2 rows\)/);
    expect(run.stdout).toMatch(/ public\s+\| event_names \| view\s+\| awsuser/);
  });

  it('reports an error with its LINE and caret', async () => {
    /** psql's error report: the message, the line, a caret under the error's position. */
    const report = (message: string, sql: string, at: string): string =>
      [`ERROR:  ${message}`, `LINE 1: ${sql}`, `${' '.repeat('LINE 1: '.length + sql.lastIndexOf(at))}^`, ''].join('\n');
    const unknown = 'select eventid from event order by nosuch';
    const run = await psql('-c', unknown);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(report('column "nosuch" does not exist', unknown, 'nosuch'));
    const typo = 'select eventid frm event';
    expect((await psql('-c', typo)).stderr).toBe(report('syntax error at or near "event"', typo, 'event'));
  });

  it('says when a relation is not there', async () => {
    const run = await psql('-c', '\\d nosuch');
    expect(run.stderr).toBe('Did not find any relation named "nosuch".\n');
  });
});

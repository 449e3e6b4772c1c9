/**
 * The `slicewise` CLI without a terminal: piped input (no prompts, no colour, no progress bars),
 * -c and -f, and the same REPL connected to `slicewise serve`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { requireBuild, runCli, startServe } from './run-cli.js';

beforeAll(requireBuild);

describe('piped input', { timeout: 60_000 }, () => {
  test('prints just the table', async () => {
    const r = await runCli([], 'select 1;\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
    expect(r.status).toBe(0);
  });

  test('statements spanning lines, command tags, several per line, an unterminated last one', async () => {
    const r = await runCli([], 'create table t (a integer);\ninsert into t values (1),\n(2); select a from t\norder by a;\nselect count(*) from t');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('CREATE TABLE\nINSERT 0 2\n a \n---\n 1\n 2\n(2 rows)\n\n count \n-------\n     2\n(1 row)\n\n');
  });

  test('errors go to stderr with the caret and do not stop the input; exit status 0 as psql', async () => {
    const r = await runCli([], 'select * form venue;\nselect 2;\n');
    expect(r.stderr).toBe('ERROR:  syntax error at or near "form"\nLINE 1: select * form venue;\n                 ^\n');
    expect(r.stdout).toContain('        2\n(1 row)');
    expect(r.status).toBe(0);
  });

  test('\\tickit loads the Getting Started sample with plain output: no bars, no colour', async () => {
    const r = await runCli([], '\\tickit\n\\d+ venue\nselect count(*) from event;\n');
    expect(r.stdout).toContain("copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|' region 'us-east-1';\nCOPY 202\n");
    expect(r.stdout).toContain('The TICKIT sample is loaded');
    expect(r.stdout).toContain('  8798\n(1 row)');
    expect(r.stderr).toBe(
      [
        "INFO:  Load into table 'category' completed, 11 record(s) loaded successfully.",
        "INFO:  Load into table 'date' completed, 365 record(s) loaded successfully.",
        "INFO:  Load into table 'event' completed, 8798 record(s) loaded successfully.",
        "INFO:  Load into table 'venue' completed, 202 record(s) loaded successfully.",
        '',
      ].join('\n'),
    );
    expect(r.stdout).not.toMatch(/\x1b|slice 0 \(node 0\) \[/);
    // \d+ venue: columns, types, encodings, distkey, sortkey, and how the rows spread.
    expect(r.stdout).toContain(
      [
        '                                         Table "public.venue"',
        '   Column   |          Type          | Encoding | Distkey | Sortkey | Nullable | Default | Description ',
        '------------+------------------------+----------+---------+---------+----------+---------+-------------',
        ' venueid    | smallint               | none     | t       |       1 | not null |         | ',
        ' venuename  | character varying(100) | lzo      | f       |       0 |          |         | ',
      ].join('\n'),
    );
    expect(r.stdout).toMatch(/Diststyle: KEY\(venueid\)\nSortkey: COMPOUND\(venueid\)\nRows per slice \(202 in all\):\n( {4}slice \d \(node \d\): +\d+\n){4}/);
  });

  test('\\tickit refuses to load over existing tables', async () => {
    const r = await runCli([], 'create table venue (a int);\n\\tickit\n');
    expect(r.stderr).toBe('\\tickit: venue already exists; to load the sample afresh, first run:\n    drop table venue;\n');
  });

  test('\\d, \\dt, \\dn and \\d on views, schemas and patterns', async () => {
    const r = await runCli(
      [],
      [
        'create schema s2;',
        'create table s2.t (a int) diststyle all;',
        'create table u (x varchar(10) default \'d\', y int not null) diststyle even interleaved sortkey (x, y);',
        'create view v as select y from u;',
        '\\d',
        '\\dt s2.*',
        '\\dn',
        '\\d u',
        '\\d+ v',
        '\\d+ s2.t',
        '\\d nosuch',
      ].join('\n'),
    );
    expect(r.stdout).toContain(' public | u    | table | awsuser\n public | v    | view  | awsuser\n(2 rows)');
    expect(r.stdout).toContain(' s2     | t    | table | awsuser\n(1 row)');
    expect(r.stdout).toContain(' public | rdsdb\n s2     | awsuser\n(2 rows)');
    expect(r.stdout).toContain(" x      | character varying(10) |          | 'd'");
    expect(r.stdout).toContain('Diststyle: EVEN\nSortkey: INTERLEAVED(x, y)\n');
    expect(r.stdout).toContain('View definition:\n select y from u\n');
    expect(r.stdout).toMatch(/Diststyle: ALL\nSortkey: none\nRows per slice \(a full copy of 0 rows on the first slice of each node\):/);
    expect(r.stderr).toBe('Did not find any relation named "nosuch".\n');
  });

  test('\\pset format and \\x change what follows', async () => {
    const r = await runCli([], "\\pset format csv\nselect 1 as a, 'x,y' as b;\n\\pset format json\nselect 1 as a, true as b;\n\\pset format aligned\n\\x\nselect 1 as a;\n");
    expect(r.stdout).toBe('Output format is csv.\na,b\n1,"x,y"\nOutput format is json.\n[\n{"a":1,"b":true}\n]\nOutput format is aligned.\nExpanded display is on.\n-[ RECORD 1 ]\na | 1\n\n');
  });
});

describe('-c and -f', { timeout: 60_000 }, () => {
  test('-c runs and exits; an error is printed with a caret and exit status 1', async () => {
    const ok = await runCli(['--nodes', '3', '--slices-per-node', '1', '-c', 'select count(*) from stv_slices']);
    expect(ok.stdout).toBe(' count \n-------\n     3\n(1 row)\n\n');
    expect(ok.status).toBe(0);

    const bad = await runCli(['-c', 'select * form venue']);
    expect(bad.stderr).toBe('ERROR:  syntax error at or near "form"\nLINE 1: select * form venue\n                 ^\n');
    expect(bad.status).toBe(1);
  });

  test('-c with a meta-command; -c and -f run in order; script errors name file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slicewise-cli-'));
    const file = join(dir, 'setup.sql');
    writeFileSync(file, 'create table f (n int);\ninsert into f values (1);\n\nselect nosuch\n  from f;\n');
    const r = await runCli(['-f', file, '-c', '\\dt', '-c', 'select n from f']);
    expect(r.stdout).toBe(
      'CREATE TABLE\nINSERT 0 1\n        List of relations\n Schema | Name | Type  |  Owner  \n--------+------+-------+---------\n public | f    | table | awsuser\n(1 row)\n\n n \n---\n 1\n(1 row)\n\n',
    );
    expect(r.stderr).toBe(`slicewise:${file}:5: ERROR:  column "nosuch" does not exist\nLINE 1: select nosuch\n               ^\n`);
    expect(r.status).toBe(0);
  });

  test('\\q quits before later input', async () => {
    const r = await runCli([], 'select 1;\n\\q\nselect 2;\n');
    expect(r.stdout).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
  });

  test('bad arguments and --help', async () => {
    const r = await runCli(['--nodes', 'zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--nodes needs a positive integer');
    const help = await runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: slicewise/);
  });
});

describe('connected to slicewise serve', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    server = await startServe();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('the same output as embedded: tables, tags, notices, errors with the caret, \\d+', async () => {
    const input = [
      "create table venue(venueid smallint not null distkey sortkey, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer);",
      "copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|' region 'us-east-1';",
      'select venueid, venuename from venue order by 1 limit 2;',
      'select * form venue;',
      '\\d+ venue',
      'drop table venue;',
    ].join('\n');
    const remote = await runCli(['-h', '127.0.0.1', '-p', String(server.port)], input);
    const embedded = await runCli([], input);
    expect(remote.stdout).toContain('CREATE TABLE\nCOPY 202\n venueid |       venuename       \n---------+-----------------------\n       1 | Toyota Park\n');
    expect(remote.stdout).toContain('Rows per slice (202 in all):');
    expect(remote.stdout).toBe(embedded.stdout);
    expect(remote.stderr).toBe(
      "INFO:  Load into table 'venue' completed, 202 record(s) loaded successfully.\nERROR:  syntax error at or near \"form\"\nLINE 1: select * form venue;\n                 ^\n",
    );
    expect(remote.stderr).toBe(embedded.stderr);
  });

  test('a server that is not there: psql-like message, exit status 2', async () => {
    const r = await runCli(['-h', '127.0.0.1', '-p', '1', '-c', 'select 1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^slicewise: connection to server at "127.0.0.1", port 1 failed: /);
  });
});

describe('connected to a server that asks for a password', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    server = await startServe({ SLICEWISE_PASSWORD: 'secret' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('PGPASSWORD or --password; a wrong or missing one fails with exit status 2', async () => {
    const args = ['-p', String(server.port)];
    const ok = await runCli(args, 'select current_user;\n', { PGPASSWORD: 'secret' });
    expect(ok.stdout).toBe(' current_user \n--------------\n awsuser\n(1 row)\n\n');
    expect((await runCli([...args, '--password', 'secret', '-c', 'select 1'])).status).toBe(0);

    const wrong = await runCli(args, 'select 1;\n', { PGPASSWORD: 'wrong' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(`slicewise: connection to server at "127.0.0.1", port ${server.port} failed: password authentication failed for user "awsuser"\n`);

    // Not on a terminal, nobody can be asked: libpq's words.
    const missing = await runCli(args, 'select 1;\n', { PGPASSWORD: undefined });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`slicewise: connection to server at "127.0.0.1", port ${server.port} failed: no password supplied\n`);
  });
});

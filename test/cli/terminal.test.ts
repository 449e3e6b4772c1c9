/**
 * The REPL on a real pseudo-terminal (util-linux `script`), typed into like a person would:
 * prompts, multi-line statements, \d+, \timing, Ctrl-C cancelling a long query (embedded and over
 * a server connection), Ctrl-C and Ctrl-D at the prompt, tab completion, history, COPY progress bars.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { requireBuild, SCRIPT, startServe, Terminal } from './run-cli.js';

const hasScript = existsSync(SCRIPT);
if (!hasScript) console.warn(`${SCRIPT} (util-linux) is missing: the pseudo-terminal tests are skipped`);

/** 1000 rows, and a query over them that would run for hours (10^12 joined rows). */
const SETUP_NUMS = [
  'create table nums (n int) diststyle even;',
  'insert into nums values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9);',
  'insert into nums select a.n + 10 * b.n + 100 * c.n from nums a, nums b, nums c where a.n + 10 * b.n + 100 * c.n >= 10;',
];
const LONG_QUERY = 'select count(*) from nums a, nums b, nums c, nums d where a.n + b.n + c.n + d.n = -1;';

let history: string;
const open: Terminal[] = [];

function terminal(args: string[] = [], env: NodeJS.ProcessEnv = {}): Terminal {
  const t = new Terminal(args, { SLICEWISE_HISTORY: history, ...env });
  open.push(t);
  return t;
}

beforeAll(() => {
  requireBuild();
  history = join(mkdtempSync(join(tmpdir(), 'slicewise-history-')), 'history');
});
afterEach(() => {
  for (const t of open.splice(0)) t.kill();
});

describe.skipIf(!hasScript)('the REPL on a terminal', { timeout: 60_000 }, () => {
  test('welcome, multi-line statements with continuation prompts, \\d+, \\timing, Ctrl-D', async () => {
    const t = terminal();
    await t.waitFor(/dev=# $/);
    expect(t.text).toMatch(/^slicewise: embedded cluster, 2 nodes x 2 slices, database "dev" as "awsuser"\.\ns3:\/\/ is .*fixtures\/s3; \\tickit creates and loads the Getting Started sample tables\.\nType \\\? for help, \\q to quit\.\n\ndev=# $/);

    expect(await t.line('create table venue (venueid smallint distkey sortkey,', /dev-# $/)).toMatch(/^create table venue/);
    await t.line('  venuename varchar(100));');
    expect(await t.line("select 'multi", /dev'# $/)).not.toContain('ERROR');
    const result = await t.line("line' as s,\r  1 as n;");
    expect(result).toContain("   s   | n \n-------+---\n multi+| 1\n line  | \n(1 row)\n");

    await t.line("insert into venue values (1, 'Toyota Park'), (2, 'Columbus Crew Stadium'), (3, 'RFK Stadium');");
    const described = await t.line('\\d+ venue');
    expect(described).toContain('Table "public.venue"');
    expect(described).toContain(' venueid   | smallint               | none     | t       |       1 |          |         | ');
    expect(described).toContain('Diststyle: KEY(venueid)\nSortkey: COMPOUND(venueid)\nRows per slice (3 in all):\n');

    expect(await t.line('\\timing')).toContain('Timing is on.');
    expect(await t.line('select count(*) from venue;')).toMatch(/ count \n-------\n {5}3\n\(1 row\)\n\nTime: \d+\.\d{3} ms\n/);

    // The prompt shows the transaction state as psql's %x does: * in a block, ! in a failed one.
    await t.line('begin;', /dev=\*# $/);
    await t.line('select nope from venue;', /dev=!# $/);
    await t.line('rollback;', /dev=# $/);

    t.type('\x04');
    expect(await t.exit()).toBe(0);
    expect(t.text).toMatch(/dev=# \\q\n$/);
  });

  test('Ctrl-C cancels a running query; the REPL prompts again and still works', async () => {
    const t = terminal();
    await t.waitFor(/dev=# $/);
    for (const sql of SETUP_NUMS) await t.line(sql);
    const from = t.text.length;
    t.type(`${LONG_QUERY}\r`);
    await new Promise((r) => setTimeout(r, 800));
    expect(t.text.slice(from)).not.toMatch(/dev=# $/);
    t.type('\x03');
    await t.waitFor(/\nCancel request sent\nERROR: {2}Query \(\d+\) cancelled on user's request\ndev=# $/, from, 5000);
    expect(await t.line('select count(*) from nums;')).toContain('  1000\n(1 row)');
    // Colour on a terminal: the severity in bold red.
    expect(t.raw).toMatch(/\x1b\[1m\x1b\[31mERROR:\x1b\[39m\x1b\[22m {2}Query/);
  });

  test('Ctrl-C at the prompt drops the line and the statement typed so far', async () => {
    const t = terminal();
    await t.waitFor(/dev=# $/);
    await t.line('select', /dev-# $/);
    let from = t.text.length;
    t.type("'half typed");
    t.type('\x03');
    await t.waitFor(/\^C\n(dev=# )+$/, from);
    expect(await t.line('select 42 as answer;')).toContain(' answer \n--------\n     42\n(1 row)');
    from = t.text.length;
    t.type('\x03');
    await t.waitFor(/\^C\n(dev=# )+$/, from);
    expect(t.text).not.toContain('ERROR');
  });

  test('tab completes keywords, tables and columns', async () => {
    const t = terminal();
    await t.waitFor(/dev=# $/);
    await t.line('create table lineitem (l_orderkey int, l_quantity int);');
    await t.line('insert into lineitem values (7, 3);');
    // readline completes only on a Tab that ends what it reads at once (a pasted Tab is text):
    // type piece by piece, each Tab last, and wait for the completed word to show.
    for (const [keys, shown] of [
      ['SEL\t', /SELECT$/],
      [' * fr\t', /from$/],
      [' linei\t', /lineitem$/],
      [' where l_ord\t', /l_orderkey$/],
    ] as const) {
      t.type(keys);
      await t.waitFor(shown, t.text.lastIndexOf('dev=# '));
    }
    t.type(' = 7;\r');
    const from = t.text.lastIndexOf('SELECT');
    await t.waitFor(/\(1 row\)\n\ndev=# $/, from);
    expect(t.text.slice(from)).toMatch(/^SELECT \* from lineitem where l_orderkey = 7;\n l_orderkey \| l_quantity \n/);
  });

  test('history is saved to $SLICEWISE_HISTORY and recalled with the Up arrow next time', async () => {
    const first = terminal();
    await first.waitFor(/dev=# $/);
    await first.line("select 'remember me' as r;");
    first.type('\\q\r');
    await first.exit();
    expect(readFileSync(history, 'utf8')).toContain("select 'remember me' as r;\n\\q\n");

    const second = terminal();
    await second.waitFor(/dev=# $/);
    second.type('\x1b[A\x1b[A\r');
    await second.waitFor(/ remember me\n\(1 row\)/);
  });

  test('COPY draws a progress bar per slice, then the INFO line', async () => {
    const t = terminal(['--s3-throughput', '0.5:5']);
    await t.waitFor(/dev=# $/);
    await t.line('create table event(eventid integer not null distkey, venueid smallint not null, catid smallint not null, dateid smallint not null sortkey, eventname varchar(200), starttime timestamp);');
    const out = await t.line("copy event from 's3://slicewise-sample/tickit/split/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS';");
    expect(out).toMatch(/COPY event: 4 files over 4 slices, [\d.]+ s \(simulated S3 throughput\)\n/);
    for (let slice = 0; slice < 4; slice++) expect(out).toMatch(new RegExp(`  slice ${slice} \\(node ${slice >> 1}\\) \\[#+\\] 100% +[\\d.]+ kB / [\\d.]+ kB +2,(200|199) rows\n`));
    expect(out).toMatch(/rows\nINFO: {2}Load into table 'event' completed, 8798 record\(s\) loaded successfully\.\nCOPY 8798\n/);
    // Redrawn in place: the cursor goes back up over the bars (five lines) between samples.
    expect(t.raw).toContain('\x1b[5A');
  });
});

describe.skipIf(!hasScript)('the REPL on a terminal, connected to slicewise serve', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    server = await startServe();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('Ctrl-C sends a CancelRequest; the connection goes on working', async () => {
    const t = terminal(['--host', '127.0.0.1', '--port', String(server.port)]);
    await t.waitFor(/dev=# $/);
    expect(t.text).toContain(`slicewise: server 127.0.0.1:${server.port}, database "dev" as "awsuser".`);
    for (const sql of SETUP_NUMS) await t.line(sql);
    const from = t.text.length;
    t.type(`${LONG_QUERY}\r`);
    await new Promise((r) => setTimeout(r, 800));
    t.type('\x03');
    await t.waitFor(/\nCancel request sent\nERROR: {2}Query \(\d+\) cancelled on user's request\ndev=# $/, from, 5000);
    expect(await t.line('select count(*) from nums;')).toContain('  1000\n(1 row)');
    await t.line('drop table nums;');
  });
});

describe.skipIf(!hasScript)('the REPL on a terminal, connected to a server that asks for a password', { timeout: 60_000 }, () => {
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => {
    server = await startServe({ SLICEWISE_PASSWORD: 'secret' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("asks for it as psql does, without echoing what is typed", async () => {
    const t = terminal(['--port', String(server.port)], { PGPASSWORD: undefined });
    await t.waitFor(/^Password for user awsuser: $/);
    t.type('secret\r');
    await t.waitFor(/dev=# $/);
    expect(t.text).not.toContain('secret');
    expect(await t.line('select current_user;')).toContain(' awsuser\n(1 row)');
  });
});

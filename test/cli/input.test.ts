/** How input lines become statements and meta-commands (psql's main loop), without a cluster. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { continuationMark, InputProcessor, parseMetaCommand } from '../../src/cli/input.js';
import { runMetaCommand, runText } from '../../src/cli/meta.js';
import { fakeShell } from './fake.js';

async function feed(lines: string[]) {
  const f = fakeShell();
  const processor = new InputProcessor(f.shell, runMetaCommand, undefined);
  for (const line of lines) if ((await processor.line(line)) === 'quit') break;
  return { ...f, processor };
}

describe('statements', () => {
  test('a statement spans lines until a ; outside quotes, comments and dollar-quotes', async () => {
    const { connection, processor } = await feed(['select', "  'a;b' as x, -- not the end;", '  $$c;d$$ as y, /* nor; */ "e;" as z', ';']);
    expect(connection.statements).toEqual(["select\n  'a;b' as x, -- not the end;\n  $$c;d$$ as y, /* nor; */ \"e;\" as z\n;"]);
    expect(processor.pending).toBe('');
  });

  test('several statements on a line, and the unfinished rest kept', async () => {
    const { connection, processor } = await feed(['select 1; select 2; select']);
    expect(connection.statements).toEqual(['select 1;', 'select 2;']);
    expect(processor.pending).toBe('select');
  });

  test('end of input runs an unterminated statement, but not a lone comment', async () => {
    const a = await feed(['select 1']);
    await a.processor.end();
    expect(a.connection.statements).toEqual(['select 1']);
    const b = await feed(['-- just a comment']);
    await b.processor.end();
    expect(b.connection.statements).toEqual([]);
  });

  test('rows print as an aligned table; a failed statement prints psql\'s error', async () => {
    const { stdout, stderr } = await feed(["select 'ok';", 'select fail;']);
    expect(stdout.text).toBe("  statement   \n--------------\n select 'ok';\n(1 row)\n\n");
    expect(stderr.text).toBe('ERROR:  syntax error at or near "fail"\nLINE 1: select fail;\n               ^\n');
  });
});

describe('meta-commands', () => {
  test('a backslash outside quotes starts one; the SQL before it stays in the buffer', async () => {
    const { connection, processor, shell, stdout } = await feed(['select 1 \\x', ';']);
    expect(shell.settings.expanded).toBe('on');
    expect(connection.statements).toEqual(['select 1\n;']);
    expect(stdout.text).toContain('Expanded display is on.\n-[ RECORD 1 ]');
    expect(processor.pending).toBe('');
  });

  test('backslashes inside strings, identifiers and comments are text', async () => {
    const { connection, shell } = await feed(["select E'a\\\\x', '\\x', \"\\x\" /* \\x */; -- \\x"]);
    expect(shell.settings.expanded).toBe('off');
    expect(connection.statements).toHaveLength(1);
  });

  test('several on one line; settings and their messages as psql words them', async () => {
    const { shell, stdout, stderr } = await feed(['\\timing \\x auto', '\\pset format csv', '\\pset format j', '\\pset format nosuch', '\\x maybe', '\\timing off', '\\nosuch']);
    expect(shell.settings).toEqual({ format: 'json', expanded: 'auto', timing: false });
    expect(stdout.text).toBe('Timing is on.\nExpanded display is used automatically.\nOutput format is csv.\nOutput format is json.\nTiming is off.\n');
    expect(stderr.text).toBe(
      '\\pset: allowed formats are aligned, csv, json, markdown\nunrecognized value "maybe" for "expanded"\nAvailable values are: on, off, auto.\ninvalid command \\nosuch\n',
    );
  });

  test('\\q stops reading; \\r clears the buffer', async () => {
    const { connection } = await feed(['select', '\\r', 'select 1;', '\\q', 'select 2;']);
    expect(connection.statements).toEqual(['select 1;']);
  });

  test('\\timing prints psql\'s Time line after each statement', async () => {
    const { stdout } = await feed(['\\timing on', 'select 1;']);
    expect(stdout.text).toMatch(/^Timing is on\.\n[\s\S]*\(1 row\)\n\nTime: \d+\.\d{3} ms\n$/);
  });

  test('\\o sends query output to a file, \\o alone back; \\i runs a file with located errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slicewise-cli-'));
    const out = join(dir, 'out.txt');
    const script = join(dir, 'script.sql');
    writeFileSync(script, "select 'from file';\n\nselect\n  fail;\n\\echo done\n");
    const { stdout, stderr } = await feed([`\\o ${out}`, "select 'to file';", '\\o', "select 'to stdout';", `\\i ${script}`, `\\i ${join(dir, 'missing.sql')}`]);
    expect(readFileSync(out, 'utf8')).toContain("select 'to file';");
    expect(stdout.text).not.toContain('to file');
    expect(stdout.text).toContain("select 'to stdout';");
    expect(stdout.text).toContain("select 'from file';");
    expect(stdout.text).toMatch(/done\n$/);
    expect(stderr.text).toBe(
      `slicewise:${script}:4: ERROR:  syntax error at or near "fail"\nLINE 2:   fail;\n          ^\n${join(dir, 'missing.sql')}: No such file or directory\n`,
    );
  });

  test('runText: \\q inside quits the whole run', async () => {
    const { shell, connection } = fakeShell();
    expect(await runText(shell, 'select 1;\n\\q\nselect 2;\n', undefined)).toBe('quit');
    expect(connection.statements).toEqual(['select 1;']);
  });

  test('arguments: quotes, doubled quotes, identifiers', () => {
    expect(parseMetaCommand("\\i 'my file.sql'")).toEqual({ name: 'i', args: ['my file.sql'] });
    expect(parseMetaCommand("\\echo 'it''s' two")).toEqual({ name: 'echo', args: ["it's", 'two'] });
    expect(parseMetaCommand('\\d+ "My Table"')).toEqual({ name: 'd+', args: ['"My Table"'] });
    expect(parseMetaCommand('\\q')).toEqual({ name: 'q', args: [] });
  });
});

describe('continuation prompt', () => {
  test("psql's marks: - plain, ' string, \" identifier, $ dollar-quote, * comment", () => {
    expect(continuationMark('select')).toBe('-');
    expect(continuationMark("select 'ab")).toBe("'");
    expect(continuationMark("select E'ab\\")).toBe("'");
    expect(continuationMark('select "ab')).toBe('"');
    expect(continuationMark('select $$ab')).toBe('$');
    expect(continuationMark("select $fn$ it's")).toBe('$');
    expect(continuationMark('select /* a /* b */')).toBe('*');
  });
});

/**
 * The `slicewise` REPL as a user runs it: the built dist/cli/main.js (`npm test` builds first)
 * with piped input and with -c.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function slicewise(args: string[], input = '') {
  const r = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('slicewise CLI', { timeout: 30_000 }, () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
  });

  test('piped input prints just the table', () => {
    const r = slicewise([], 'select 1;\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
    expect(r.status).toBe(0);
  });

  test('statements spanning lines, command tags, several per line', () => {
    const r = slicewise([], 'create table t (a integer);\ninsert into t values (1),\n(2); select a from t\norder by a;\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('CREATE TABLE\nINSERT 0 2\n a \n---\n 1\n 2\n(2 rows)\n\n');
  });

  test('-c runs and exits; an error is printed with a caret and exit status 1', () => {
    const ok = slicewise(['--nodes', '3', '--slices-per-node', '1', '-c', 'select count(*) from stv_slices']);
    expect(ok.stdout).toBe(' count \n-------\n     3\n(1 row)\n\n');
    expect(ok.status).toBe(0);

    const bad = slicewise(['-c', 'select * form venue']);
    expect(bad.stderr).toBe('ERROR:  syntax error at or near "form"\nLINE 1: select * form venue\n                 ^\n');
    expect(bad.status).toBe(1);
  });

  test('\\q quits before later input', () => {
    const r = slicewise([], 'select 1;\n\\q\nselect 2;\n');
    expect(r.stdout).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
  });

  test('bad arguments', () => {
    const r = slicewise(['--nodes', 'zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--nodes needs a positive integer');
  });
});

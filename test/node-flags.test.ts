/**
 * Applications start Node with flags of their own (`node --max-old-space-size=8192 tests.js`). Node
 * refuses process-wide and V8 flags in a worker thread's execArgv, so inheriting them must not stop
 * the compute nodes from starting: the query below runs on the compute nodes of a process started so.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const index = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const script = `
import { Cluster } from ${JSON.stringify(index)};
const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
await cluster.query('create table t (k int, v int) distkey(k)');
await cluster.query('insert into t values (1, 10), (2, 20), (3, 30), (4, 40), (5, 50)');
const result = await cluster.query('select count(*) as n, sum(v) as s from t');
const row = result.rows[0];
console.log(JSON.stringify({ n: String(row.n), s: String(row.s) }));
await cluster.close();
`;

describe('Node flags of the host process', () => {
  test.each([['--max-old-space-size=2048'], ['--expose-gc'], ['--stack-size=2000']])('a process started with %s runs queries on its compute nodes', (flag) => {
    const out = execFileSync(process.execPath, [flag, '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(out.trim())).toEqual({ n: '5', s: '150' });
  }, 60_000);
});

/**
 * Startup: from `import` to the first result of `select 1`, in fresh child processes so that
 * module loading and worker start are included. Slicewise (a 2 x 2 cluster), DuckDB (in-memory)
 * and pg-mem, interleaved run by run so machine noise spreads evenly.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatMs, markdownTable, median } from './report.js';
import { SLICEWISE_DIST_URL } from './slicewise.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Each snippet runs as an ES module and prints {"ms": <import -> first result>}. */
const SNIPPETS: Readonly<Record<string, string>> = {
  'Slicewise (2 x 2 cluster)': `
    const t0 = performance.now();
    const { Cluster } = await import(${JSON.stringify(SLICEWISE_DIST_URL)});
    const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query('select 1');
    const ms = performance.now() - t0;
    await cluster.close();
    console.log(JSON.stringify({ ms }));`,
  'DuckDB (@duckdb/node-api, in-memory)': `
    const t0 = performance.now();
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.runAndReadAll('select 1');
    const ms = performance.now() - t0;
    connection.closeSync();
    instance.closeSync();
    console.log(JSON.stringify({ ms }));`,
  'pg-mem': `
    const t0 = performance.now();
    const { newDb } = await import('pg-mem');
    const db = newDb();
    db.public.many('select 1');
    const ms = performance.now() - t0;
    console.log(JSON.stringify({ ms }));`,
};

interface Sample {
  /** import -> first result, measured inside the child. */
  readonly inProcessMs: number;
  /** spawn -> exit, measured by the parent. */
  readonly wallMs: number;
}

function runOnce(snippet: string): Sample {
  const start = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', snippet], { cwd: REPO_ROOT, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  const lastLine = out.trim().split('\n').at(-1) ?? '';
  const { ms } = JSON.parse(lastLine) as { ms: number };
  return { inProcessMs: ms, wallMs };
}

export async function benchStartup(runs = 10): Promise<string> {
  const samples = new Map<string, Sample[]>(Object.keys(SNIPPETS).map((name) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, snippet] of Object.entries(SNIPPETS)) samples.get(name)?.push(runOnce(snippet));
  }
  const rows = [...samples].map(([name, s]) => [
    name,
    formatMs(median(s.map((x) => x.inProcessMs))),
    formatMs(median(s.map((x) => x.wallMs))),
  ]);
  return [
    `### Startup: import to first \`select 1\` result (median of ${runs} fresh processes)`,
    '',
    markdownTable(['engine', 'import -> first result', 'process spawn -> exit'], rows),
  ].join('\n');
}

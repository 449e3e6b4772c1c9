/**
 * Large results through the public API: `select * from lineitem` (TPC-H SF0.1, 600k rows of 16
 * columns) on a 2 x 2 cluster, its rows read as objects (`rows`), as text (`toTextArrays()`: what the
 * wire server sends) and as Arrow (`toArrow()`). Side by side in the same run: DuckDB (threads 2)
 * reading the same table into JS objects (`getRowObjectsJS()`). Medians of five rounds after one
 * warm-up round; every result's row count is checked.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { tpchFile } from '../test/tpch/data.js';
import { TPCH_COLUMNS, duckType, redshiftDdl } from '../test/tpch/schema.js';
import { formatMs, markdownTable, median } from './report.js';
import { importSlicewise } from './slicewise.js';
import { writeSplitFiles } from './split-files.js';

const RUNS = 5;
const WARMUP = 1;
const FILES = 4;
const QUERY = 'select * from lineitem';

export async function benchResults(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const text = gunzipSync(readFileSync(tpchFile('0.1', 'lineitem')));
  const lineCount = text.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0);
  const root = mkdtempSync(join(tmpdir(), 'slicewise-bench-results-'));
  writeSplitFiles(root, text, [FILES]);
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2, s3Root: root });
  const duck = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await duck.connect();
  const check = (what: string, n: number): void => {
    if (n !== lineCount) throw new Error(`${what}: ${n} rows, expected ${lineCount}`);
  };
  try {
    await cluster.query(redshiftDdl('lineitem'));
    await cluster.query(`copy lineitem from 's3://bench/lineitem-${FILES}/' iam_role default`);
    const columns = TPCH_COLUMNS.lineitem.map((c) => `'${c.name}': '${duckType(c)}'`).join(', ');
    await conn.run(`create table lineitem as select * exclude (dbgen_pad) from read_csv('${join(root, 'bench', `lineitem-${FILES}`, '*.tbl')}', delim = '|', header = false, columns = {${columns}, 'dbgen_pad': 'VARCHAR'})`);

    const ways: readonly { readonly name: string; readonly read: () => Promise<number> }[] = [
      { name: 'Slicewise: query + rows (objects)', read: async () => (await cluster.query(QUERY)).rows.length },
      { name: 'Slicewise: query + toTextArrays() (the wire server)', read: async () => (await cluster.query(QUERY)).toTextArrays().length },
      { name: 'Slicewise: query + toArrow()', read: async () => (await cluster.query(QUERY)).toArrow().numRows },
      { name: 'DuckDB: runAndReadAll + getRowObjectsJS() (threads 2)', read: async () => (await conn.runAndReadAll(QUERY)).getRowObjectsJS().length },
    ];
    const samples = new Map<string, number[]>(ways.map((w) => [w.name, []]));
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const way of ways) {
        globalThis.gc?.();
        const start = performance.now();
        check(way.name, await way.read());
        if (round >= WARMUP) samples.get(way.name)!.push(performance.now() - start);
      }
    }
    const duckMs = median(samples.get(ways.at(-1)!.name)!);
    const rows = ways.map((w) => {
      const ms = median(samples.get(w.name)!);
      return [w.name, formatMs(ms), `${(ms / duckMs).toFixed(2)}x`];
    });
    return [`### Large results: \`${QUERY}\` (TPC-H SF0.1, ${lineCount} rows x 16 columns) on a 2 x 2 cluster`, '', markdownTable(['read as', 'time', 'against DuckDB'], rows)].join('\n');
  } finally {
    await cluster.close();
    conn.closeSync();
    duck.closeSync();
    rmSync(root, { recursive: true, force: true });
  }
}

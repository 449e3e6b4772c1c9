/**
 * Bulk inserts: TPC-H SF0.1 lineitem (600k rows), loaded once by COPY into a 2 x 2 cluster, then copied
 * by CREATE TABLE AS (same keys, and redistributed on another DISTKEY) and by the deep copy of
 * dg:performing-a-deep-copy.md (CREATE TABLE LIKE, INSERT INTO ... SELECT). Side by side in the same
 * run: DuckDB (threads 2) making the same copy with CREATE TABLE AS. Medians of five rounds after
 * one warm-up round; every copy's row count is checked.
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

/** Each statement that makes `copy` from lineitem (after it is dropped). */
const STATEMENTS: readonly { readonly name: string; readonly sql: readonly string[] }[] = [
  { name: 'CREATE TABLE AS SELECT * (the same keys)', sql: ['create table copy as select * from lineitem'] },
  { name: 'CREATE TABLE AS, DISTKEY(l_partkey) SORTKEY(l_orderkey)', sql: ['create table copy distkey(l_partkey) sortkey(l_orderkey) as select * from lineitem'] },
  { name: 'deep copy: CREATE TABLE LIKE + INSERT INTO ... SELECT', sql: ['create table copy (like lineitem)', 'insert into copy select * from lineitem'] },
];

export async function benchBulkInsert(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const text = gunzipSync(readFileSync(tpchFile('0.1', 'lineitem')));
  const lineCount = text.reduce((n, b) => n + (b === 0x0a ? 1 : 0), 0);
  const root = mkdtempSync(join(tmpdir(), 'slicewise-bench-bulk-'));
  writeSplitFiles(root, text, [FILES]);
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2, s3Root: root });
  const duck = await DuckDBInstance.create(':memory:', { threads: '2' });
  const conn = await duck.connect();
  try {
    await cluster.query(redshiftDdl('lineitem'));
    await cluster.query(`copy lineitem from 's3://bench/lineitem-${FILES}/' iam_role default`);
    const columns = TPCH_COLUMNS.lineitem.map((c) => `'${c.name}': '${duckType(c)}'`).join(', ');
    await conn.run(`create table lineitem as select * exclude (dbgen_pad) from read_csv('${join(root, 'bench', `lineitem-${FILES}`, '*.tbl')}', delim = '|', header = false, columns = {${columns}, 'dbgen_pad': 'VARCHAR'})`);

    const samples = new Map<string, number[]>(STATEMENTS.map((s) => [s.name, []]));
    const duckSamples: number[] = [];
    for (let round = 0; round < WARMUP + RUNS; round++) {
      for (const statement of STATEMENTS) {
        await cluster.query('drop table if exists copy');
        const start = performance.now();
        for (const sql of statement.sql) await cluster.query(sql);
        const ms = performance.now() - start;
        const n = Number((await cluster.query('select count(*) as n from copy')).rows[0]!.n);
        if (n !== lineCount) throw new Error(`${statement.name}: ${n} rows, expected ${lineCount}`);
        if (round >= WARMUP) samples.get(statement.name)!.push(ms);
      }
      await conn.run('drop table if exists copy');
      const start = performance.now();
      await conn.run('create table copy as select * from lineitem');
      const ms = performance.now() - start;
      if (round >= WARMUP) duckSamples.push(ms);
    }
    const duckMs = median(duckSamples);
    const rows = STATEMENTS.map((s) => {
      const ms = median(samples.get(s.name)!);
      return [s.name, formatMs(ms), `${(ms / duckMs).toFixed(2)}x`];
    });
    return [
      `### Bulk inserts: TPC-H SF0.1 lineitem (${lineCount} rows) copied within a 2 x 2 cluster`,
      '',
      markdownTable(['statement', 'Slicewise', 'Slicewise / DuckDB'], [...rows, ['DuckDB CREATE TABLE AS SELECT * (threads 2)', formatMs(duckMs), '1.00x']]),
    ].join('\n');
  } finally {
    await cluster.close();
    conn.closeSync();
    duck.closeSync();
    rmSync(root, { recursive: true, force: true });
  }
}

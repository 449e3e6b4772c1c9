/**
 * In-process query latency (tinybench, one run): a trivial `select 1` on Slicewise, DuckDB and
 * pg-mem, and `select count(*) from venue` over 4 slices on Slicewise vs DuckDB.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { newDb } from 'pg-mem';
import { Bench, type Task } from 'tinybench';
import { DuckReference } from '../test/helpers/duckdb.js';
import { loadTickitTable, tickitDdl } from '../test/helpers/tickit.js';
import { formatMs, markdownTable, percentile } from './report.js';
import { importSlicewise } from './slicewise.js';

const BENCH_TIME_MS = 2000;

function latencyRow(task: Task): string[] {
  const result = task.result;
  if (result.state !== 'completed') return [task.name, result.state, '', '', ''];
  const samples = result.latency.samples ?? [];
  return [
    task.name,
    formatMs(percentile(samples, 50)),
    formatMs(percentile(samples, 95)),
    `${Math.round(result.throughput.mean)}`,
    `${samples.length}`,
  ];
}

async function runBench(tasks: Readonly<Record<string, () => Promise<unknown> | unknown>>): Promise<string[][]> {
  const bench = new Bench({ time: BENCH_TIME_MS, retainSamples: true });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  return bench.tasks.map(latencyRow);
}

export async function benchLatency(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  const duck = await DuckDBInstance.create(':memory:');
  const duckConnection = await duck.connect();
  const pgMem = newDb();
  const duckVenue = await DuckReference.open(['venue']);
  try {
    await cluster.query(tickitDdl('venue', { distribution: 'even' }));
    await loadTickitTable(cluster, 'venue');

    const trivial = await runBench({
      'Slicewise `select 1`': () => cluster.query('select 1'),
      'DuckDB `select 1`': () => duckConnection.runAndReadAll('select 1'),
      'pg-mem `select 1`': () => pgMem.public.many('select 1'),
    });
    const scan = await runBench({
      'Slicewise `select count(*) from venue` (4 slices)': () => cluster.query('select count(*) from venue'),
      'DuckDB `select count(*) from venue`': () => duckVenue.query('select count(*) from venue'),
    });
    const header = ['query', 'p50', 'p95', 'ops/s', 'samples'];
    return [
      `### In-process latency (tinybench, ${BENCH_TIME_MS / 1000} s per task)`,
      '',
      markdownTable(header, trivial),
      '',
      markdownTable(header, scan),
    ].join('\n');
  } finally {
    duckVenue.close();
    duckConnection.closeSync();
    duck.closeSync();
    await cluster.close();
  }
}

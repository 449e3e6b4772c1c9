/**
 * Parsing is on the path of every statement: a 20-line TPC-H query (Q7 plus comment lines) through
 * the recursive-descent parser, after warm-up (tinybench).
 */
import { Bench } from 'tinybench';
import { parseStatement } from '../src/sql/index.js';
import { TPCH_QUERIES } from '../test/sql/tpch-queries.js';
import { formatMs, markdownTable, percentile } from './report.js';

export async function benchParse(): Promise<string> {
  const q7 = TPCH_QUERIES[6] as string;
  const query = `${q7.slice(0, -1)}\n${'-- padding\n'.repeat(6)}`;
  const bench = new Bench({ time: 2000, warmupIterations: 3000, retainSamples: true });
  bench.add('parse TPC-H Q7 (20 lines)', () => {
    parseStatement(query);
  });
  await bench.run();
  const rows = bench.tasks.map((t) => {
    const samples = t.result.state === 'completed' ? (t.result.latency.samples ?? []) : [];
    return [t.name, formatMs(percentile(samples, 50)), formatMs(percentile(samples, 95)), `${samples.length}`];
  });
  return ['### Parser (tinybench, 2 s; target: well under 0.1 ms)', '', markdownTable(['statement', 'p50', 'p95', 'samples'], rows)].join('\n');
}

/**
 * Runs the benchmarks and prints markdown for BENCHMARKS.md.
 *   npm run bench                 # all
 *   npm run bench -- startup      # only the named ones (startup, latency, tpch, copy, copy-matrix, copy-parse, bulk-insert, results, snapshot, parse, server)
 */
import { benchBulkInsert } from './bulk-insert.js';
import { benchCopy } from './copy.js';
import { benchCopyConvert } from './copy-convert.js';
import { benchCopyMatrix } from './copy-matrix.js';
import { benchLatency } from './latency.js';
import { benchServerLatency } from './latency-server.js';
import { benchParse } from './parse.js';
import { benchResults } from './results.js';
import { machineDescription } from './report.js';
import { benchSnapshot } from './snapshot.js';
import { benchStartup } from './startup.js';
import { benchTpch } from './tpch.js';

const BENCHMARKS: Readonly<Record<string, () => Promise<string>>> = {
  startup: () => benchStartup(10),
  latency: benchLatency,
  server: benchServerLatency,
  tpch: benchTpch,
  copy: benchCopy,
  'copy-matrix': benchCopyMatrix,
  'copy-parse': benchCopyConvert,
  'bulk-insert': benchBulkInsert,
  results: benchResults,
  parse: benchParse,
  snapshot: benchSnapshot,
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}

const sections = [machineDescription()];
for (const [name, run] of Object.entries(BENCHMARKS)) {
  if (requested.length > 0 && !requested.includes(name)) continue;
  console.error(`running ${name}...`);
  sections.push(await run());
}
console.log(sections.join('\n\n'));

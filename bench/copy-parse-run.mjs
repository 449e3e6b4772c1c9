// The measurement behind bench/copy-convert.ts, in plain JavaScript so that it runs in a node
// process without a loader: through tsx's loader (which `npm run bench` uses) the compiled dist/
// modules are transformed again and parse ~25% slower than compute nodes run them. One case per
// process: a splitter that has fed two kinds of sink calls them both more slowly afterwards (the
// call site is no longer monomorphic), as a compute node's never does.
//   node --expose-gc bench/copy-parse-run.mjs <lineitem.tbl.gz> <split|convert-slow|convert|deal> <runs>   prints JSON
import { CHUNK, GROUP_ROWS, TOPOLOGY, cases, loadText, timed } from './copy-parse-pipeline.mjs';

const [file, caseName, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg);
const run = cases[caseName];
if (run === undefined) throw new Error(`unknown case ${caseName}`);
const data = loadText(file);
const runs = Array.from({ length: RUNS + 1 }, () => {
  globalThis.gc?.(); // the previous run's garbage, collected outside the timing
  return timed(() => run(data));
}).slice(1);
console.log(JSON.stringify({ bytes: data.length, chunk: CHUNK, groupRows: GROUP_ROWS, sliceCount: TOPOLOGY.sliceCount, runs }));

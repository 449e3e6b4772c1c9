// The measurement behind bench/copy-convert.ts, in plain JavaScript so that it runs in a node
// process without a loader: through tsx's loader (which `npm run bench` uses) the compiled dist/
// modules are transformed again and parse ~25% slower than compute nodes run them. One case per
// process: a splitter that has fed two kinds of sink calls them both more slowly afterwards (the
// call site is no longer monomorphic), as a compute node's never does.
//   node --expose-gc bench/copy-parse-run.mjs <lineitem.tbl.gz> <split|convert|deal> <runs>   prints JSON
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { RowConverter } = await import(dist('io/convert/index.js'));
const { createSplitter } = await import(dist('io/formats/index.js'));
const { dealVectors } = await import(dist('storage/vector-partition.js'));
const { BIGINT, DATE, INTEGER, charType, decimalType, varcharType } = await import(dist('types/datatype.js'));

const [file, caseName, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg);
/** The object store's read chunk without a throughput model (src/io/object-store-read.ts). */
const CHUNK = 1 << 20;
/** Rows converted before each drain: ROWS_PER_GROUP in src/compute/copy-scan.ts. */
const GROUP_ROWS = 16_384;
const TOPOLOGY = { sliceCount: 4, slicesPerNode: 2 };
const MONEY = decimalType(15, 2);
const LINEITEM = [
  ['l_orderkey', BIGINT], ['l_partkey', INTEGER], ['l_suppkey', INTEGER], ['l_linenumber', INTEGER],
  ['l_quantity', MONEY], ['l_extendedprice', MONEY], ['l_discount', MONEY], ['l_tax', MONEY],
  ['l_returnflag', charType(1)], ['l_linestatus', charType(1)],
  ['l_shipdate', DATE], ['l_commitdate', DATE], ['l_receiptdate', DATE],
  ['l_shipinstruct', charType(25)], ['l_shipmode', charType(10)], ['l_comment', varcharType(44)],
];
const COLUMNS = LINEITEM.map(([name, type], field) => ({ name, type, notNull: true, source: { kind: 'field', field } }));
const FORMAT = { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: false };
const RECORDS = { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false };
const CONVERSION = {
  nullAs: '\\N', emptyAsNull: false, blanksAsNull: false, truncateColumns: false, trimBlanks: false, acceptInvChars: null,
  acceptAnyDate: false, dateFormat: 'YYYY-MM-DD', timeFormat: null, roundDec: false,
};

function timed(run) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const rows = run();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - wall, cpuMs: (used.user + used.system) / 1000, rows };
}

function push(data, sink) {
  const splitter = createSplitter(FORMAT, RECORDS, [], sink);
  for (let at = 0; at < data.length; at += CHUNK) splitter.push(data.subarray(at, Math.min(at + CHUNK, data.length)));
  splitter.end();
}

function splitOnly(data) {
  let rows = 0;
  push(data, { record: () => rows++, error: () => {} });
  return rows;
}

/** Splits and converts, handing each run of GROUP_ROWS rows to `take` (the converter's own memory). */
function converted(data, take) {
  let rows = 0;
  const converter = new RowConverter(COLUMNS, CONVERSION, RECORDS, FORMAT.kind, () => {
    throw new Error('load error');
  }, GROUP_ROWS);
  const drain = () => converter.withRows((vectors) => {
    rows += vectors[0].length;
    take(vectors);
  });
  push(data, {
    record(r) {
      converter.record(r);
      if (converter.rowCount >= GROUP_ROWS) drain();
    },
    error: (e) => converter.error(e),
  });
  if (converter.rowCount > 0) drain();
  return rows;
}

function dealt(data) {
  let evenCursor = 0;
  return converted(data, (vectors) => {
    evenCursor = dealVectors({ kind: 'key', column: 0, type: BIGINT }, vectors, vectors[0].length, TOPOLOGY, evenCursor).evenCursor;
  });
}

const data = gunzipSync(readFileSync(file));
const cases = {
  split: splitOnly,
  convert: (d) => converted(d, () => {}),
  deal: dealt,
};
const run = cases[caseName];
if (run === undefined) throw new Error(`unknown case ${caseName}`);
const runs = Array.from({ length: RUNS + 1 }, () => {
  globalThis.gc?.(); // the previous run's garbage, collected outside the timing
  return timed(() => run(data));
}).slice(1);
console.log(JSON.stringify({ bytes: data.length, chunk: CHUNK, groupRows: GROUP_ROWS, sliceCount: TOPOLOGY.sliceCount, runs }));

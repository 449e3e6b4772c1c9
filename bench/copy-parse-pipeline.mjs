// A COPY reading slice's work on TPC-H lineitem text, in plain JavaScript over the compiled dist/
// modules (see copy-parse-run.mjs for why no loader): split into records, convert into column
// vectors drained every GROUP_ROWS rows, and optionally deal each run to 4 slices (KEY on l_orderkey).
// Shared by copy-parse-run.mjs (one thread) and parse-threads-run.mjs (one thread against two).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { RowConverter } = await import(dist('io/convert/index.js'));
const { createSplitter } = await import(dist('io/formats/index.js'));
const { dealVectors } = await import(dist('storage/vector-partition.js'));
const { BIGINT, DATE, INTEGER, charType, decimalType, varcharType } = await import(dist('types/datatype.js'));

/** The object store's read chunk without a throughput model (src/io/object-store-read.ts). */
export const CHUNK = 1 << 20;
/** Rows converted before each drain: ROWS_PER_GROUP in src/compute/copy-scan.ts. */
export const GROUP_ROWS = 16_384;
export const TOPOLOGY = { sliceCount: 4, slicesPerNode: 2 };
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

/** The uncompressed text of a gzipped .tbl file. */
export function loadText(file) {
  return gunzipSync(readFileSync(file));
}

/** Wall and process CPU time of one run, and the rows it produced. */
export function timed(run) {
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

/**
 * Splits and converts, handing each run of GROUP_ROWS rows to `take` (the converter's own memory);
 * records are offered to the fast path of delimited text first unless `fastPath` is false.
 */
function converted(data, take, fastPath = true) {
  let rows = 0;
  const converter = new RowConverter(COLUMNS, CONVERSION, RECORDS, FORMAT.kind, () => {
    throw new Error('load error');
  }, GROUP_ROWS);
  const drain = () => converter.withRows((vectors) => {
    rows += vectors[0].length;
    take(vectors);
  });
  const sink = {
    record(r) {
      converter.record(r);
      if (converter.rowCount >= GROUP_ROWS) drain();
    },
    error: (e) => converter.error(e),
  };
  // As COPY's reading slice does (src/compute/copy-scan.ts): records offered to the fast path first.
  if (fastPath && converter.useFastText(FORMAT)) {
    sink.fastRecord = (buf, start) => {
      const next = converter.fastRecord(buf, start);
      if (next >= 0 && converter.rowCount >= GROUP_ROWS) drain();
      return next;
    };
  }
  push(data, sink);
  if (converter.rowCount > 0) drain();
  return rows;
}

function dealt(data) {
  let evenCursor = 0;
  return converted(data, (vectors) => {
    evenCursor = dealVectors({ kind: 'key', column: 0, type: BIGINT }, vectors, vectors[0].length, TOPOLOGY, evenCursor).evenCursor;
  });
}

/** The pipelines by name: each takes the text and returns the rows it produced. */
export const cases = {
  split: splitOnly,
  'convert-slow': (data) => converted(data, () => {}, false),
  convert: (data) => converted(data, () => {}),
  deal: dealt,
};

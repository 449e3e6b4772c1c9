/**
 * COPY parsing on one core: record splitting (src/io/formats) and conversion into typed column vectors
 * (src/io/convert), on TPC-H SF0.1 lineitem (~75 MB, '|'-delimited, a trailing '|' on every line),
 * pushed in 64 KiB chunks, as a reading slice runs them: the converter is drained every 16384 rows
 * (ROWS_PER_GROUP in src/compute/copy-scan.ts) and reuses its memory. The last line also deals each run
 * to 4 slices (KEY on l_orderkey) straight from the converter's memory, as COPY does. MB/s are input
 * bytes over the median (and best) CPU time of a few runs after a warm-up (CPU time: the figure is per
 * core, and other processes on the machine do not count — though on a shared machine they still slow
 * it down). The modules are the compiled ones in dist/, as compute nodes run them.
 *   npm run bench -- copy-parse
 *   npm run build && node --expose-gc --import tsx bench/copy-convert.ts [--runs N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { LoadColumn } from '../src/io/convert/contract.js';
import type { ColumnVector } from '../src/types/column-vector.js';
import type { RecordSink } from '../src/io/formats/record.js';
import type { ConversionOptions, DataFormat, RecordOptions } from '../src/io/load-options.js';
import { BIGINT, charType, DATE, decimalType, INTEGER, varcharType, type SqlType } from '../src/types/datatype.js';
import { tpchFile } from '../test/tpch/data.js';
import { markdownTable, median } from './report.js';

type Convert = typeof import('../src/io/convert/index.js');
type Formats = typeof import('../src/io/formats/index.js');
type Partition = typeof import('../src/storage/vector-partition.js');

/** The compiled modules (see the header); loaded by benchCopyConvert. */
let RowConverter: Convert['RowConverter'];
let createSplitter: Formats['createSplitter'];
let dealVectors: Partition['dealVectors'];

async function loadBuiltModules(): Promise<void> {
  const built = (path: string): string => new URL(`../dist/${path}`, import.meta.url).href;
  if (!existsSync(new URL(built('io/convert/index.js')))) throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
  ({ RowConverter } = (await import(built('io/convert/index.js'))) as Convert);
  ({ createSplitter } = (await import(built('io/formats/index.js'))) as Formats);
  ({ dealVectors } = (await import(built('storage/vector-partition.js'))) as Partition);
}

const CHUNK = 64 * 1024;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

const MONEY = decimalType(15, 2);
const LINEITEM: readonly [string, SqlType][] = [
  ['l_orderkey', BIGINT], ['l_partkey', INTEGER], ['l_suppkey', INTEGER], ['l_linenumber', INTEGER],
  ['l_quantity', MONEY], ['l_extendedprice', MONEY], ['l_discount', MONEY], ['l_tax', MONEY],
  ['l_returnflag', charType(1)], ['l_linestatus', charType(1)],
  ['l_shipdate', DATE], ['l_commitdate', DATE], ['l_receiptdate', DATE],
  ['l_shipinstruct', charType(25)], ['l_shipmode', charType(10)], ['l_comment', varcharType(44)],
];

const COLUMNS: LoadColumn[] = LINEITEM.map(([name, type], field) => ({ name, type, notNull: true, source: { kind: 'field', field } }));
const FORMAT: DataFormat = { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: false };
const RECORDS: RecordOptions = { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false };
const CONVERSION: ConversionOptions = {
  nullAs: '\\N', emptyAsNull: false, blanksAsNull: false, truncateColumns: false, trimBlanks: false, acceptInvChars: null,
  acceptAnyDate: false, dateFormat: 'YYYY-MM-DD', timeFormat: null, roundDec: false,
};

interface Outcome {
  /** CPU ms. */
  readonly ms: number;
  readonly rows: number;
  readonly errors: number;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function push(data: Uint8Array, sink: RecordSink): void {
  const splitter = createSplitter(FORMAT, RECORDS, [], sink);
  for (let at = 0; at < data.length; at += CHUNK) splitter.push(data.subarray(at, Math.min(at + CHUNK, data.length)));
  splitter.end();
}

/** Rows converted before each drain: ROWS_PER_GROUP in src/compute/copy-scan.ts. */
const GROUP_ROWS = 16_384;
const TOPOLOGY = { sliceCount: 4, slicesPerNode: 2 };

/** Splits and converts, handing each run of GROUP_ROWS rows to `take` (the run is the converter's memory, valid during the call). */
function timeConverted(data: Uint8Array, take: (vectors: readonly ColumnVector[]) => void): Outcome {
  let errors = 0;
  let rows = 0;
  const converter = new RowConverter(COLUMNS, CONVERSION, RECORDS, FORMAT.kind, () => errors++, GROUP_ROWS);
  const drain = (): void =>
    converter.withRows((vectors) => {
      rows += vectors[0]!.length;
      take(vectors);
    });
  const sink: RecordSink = {
    record(r) {
      converter.record(r);
      if (converter.rowCount >= GROUP_ROWS) drain();
    },
    error: (e) => converter.error(e),
  };
  const start = process.cpuUsage();
  push(data, sink);
  if (converter.rowCount > 0) drain();
  return { ms: cpuMs(start), rows, errors };
}

function timeDealt(data: Uint8Array): Outcome {
  let evenCursor = 0;
  return timeConverted(data, (vectors) => {
    evenCursor = dealVectors({ kind: 'key', column: 0, type: BIGINT }, vectors, vectors[0]!.length, TOPOLOGY, evenCursor).evenCursor;
  });
}

function timeSplitOnly(data: Uint8Array): Outcome {
  let rows = 0;
  const start = process.cpuUsage();
  push(data, { record: () => rows++, error: () => {} });
  return { ms: cpuMs(start), rows, errors: 0 };
}

export async function benchCopyConvert(): Promise<string> {
  await loadBuiltModules();
  const data = gunzipSync(readFileSync(tpchFile('0.1', 'lineitem')));
  const mb = data.length / 1e6;
  const table: string[][] = [];
  const cases: [string, (d: Uint8Array) => Outcome][] = [
    ['split only (io/formats)', timeSplitOnly],
    [`split + convert, drained every ${GROUP_ROWS} rows (io/formats + io/convert)`, (d) => timeConverted(d, () => {})],
    [`split + convert + deal to ${TOPOLOGY.sliceCount} slices every ${GROUP_ROWS} rows (COPY's reading slice)`, timeDealt],
  ];
  for (const [name, run] of cases) {
    const outcomes = Array.from({ length: RUNS + 1 }, () => {
      // The previous run's vectors are garbage: collect them outside the timing when node allows it.
      (globalThis as { gc?: () => void }).gc?.();
      return run(data);
    }).slice(1);
    const o = outcomes[0]!;
    if (o.errors !== 0) throw new Error(`${name}: ${o.errors} load errors`);
    const row = (label: string, times: number[]): void => {
      const ms = median(times);
      table.push([label, mb.toFixed(1), String(o.rows), ms.toFixed(0), (mb / (ms / 1000)).toFixed(0), (mb / (Math.min(...times) / 1000)).toFixed(0)]);
    };
    row(name, outcomes.map((x) => x.ms));
  }
  return [
    '## COPY parsing: split + convert, one core',
    '',
    `TPC-H SF0.1 lineitem (16 columns: 1 BIGINT, 3 INTEGER, 4 DECIMAL(15,2), 3 DATE, 4 CHAR, 1 VARCHAR), ${CHUNK / 1024} KiB chunks, median CPU time of ${RUNS} runs after a warm-up, the compiled dist/ modules.`,
    '',
    markdownTable(['pipeline', 'MB', 'rows', 'CPU ms (median)', 'MB/s (median)', 'MB/s (best run)'], table),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchCopyConvert());

/**
 * COPY record splitting alone (src/io/formats), single core: TPC-H SF0.1 lineitem (~75 MB, '|'-delimited,
 * a trailing '|' on every line) as delimited text, as CSV (quoted only where needed, and every field
 * quoted), and as JSON objects (one per line, 'auto' and 'jsonpaths'). Input is pushed in 64 KiB chunks
 * to a sink that only reads the field ranges; MB/s are input bytes over the median CPU time of a few
 * runs (CPU time, not wall time: the figure is per core, and other processes on the machine do not count).
 *   node --import tsx bench/copy-split.ts
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createSplitter } from '../src/io/formats/index.js';
import type { RecordError, RecordSink, TextRecord } from '../src/io/formats/record.js';
import type { DataFormat } from '../src/io/load-options.js';
import { tpchFile } from '../test/tpch/data.js';
import { TPCH_COLUMNS } from '../test/tpch/schema.js';
import { markdownTable, median } from './report.js';

const CHUNK = 64 * 1024;
const RUNS = 5;
const RECORDS = { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false };

interface Outcome {
  readonly ms: number;
  readonly records: number;
  readonly fields: number;
  readonly errors: number;
}

function timeSplit(data: Uint8Array, format: DataFormat, fieldNames: readonly string[]): Outcome {
  let records = 0;
  let fields = 0;
  let errors = 0;
  let checksum = 0;
  const sink: RecordSink = {
    record(r: TextRecord) {
      records++;
      fields += r.fieldCount;
      checksum += r.ends[r.fieldCount - 1]! - r.starts[0]!;
    },
    error(_e: RecordError) {
      errors++;
    },
  };
  const splitter = createSplitter(format, RECORDS, fieldNames, sink);
  const start = process.cpuUsage();
  for (let at = 0; at < data.length; at += CHUNK) splitter.push(data.subarray(at, Math.min(at + CHUNK, data.length)));
  splitter.end();
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  if (checksum === -1) console.log('unreachable');
  return { ms, records, fields, errors };
}

/** Lines of lineitem.tbl (without the trailing '|') as arrays of field strings. */
function lineitemRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\n')) if (line !== '') rows.push(line.split('|').slice(0, -1));
  return rows;
}

function toCsv(rows: readonly string[][], quoteAll: boolean): Buffer {
  const quote = (f: string): string => (quoteAll || /[",\n\r]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
  return Buffer.from(rows.map((r) => r.map(quote).join(',')).join('\n') + '\n');
}

function toJson(rows: readonly string[][], names: readonly string[], numeric: readonly boolean[]): Buffer {
  const lines = rows.map((r) => `{${r.map((f, i) => `"${names[i]}": ${numeric[i] ? f : JSON.stringify(f)}`).join(', ')}}`);
  return Buffer.from(lines.join('\n') + '\n');
}

export function benchCopySplit(): string {
  const text = gunzipSync(readFileSync(tpchFile('0.1', 'lineitem')));
  const columns = TPCH_COLUMNS.lineitem;
  const names = columns.map((c) => c.name);
  const numeric = columns.map((c) => /^(integer|bigint|decimal|numeric)/i.test(c.type));
  const rows = lineitemRows(text.toString('utf8'));
  const cases: { name: string; data: Uint8Array; format: DataFormat }[] = [
    { name: 'text, delimiter \\| (fast path)', data: text, format: { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: false } },
    { name: 'text, delimiter \\|, ESCAPE', data: text, format: { kind: 'text', delimiter: 0x7c, escape: true, removeQuotes: false } },
    { name: 'CSV, quoted where needed', data: toCsv(rows, false), format: { kind: 'csv', delimiter: 0x2c, quote: 0x22 } },
    { name: 'CSV, every field quoted', data: toCsv(rows, true), format: { kind: 'csv', delimiter: 0x2c, quote: 0x22 } },
    { name: "JSON 'auto'", data: toJson(rows, names, numeric), format: { kind: 'json', mode: 'auto' } },
    { name: 'JSON jsonpaths', data: toJson(rows, names, numeric), format: { kind: 'json', mode: 'jsonpaths', paths: names.map((n) => `$.${n}`) } },
  ];
  const table: string[][] = [];
  for (const c of cases) {
    const outcomes = Array.from({ length: RUNS + 1 }, () => timeSplit(c.data, c.format, names)).slice(1);
    const ms = median(outcomes.map((o) => o.ms));
    const o = outcomes[0]!;
    if (o.records !== rows.length || o.errors !== 0) throw new Error(`${c.name}: ${o.records} records, ${o.errors} errors for ${rows.length} rows`);
    const mb = c.data.length / 1e6;
    table.push([c.name, mb.toFixed(1), String(o.records), String(o.fields), ms.toFixed(0), (mb / (ms / 1000)).toFixed(0)]);
  }
  return [
    '## COPY record splitting (src/io/formats), one core',
    '',
    `TPC-H SF0.1 lineitem, ${rows.length} rows, ${CHUNK / 1024} KiB chunks, median CPU time of ${RUNS} runs after a warm-up.`,
    '',
    markdownTable(['input', 'MB', 'records', 'fields', 'CPU ms', 'MB/s'], table),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchCopySplit());

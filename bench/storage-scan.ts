/**
 * Micro-benchmark of the scan hot path: readColumn over 1M rows (16 blocks of BLOCK_ROWS) of
 * integers and of short ASCII strings, plus non-ASCII strings, decimals and timestamps for scale,
 * block building, and a run of single-row INSERTs (block coalescing).
 * Run: npx tsx bench/storage-scan.ts
 */
import { Bench } from 'tinybench';
import { buildBlocks } from '../src/storage/block-builder.js';
import { readColumn } from '../src/storage/block-reader.js';
import { EMPTY_SLICE, appendRows } from '../src/storage/table-data.js';
import type { Block } from '../src/storage/block.js';
import { INTEGER, TIMESTAMP, decimalType, varcharType, type SqlType } from '../src/types/datatype.js';

const ROWS = 1_000_000;

function columnOf(value: (i: number) => unknown): unknown[] {
  return Array.from({ length: ROWS }, (_, i) => value(i));
}

function blocksOf(type: SqlType, value: (i: number) => unknown): Block[] {
  return buildBlocks([type], [columnOf(value)], ROWS);
}

function scan(blocks: readonly Block[]): number {
  let n = 0;
  for (const block of blocks) n += readColumn(block.columns[0]!).length;
  return n;
}

const ints = blocksOf(INTEGER, (i) => (i * 2654435761) | 0);
const intsWithNulls = blocksOf(INTEGER, (i) => (i % 10 === 0 ? null : i));
const ascii = blocksOf(varcharType(20), (i) => `item-${i % 100_000}`);
const utf8 = blocksOf(varcharType(40), (i) => `café-${i % 100_000}`);
const decimals = blocksOf(decimalType(12, 2), (i) => BigInt(i) * 101n - 5_000_000n);
const timestamps = blocksOf(TIMESTAMP, (i) => 1_700_000_000_000_000 + i * 1_000_000);

const intColumn = columnOf((i) => i);
const asciiColumn = columnOf((i) => `item-${i % 100_000}`);

const bench = new Bench({ time: 2000 });
bench
  .add('readColumn 1M int4', () => scan(ints))
  .add('readColumn 1M int4, 10% null', () => scan(intsWithNulls))
  .add('readColumn 1M short ASCII varchar', () => scan(ascii))
  .add('readColumn 1M short non-ASCII varchar', () => scan(utf8))
  .add('readColumn 1M decimal(12,2)', () => scan(decimals))
  .add('readColumn 1M timestamp', () => scan(timestamps))
  .add('buildBlocks 1M int4', () => buildBlocks([INTEGER], [intColumn], ROWS))
  .add('buildBlocks 1M short ASCII varchar', () => buildBlocks([varcharType(20)], [asciiColumn], ROWS))
  .add('appendRows 5000 single-row inserts (int4, varchar)', () => {
    let slice = EMPTY_SLICE;
    for (let i = 0; i < 5000; i++) slice = appendRows(slice, [INTEGER, varcharType(20)], [[i], [`row ${i}`]], 1);
    return slice;
  });

await bench.run();
console.table(
  bench.tasks.map((t) => {
    const r = t.result;
    if (!('latency' in r)) return { task: t.name, state: r.state };
    const rows = t.name.startsWith('appendRows') ? 5000 : ROWS;
    return { task: t.name, 'mean ms': r.latency.mean.toFixed(2), 'p75 ms': r.latency.p75.toFixed(2), 'M rows/s': (rows / r.latency.mean / 1000).toFixed(2) };
  }),
);

/**
 * Micro-benchmark of COPY's storage steps on 600k lineitem-shaped rows: four reading slices'
 * vectors dealt by KEY (l_orderkey) over 4 slices (each destination's rows copied out compact), then
 * each destination slice's groups built into blocks sorted by l_shipdate. Vectors are prepared outside the timing.
 * Run: node --import tsx bench/vector-blocks.ts
 */
import { BLOCK_ROWS } from '../src/storage/block.js';
import { buildBlocksFromVectors } from '../src/storage/vector-blocks.js';
import { dealVectors } from '../src/storage/vector-partition.js';
import { vectorFromValues } from '../src/storage/vector-values.js';
import type { ColumnVector } from '../src/types/column-vector.js';
import { DATE, INTEGER, charType, decimalType, varcharType, type SqlType } from '../src/types/datatype.js';

const ROWS = 600_000;
const READERS = 4;
const TOPOLOGY = { sliceCount: 4, slicesPerNode: 2 };
const RUNS = Number(process.env.RUNS ?? 7);

const DEC = decimalType(15, 2);
const columns: { type: SqlType; value: (i: number) => unknown }[] = [
  { type: INTEGER, value: (i) => (i >> 2) * 4 + 1 }, // l_orderkey: ~4 lines per order
  { type: INTEGER, value: (i) => (i * 7919) % 20_000 }, // l_partkey
  { type: INTEGER, value: (i) => (i * 104_729) % 1_000 }, // l_suppkey
  { type: INTEGER, value: (i) => (i & 3) + 1 }, // l_linenumber
  { type: DEC, value: (i) => BigInt(((i * 31) % 50) + 1) * 100n }, // l_quantity
  { type: DEC, value: (i) => BigInt(90_000 + ((i * 7_777) % 10_000_000)) }, // l_extendedprice
  { type: DEC, value: (i) => BigInt(i % 11) }, // l_discount
  { type: DEC, value: (i) => BigInt(i % 9) }, // l_tax
  { type: charType(1), value: (i) => 'ANR'[i % 3] }, // l_returnflag
  { type: charType(1), value: (i) => 'OF'[i % 2] }, // l_linestatus
  { type: DATE, value: (i) => 8036 + ((i * 2_654_435_761) >>> 0) % 2_526 }, // l_shipdate, 1992..1998
  { type: DATE, value: (i) => 8036 + ((i * 40_503) >>> 0) % 2_526 }, // l_commitdate
  { type: DATE, value: (i) => 8040 + ((i * 7_919) >>> 0) % 2_526 }, // l_receiptdate
  { type: charType(25), value: (i) => ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'][i % 4]!.padEnd(25) }, // l_shipinstruct
  { type: charType(10), value: (i) => ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'][i % 7]!.padEnd(10) }, // l_shipmode
  { type: varcharType(44), value: (i) => `carefully final deposits ${i % 9_973} haggle` }, // l_comment
];
const types = columns.map((c) => c.type);
const SHIPDATE = 10;

/** Each reading slice's rows as one group of vectors, as the converters hand them over. */
const readerGroups: ColumnVector[][] = Array.from({ length: READERS }, (_, r) => {
  const from = (r * ROWS) / READERS;
  const to = ((r + 1) * ROWS) / READERS;
  return columns.map((c) => vectorFromValues(c.type, Array.from({ length: to - from }, (_, i) => c.value(from + i)), true));
});

function run(): { dealMs: number; buildMs: number; blocks: number } {
  const t0 = performance.now();
  const perDestination = new Map<number, ColumnVector[][]>();
  for (const group of readerGroups) {
    const dealt = dealVectors({ kind: 'key', column: 0, type: INTEGER }, group, group[0]!.length, TOPOLOGY, 0);
    for (const [slice, vectors] of dealt.perSlice) perDestination.set(slice, [...(perDestination.get(slice) ?? []), vectors]);
  }
  const t1 = performance.now();
  let blocks = 0;
  for (const groups of perDestination.values()) blocks += buildBlocksFromVectors(types, groups, [SHIPDATE]).length;
  const t2 = performance.now();
  return { dealMs: t1 - t0, buildMs: t2 - t1, blocks };
}

/**
 * The floor on this machine: allocating the same shared buffers (one per block chunk) and filling
 * them with one native copy each — what the one pass over the bytes costs before any gathering,
 * sorting or zone maps.
 */
function copyFloor(): number {
  const t0 = performance.now();
  const bytesOf = (v: ColumnVector): Uint8Array => new Uint8Array(v.values.buffer);
  const pass = Math.ceil(ROWS / TOPOLOGY.sliceCount / BLOCK_ROWS) * TOPOLOGY.sliceCount / READERS;
  for (const group of readerGroups) {
    for (const v of group) {
      const src = bytesOf(v);
      const part = Math.ceil(src.length / pass);
      for (let k = 0; k < pass; k++) new Uint8Array(new SharedArrayBuffer(part)).set(src.subarray(k * part, (k + 1) * part));
    }
  }
  return performance.now() - t0;
}

const results: ReturnType<typeof run>[] = [];
const floors: number[] = [];
for (let i = 0; i < RUNS; i++) {
  results.push(run());
  floors.push(copyFloor());
}
const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const deal = median(results.map((r) => r.dealMs));
const build = median(results.map((r) => r.buildMs));
console.log(`${ROWS} lineitem-shaped rows, ${types.length} columns, ${TOPOLOGY.sliceCount} slices, ${results[0]!.blocks} blocks of <= ${BLOCK_ROWS} rows (median of ${RUNS} runs)`);
console.log(`  deal by KEY (l_orderkey), compact: ${deal.toFixed(1)} ms`);
console.log(`  build, sorted by l_shipdate:       ${build.toFixed(1)} ms`);
console.log(`  total:                             ${(deal + build).toFixed(1)} ms`);
console.log(`  floor (same buffers, native copy): ${median(floors).toFixed(1)} ms`);

import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { BLOCK_ROWS, type Block, type ColumnChunk } from '../../src/storage/block.js';
import { placeRows, takeRows, type Placement } from '../../src/storage/placement.js';
import { EMPTY_SLICE, appendBlocks, appendRows } from '../../src/storage/table-data.js';
import { buildBlocksFromVectors } from '../../src/storage/vector-blocks.js';
import { dealVectors, keySlices } from '../../src/storage/vector-partition.js';
import { valuesOfVector, vectorFromValues } from '../../src/storage/vector-values.js';
import type { ColumnVector } from '../../src/types/column-vector.js';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ,
  charType, decimalType, varcharType, type SqlType,
} from '../../src/types/datatype.js';
import { compareValues, hashValue } from '../../src/types/index.js';
import { sliceForHash } from '../../src/storage/placement.js';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = ['', '\u0001x', 'a', 'a ', 'a   ', 'ab', 'b', ' ', 'é', 'ée', '日本', '😀', '\uff5a', '\ue000', '\ufffd', 'zz', 'a\u0000b', 'Z'];

/** Random engine values of `type` (a share of them NULL); a few values repeat, so sort keys tie. */
function generator(type: SqlType, r: () => number): () => unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  switch (type.kind) {
    case 'smallint': return () => pick([-32768, 32767, 0, int(-32768, 32767), int(-5, 5)]);
    case 'integer': return () => pick([-2147483648, 2147483647, 0, int(-2147483648, 2147483647), int(-5, 5)]);
    case 'bigint': return () => pick([-(2n ** 63n), 2n ** 63n - 1n, 0n, 2n ** 53n, -(2n ** 53n) - 3n, BigInt(int(-1e9, 1e9)) * BigInt(int(-1e9, 1e9)), BigInt(int(-5, 5))]);
    case 'decimal': {
      const max = 10n ** BigInt(type.precision) - 1n;
      return () => pick([max, -max, 0n, 1500n, 150n, -1n, (BigInt(int(0, 2 ** 30)) * BigInt(int(0, 2 ** 30)) * BigInt(int(-(2 ** 30), 2 ** 30))) % max]);
    }
    case 'real': return () => pick([NaN, -0, 0, Infinity, -Infinity, Math.fround((r() - 0.5) * 1e6), 1.5]);
    case 'double': return () => pick([NaN, -0, 0, Infinity, -1e308, (r() - 0.5) * 1e12, 1.5]);
    case 'boolean': return () => r() < 0.5;
    case 'char': return () => pick(['a', 'ab', '', 'zz', 'b', ' x', 'Q']).padEnd(type.length, ' ');
    case 'varchar': return () => (r() < 0.8 ? pick(STRINGS) : `s${int(0, 500)}${pick(STRINGS)}`);
    case 'date': return () => pick([int(-800000, 3000000), int(19000, 19010), 0]);
    case 'timestamp':
    case 'timestamptz': return () => pick([int(-62135596800, 253402300799) * 1_000_000 + int(0, 999_999), -1, 0, 1_700_000_000_000_000 + int(0, 1000)]);
    case 'time': return () => pick([int(0, 86_399_999_999), 0, 3_600_000_000]);
    default: throw new Error(type.kind);
  }
}

function randomColumn(type: SqlType, rows: number, nullShare: number, seed: number): unknown[] {
  const r = rng(seed);
  const next = generator(type, r);
  return Array.from({ length: rows }, () => (r() < nullShare ? null : next()));
}

const TYPES: [string, SqlType][] = [
  ['smallint', SMALLINT], ['integer', INTEGER], ['bigint', BIGINT], ['decimal(15,2)', decimalType(15, 2)],
  ['decimal(38,4)', decimalType(38, 4)], ['real', REAL], ['double', DOUBLE], ['boolean', BOOLEAN],
  ['char(4)', charType(4)], ['varchar(40)', varcharType(40)], ['date', DATE], ['timestamp', TIMESTAMP],
  ['timestamptz', TIMESTAMPTZ], ['time', TIME],
];

/** What a scan reads back for values of `type` (REAL is stored as float32). */
function stored(type: SqlType, values: readonly unknown[]): unknown[] {
  return type.kind === 'real' ? values.map((v) => (v === null ? null : Math.fround(v as number))) : [...values];
}

/** Splits rows into vectors of uneven group sizes (bitmaps then start mid-byte when concatenated). */
function groupsOf(types: readonly SqlType[], columns: readonly unknown[][], sizes: readonly number[]): ColumnVector[][] {
  const groups: ColumnVector[][] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(types.map((t, c) => vectorFromValues(t, columns[c]!.slice(at, at + size), true)));
    at += size;
  }
  return groups;
}

/** Where two byte ranges first differ (-1: equal), compared natively: chunks are megabytes. */
function firstDifference(a: ArrayBufferView, b: ArrayBufferView): number {
  const x = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  const y = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (x.equals(y)) return -1;
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return i;
  return Math.min(x.length, y.length);
}

/** Two chunks hold the same bytes (values, offsets, validity), with the same flags and zone map. */
function expectSameChunk(actual: ColumnChunk, expected: ColumnChunk, where: string): void {
  expect(actual.type, where).toEqual(expected.type);
  expect(actual.length, where).toBe(expected.length);
  expect(actual.nullCount, where).toBe(expected.nullCount);
  expect(actual.values.constructor, where).toBe(expected.values.constructor);
  expect(actual.values.buffer, where).toBeInstanceOf(SharedArrayBuffer);
  expect(actual.values.length, where).toBe(expected.values.length);
  expect(firstDifference(actual.values, expected.values), `${where}: values differ at`).toBe(-1);
  expect(actual.offsets === null, where).toBe(expected.offsets === null);
  if (expected.offsets !== null) {
    expect(actual.offsets!.length, where).toBe(expected.offsets.length);
    expect(firstDifference(actual.offsets!, expected.offsets), `${where}: offsets differ at`).toBe(-1);
  }
  expect(actual.validity === null, where).toBe(expected.validity === null);
  if (expected.validity !== null) {
    expect(actual.validity!.length, where).toBe(expected.validity.length);
    expect(firstDifference(actual.validity!, expected.validity), `${where}: validity differs at`).toBe(-1);
  }
  expect(actual.ascii, where).toBe(expected.ascii);
  expect(Object.is(actual.min, expected.min) || (actual.min === expected.min), `${where} min ${String(actual.min)} vs ${String(expected.min)}`).toBe(true);
  expect(Object.is(actual.max, expected.max) || (actual.max === expected.max), `${where} max ${String(actual.max)} vs ${String(expected.max)}`).toBe(true);
}

function expectSameBlocks(actual: readonly Block[], expected: readonly Block[]): void {
  expect(actual.map((b) => b.rowCount)).toEqual(expected.map((b) => b.rowCount));
  actual.forEach((block, b) => block.columns.forEach((chunk, c) => expectSameChunk(chunk, expected[b]!.columns[c]!, `block ${b} column ${c}`)));
}

/** The engine's ORDER BY k1, k2, ... ASC (NULLS LAST), stable: the reference for the sort key order. */
function engineOrder(types: readonly SqlType[], columns: readonly unknown[][], keys: readonly number[], rows: number): number[] {
  const order = Array.from({ length: rows }, (_, i) => i);
  return order.sort((i, j) => {
    for (const k of keys) {
      const a = columns[k]![i];
      const b = columns[k]![j];
      if (a === null && b === null) continue;
      if (a === null) return 1;
      if (b === null) return -1;
      const c = compareValues(types[k]!, a, b);
      if (c !== 0) return c;
    }
    return i - j;
  });
}

describe('vectorFromValues / valuesOfVector', () => {
  it.each(TYPES)('round-trips %s with and without NULLs, whole and in ranges', (_name, type) => {
    for (const nullShare of [0, 0.3]) {
      const values = randomColumn(type, 77, nullShare, 11);
      const v = vectorFromValues(type, values);
      expect(v.values.buffer).toBeInstanceOf(ArrayBuffer);
      expect(v.validity === null).toBe(!values.includes(null));
      expect(valuesOfVector(v)).toEqual(stored(type, values));
      for (const [start, end] of [[3, 11], [8, 77], [13, 13], [76, 77]] as const) {
        expect(valuesOfVector(v, start, end)).toEqual(stored(type, values.slice(start, end)));
      }
      const shared = vectorFromValues(type, values, true);
      expect(shared.values.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(valuesOfVector(shared)).toEqual(stored(type, values));
    }
  });

  it('reads as readColumn does: the same values a chunk of the same data scans to', () => {
    const values = ['x', null, 'naïve', ''];
    const [block] = buildBlocks([varcharType(10)], [values], 4);
    expect(valuesOfVector(vectorFromValues(varcharType(10), values))).toEqual(values);
    expect(block!.columns[0]!.nullCount).toBe(1);
  });
});

describe('dealVectors', () => {
  const TOPO = { sliceCount: 6, slicesPerNode: 2 };

  /** Each slice receives, compact and in shared memory, the rows placeRows gives it, in row order. */
  function expectPlacedLike(placement: Placement, types: readonly SqlType[], columns: unknown[][], rows: number, cursor: number): void {
    const vectors = types.map((t, c) => vectorFromValues(t, columns[c]!));
    const actual = dealVectors(placement, vectors, rows, TOPO, cursor);
    const expected = placeRows(placement, columns, rows, TOPO, cursor);
    expect(actual.evenCursor).toBe(expected.evenCursor);
    expect([...actual.perSlice.keys()].sort()).toEqual([...expected.perSlice.keys()].sort());
    for (const [slice, rowIds] of expected.perSlice) {
      const got = actual.perSlice.get(slice)!;
      types.forEach((type, c) => {
        expect(got[c]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(valuesOfVector(got[c]!), `slice ${slice} column ${c}`).toEqual(stored(type, rowIds.map((i) => columns[c]![i])));
      });
    }
  }

  it.each(TYPES)('KEY on %s places every row where placeRows does (NULL keys on slice 0)', (_name, type) => {
    const rows = 3000;
    const types = [type, INTEGER, varcharType(20)];
    const columns = [randomColumn(type, rows, 0.1, 5), randomColumn(INTEGER, rows, 0.2, 6), randomColumn(varcharType(20), rows, 0.2, 7)];
    expectPlacedLike({ kind: 'key', column: 0, type }, types, columns, rows, 0);
  });

  it('KEY hashes numeric keys from the buffers exactly as hashValue hashes the engine values', () => {
    for (const type of [SMALLINT, INTEGER, DATE, BIGINT, REAL, DOUBLE, TIMESTAMP, TIME]) {
      const values = randomColumn(type, 2000, 0.05, 9);
      const dest = keySlices(vectorFromValues(type, values), 1 << 30);
      const expected = stored(type, values).map((v) => (v === null ? 0 : sliceForHash(hashValue(v, type), 1 << 30)));
      expect(Array.from(dest), type.kind).toEqual(expected);
    }
  });

  it('EVEN continues the round-robin from the cursor', () => {
    const columns = [randomColumn(INTEGER, 1001, 0.1, 1), randomColumn(varcharType(9), 1001, 0.1, 2)];
    for (const cursor of [0, 4, 5]) expectPlacedLike({ kind: 'even' }, [INTEGER, varcharType(9)], columns, 1001, cursor);
  });

  it('ALL hands one copy of every row to the first slice of every node', () => {
    const vectors = [vectorFromValues(INTEGER, [1, 2, null], true)];
    const { perSlice } = dealVectors({ kind: 'all' }, vectors, 3, TOPO, 2);
    expect([...perSlice.keys()]).toEqual([0, 2, 4]);
    const copy = perSlice.get(0)!;
    expect(perSlice.get(2)).toBe(copy);
    expect(perSlice.get(4)).toBe(copy);
    expect(copy[0]!.values.buffer).not.toBe(vectors[0]!.values.buffer);
    expect(valuesOfVector(copy[0]!)).toEqual([1, 2, null]);
    expect(dealVectors({ kind: 'all' }, [vectorFromValues(INTEGER, [], true)], 0, TOPO, 0).perSlice.size).toBe(0);
  });

  it('copies the rows out: the group may be reused afterwards', () => {
    const vectors = [vectorFromValues(varcharType(5), ['a', 'bb', 'ccc'])];
    const { perSlice } = dealVectors({ kind: 'key', column: 0, type: varcharType(5) }, vectors, 3, TOPO, 0);
    (vectors[0]!.values as Uint8Array).fill(0x7a);
    expect([...perSlice.values()].flatMap((group) => valuesOfVector(group[0]!)).sort()).toEqual(['a', 'bb', 'ccc']);
  });
});

describe('buildBlocksFromVectors', () => {
  const types = TYPES.map(([, t]) => t);
  const rows = 2 * BLOCK_ROWS + 1234;
  const columns = types.map((t, c) => randomColumn(t, rows, c % 3 === 0 ? 0 : 0.15, 100 + c));
  const groups = groupsOf(types, columns, [1, 7, 1000, 70_001, rows - 71_009]);

  it('without a sort key: the chunks chunk-encoder builds from the same values, byte for byte', () => {
    expectSameBlocks(buildBlocksFromVectors(types, groups, null), buildBlocks(types, columns, rows));
  });

  it.each([
    ['date', [10]], ['integer', [1]], ['smallint then varchar', [0, 9]], ['timestamp', [11]], ['bigint', [2]],
    ['decimal', [4]], ['double', [6]], ['real then date', [5, 10]], ['boolean then char', [7, 8]], ['char', [8]],
    ['varchar then time then integer', [9, 13, 1]], ['time', [13]],
  ] as const)('sorted by %s: the engine order, stable, NULLs last', (_name, keys) => {
    const order = engineOrder(types, columns, keys, rows);
    const sorted = takeRows(columns, order);
    expectSameBlocks(buildBlocksFromVectors(types, groups, keys), buildBlocks(types, sorted, rows));
  });

  it('builds a slice\'s dealt groups from several readers: the blocks of those rows, sorted', () => {
    const topology = { sliceCount: 3, slicesPerNode: 1 };
    const keys = [10];
    const perSlice = new Map<number, ColumnVector[][]>();
    const placement: Placement = { kind: 'key', column: 1, type: types[1]! };
    for (const group of groups) {
      for (const [slice, vectors] of dealVectors(placement, group, group[0]!.length, topology, 0).perSlice) {
        perSlice.set(slice, [...(perSlice.get(slice) ?? []), vectors]);
      }
    }
    const expectedRows = placeRows(placement, columns, rows, topology, 0).perSlice;
    expect(perSlice.size).toBe(3);
    for (const [slice, sliceGroups] of perSlice) {
      const ids = expectedRows.get(slice)!;
      const mine = takeRows(columns, ids);
      const sorted = takeRows(mine, engineOrder(types, mine, keys, ids.length));
      expectSameBlocks(buildBlocksFromVectors(types, sliceGroups, keys), buildBlocks(types, sorted, ids.length));
    }
  });

  it('moves strings of one byte length in every row (CHAR) like fixed-width values, and mixed lengths row by row', () => {
    const t = [charType(3), varcharType(4), charType(1), INTEGER];
    const n = 2 * BLOCK_ROWS + 500;
    const r = rng(3);
    const cols: unknown[][] = [
      Array.from({ length: n }, () => ['abc', 'zz ', 'a  ', 'Q x'][Math.floor(r() * 4)]),
      Array.from({ length: n }, (_, i) => (i === 70_000 ? 'x' : ['éa', 'ab', 'zz'][Math.floor(r() * 3)])),
      Array.from({ length: n }, () => 'xyz'[Math.floor(r() * 3)]),
      Array.from({ length: n }, () => Math.floor(r() * 1000)),
    ];
    const groups = groupsOf(t, cols, [40_000, 30_000, n - 70_000]);
    // The VARCHAR's one 1-byte value (row 70000, in the last group) sends that column down the general path.
    const order = engineOrder(t, cols, [3], n);
    expectSameBlocks(buildBlocksFromVectors(t, groups, [3]), buildBlocks(t, takeRows(cols, order), n));
    // Without the last group every VARCHAR value is 2 bytes, some not ASCII.
    const idsOf = (g: number): number[] => Array.from({ length: 9000 }, (_, i) => 40_000 * g + i * 3 + g);
    const dealt = [0, 1].map((g) => t.map((type, c) => vectorFromValues(type, idsOf(g).map((i) => cols[c]![i]), true)));
    const ids = [0, 1].flatMap(idsOf);
    const mine = takeRows(cols, ids);
    const built = buildBlocksFromVectors(t, dealt, [3]);
    expectSameBlocks(built, buildBlocks(t, takeRows(mine, engineOrder(t, mine, [3], ids.length)), ids.length));
    expect(built[0]!.columns[1]!.ascii).toBe(false);
    expect(built[0]!.columns[0]!.ascii).toBe(true);
  });

  it('bounds CHAR values as Redshift compares them, also around control characters below the blank', () => {
    const cases: [SqlType, string[]][] = [
      [charType(3), ['a', 'a\u0001', ' \u0001', '', 'a\u0000b', '\u0001', 'b', 'a \u0001', '\u0000'].map((v) => v.padEnd(3, ' '))],
      // One byte per row (CHAR(1), and VARCHAR holding single bytes) takes a path of its own: a blank is the empty string.
      [charType(1), [' ', 'a', '\u0001', 'Z', '\u0000', 'a']],
      [varcharType(4), [' ', 'b', '\u0001', 'a', '~']],
    ];
    for (const [type, values] of cases) {
      for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
        const r = rng(seed);
        const n = 5 + Math.floor(r() * 40);
        const cols = [Array.from({ length: n }, () => values[Math.floor(r() * values.length)])];
        expectSameBlocks(buildBlocksFromVectors([type], groupsOf([type], cols, [n]), null), buildBlocks([type], cols, n));
      }
    }
  });

  it('rejects a group whose vectors differ in length or type from the table', () => {
    expect(() => buildBlocksFromVectors([INTEGER, INTEGER], [[vectorFromValues(INTEGER, [1, 2]), vectorFromValues(INTEGER, [1])]], null)).toThrow(/length/);
    expect(() => buildBlocksFromVectors([INTEGER], [[vectorFromValues(DATE, [1])]], null)).toThrow(/column 0 is date/);
  });

  it('keeps arrival order among keys equal under CHAR/VARCHAR trailing-blank rules', () => {
    const t = [varcharType(10), INTEGER];
    const keys = ['a  ', 'b', 'a', null, 'a ', '', ' ', null, 'B'];
    const cols = [keys, keys.map((_, i) => i)];
    const [block] = buildBlocksFromVectors(t, groupsOf(t, cols, [4, 5]), [0]);
    expect(valuesOfVector(block!.columns[1]!)).toEqual([5, 6, 8, 0, 2, 4, 1, 3, 7]);
  });

  it('orders compound keys column by column', () => {
    const t = [DATE, decimalType(10, 2), INTEGER];
    const cols = [[2, 1, 2, 1, null, 2], [5n, null, -5n, 7n, 1n, 5n], [0, 1, 2, 3, 4, 5]];
    const [block] = buildBlocksFromVectors(t, groupsOf(t, cols, [6]), [0, 1]);
    expect(valuesOfVector(block!.columns[2]!)).toEqual([3, 1, 2, 0, 5, 4]);
  });

  it('returns no block for no rows', () => {
    expect(buildBlocksFromVectors([INTEGER], [], [0])).toEqual([]);
    expect(buildBlocksFromVectors([INTEGER], [[vectorFromValues(INTEGER, [])]], null)).toEqual([]);
  });
});

describe('appendBlocks', () => {
  const t = [INTEGER, varcharType(5)];
  const blocksOf = (n: number, from = 0): Block[] => buildBlocksFromVectors(t, groupsOf(t, [Array.from({ length: n }, (_, i) => from + i), Array.from({ length: n }, (_, i) => `r${i % 7}`)], [n]), [0]);

  it('makes the first load of an empty slice its sorted region, later loads unsorted', () => {
    const first = appendBlocks(EMPTY_SLICE, blocksOf(BLOCK_ROWS + 10), { sorted: true });
    expect(first.sortedRows).toBe(BLOCK_ROWS + 10);
    expect(first.rowCount).toBe(BLOCK_ROWS + 10);
    const second = appendBlocks(first, blocksOf(50), { sorted: true });
    expect(second.sortedRows).toBe(BLOCK_ROWS + 10);
    expect(second.rowCount).toBe(BLOCK_ROWS + 60);
    expect(appendBlocks(EMPTY_SLICE, blocksOf(5)).sortedRows).toBe(0);
    expect(appendBlocks(first, [])).toBe(first);
  });

  it('coalesces small tail blocks as appendRows does', () => {
    let byBlocks = EMPTY_SLICE;
    let byRows = EMPTY_SLICE;
    for (const n of [10, 10, 30, 5, 100]) {
      const blocks = blocksOf(n, byBlocks.rowCount);
      byBlocks = appendBlocks(byBlocks, blocks);
      byRows = appendRows(byRows, t, blocks[0]!.columns.map((c) => valuesOfVector(c)), n);
    }
    expect(byBlocks.blocks.map((b) => b.block.rowCount)).toEqual(byRows.blocks.map((b) => b.block.rowCount));
    expect(byBlocks.blocks.length).toBeLessThan(5);
    expectSameBlocks(byBlocks.blocks.map((b) => b.block), byRows.blocks.map((b) => b.block));
  });
});

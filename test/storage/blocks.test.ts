import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { readColumn } from '../../src/storage/block-reader.js';
import { BLOCK_ROWS, type ColumnChunk } from '../../src/storage/block.js';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ,
  charType, decimalType, varcharType, type SqlType,
} from '../../src/types/datatype.js';
import { SqlError } from '../../src/types/errors.js';

function roundTrip(type: SqlType, values: unknown[]): { chunk: ColumnChunk; back: unknown[] } {
  const [block] = buildBlocks([type], [values], values.length);
  const chunk = block!.columns[0]!;
  return { chunk, back: readColumn(chunk) };
}

const P38_MAX = 10n ** 38n - 1n;

const cases: [string, SqlType, unknown[]][] = [
  ['smallint', SMALLINT, [1, -32768, null, 32767, 0]],
  ['integer', INTEGER, [-2147483648, 2147483647, null, 0, 42]],
  ['bigint', BIGINT, [-(2n ** 63n), 2n ** 63n - 1n, null, 0n, -5n]],
  ['real', REAL, [1.5, -0.25, null, 3.4028234663852886e38]],
  ['double', DOUBLE, [Math.PI, -1e308, null, 5e-324, Number.POSITIVE_INFINITY]],
  ['boolean', BOOLEAN, [true, false, null, true, true, false, false, true, true, null, false]],
  ['decimal(10,2)', decimalType(10, 2), [12345n, -12345n, null, 0n, -1n]],
  ['decimal(38,0)', decimalType(38, 0), [P38_MAX, -P38_MAX, null, 2n ** 64n, -(2n ** 64n), 2n ** 63n, -(2n ** 63n) - 1n]],
  ['varchar', varcharType(100), ['abc', '', null, 'naïve café', '日本語', '😀 emoji', 'z']],
  ['char', charType(3), ['ab ', null, 'xyz']],
  ['date', DATE, [0, -719528, null, 2932896, 19000]],
  ['timestamp', TIMESTAMP, [0, -1, -86_400_000_001, null, 1_700_000_000_123_456, 253402300799000000]],
  ['timestamptz', TIMESTAMPTZ, [-62135596800000000, null, 1]],
  ['time', TIME, [0, 86_399_999_999, null, 3_600_000_001]],
];

describe('buildBlocks / readColumn round-trip', () => {
  it.each(cases)('%s', (_name, type, values) => {
    const { chunk, back } = roundTrip(type, values);
    const expected = type.kind === 'real' ? values.map((v) => (v === null ? null : Math.fround(v as number))) : values;
    expect(back).toEqual(expected);
    expect(chunk.length).toBe(values.length);
    expect(chunk.nullCount).toBe(values.filter((v) => v === null).length);
    expect(chunk.validity).not.toBeNull();
  });

  it('omits the validity bitmap when nothing is null', () => {
    const { chunk, back } = roundTrip(INTEGER, [1, 2, 3]);
    expect(chunk.validity).toBeNull();
    expect(chunk.nullCount).toBe(0);
    expect(back).toEqual([1, 2, 3]);
  });

  it('reads an all-null column', () => {
    const { chunk, back } = roundTrip(varcharType(10), [null, null, null]);
    expect(back).toEqual([null, null, null]);
    expect(chunk.min).toBeNull();
    expect(chunk.max).toBeNull();
    expect(Array.from(chunk.validity!)).toEqual([0]);
  });
});

describe('Arrow buffer layout', () => {
  it('puts every buffer in a SharedArrayBuffer, 8-byte aligned', () => {
    const [block] = buildBlocks([INTEGER, varcharType(10), decimalType(5, 1), BOOLEAN], [[1, null, 3], ['a', 'bb', null], [1n, null, 3n], [true, null, false]], 3);
    for (const chunk of block!.columns) {
      for (const buf of [chunk.values, chunk.offsets, chunk.validity]) {
        if (buf === null) continue;
        expect(buf.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(buf.byteOffset % 8).toBe(0);
      }
    }
  });

  it('stores negative decimals as 128-bit two\'s complement in 4 little-endian uint32 words', () => {
    const { chunk } = roundTrip(decimalType(10, 2), [-1n, -12345n, 2n ** 64n + 3n]);
    expect(chunk.values).toBeInstanceOf(Uint32Array);
    expect(Array.from(chunk.values as Uint32Array)).toEqual([
      0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
      2 ** 32 - 12345, 0xffffffff, 0xffffffff, 0xffffffff,
      3, 0, 1, 0,
    ]);
  });

  it('stores timestamps as int64 microseconds, dates as int32 days', () => {
    const ts = roundTrip(TIMESTAMP, [-1, 1_700_000_000_123_456]).chunk;
    expect(ts.values).toBeInstanceOf(BigInt64Array);
    expect(Array.from(ts.values as BigInt64Array)).toEqual([-1n, 1_700_000_000_123_456n]);
    const d = roundTrip(DATE, [-1, 19000]).chunk;
    expect(d.values).toBeInstanceOf(Int32Array);
    expect(Array.from(d.values as Int32Array)).toEqual([-1, 19000]);
  });

  it('bit-packs booleans LSB first and sets validity bits for non-null values', () => {
    const { chunk } = roundTrip(BOOLEAN, [true, false, true, null, false, false, false, false, true]);
    expect(Array.from(chunk.values as Uint8Array)).toEqual([0b00000101, 0b00000001]);
    expect(Array.from(chunk.validity!)).toEqual([0b11110111, 0b00000001]);
  });

  it('stores strings as UTF-8 with int32 offsets and flags pure-ASCII chunks', () => {
    const ascii = roundTrip(varcharType(10), ['ab', null, 'cde']).chunk;
    expect(Array.from(ascii.offsets!)).toEqual([0, 2, 2, 5]);
    expect(Buffer.from(ascii.values as Uint8Array).toString()).toBe('abcde');
    expect(ascii.ascii).toBe(true);
    const utf8 = roundTrip(varcharType(10), ['é', 'x']).chunk;
    expect(Array.from(utf8.offsets!)).toEqual([0, 2, 3]);
    expect(utf8.ascii).toBe(false);
  });

  it('refuses types that cannot be stored', () => {
    expect(() => buildBlocks([INTERVAL], [[null]], 1)).toThrow(SqlError);
  });
});

describe('block splitting and zone maps', () => {
  it('splits rows into blocks of BLOCK_ROWS', () => {
    const n = BLOCK_ROWS * 2 + 5;
    const ints = Array.from({ length: n }, (_, i) => i);
    const strs = ints.map((i) => `s${i}`);
    const blocks = buildBlocks([INTEGER, varcharType(20)], [ints, strs], n);
    expect(blocks.map((b) => b.rowCount)).toEqual([BLOCK_ROWS, BLOCK_ROWS, 5]);
    expect(blocks[1]!.columns[0]!.min).toBe(BLOCK_ROWS);
    expect(blocks[1]!.columns[0]!.max).toBe(2 * BLOCK_ROWS - 1);
    expect(readColumn(blocks[2]!.columns[1]!)).toEqual(strs.slice(2 * BLOCK_ROWS));
    expect(blocks.flatMap((b) => readColumn(b.columns[0]!))).toEqual(ints);
  });

  it('builds no blocks for no rows', () => {
    expect(buildBlocks([INTEGER], [[]], 0)).toEqual([]);
  });

  it('computes min/max ignoring nulls, with each type\'s order', () => {
    const [block] = buildBlocks(
      [INTEGER, decimalType(38, 2), varcharType(10), DATE, TIMESTAMP, BOOLEAN],
      [[5, null, -3, 9], [-(2n ** 100n), null, 7n, 2n ** 90n], ['pear', 'apple', null, 'zoo'], [10, -5, 3, null], [-1, null, 5, 0], [false, true, null, false]],
      4,
    );
    const zone = block!.columns.map((c) => [c.min, c.max]);
    expect(zone).toEqual([[-3, 9], [-(2n ** 100n), 2n ** 90n], ['apple', 'zoo'], [-5, 10], [-1, 5], [false, true]]);
  });
});

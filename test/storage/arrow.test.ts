import * as arrow from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrowReady, arrowTypeFor, blocksToArrowTable, chunkToArrowData } from '../../src/storage/arrow.js';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { BLOCK_ROWS } from '../../src/storage/block.js';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ, charType, decimalType, varcharType, type SqlType,
} from '../../src/types/datatype.js';

const MS_PER_DAY = 86_400_000;

beforeAll(() => arrowReady);

function vectorOf(type: SqlType, values: unknown[]): arrow.Vector {
  const [block] = buildBlocks([type], [values], values.length);
  return arrow.makeVector(chunkToArrowData(block!.columns[0]!));
}

describe('arrowTypeFor', () => {
  it('maps SQL types to Arrow storage types', () => {
    expect(String(arrowTypeFor(SMALLINT))).toBe('Int16');
    expect(String(arrowTypeFor(BIGINT))).toBe('Int64');
    expect(arrowTypeFor(decimalType(12, 3))).toMatchObject({ precision: 12, scale: 3, bitWidth: 128 });
    expect(arrowTypeFor(DATE)).toBeInstanceOf(arrow.DateDay);
    expect(arrowTypeFor(TIMESTAMP)).toMatchObject({ unit: arrow.TimeUnit.MICROSECOND });
    expect((arrowTypeFor(TIMESTAMP) as arrow.Timestamp).timezone ?? null).toBeNull();
    expect(arrowTypeFor(TIMESTAMPTZ)).toMatchObject({ unit: arrow.TimeUnit.MICROSECOND, timezone: 'UTC' });
    expect(arrowTypeFor(TIME)).toMatchObject({ unit: arrow.TimeUnit.MICROSECOND, bitWidth: 64 });
    expect(arrowTypeFor(charType(4))).toBeInstanceOf(arrow.Utf8);
  });
});

describe('chunkToArrowData', () => {
  it('shares the chunk buffers (no copy)', () => {
    const [block] = buildBlocks([varcharType(5)], [['a', null, 'b']], 3);
    const chunk = block!.columns[0]!;
    const data = chunkToArrowData(chunk);
    expect(data.values.buffer).toBe(chunk.values.buffer);
    expect(data.valueOffsets.buffer).toBe(chunk.offsets!.buffer);
    expect(data.nullBitmap!.buffer).toBe(chunk.validity!.buffer);
    expect(data.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('reads back integers, floats, booleans and strings with nulls', () => {
    expect(vectorOf(SMALLINT, [1, null, -3]).toArray()).toEqual(new Int16Array([1, 0, -3]));
    expect([...vectorOf(INTEGER, [7, null, -9])]).toEqual([7, null, -9]);
    expect([...vectorOf(BIGINT, [2n ** 62n, null])]).toEqual([2n ** 62n, null]);
    expect([...vectorOf(REAL, [1.5, null])]).toEqual([1.5, null]);
    expect([...vectorOf(DOUBLE, [-2.25, null])]).toEqual([-2.25, null]);
    expect([...vectorOf(BOOLEAN, [true, null, false, true])]).toEqual([true, null, false, true]);
    expect([...vectorOf(varcharType(20), ['héllo', null, '', '日本'])]).toEqual(['héllo', null, '', '日本']);
  });

  it('reads back decimals, including negative and 38-digit values', () => {
    const values = [-12345n, null, 10n ** 38n - 1n, -(10n ** 38n - 1n), 0n];
    const v = vectorOf(decimalType(38, 2), values);
    const back = Array.from({ length: values.length }, (_, i) => {
      const x = v.get(i);
      // The vector yields the unscaled 128-bit integer (DecimalBigNum); its string is the integer.
      return x === null ? null : BigInt(String(x));
    });
    expect(back).toEqual(values);
  });

  it('reads back dates, timestamps (before 1970 too) and times', () => {
    expect([...vectorOf(DATE, [-1, null, 19000])]).toEqual([-MS_PER_DAY, null, 19000 * MS_PER_DAY]);
    // apache-arrow returns timestamps as epoch milliseconds (fractional for microseconds).
    expect([...vectorOf(TIMESTAMP, [-1_500_000, null, 1_700_000_000_000_000])]).toEqual([-1500, null, 1_700_000_000_000]);
    expect([...vectorOf(TIMESTAMPTZ, [-86_400_000_000])]).toEqual([-MS_PER_DAY]);
    expect([...vectorOf(TIME, [3_600_000_001, null])]).toEqual([3_600_000_001n, null]);
  });
});

describe('blocksToArrowTable', () => {
  it('makes one record batch per block over the same buffers', () => {
    const n = BLOCK_ROWS + 3;
    const ids = Array.from({ length: n }, (_, i) => i);
    const names = ids.map((i) => (i % 10 === 0 ? null : `n${i}`));
    const blocks = buildBlocks([INTEGER, varcharType(10)], [ids, names], n);
    const table = blocksToArrowTable(['id', 'name'], [INTEGER, varcharType(10)], blocks);
    expect(table.numRows).toBe(n);
    expect(table.batches.length).toBe(2);
    expect(table.schema.fields.map((f) => f.name)).toEqual(['id', 'name']);
    expect(table.getChild('id')!.get(BLOCK_ROWS + 2)).toBe(BLOCK_ROWS + 2);
    expect(table.getChild('name')!.get(BLOCK_ROWS + 1)).toBe(`n${BLOCK_ROWS + 1}`);
    expect(table.getChild('name')!.get(10)).toBeNull();
    expect(table.batches[1]!.getChildAt(0)!.data[0]!.values.buffer).toBe(blocks[1]!.columns[0]!.values.buffer);
  });

  it('makes an empty table with the schema when there are no blocks', () => {
    const table = blocksToArrowTable(['a', 'b'], [INTEGER, decimalType(5, 2)], []);
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(['Int32', 'Decimal[5e+2]']);
  });
});

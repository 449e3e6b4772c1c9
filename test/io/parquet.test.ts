import * as arrow from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table as WasmTable, writeParquet } from 'parquet-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { ParquetLoadError, readParquetColumns, type ParquetTargetColumn } from '../../src/io/formats/parquet.js';
import { valuesOfVector } from '../../src/storage/vector-values.js';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ,
  charType, decimalType, varcharType, type SqlType,
} from '../../src/types/datatype.js';

/** One Arrow column from raw buffers, so every storage detail (units, widths, nulls) is explicit. */
function column(type: arrow.DataType, length: number, data: ArrayBufferView, extra: { valueOffsets?: ArrayBufferView; nulls?: readonly number[] } = {}): arrow.Vector {
  let nullBitmap: Uint8Array | undefined;
  if (extra.nulls !== undefined && extra.nulls.length > 0) {
    nullBitmap = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
    for (const i of extra.nulls) nullBitmap[i >> 3]! &= ~(1 << (i & 7));
  }
  const props = { type, length, data, nullBitmap, nullCount: extra.nulls?.length ?? 0, valueOffsets: extra.valueOffsets } as unknown as Parameters<typeof arrow.makeData>[0];
  return arrow.makeVector(arrow.makeData(props));
}

function utf8(values: readonly (string | null)[], large = false): arrow.Vector {
  const parts = values.map((v) => Buffer.from(v ?? '', 'utf8'));
  const ends = [0];
  for (const p of parts) ends.push(ends[ends.length - 1]! + p.length);
  const nulls = values.flatMap((v, i) => (v === null ? [i] : []));
  const valueOffsets = large ? BigInt64Array.from(ends.map(BigInt)) : Int32Array.from(ends);
  return column(large ? new arrow.LargeUtf8() : new arrow.Utf8(), values.length, new Uint8Array(Buffer.concat(parts)), { valueOffsets, nulls });
}

function parquetOf(columns: Record<string, arrow.Vector>): Uint8Array {
  return writeParquet(WasmTable.fromIPCStream(arrow.tableToIPC(new arrow.Table(columns), 'stream')));
}

function target(type: SqlType, name = 'c', notNull = false): ParquetTargetColumn {
  return { name, type, notNull };
}

/** Reads one column and decodes it as the engine would scan it. */
function readOne(vector: arrow.Vector, type: SqlType, notNull = false): unknown[] {
  const [v] = readParquetColumns(parquetOf({ c: vector }), [target(type, 'c', notNull)], 's3://b/f.parquet');
  expect(v!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  expect(v!.length).toBe(vector.length);
  return valuesOfVector(v!);
}

function loadError(run: () => unknown): ParquetLoadError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ParquetLoadError);
    return err as ParquetLoadError;
  }
  throw new Error('expected the load to fail');
}

describe('readParquetColumns: integers', () => {
  it('reads every integer width into SMALLINT, INTEGER and BIGINT, with NULLs', () => {
    expect(readOne(column(new arrow.Int8(), 3, Int8Array.from([-128, 0, 127]), { nulls: [1] }), SMALLINT)).toEqual([-128, null, 127]);
    expect(readOne(column(new arrow.Int16(), 2, Int16Array.from([-32768, 32767])), SMALLINT)).toEqual([-32768, 32767]);
    expect(readOne(column(new arrow.Int32(), 3, Int32Array.from([-2147483648, 5, 2147483647])), INTEGER)).toEqual([-2147483648, 5, 2147483647]);
    expect(readOne(column(new arrow.Int64(), 3, BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 63n - 1n]), { nulls: [1] }), BIGINT)).toEqual([-(2n ** 63n), null, 2n ** 63n - 1n]);
    expect(readOne(column(new arrow.Int64(), 2, BigInt64Array.from([-2147483648n, 2147483647n])), INTEGER)).toEqual([-2147483648, 2147483647]);
    expect(readOne(column(new arrow.Uint32(), 2, Uint32Array.from([4294967295, 1])), BIGINT)).toEqual([4294967295n, 1n]);
    expect(readOne(column(new arrow.Int32(), 2, Int32Array.from([-7, 9])), BIGINT)).toEqual([-7n, 9n]);
    expect(readOne(column(new arrow.Uint64(), 1, BigUint64Array.from([2n ** 63n - 1n])), BIGINT)).toEqual([2n ** 63n - 1n]);
  });

  it('fails the load on a value the column cannot hold', () => {
    const e1 = loadError(() => readOne(column(new arrow.Int64(), 2, BigInt64Array.from([1n, 2147483648n])), INTEGER));
    expect(e1.loadErrorCode).toBe(1222);
    expect(e1.message).toContain("column 'c', row 2");
    expect(loadError(() => readOne(column(new arrow.Int32(), 1, Int32Array.from([40000])), SMALLINT)).message).toContain('40000');
    expect(loadError(() => readOne(column(new arrow.Uint64(), 1, BigUint64Array.from([2n ** 64n - 1n])), BIGINT)).loadErrorCode).toBe(1222);
    expect(loadError(() => readOne(column(new arrow.Int64(), 1, BigInt64Array.from([-(2n ** 40n)])), INTEGER)).loadErrorCode).toBe(1222);
  });
});

describe('readParquetColumns: decimals, floats, booleans', () => {
  const words = (values: readonly bigint[]): Uint32Array => {
    const out = new Uint32Array(values.length * 4);
    values.forEach((v, i) => {
      for (let k = 0; k < 4; k++) out[4 * i + k] = Number(BigInt.asUintN(32, v >> BigInt(32 * k)));
    });
    return out;
  };
  const max38 = 10n ** 38n - 1n;

  it('copies DECIMAL of the same scale exactly, wide values and negatives included', () => {
    expect(readOne(column(new arrow.Decimal(2, 15, 128), 4, words([123456n, -1n, 0n, 999_999_999_999_999n]), { nulls: [2] }), decimalType(15, 2))).toEqual([123456n, -1n, null, 999_999_999_999_999n]);
    expect(readOne(column(new arrow.Decimal(10, 38, 128), 3, words([max38, -max38, 2n ** 64n])), decimalType(38, 10))).toEqual([max38, -max38, 2n ** 64n]);
  });

  it('rescales exactly, and fails on lost digits or precision overflow', () => {
    expect(readOne(column(new arrow.Decimal(1, 5, 128), 2, words([15n, -3n])), decimalType(10, 3))).toEqual([1500n, -300n]);
    expect(readOne(column(new arrow.Decimal(4, 12, 128), 2, words([12_3400n, -5_0000n])), decimalType(10, 2))).toEqual([1234n, -500n]);
    expect(loadError(() => readOne(column(new arrow.Decimal(4, 12, 128), 1, words([12_3456n])), decimalType(10, 2))).loadErrorCode).toBe(1204);
    expect(loadError(() => readOne(column(new arrow.Decimal(0, 12, 128), 1, words([123_456n])), decimalType(5, 0))).message).toContain('DECIMAL(5,0)');
  });

  it('reads REAL and DOUBLE (NaN, -0, infinities) and BOOLEAN', () => {
    const f64 = readOne(column(new arrow.Float64(), 4, Float64Array.from([Math.PI, -0, NaN, -Infinity])), DOUBLE);
    expect(f64[0]).toBe(Math.PI);
    expect(Object.is(f64[1], -0)).toBe(true);
    expect(f64[2]).toBeNaN();
    expect(readOne(column(new arrow.Float32(), 2, Float32Array.from([1.5, 3.25]), { nulls: [1] }), REAL)).toEqual([1.5, null]);
    expect(readOne(column(new arrow.Float64(), 1, Float64Array.from([0.1])), REAL)).toEqual([Math.fround(0.1)]);
    expect(readOne(column(new arrow.Float32(), 1, Float32Array.from([0.1])), DOUBLE)).toEqual([Math.fround(0.1)]);
    expect(readOne(column(new arrow.Bool(), 10, Uint8Array.from([0b1010_0101, 0b10]), { nulls: [3, 9] }), BOOLEAN)).toEqual([true, false, true, null, false, true, false, true, false, null]);
  });
});

describe('readParquetColumns: strings', () => {
  it('reads VARCHAR (UTF-8, large offsets, dictionaries) and checks byte lengths', () => {
    expect(readOne(utf8(['naïve', null, '', '日本語', '😀']), varcharType(12))).toEqual(['naïve', null, '', '日本語', '😀']);
    expect(readOne(utf8(['ab', null, 'c'], true), varcharType(2))).toEqual(['ab', null, 'c']);
    const dict = arrow.vectorFromArray(['x', 'yy', null, 'x'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    expect(readOne(dict, varcharType(5))).toEqual(['x', 'yy', null, 'x']);
    expect(readOne(utf8(['abc   ']), varcharType(4))).toEqual(['abc ']);
    const e = loadError(() => readOne(utf8(['ok', 'ééé']), varcharType(5)));
    expect(e.message).toMatch(/^String length exceeds DDL length \(column 'c', row 2: 6 bytes/);
    expect(e.loadErrorCode).toBe(1204);
  });

  it('pads CHAR to its length and takes single-byte characters only', () => {
    expect(readOne(utf8(['ab', null, '', 'xyz']), charType(3))).toEqual(['ab ', null, '   ', 'xyz']);
    expect(loadError(() => readOne(utf8(['abcd']), charType(3))).message).toContain('Char length exceeds DDL length');
    expect(loadError(() => readOne(utf8(['é']), charType(3))).message).toContain('Multibyte character not supported for CHAR');
  });
});

describe('readParquetColumns: dates and times', () => {
  it('reads DATE from day and millisecond dates', () => {
    expect(readOne(column(new arrow.DateDay(), 3, Int32Array.from([0, -719528, 19000]), { nulls: [1] }), DATE)).toEqual([0, null, 19000]);
    expect(readOne(column(new arrow.DateMillisecond(), 2, BigInt64Array.from([3n * 86_400_000n, -86_400_000n])), DATE)).toEqual([3, -1]);
  });

  it('reads TIMESTAMP in every unit as microseconds (nanoseconds rounded down)', () => {
    const ts = 1_700_000_000_123_456;
    expect(readOne(column(new arrow.TimestampSecond(), 1, BigInt64Array.from([1_700_000_000n])), TIMESTAMP)).toEqual([1_700_000_000_000_000]);
    expect(readOne(column(new arrow.TimestampMillisecond(), 1, BigInt64Array.from([-1n])), TIMESTAMP)).toEqual([-1000]);
    expect(readOne(column(new arrow.TimestampMicrosecond('UTC'), 2, BigInt64Array.from([BigInt(ts), 0n]), { nulls: [1] }), TIMESTAMPTZ)).toEqual([ts, null]);
    expect(readOne(column(new arrow.TimestampNanosecond(), 2, BigInt64Array.from([BigInt(ts) * 1000n + 999n, -1n])), TIMESTAMP)).toEqual([ts, -1]);
  });

  it('reads TIME from 32- and 64-bit times', () => {
    expect(readOne(column(new arrow.TimeMillisecond(), 1, Int32Array.from([45_296_500])), TIME)).toEqual([45_296_500_000]);
    expect(readOne(column(new arrow.TimeMicrosecond(), 1, BigInt64Array.from([86_399_999_999n])), TIME)).toEqual([86_399_999_999]);
  });
});

describe('readParquetColumns: schema and NULL rules', () => {
  it('maps columns by position, whatever their names', () => {
    const bytes = parquetOf({ z: column(new arrow.Int32(), 1, Int32Array.from([7])), a: utf8(['s']) });
    const vectors = readParquetColumns(bytes, [target(INTEGER, 'a'), target(varcharType(3), 'z')]);
    expect(vectors.map((v) => valuesOfVector(v))).toEqual([[7], ['s']]);
  });

  it('fails when the column counts differ', () => {
    const bytes = parquetOf({ a: column(new arrow.Int32(), 1, Int32Array.from([7])) });
    const e = loadError(() => readParquetColumns(bytes, [target(INTEGER, 'a'), target(INTEGER, 'b')], 's3://b/k.parquet'));
    expect(e.message).toMatch(/^File 's3:\/\/b\/k\.parquet' has an incompatible Parquet schema: 1 columns in the file, 2 in the table/);
    expect(e.loadErrorCode).toBe(15007);
  });

  it('fails on a type the column cannot take, naming the column as Redshift Spectrum does', () => {
    const bytes = parquetOf({ a: utf8(['x']) });
    const e = loadError(() => readParquetColumns(bytes, [target(INTEGER, 'qty')], 's3://b/k.parquet'));
    expect(e.message).toBe("File 's3://b/k.parquet' has an incompatible Parquet schema for column 'qty'. Column type: INT, Parquet schema: optional byte_array a");
    expect(e.loadErrorCode).toBe(15007);
    expect(loadError(() => readOne(column(new arrow.Float64(), 1, Float64Array.from([1])), decimalType(5, 2))).message).toContain('Column type: DECIMAL(5,2)');
    expect(loadError(() => readOne(column(new arrow.Int32(), 1, Int32Array.from([1])), DATE)).loadErrorCode).toBe(15007);
  });

  it('loads a Null-typed column as NULLs, and fails on NULL into NOT NULL', () => {
    expect(readOne(arrow.makeVector(arrow.makeData({ type: new arrow.Null(), length: 2 })), varcharType(3))).toEqual([null, null]);
    expect(readOne(arrow.makeVector(arrow.makeData({ type: new arrow.Null(), length: 2 })), INTEGER)).toEqual([null, null]);
    const e = loadError(() => readOne(column(new arrow.Int32(), 3, Int32Array.from([1, 0, 3]), { nulls: [1] }), INTEGER, true));
    expect(e.message).toBe("Missing data for not-null field (column 'c', row 2)");
    expect(e.loadErrorCode).toBe(1213);
  });

  it('fails on bytes that are not Parquet', () => {
    expect(loadError(() => readParquetColumns(new Uint8Array([1, 2, 3]), [target(INTEGER)], 's3://b/x')).message).toContain("File 's3://b/x' is not a readable Parquet file");
  });

  it('keeps row order and NULL positions across record batches', () => {
    const n = 150_000;
    const ints = Int32Array.from({ length: n }, (_, i) => i * 3);
    const nulls = Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 0);
    const strings = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `v${i}`));
    const bytes = parquetOf({ i: column(new arrow.Int32(), n, ints, { nulls }), s: utf8(strings) });
    const [iv, sv] = readParquetColumns(bytes, [target(INTEGER), target(varcharType(10))]);
    const values = valuesOfVector(iv!);
    expect(values.length).toBe(n);
    expect(values.every((v, i) => (i % 7 === 0 ? v === null : v === i * 3))).toBe(true);
    expect(iv!.nullCount).toBe(nulls.length);
    expect(valuesOfVector(sv!)).toEqual(strings);
  });
});

describe('readParquetColumns: a file written by DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slicewise-parquet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads DECIMAL, DATE, TIMESTAMP, VARCHAR and friends as DuckDB wrote them', async () => {
    const file = join(dir, 'duck.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`COPY (
      SELECT i::INTEGER AS id, (i * 1000000007)::BIGINT AS big, (i * 1.25 - 3)::DECIMAL(15,2) AS price,
             (i * 12345678901234567.0123456789)::DECIMAL(38,10) AS wide, DATE '2020-02-28' + i::INTEGER AS day,
             TIMESTAMP '1999-12-31 23:59:59.123456' + INTERVAL (i) HOUR AS ts, 'row ' || i || ' é' AS label,
             i % 2 = 0 AS even, i / 4.0 AS ratio, CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS maybe
      FROM range(5) t(i)) TO '${file}' (FORMAT PARQUET)`);
    conn.closeSync();
    const columns = [
      target(INTEGER, 'id'), target(BIGINT, 'big'), target(decimalType(15, 2), 'price'), target(decimalType(38, 10), 'wide'),
      target(DATE, 'day'), target(TIMESTAMP, 'ts'), target(varcharType(20), 'label'), target(BOOLEAN, 'even'), target(DOUBLE, 'ratio'),
      target(INTEGER, 'maybe'),
    ];
    const rows = readParquetColumns(new Uint8Array(readFileSync(file)), columns).map((v) => valuesOfVector(v));
    const day0 = Date.UTC(2020, 1, 28) / 86_400_000;
    const ts0 = Date.UTC(1999, 11, 31, 23, 59, 59) * 1000 + 123_456;
    expect(rows).toEqual([
      [0, 1, 2, 3, 4],
      [0n, 1000000007n, 2000000014n, 3000000021n, 4000000028n],
      [-300n, -175n, -50n, 75n, 200n],
      [0n, 123456789012345670123456789n, 246913578024691340246913578n, 370370367037037010370370367n, 493827156049382680493827156n],
      [day0, day0 + 1, day0 + 2, day0 + 3, day0 + 4],
      [0, 1, 2, 3, 4].map((h) => ts0 + h * 3_600_000_000),
      ['row 0 é', 'row 1 é', 'row 2 é', 'row 3 é', 'row 4 é'],
      [true, false, true, false, true],
      [0, 0.25, 0.5, 0.75, 1],
      [null, 1, 2, null, 4],
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { createVectorBuilder } from '../../../src/io/convert/index.js';
import { vectorFromValues, valuesOfVector } from '../../../src/storage/index.js';
import type { ColumnVector } from '../../../src/types/column-vector.js';
import { BIGINT, BOOLEAN, charType, DATE, decimalType, DOUBLE, INTEGER, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ, varcharType, type SqlType } from '../../../src/types/datatype.js';

const SAMPLES: readonly [SqlType, readonly unknown[]][] = [
  [SMALLINT, [1, -32768, 32767, 0]],
  [INTEGER, [7, -2147483648, 2147483647]],
  [BIGINT, [1n, -(2n ** 63n), 2n ** 63n - 1n, 0n]],
  [decimalType(38, 2), [12345n, -1n, 10n ** 37n, -(10n ** 37n) + 1n, 2n ** 64n + 3n, -(2n ** 70n)]],
  [decimalType(15, 2), [0n, 999999999999999n, -999999999999999n, 4294967296n, -4294967296n, 4294967295n]],
  [REAL, [1.5, -0.25, Math.fround(3.4e38)]],
  [DOUBLE, [0.1, -1e300, Number.MIN_VALUE, NaN, Infinity]],
  [BOOLEAN, [true, false, true]],
  [charType(3), ['abc', 'a  ', '   ']],
  [varcharType(20), ['', 'héllo', '日本語', '😀x']],
  [DATE, [0, -1, 13879, -719528, 2932896]],
  [TIMESTAMP, [0, 1_700_000_000_123_456, -62135596800000000, 253402300799000000]],
  [TIMESTAMPTZ, [1, -1]],
  [TIME, [0, 86_399_999_999]],
];

/** The bytes a vector's buffers hold (validity, offsets, values), for exact comparisons with storage's encoder. */
function layout(v: ColumnVector): unknown {
  const bytes = (a: ArrayBufferView | null): number[] | null => (a === null ? null : [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
  return { length: v.length, nullCount: v.nullCount, values: bytes(v.values), offsets: bytes(v.offsets), validity: bytes(v.validity), kind: v.values.constructor.name };
}

describe('createVectorBuilder', () => {
  test.each(SAMPLES.map(([t, vs]) => [t.kind, t, vs] as const))('%s: engine values round-trip, laid out as storage encodes them', (_, type, values) => {
    const withNulls = [...values, null, ...values];
    for (const input of [values, withNulls]) {
      const b = createVectorBuilder(type, 2);
      for (const v of input) b.appendValue(v);
      expect(b.length).toBe(input.length);
      const v = b.finish(false);
      expect(valuesOfVector(v)).toEqual(input);
      expect(layout(v)).toEqual(layout(vectorFromValues(type, input)));
      expect(b.length).toBe(0);
    }
  });

  test('many segments: 200,000 rows with NULLs, a truncate back across a segment boundary', () => {
    const b = createVectorBuilder(INTEGER);
    const expected: (number | null)[] = [];
    for (let i = 0; i < 200_000; i++) {
      const v = i % 7 === 0 ? null : i * 3;
      b.appendValue(v);
      expected.push(v);
    }
    b.truncate(1000);
    expected.length = 1000;
    for (let i = 1; i <= 5000; i++) {
      b.appendValue(-i);
      expected.push(-i);
    }
    const v = b.finish(true);
    expect(v.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(v.nullCount).toBe(expected.filter((x) => x === null).length);
    expect(valuesOfVector(v)).toEqual(expected);
  });

  test('strings across byte segments; truncate restores the byte position', () => {
    const b = createVectorBuilder(varcharType(65535), 8);
    const expected: (string | null)[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = i % 100 === 0 ? 'x'.repeat(5000) : `value ${i} ✓`;
      const v = i % 11 === 0 ? null : s;
      b.appendValue(v);
      expected.push(v);
    }
    b.truncate(2500);
    expected.length = 2500;
    b.appendValue('tail');
    expected.push('tail');
    const v = b.finish(false);
    expect(v.offsets![v.length]).toBe(v.values.length);
    expect(valuesOfVector(v)).toEqual(expected);
  });

  test.each([
    ['decimal', decimalType(18, 2), (i: number) => BigInt(i * 7 - 3)],
    ['varchar', varcharType(30), (i: number) => `row ${i} ${'é'.repeat(i % 4)}`],
    ['boolean', BOOLEAN, (i: number) => i % 3 === 0],
    ['timestamp', TIMESTAMP, (i: number) => i * 1_000_003],
  ] as const)('%s: refilled after finish (its spare segments reused), the new rows come out right', (_, type, value) => {
    const b = createVectorBuilder(type);
    for (const [rows, shift] of [[200_000, 0], [150_000, 11], [70_000, 5]] as const) {
      const expected: unknown[] = [];
      for (let i = 0; i < rows; i++) {
        const v = (i + shift) % 13 === 0 ? null : value(i + shift);
        b.appendValue(v);
        expected.push(v);
      }
      expect(valuesOfVector(b.finish(true))).toEqual(expected);
    }
  });

  test('exact-size buffers; shared vectors in a SharedArrayBuffer; the builder is reusable', () => {
    const b = createVectorBuilder(decimalType(10, 2));
    for (let i = 0; i < 10; i++) b.appendValue(BigInt(i));
    const shared = b.finish(true);
    expect(shared.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.values.byteLength).toBe(160);
    expect(shared.validity).toBeNull();
    b.appendNull();
    b.appendValue(5n);
    const again = b.finish(false);
    expect(again.values.buffer).toBeInstanceOf(ArrayBuffer);
    expect(valuesOfVector(again)).toEqual([null, 5n]);
  });

  test('truncate recounts NULLs; an empty builder finishes to an empty vector', () => {
    const b = createVectorBuilder(BOOLEAN);
    b.appendValue(true);
    b.appendNull();
    b.appendNull();
    expect(b.nullCount).toBe(2);
    b.truncate(1);
    expect(b.nullCount).toBe(0);
    b.appendValue(false);
    const v = b.finish(false);
    expect(v.validity).toBeNull();
    expect(valuesOfVector(v)).toEqual([true, false]);
    expect(createVectorBuilder(varcharType(5)).finish(false)).toMatchObject({ length: 0, nullCount: 0, validity: null });
  });

  test.each(SAMPLES.map(([t, vs]) => [t.kind, t, vs] as const))('%s: viewRows shows the rows in place (what finish would copy out); clear starts over', (_, type, values) => {
    const b = createVectorBuilder(type, 64);
    for (const round of [0, 1]) {
      const input = round === 0 ? values : [null, ...values.slice(1), null];
      for (const v of input) b.appendValue(v);
      const view = b.viewRows()!;
      expect(view, `round ${round}`).not.toBeNull();
      expect(valuesOfVector(view)).toEqual(input);
      expect(view.nullCount).toBe(input.filter((v) => v === null).length);
      b.clear();
      expect(b.length).toBe(0);
    }
  });

  test('viewRows is null once rows spill past the first segment; a string builder then grows its first byte segment', () => {
    const ints = createVectorBuilder(INTEGER, 8);
    for (let i = 0; i < 8; i++) ints.appendValue(i);
    expect(ints.viewRows()).not.toBeNull();
    ints.appendValue(8);
    expect(ints.viewRows()).toBeNull();
    expect(valuesOfVector(ints.finish(false))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);

    const strings = createVectorBuilder(varcharType(100), 64);
    const run = Array.from({ length: 64 }, (_, i) => `${i}`.padEnd(90, 'é'));
    for (const s of run) strings.appendValue(s);
    expect(strings.viewRows(), 'the first run overflows the first byte segment').toBeNull();
    expect(valuesOfVector(strings.finish(false))).toEqual(run);
    for (const s of run) strings.appendValue(s);
    const view = strings.viewRows();
    expect(view, 'the second run of the same size fits').not.toBeNull();
    expect(view!.offsets![0]).toBe(0);
    expect(valuesOfVector(view!)).toEqual(run);
  });

  test('string row segments keep Arrow offsets across segments, truncates and clears', () => {
    const b = createVectorBuilder(varcharType(10), 8);
    const expected: (string | null)[] = [];
    for (let i = 0; i < 40; i++) {
      const v = i % 5 === 0 ? null : `s${i}`;
      b.appendValue(v);
      expected.push(v);
    }
    b.truncate(7);
    expected.length = 7;
    b.appendValue('tail');
    expected.push('tail');
    expect(valuesOfVector(b.viewRows()!)).toEqual(expected);
    b.clear();
    for (let i = 0; i < 20; i++) b.appendValue(`r${i}`);
    expect(valuesOfVector(b.finish(false))).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
  });
});

/**
 * A query's result columns as storage vectors (exec/batch-vectors.ts, storage vectorFromNumbers): the
 * same bytes, offsets, validity and NULL counts vectorFromValues writes for the same engine values —
 * whether the column is a NumColumn, a fragment's wire column (numbers, bigints, joined text) or
 * boxed values.
 */
import { describe, expect, it } from 'vitest';
import { columnVector, vectorTypeOf, wireColumnVector } from '../../src/exec/batch-vectors.js';
import { toWire } from '../../src/exec/batch-wire.js';
import { toNumColumn } from '../../src/exec/vector.js';
import { valuesOfVector, vectorFromNumbers, vectorFromValues } from '../../src/storage/vector-values.js';
import type { ColumnVector } from '../../src/types/column-vector.js';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ, UNKNOWN, charType, decimalType, varcharType, type SqlType,
} from '../../src/types/datatype.js';

/** Every byte of a vector's buffers (the views, not what lies around them) and its counts. */
function bytesOf(v: ColumnVector): unknown {
  const view = (a: ArrayBufferView | null): number[] | null => (a === null ? null : [...new Uint8Array(a.buffer, a.byteOffset, a.byteLength)]);
  return { type: v.type, length: v.length, nullCount: v.nullCount, values: view(v.values), offsets: view(v.offsets), validity: view(v.validity) };
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Engine values of each numeric type: extremes, negatives, zero and NULLs. */
const NUMERIC: readonly [SqlType, unknown[]][] = [
  [SMALLINT, [0, -32768, 32767, null, -1]],
  [INTEGER, [0, -2147483648, 2147483647, null, 7]],
  [DATE, [0, -719528, 2932896, null, 18000]],
  [BIGINT, [0n, BigInt(-MAX_SAFE), BigInt(MAX_SAFE), null, -1n]],
  [decimalType(15, 2), [0n, -99999999999999n, 99999999999999n, null, -1n]],
  [decimalType(38, 10), [BigInt(-MAX_SAFE), 1n, null, -4294967296n, 4294967296n]],
  [REAL, [0, Math.fround(-1.5), Math.fround(3.4e38), null, Math.fround(0.1)]],
  [DOUBLE, [0, -0, Number.MAX_VALUE, null, -Infinity]],
  [TIMESTAMP, [0, -62135596800000000, 1_700_000_000_123_456, null, -1]],
  [TIMESTAMPTZ, [1_700_000_000_000_000, null, -1, 0, 86_400_000_000]],
  [TIME, [0, 86_399_999_999, null, 1, 43_200_000_000]],
  [BOOLEAN, [true, false, null, true, false]],
];

describe('result columns as vectors', () => {
  it.each(NUMERIC.map(([type, values]) => [type.kind === 'decimal' ? `decimal(${type.precision},${type.scale})` : type.kind, type, values] as const))(
    '%s: numbers become the bytes vectorFromValues writes',
    (_name, type, values) => {
      const expected = bytesOf(vectorFromValues(type, values, true));
      const numbers = toNumColumn(values, type.kind === 'boolean' ? 'boolean' : typeof values.find((v) => v !== null) === 'bigint' ? 'bigint' : 'number');
      expect(numbers).not.toBeNull();
      expect(bytesOf(vectorFromNumbers(type, numbers!.values, numbers!.nulls))).toEqual(expected);
      expect(bytesOf(columnVector(numbers!, type))).toEqual(expected);
      // Through the wire as a fragment sends it, and as boxed values.
      const wire = toWire({ columns: [values], rowCount: values.length }).columns[0]!;
      expect(bytesOf(wireColumnVector(wire, values.length, type))).toEqual(expected);
      expect(bytesOf(columnVector(values, type))).toEqual(expected);
    },
  );

  it('a column without NULLs has no validity bitmap; an all-NULL one has every slot zero', () => {
    expect(vectorFromNumbers(INTEGER, new Float64Array([1, 2, 3]), new Uint8Array(3)).validity).toBeNull();
    const nulls = vectorFromNumbers(DOUBLE, new Float64Array([1.5, 2.5]), new Uint8Array([1, 1]));
    expect(nulls.nullCount).toBe(2);
    expect([...(nulls.values as Float64Array)]).toEqual([0, 0]);
    expect([...nulls.validity!]).toEqual([0]);
  });

  it('bigints beyond 2^53 travel as int64 and become the same vector', () => {
    const values = [2n ** 62n, null, -(2n ** 63n), 5n];
    const wire = toWire({ columns: [values], rowCount: 4 }).columns[0]!;
    expect(wire.kind).toBe('bigint');
    expect(bytesOf(wireColumnVector(wire, 4, BIGINT))).toEqual(bytesOf(vectorFromValues(BIGINT, values, true)));
    const wide = [10n ** 30n, -(10n ** 30n), null];
    const wideWire = toWire({ columns: [wide], rowCount: 3 }).columns[0]!;
    expect(bytesOf(wireColumnVector(wideWire, 3, decimalType(38, 2)))).toEqual(bytesOf(vectorFromValues(decimalType(38, 2), wide, true)));
  });

  const TEXT: readonly [string, SqlType, unknown[]][] = [
    ['ASCII', varcharType(20), ['alpha', 'b', 'carefully final deposits', 'd']],
    ['empty strings and NULLs', varcharType(5), ['', null, 'x', '', null, '']],
    ['multibyte UTF-8', varcharType(40), ['é', '€uro', '😀 smile', 'naïve', null, 'ｶﾀｶﾅ']],
    ['blank-padded CHAR', charType(4), ['ab  ', 'abcd', null, '    ']],
    ['one row', varcharType(3), ['abc']],
    ['one empty row', varcharType(3), ['']],
    ['one NULL', varcharType(3), [null]],
  ];

  it.each(TEXT)('%s: wire text becomes the bytes vectorFromValues writes', (_name, type, values) => {
    const wire = toWire({ columns: [values], rowCount: values.length }).columns[0]!;
    // A column of nothing but NULLs has no kind of value to travel as, and travels as values.
    expect(wire.kind).toBe(values.some((v) => v !== null) ? 'text' : 'values');
    const v = wireColumnVector(wire, values.length, type);
    expect(bytesOf(v)).toEqual(bytesOf(vectorFromValues(type, values, true)));
    expect(valuesOfVector(v)).toEqual(values);
  });

  it('a string with a lone surrogate is encoded value by value, as vectorFromValues does', () => {
    const values = ['a\uD800', '\uDC00b', 'ok'];
    const wire = toWire({ columns: [values], rowCount: 3 }).columns[0]!;
    expect(bytesOf(wireColumnVector(wire, 3, varcharType(10)))).toEqual(bytesOf(vectorFromValues(varcharType(10), values, true)));
  });

  it('strings holding a NUL travel as text too, and convert', () => {
    const values = ['a\u0000b', 'c', null, '\u0000'];
    const wire = toWire({ columns: [values], rowCount: 4 }).columns[0]!;
    expect(wire.kind).toBe('text');
    expect(bytesOf(wireColumnVector(wire, 4, varcharType(10)))).toEqual(bytesOf(vectorFromValues(varcharType(10), values, true)));
  });

  it('untyped literals travel as VARCHAR; other types as themselves', () => {
    expect(vectorTypeOf(UNKNOWN)).toEqual(varcharType(65535));
    expect(vectorTypeOf(INTEGER)).toBe(INTEGER);
  });
});

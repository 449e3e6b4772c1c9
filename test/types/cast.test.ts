import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ, UNKNOWN,
  canCast, castValue, charType, commonType, decimalType, parseValue, varcharType, type SqlType,
} from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

describe('castValue: numbers', () => {
  it.each([
    [5, INTEGER, SMALLINT, 5],
    [5, SMALLINT, BIGINT, 5n],
    [5n, BIGINT, INTEGER, 5],
    [1250n, decimalType(8, 2), INTEGER, 13],
    [1249n, decimalType(8, 2), INTEGER, 12],
    [-1250n, decimalType(8, 2), INTEGER, -13],
    [1250n, decimalType(8, 2), BIGINT, 13n],
    [2.5, DOUBLE, INTEGER, 2],
    [3.5, DOUBLE, INTEGER, 4],
    [-2.5, DOUBLE, INTEGER, -2],
    [2.7, DOUBLE, BIGINT, 3n],
    [12, INTEGER, decimalType(8, 2), 1200n],
    [12n, BIGINT, decimalType(8, 2), 1200n],
    [12345n, decimalType(8, 3), decimalType(8, 2), 1235n],
    [-12345n, decimalType(8, 3), decimalType(8, 2), -1235n],
    [1235n, decimalType(8, 2), decimalType(10, 4), 123500n],
    [0.1, DOUBLE, decimalType(20, 18), 100000000000000000n],
    [1.005, DOUBLE, decimalType(8, 2), 101n],
    [1250n, decimalType(8, 2), DOUBLE, 12.5],
    [7, INTEGER, DOUBLE, 7],
    [2n ** 60n, BIGINT, DOUBLE, 2 ** 60],
    [0.1, DOUBLE, REAL, Math.fround(0.1)],
    [1, INTEGER, BOOLEAN, true],
    [0n, BIGINT, BOOLEAN, false],
    [true, BOOLEAN, INTEGER, 1],
  ] as [unknown, SqlType, SqlType, unknown][])('%s %o -> %o', (value, from, to, expected) => {
    expect(castValue(value, from, to, true)).toBe(expected);
  });
  it('overflow errors', () => {
    expectSqlError(() => castValue(40000, INTEGER, SMALLINT, true), '22003', 'smallint out of range');
    expectSqlError(() => castValue(2n ** 40n, BIGINT, INTEGER, true), '22003', 'integer out of range');
    expectSqlError(() => castValue(1e19, DOUBLE, BIGINT, true), '22003', 'bigint out of range');
    expectSqlError(() => castValue(NaN, DOUBLE, INTEGER, true), '22003', 'integer out of range');
    expectSqlError(() => castValue(3276750n, decimalType(9, 2), SMALLINT, true), '22003', 'smallint out of range');
    const e = expectSqlError(() => castValue(1000, INTEGER, decimalType(5, 2), true), '22003', 'numeric field overflow');
    expect(e.detail).toBe('A field with precision 5, scale 2 must round to an absolute value less than 10^3.');
    expectSqlError(() => castValue(99999n, decimalType(5, 2), decimalType(4, 1), true), '22003', 'numeric field overflow');
    expectSqlError(() => castValue(1e300, DOUBLE, REAL, true), '22003', 'value out of range: overflow');
    expectSqlError(() => castValue(NaN, DOUBLE, decimalType(5, 2), true), '22003');
  });
});

describe('castValue: strings', () => {
  it('anything to text via its output form', () => {
    expect(castValue(42, INTEGER, varcharType(10), true)).toBe('42');
    expect(castValue(1250n, decimalType(8, 2), varcharType(10), true)).toBe('12.50');
    expect(castValue(true, BOOLEAN, varcharType(10), true)).toBe('t');
    expect(castValue(0, DATE, varcharType(20), true)).toBe('1970-01-01');
    expect(castValue(1_500_000, TIMESTAMP, varcharType(30), true)).toBe('1970-01-01 00:00:01.5');
    expect(castValue(42, INTEGER, charType(4), false)).toBe('42  ');
  });
  it('explicit casts truncate, assignment raises', () => {
    expect(castValue('abcdef', varcharType(10), varcharType(3), true)).toBe('abc');
    expect(castValue('abcdef', varcharType(10), charType(3), true)).toBe('abc');
    expect(castValue('français', varcharType(10), varcharType(5), true)).toBe('fran');
    expect(castValue('abcdef', UNKNOWN, varcharType(3), true)).toBe('abc');
    expectSqlError(() => castValue('abcdef', varcharType(10), varcharType(3), false), '22001', 'value too long for type character varying(3)');
    expectSqlError(() => castValue(123456, INTEGER, varcharType(3), false), '22001');
    expect(castValue('abc   ', varcharType(10), varcharType(3), false)).toBe('abc');
  });
  it('CHAR loses its padding as another string type', () => {
    expect(castValue('ab   ', charType(5), varcharType(10), false)).toBe('ab');
    expect(castValue('ab   ', charType(5), charType(3), false)).toBe('ab ');
    expect(castValue('ab', varcharType(5), charType(4), false)).toBe('ab  ');
  });
  it('text to anything parses', () => {
    expect(castValue(' 12 ', varcharType(10), INTEGER, true)).toBe(12);
    expect(castValue('12  ', charType(4), INTEGER, true)).toBe(12);
    expect(castValue('yes', varcharType(10), BOOLEAN, true)).toBe(true);
    expect(castValue('2008-01-05', UNKNOWN, DATE, false)).toBe(parseValue('2008-01-05', DATE));
    expect(castValue('12.345', varcharType(10), decimalType(8, 2), true)).toBe(1235n);
    expectSqlError(() => castValue('abc', varcharType(10), INTEGER, true), '22P02');
  });
});

describe('castValue: date/time', () => {
  const day = parseValue('2008-01-05', DATE) as number;
  const ts = parseValue('2008-01-05 14:30:00', TIMESTAMP) as number;
  it('converts', () => {
    expect(castValue(day, DATE, TIMESTAMP, false)).toBe(parseValue('2008-01-05', TIMESTAMP));
    expect(castValue(ts, TIMESTAMP, DATE, true)).toBe(day);
    expect(castValue(parseValue('1969-12-31 23:00:00', TIMESTAMP), TIMESTAMP, DATE, true)).toBe(-1);
    expect(castValue(ts, TIMESTAMP, TIMESTAMPTZ, false)).toBe(ts);
    expect(castValue(ts, TIMESTAMP, TIME, true)).toBe(parseValue('14:30:00', TIME));
    expect(castValue(day, DATE, TIMESTAMPTZ, false)).toBe(day * 86_400_000_000);
  });
  it('impossible casts', () => {
    expectSqlError(() => castValue(day, DATE, INTEGER, true), '42846', 'cannot cast type date to integer');
    expectSqlError(() => castValue(true, BOOLEAN, DATE, true), '42846', 'cannot cast type boolean to date');
    expectSqlError(() => castValue(5, INTEGER, TIMESTAMP, true), '42846', 'cannot cast type integer to timestamp without time zone');
    expectSqlError(() => castValue(1.5, DOUBLE, BOOLEAN, true), '42846');
  });
});

describe('canCast', () => {
  it.each([
    [SMALLINT, INTEGER, 'implicit', true],
    [INTEGER, BIGINT, 'implicit', true],
    [BIGINT, decimalType(19, 0), 'implicit', true],
    [decimalType(8, 2), REAL, 'implicit', true],
    [REAL, DOUBLE, 'implicit', true],
    [DOUBLE, INTEGER, 'implicit', false],
    [DOUBLE, INTEGER, 'assignment', true],
    [UNKNOWN, DATE, 'implicit', true],
    [DATE, TIMESTAMP, 'implicit', true],
    [TIMESTAMP, DATE, 'implicit', false],
    [TIMESTAMP, DATE, 'assignment', true],
    [charType(3), varcharType(5), 'implicit', true],
    [varcharType(5), charType(3), 'implicit', true],
    [INTEGER, varcharType(5), 'implicit', false],
    [INTEGER, varcharType(5), 'assignment', true],
    [varcharType(5), INTEGER, 'assignment', false],
    [varcharType(5), INTEGER, 'explicit', true],
    [BOOLEAN, INTEGER, 'assignment', false],
    [BOOLEAN, INTEGER, 'explicit', true],
    [DATE, INTEGER, 'explicit', false],
    [INTERVAL, DATE, 'explicit', false],
  ] as [SqlType, SqlType, 'implicit' | 'assignment' | 'explicit', boolean][])('%o -> %o (%s) = %s', (from, to, ctx, expected) => {
    expect(canCast(from, to, ctx)).toBe(expected);
  });
});

describe('commonType', () => {
  it.each([
    [[SMALLINT, INTEGER], INTEGER],
    [[INTEGER, BIGINT], BIGINT],
    [[INTEGER, decimalType(8, 2)], decimalType(12, 2)],
    [[decimalType(8, 2), decimalType(10, 4)], decimalType(10, 4)],
    [[decimalType(19, 0), decimalType(19, 10)], decimalType(19, 10)],
    [[decimalType(30, 0), decimalType(10, 10)], decimalType(38, 10)],
    [[decimalType(8, 2), REAL], REAL],
    [[REAL, DOUBLE, INTEGER], DOUBLE],
    [[UNKNOWN, INTEGER], INTEGER],
    [[UNKNOWN, UNKNOWN], varcharType(65535)],
    [[charType(3), varcharType(10)], varcharType(10)],
    [[charType(3), charType(5)], charType(5)],
    [[DATE, TIMESTAMP], TIMESTAMP],
    [[DATE, TIMESTAMPTZ, TIMESTAMP], TIMESTAMPTZ],
    [[BOOLEAN, UNKNOWN], BOOLEAN],
  ] as [SqlType[], SqlType][])('%o -> %o', (types, expected) => {
    expect(commonType(types, 'CASE')).toEqual(expected);
  });
  it('mismatches', () => {
    expectSqlError(() => commonType([INTEGER, varcharType(5)], 'CASE'), '42804', 'CASE types integer and character varying cannot be matched');
    expectSqlError(() => commonType([DATE, BOOLEAN], 'UNION'), '42804', 'UNION types date and boolean cannot be matched');
    expectSqlError(() => commonType([UNKNOWN, TIME, DATE], 'COALESCE'), '42804', 'COALESCE types time without time zone and date cannot be matched');
  });
});

import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ,
  charType, decimalType, formatValue, parseValue, parseValueWithRounding, varcharType, type SqlType,
} from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

describe('parseValue: integers', () => {
  it.each([
    ['42', INTEGER, 42], ['  -7 ', INTEGER, -7], ['+3', SMALLINT, 3], ['32767', SMALLINT, 32767], ['-32768', SMALLINT, -32768],
    ['2147483647', INTEGER, 2147483647], ['9223372036854775807', BIGINT, 9223372036854775807n], [' -12 ', BIGINT, -12n],
  ] as [string, SqlType, unknown][])('%j as %o', (text, type, value) => {
    expect(parseValue(text, type)).toBe(value);
  });
  it('errors', () => {
    expectSqlError(() => parseValue('abc', INTEGER), '22P02', 'invalid input syntax for integer: "abc"');
    expectSqlError(() => parseValue('1.5', INTEGER), '22P02', 'invalid input syntax for integer: "1.5"');
    expectSqlError(() => parseValue('', SMALLINT), '22P02', 'invalid input syntax for integer: ""');
    expectSqlError(() => parseValue('99999', SMALLINT), '22003', 'value "99999" is out of range for type smallint');
    expectSqlError(() => parseValue('2147483648', INTEGER), '22003', 'value "2147483648" is out of range for type integer');
    expectSqlError(() => parseValue('9223372036854775808', BIGINT), '22003', 'value "9223372036854775808" is out of range for type bigint');
    expectSqlError(() => parseValue('x1', BIGINT), '22P02', 'invalid input syntax for type bigint: "x1"');
  });
});

describe('parseValue: decimals', () => {
  const d82 = decimalType(8, 2);
  it.each([
    ['12.5', d82, 1250n], ['  -0.05 ', d82, -5n], ['12.345', d82, 1235n], ['12.344', d82, 1234n], ['-12.345', d82, -1235n],
    ['1e2', d82, 10000n], ['1.5E-1', d82, 15n], ['.5', d82, 50n], ['5.', d82, 500n], ['999999.99', d82, 99999999n],
    ['0.004', d82, 0n], ['0.005', d82, 1n], ['123', decimalType(18, 0), 123n], ['0.5', decimalType(5, 0), 1n],
    ['000123.4500', d82, 12345n], ['1e-400', d82, 0n],
  ] as [string, SqlType, bigint][])('%j -> %s', (text, type, value) => {
    expect(parseValue(text, type)).toBe(value);
  });
  it('truncates instead of rounding when asked (COPY)', () => {
    expect(parseValueWithRounding('12.349', d82, 'truncate')).toBe(1234n);
    expect(parseValueWithRounding('-12.349', d82, 'truncate')).toBe(-1234n);
    expect(parseValueWithRounding('12.349', d82, 'round')).toBe(1235n);
  });
  it('overflow and syntax errors', () => {
    const e = expectSqlError(() => parseValue('1000000', d82), '22003', 'numeric field overflow');
    expect(e.detail).toBe('A field with precision 8, scale 2 must round to an absolute value less than 10^6.');
    expectSqlError(() => parseValue('999999.995', d82), '22003', 'numeric field overflow');
    expect(expectSqlError(() => parseValue('1', decimalType(2, 2)), '22003').detail).toBe(
      'A field with precision 2, scale 2 must round to an absolute value less than 1.',
    );
    expectSqlError(() => parseValue('1e100', d82), '22003');
    expectSqlError(() => parseValue('abc', d82), '22P02', 'invalid input syntax for type numeric: "abc"');
    expectSqlError(() => parseValue('1.2.3', d82), '22P02');
    expectSqlError(() => parseValue('.', d82), '22P02');
  });
});

describe('parseValue: floats and booleans', () => {
  it('floats', () => {
    expect(parseValue('1.5', DOUBLE)).toBe(1.5);
    expect(parseValue(' -2.5e3 ', DOUBLE)).toBe(-2500);
    expect(parseValue('NaN', DOUBLE)).toBeNaN();
    expect(parseValue('Infinity', DOUBLE)).toBe(Infinity);
    expect(parseValue('-infinity', DOUBLE)).toBe(-Infinity);
    expect(parseValue('0.1', REAL)).toBe(Math.fround(0.1));
    expectSqlError(() => parseValue('1e400', DOUBLE), '22003', '"1e400" is out of range for type double precision');
    expectSqlError(() => parseValue('1e39', REAL), '22003', '"1e39" is out of range for type real');
    expectSqlError(() => parseValue('abc', DOUBLE), '22P02', 'invalid input syntax for type double precision: "abc"');
  });
  it.each(['TRUE', 't', 'true', 'y', 'yes', '1', 'on', ' True ', 'YES'])('true: %j', (text) => {
    expect(parseValue(text, BOOLEAN)).toBe(true);
  });
  it.each(['FALSE', 'f', 'false', 'n', 'no', '0', 'off', 'N'])('false: %j', (text) => {
    expect(parseValue(text, BOOLEAN)).toBe(false);
  });
  it('bad booleans', () => {
    expectSqlError(() => parseValue('maybe', BOOLEAN), '22P02', 'invalid input syntax for type boolean: "maybe"');
    expectSqlError(() => parseValue('o', BOOLEAN), '22P02');
    expectSqlError(() => parseValue('', BOOLEAN), '22P02');
  });
});

describe('parseValue: strings (lengths in bytes)', () => {
  it('CHAR pads, VARCHAR keeps', () => {
    expect(parseValue('ab', charType(5))).toBe('ab   ');
    expect(parseValue('ab', varcharType(5))).toBe('ab');
    expect(parseValue('ab  ', varcharType(5))).toBe('ab  ');
  });
  it('too long is an error unless the excess is blanks', () => {
    expectSqlError(() => parseValue('abcdef', varcharType(5)), '22001', 'value too long for type character varying(5)');
    expectSqlError(() => parseValue('abcd', charType(3)), '22001', 'value too long for type character(3)');
    expect(parseValue('abc   ', charType(3))).toBe('abc');
    expect(parseValue('abcde   ', varcharType(5))).toBe('abcde');
  });
  it('counts UTF-8 bytes', () => {
    expect(parseValue('français', varcharType(9))).toBe('français');
    expectSqlError(() => parseValue('français', varcharType(8)), '22001', 'value too long for type character varying(8)');
    expect(parseValue('😀', varcharType(4))).toBe('😀');
    expectSqlError(() => parseValue('😀', varcharType(3)), '22001');
  });
  it('CHAR accepts single-byte characters only', () => {
    expectSqlError(() => parseValue('é', charType(5)), '22P02');
  });
});

describe('parseValue: dates and times', () => {
  const date = (t: string): string => formatValue(parseValue(t, DATE), DATE);
  it.each([
    ['2008-01-05', '2008-01-05'], ['  2008-1-5 ', '2008-01-05'], ['01/05/2008', '2008-01-05'], ['1/5/2008', '2008-01-05'],
    ['20080105', '2008-01-05'], ['Jan 5 2008', '2008-01-05'], ['January 5, 2008', '2008-01-05'], ['5 Jan 2008', '2008-01-05'],
    ['2008-Jan-05', '2008-01-05'], ['2008/01/05', '2008-01-05'], ['2008-01-05 12:30:00', '2008-01-05'], ['1970-01-01', '1970-01-01'],
    ['1969-12-31', '1969-12-31'], ['2000-02-29', '2000-02-29'], ['0001-01-01', '0001-01-01'], ['0001-12-31 BC', '0001-12-31 BC'],
    ['01/05/08', '2008-01-05'], ['01/05/99', '1999-01-05'],
  ])('date %j -> %s', (text, out) => {
    expect(date(text)).toBe(out);
  });
  it('date epoch numbers', () => {
    expect(parseValue('1970-01-01', DATE)).toBe(0);
    expect(parseValue('1970-01-02', DATE)).toBe(1);
    expect(parseValue('1969-12-31', DATE)).toBe(-1);
  });
  it('date errors', () => {
    expectSqlError(() => parseValue('x', DATE), '22007', 'invalid input syntax for type date: "x"');
    expectSqlError(() => parseValue('2008-02-30', DATE), '22008', 'date/time field value out of range: "2008-02-30"');
    expectSqlError(() => parseValue('2008-13-01', DATE), '22008');
    expectSqlError(() => parseValue('2007-02-29', DATE), '22008');
    expectSqlError(() => parseValue('2008-01-05 junk', DATE), '22007');
  });
  it('timestamps', () => {
    const ts = (t: string, type: SqlType = TIMESTAMP): string => formatValue(parseValue(t, type), type);
    expect(ts('2008-01-05 14:30:05')).toBe('2008-01-05 14:30:05');
    expect(ts('2008-01-05T14:30:05.123456')).toBe('2008-01-05 14:30:05.123456');
    expect(ts('2008-01-05 14:30:05.120')).toBe('2008-01-05 14:30:05.12');
    expect(ts('2008-01-05')).toBe('2008-01-05 00:00:00');
    expect(ts('2008-01-05 14:30')).toBe('2008-01-05 14:30:00');
    expect(ts('01/05/2008 02:30:00 PM')).toBe('2008-01-05 14:30:00');
    expect(ts('2008-01-05 14:30:05+02')).toBe('2008-01-05 14:30:05');
    expect(ts('2008-01-05 14:30:05+02', TIMESTAMPTZ)).toBe('2008-01-05 12:30:05+00');
    expect(ts('2008-01-05 14:30:05-05:30', TIMESTAMPTZ)).toBe('2008-01-05 20:00:05+00');
    expect(ts('2008-01-05 14:30:05 UTC', TIMESTAMPTZ)).toBe('2008-01-05 14:30:05+00');
    expect(ts('2008-01-05 14:30:05.9999999')).toBe('2008-01-05 14:30:06');
    expect(ts('1960-06-15 01:02:03.5')).toBe('1960-06-15 01:02:03.5');
    expect(parseValue('1970-01-01 00:00:01', TIMESTAMP)).toBe(1_000_000);
    expectSqlError(() => parseValue('2008-01-05 25:00:00', TIMESTAMP), '22008', 'date/time field value out of range: "2008-01-05 25:00:00"');
    expectSqlError(() => parseValue('yesterday-ish', TIMESTAMP), '22007', 'invalid input syntax for type timestamp: "yesterday-ish"');
  });
  it('times', () => {
    expect(formatValue(parseValue('04:05:06', TIME), TIME)).toBe('04:05:06');
    expect(formatValue(parseValue('04:05:06.789', TIME), TIME)).toBe('04:05:06.789');
    expect(formatValue(parseValue('2008-01-01 04:05', TIME), TIME)).toBe('04:05:00');
    expectSqlError(() => parseValue('04:65', TIME), '22008');
    expectSqlError(() => parseValue('noon', TIME), '22007', 'invalid input syntax for type time: "noon"');
  });
  it('intervals', () => {
    const iv = (t: string): string => formatValue(parseValue(t, INTERVAL), INTERVAL);
    expect(iv('1 day')).toBe('1 day');
    expect(iv('90 days')).toBe('90 days');
    expect(iv('2 hours 30 minutes')).toBe('02:30:00');
    expect(iv('1 year 2 mons')).toBe('1 year 2 mons');
    expect(iv('-1 day')).toBe('-1 days');
    expect(iv('1 day 02:00:00')).toBe('1 day 02:00:00');
    expect(iv('1.5 days')).toBe('1 day 12:00:00');
    expect(iv('3 days ago')).toBe('-3 days');
    expect(iv('1 week')).toBe('7 days');
    expect(iv('10')).toBe('00:00:10');
    expect(parseValue('2 mons 3 days 4 seconds', INTERVAL)).toEqual({ months: 2, days: 3, micros: 4_000_000 });
    expectSqlError(() => parseValue('1 fortnight', INTERVAL), '22007', 'invalid input syntax for type interval: "1 fortnight"');
    expectSqlError(() => parseValue('', INTERVAL), '22007');
  });
});

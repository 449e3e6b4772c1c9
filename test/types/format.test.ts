import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, TIME, TIMESTAMP, TIMESTAMPTZ, charType, decimalType, formatValue,
  parseValue, toJsValue, varcharType, type SqlType,
} from '../../src/types/index.js';
import { formatDate } from '../../src/types/datetime.js';
import { formatDecimal } from '../../src/types/decimal.js';
import { Rng } from '../fuzz/random.js';

describe('formatValue', () => {
  it.each([
    [42, INTEGER, '42'], [-7n, BIGINT, '-7'], [1250n, decimalType(8, 2), '12.50'], [-5n, decimalType(8, 2), '-0.05'],
    [0n, decimalType(8, 2), '0.00'], [123n, decimalType(5, 0), '123'], [1n, decimalType(38, 37), '0.0000000000000000000000000000000000001'],
    [1.5, DOUBLE, '1.5'], [1e20, DOUBLE, '1e+20'], [1e15, DOUBLE, '1e+15'], [123456789012345, DOUBLE, '123456789012345'],
    [0.0001, DOUBLE, '0.0001'], [0.00001, DOUBLE, '1e-05'], [1 / 3, DOUBLE, '0.3333333333333333'], [-2.5e-10, DOUBLE, '-2.5e-10'],
    [1.5e300, DOUBLE, '1.5e+300'], [NaN, DOUBLE, 'NaN'], [Infinity, DOUBLE, 'Infinity'], [-Infinity, DOUBLE, '-Infinity'],
    [0, DOUBLE, '0'], [100, DOUBLE, '100'], [0.1 + 0.2, DOUBLE, '0.30000000000000004'],
    [Math.fround(0.1), REAL, '0.1'], [Math.fround(1 / 3), REAL, '0.33333334'], [1e6, REAL, '1e+06'], [123456, REAL, '123456'],
    [Math.fround(3.14159), REAL, '3.14159'],
    [true, BOOLEAN, 't'], [false, BOOLEAN, 'f'], ['ab   ', charType(5), 'ab   '], ['x', varcharType(5), 'x'],
    [0, DATE, '1970-01-01'], [-1, DATE, '1969-12-31'], [13883, DATE, '2008-01-05'],
    [0, TIMESTAMP, '1970-01-01 00:00:00'], [1_000_001, TIMESTAMP, '1970-01-01 00:00:01.000001'], [-1, TIMESTAMP, '1969-12-31 23:59:59.999999'],
    [0, TIMESTAMPTZ, '1970-01-01 00:00:00+00'], [3_723_500_000, TIME, '01:02:03.5'],
    [{ months: 0, days: 1, micros: 7_200_000_000 }, INTERVAL, '1 day 02:00:00'], [{ months: 3, days: 0, micros: 0 }, INTERVAL, '3 mons'],
    [{ months: 0, days: 0, micros: 1_000_000 }, INTERVAL, '00:00:01'], [{ months: 14, days: -3, micros: 0 }, INTERVAL, '1 year 2 mons -3 days'],
    [{ months: 0, days: -1, micros: 7_200_000_000 }, INTERVAL, '-1 days +02:00:00'], [{ months: 0, days: 0, micros: 0 }, INTERVAL, '00:00:00'],
    [{ months: 0, days: 0, micros: -5_400_500_000 }, INTERVAL, '-01:30:00.5'], [{ months: -1, days: 0, micros: 0 }, INTERVAL, '-1 mons'],
  ] as [unknown, SqlType, string][])('%s as %o -> %s', (value, type, text) => {
    expect(formatValue(value, type)).toBe(text);
  });

  it('round-trips dates and timestamps through text', () => {
    for (const d of [-719528, -1, 0, 1, 13883, 2932896]) expect(parseValue(formatValue(d, DATE), DATE)).toBe(d);
    for (const t of [0, 1, -1, 1_199_145_600_123_456, -2_000_000_000_000_001]) {
      expect(parseValue(formatValue(t, TIMESTAMP), TIMESTAMP)).toBe(t);
    }
    const sentinel = parseValue('9999-12-31 23:59:59', TIMESTAMP);
    expect(formatValue(sentinel, TIMESTAMP)).toBe('9999-12-31 23:59:59');
  });
});

describe('formatDecimal and formatDate, their fast ways against the plain ones', () => {
  /** The digits of the whole value, the point put in by hand: what formatDecimal gives beyond 2^53. */
  function byDigits(v: bigint, scale: number): string {
    if (scale === 0) return v.toString();
    const digits = (v < 0n ? -v : v).toString().padStart(scale + 1, '0');
    return `${v < 0n ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }

  it('a DECIMAL under 2^53, formatted in doubles, has the digits of its BigInt', () => {
    const rng = new Rng(20261122);
    const edges = [0n, 1n, -1n, 9n, 10n, -10n, 99n, 100n, 2n ** 53n - 1n, -(2n ** 53n - 1n), 2n ** 53n, -(2n ** 53n), 10n ** 30n + 7n];
    for (let scale = 0; scale <= 25; scale++) {
      const unit = 10n ** BigInt(scale);
      const values = [...edges];
      for (let i = 0; i < 2000; i++) {
        let v = BigInt(Math.floor(rng.next() * 2 ** rng.int(0, 53)));
        // Next to a multiple of 10^scale, where a carry would show.
        if (i % 3 === 0) v = (v / unit) * unit + BigInt(rng.int(-1, 1));
        values.push(rng.chance(0.5) ? -v : v);
      }
      for (const v of values) expect(formatDecimal(v, scale), `${v} at scale ${scale}`).toBe(byDigits(v, scale));
    }
  });

  it("dates come out the same when remembered, past the memo's size too", () => {
    const days = Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 3_000_000 - 1_500_000);
    const first = days.map(formatDate);
    expect(days.map(formatDate)).toEqual(first);
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(-719162)).toBe('0001-01-01');
    expect(formatDate(-719163)).toBe('0001-12-31 BC');
  });
});

describe('toJsValue', () => {
  it.each([
    [5, INTEGER, 5], [5n, BIGINT, 5n], [1250n, decimalType(8, 2), '12.50'], [1.5, DOUBLE, 1.5], [true, BOOLEAN, true],
    ['ab ', charType(3), 'ab '], [13883, DATE, '2008-01-05'], [0, TIMESTAMP, '1970-01-01 00:00:00'],
    [{ months: 1, days: 0, micros: 0 }, INTERVAL, '1 mon'],
  ] as [unknown, SqlType, unknown][])('%s as %o', (value, type, js) => {
    expect(toJsValue(value, type)).toBe(js);
  });
});

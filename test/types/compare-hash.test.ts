import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, SMALLINT, charType, compareValues, decimalType, hashRow,
  hashValue, valuesEqual, varcharType, type SqlType,
} from '../../src/types/index.js';

const V = varcharType(100);

describe('compareValues', () => {
  it.each([
    [INTEGER, 1, 2, -1], [INTEGER, 2, 2, 0], [BIGINT, 10n, 9n, 1], [decimalType(8, 2), -5n, 5n, -1],
    [DOUBLE, 1.5, 1.5, 0], [DOUBLE, NaN, Infinity, 1], [DOUBLE, NaN, NaN, 0], [DOUBLE, -Infinity, NaN, -1],
    [BOOLEAN, false, true, -1], [BOOLEAN, true, true, 0], [DATE, 10, 3, 1],
    [V, 'a', 'a  ', 0], [charType(5), 'a    ', 'a', 0], [V, 'a', 'b', -1], [V, 'B', 'a', -1], [V, 'ab', 'a', 1],
    [V, 'a', 'a\t', -1], [V, '', '   ', 0],
    // UTF-8 byte order: U+FFFD (EF BF BD) sorts below U+1F600 (F0 9F 98 80) although its UTF-16 unit is larger.
    [V, '\uFFFD', '😀', -1], [V, 'é', 'z', 1],
    [INTERVAL, { months: 1, days: 0, micros: 0 }, { months: 0, days: 30, micros: 0 }, 0],
    [INTERVAL, { months: 0, days: 1, micros: 0 }, { months: 0, days: 0, micros: 86_400_000_001 }, -1],
  ] as [SqlType, unknown, unknown, number][])('%o: %s vs %s', (type, a, b, sign) => {
    expect(Math.sign(compareValues(type, a, b))).toBe(sign);
    expect(Math.sign(compareValues(type, b, a))).toBe(-sign || 0);
  });
  it('valuesEqual', () => {
    expect(valuesEqual(V, 'abc', 'abc   ')).toBe(true);
    expect(valuesEqual(V, 'abc', 'abd')).toBe(false);
  });
});

describe('hashValue', () => {
  it('is a stable unsigned 32-bit value', () => {
    const h = hashValue(12345, INTEGER);
    expect(h).toBe(hashValue(12345, INTEGER));
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    expect(hashValue(null, INTEGER)).toBe(0);
  });
  it('integers hash by value whatever the width', () => {
    for (const v of [0, 5, -1, 32767, -2147483648, 2147483647]) {
      expect(hashValue(v, SMALLINT)).toBe(hashValue(BigInt(v), BIGINT));
      expect(hashValue(v, INTEGER)).toBe(hashValue(v, SMALLINT));
    }
    expect(hashValue(2 ** 40, DOUBLE)).toBe(hashValue(2n ** 40n, BIGINT));
    expect(hashValue(5, INTEGER)).toBe(hashValue(500n, decimalType(8, 2)));
  });
  it('equal values hash equally', () => {
    expect(hashValue('abc', V)).toBe(hashValue('abc   ', V));
    expect(hashValue('abc  ', charType(5))).toBe(hashValue('abc', V));
    expect(hashValue(150n, decimalType(8, 2))).toBe(hashValue(15n, decimalType(8, 1)));
    expect(hashValue(10n ** 30n * 15n, decimalType(38, 31))).toBe(hashValue(15n, decimalType(8, 1)));
    expect(hashValue(0, DOUBLE)).toBe(hashValue(-0, DOUBLE));
    expect(hashValue(NaN, DOUBLE)).toBe(hashValue(-NaN, DOUBLE));
    expect(hashValue({ months: 1, days: 0, micros: 0 }, INTERVAL)).toBe(hashValue({ months: 0, days: 30, micros: 0 }, INTERVAL));
  });
  it('spreads values', () => {
    const buckets = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) buckets[hashValue(i, INTEGER) % 4]++;
    for (const b of buckets) expect(b).toBeGreaterThan(850);
    const strings = new Set<number>();
    for (let i = 0; i < 1000; i++) strings.add(hashValue(`user${i}`, V));
    expect(strings.size).toBeGreaterThan(995);
    expect(hashValue('ab', V)).not.toBe(hashValue('ba', V));
    expect(hashValue(1.5, REAL)).not.toBe(hashValue(2.5, REAL));
    expect(hashValue(true, BOOLEAN)).not.toBe(hashValue(false, BOOLEAN));
  });
  it('hashRow', () => {
    expect(hashRow([7], [INTEGER])).toBe(hashValue(7, INTEGER));
    expect(hashRow([null], [INTEGER])).toBe(0);
    const a = hashRow([1, 'x'], [INTEGER, V]);
    expect(a).toBe(hashRow([1n, 'x  '], [BIGINT, V]));
    expect(a).not.toBe(hashRow(['x', 1], [V, INTEGER]));
    expect(a).not.toBe(hashRow([1, null], [INTEGER, V]));
    expect(a >= 0 && a < 2 ** 32).toBe(true);
  });
});

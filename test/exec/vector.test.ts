import { describe, expect, it } from 'vitest';
import { boxColumn, concatColumns, gatherColumn, NumColumn, numericBoxing, sliceColumn, toNumColumn } from '../../src/exec/vector.js';
import { BIGINT, BOOLEAN, DATE, decimalType, DOUBLE, INTEGER, varcharType } from '../../src/types/index.js';

describe('NumColumn', () => {
  it('boxes back to engine values by its boxing, NULLs included', () => {
    expect(new NumColumn(new Float64Array([1.5, 0, -3]), new Uint8Array([0, 1, 0]), 'number').boxed()).toEqual([1.5, null, -3]);
    expect(new NumColumn(new Float64Array([12345, 0, -7]), new Uint8Array([0, 1, 0]), 'bigint').boxed()).toEqual([12345n, null, -7n]);
    expect(new NumColumn(new Float64Array([1, 0]), null, 'boolean').boxed()).toEqual([true, false]);
  });

  it('is built from engine values only when every one has an exact number form', () => {
    expect(boxColumn(toNumColumn([1n, null, -(2n ** 53n) + 1n], 'bigint')!)).toEqual([1n, null, -(2n ** 53n) + 1n]);
    expect(toNumColumn([2n ** 53n], 'bigint')).toBeNull(); // beyond 2^53 - 1: a double would round
    expect(toNumColumn(['a'], 'number')).toBeNull();
    expect(toNumColumn([1], 'bigint')).toBeNull(); // a number is not a BIGINT's engine value
    expect(boxColumn(toNumColumn([true, null], 'boolean')!)).toEqual([true, null]);
  });

  it('knows which types travel as numbers', () => {
    expect([INTEGER, DATE, DOUBLE].map(numericBoxing)).toEqual(['number', 'number', 'number']);
    expect([BIGINT, decimalType(15, 2)].map(numericBoxing)).toEqual(['bigint', 'bigint']);
    expect(numericBoxing(BOOLEAN)).toBe('boolean');
    expect(numericBoxing(varcharType(3))).toBeNull();
  });

  it('gathers, slices and concatenates like arrays of engine values', () => {
    const n = new NumColumn(new Float64Array([10, 20, 30]), new Uint8Array([0, 0, 1]), 'bigint');
    const boxed = boxColumn(n);
    // Row -1 stands for NULL (outer join padding).
    expect(boxColumn(gatherColumn(n, [2, -1, 0, 1]))).toEqual([null, null, 10n, 20n]);
    expect(gatherColumn(boxed, [2, -1, 0])).toEqual([null, null, 10n]);
    expect(boxColumn(sliceColumn(n, 1, 3))).toEqual([20n, null]);
    expect(boxColumn(concatColumns([n, n], 6))).toEqual([...boxed, ...boxed]);
    // A NumColumn and an array of engine values concatenate as engine values.
    expect(concatColumns([n, [5n]], 4)).toEqual([...boxed, 5n]);
  });
});

import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../src/exec/batch-wire.js';

function roundTrip(columns: unknown[][]): unknown[][] {
  const rowCount = columns[0]?.length ?? 0;
  return fromWire(structuredClone(toWire({ columns, rowCount }))).columns;
}

describe('batches on the wire', () => {
  it('round-trips every column kind with NULLs', () => {
    const columns = [
      [1, null, -2.5, 0],
      [1n, null, -(2n ** 63n), 2n ** 63n - 1n],
      [true, false, null, true],
      ['a', '', null, 'héllo'],
      [null, null, null, null],
    ];
    expect(roundTrip(columns)).toEqual(columns);
  });

  it('keeps values that typed arrays cannot hold as they are', () => {
    const columns = [
      [2n ** 64n, 1n],
      ['a\u0000b', 'c'],
      [1, 'mixed'],
      [{ sum: 3n, count: 2 }, new Set([1, 2])],
    ];
    expect(roundTrip(columns)).toEqual(columns);
    expect(toWire({ columns, rowCount: 2 }).columns.map((c) => c.kind)).toEqual(['values', 'values', 'values', 'values']);
  });

  it('sends numeric, bigint, boolean and string columns as compact kinds', () => {
    const w = toWire({ columns: [[1, 2], [1n, null], [true, false], ['x', null]], rowCount: 2 });
    expect(w.columns.map((c) => c.kind)).toEqual(['number', 'bigint', 'boolean', 'text']);
  });
});

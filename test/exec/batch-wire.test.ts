import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../src/exec/batch-wire.js';
import { boxColumn, NumColumn } from '../../src/exec/vector.js';

function roundTrip(columns: unknown[][]): unknown[][] {
  const rowCount = columns[0]?.length ?? 0;
  return fromWire(structuredClone(toWire({ columns, rowCount }))).columns.map(boxColumn);
}

describe('batches on the wire', () => {
  it('round-trips every column kind with NULLs', () => {
    const columns = [
      [1, null, -2.5, 0],
      [1n, null, -(2n ** 63n), 2n ** 63n - 1n],
      [true, false, null, true],
      ['a', '', null, 'héllo'],
      ['a\u0000b', '\u0000', '😀\uD800', null],
      [null, null, null, null],
    ];
    expect(roundTrip(columns)).toEqual(columns);
    expect(toWire({ columns, rowCount: 4 }).columns[4]!.kind).toBe('text');
  });

  it('keeps values that typed arrays cannot hold as they are', () => {
    const columns = [
      [2n ** 64n, 1n],
      [1, 'mixed'],
      [{ sum: 3n, count: 2 }, new Set([1, 2])],
    ];
    expect(roundTrip(columns)).toEqual(columns);
    expect(toWire({ columns, rowCount: 2 }).columns.map((c) => c.kind)).toEqual(['values', 'values', 'values']);
  });

  it('sends numeric, bigint, boolean and string columns as compact kinds', () => {
    const w = toWire({ columns: [[1, 2], [1n, null], [true, false], ['x', null], [2n ** 60n, 1n]], rowCount: 2 });
    // Safe bigints and booleans travel as numbers and box back to themselves; bigints beyond 2^53 as int64.
    expect(w.columns.map((c) => c.kind)).toEqual(['number', 'number', 'number', 'text', 'bigint']);
  });

  it('sends a NumColumn as its typed array, boxing back as it did', () => {
    const column = new NumColumn(new Float64Array([12345, 0, -7]), new Uint8Array([0, 1, 0]), 'bigint');
    const back = fromWire(structuredClone(toWire({ columns: [column], rowCount: 3 }))).columns[0]!;
    expect(back).toBeInstanceOf(NumColumn);
    expect(boxColumn(back)).toEqual([12345n, null, -7n]);
  });
});

import { describe, expect, it } from 'vitest';
import { placeRows, sliceForHash, takeRows } from '../../src/storage/placement.js';
import { BIGINT, INTEGER, SMALLINT, decimalType, varcharType } from '../../src/types/datatype.js';
import { hashValue } from '../../src/types/index.js';

const TOPO = { sliceCount: 4, slicesPerNode: 2 };

function counts(perSlice: Map<number, number[]>, sliceCount: number): number[] {
  return Array.from({ length: sliceCount }, (_, s) => perSlice.get(s)?.length ?? 0);
}

describe('EVEN', () => {
  it('deals rows round-robin; per-slice counts differ by at most 1', () => {
    const { perSlice, evenCursor } = placeRows({ kind: 'even' }, [[]], 49_990, TOPO, 0);
    expect(counts(perSlice, 4)).toEqual([12498, 12498, 12497, 12497]);
    expect(evenCursor).toBe(49_990 % 4);
    expect(perSlice.get(1)!.slice(0, 3)).toEqual([1, 5, 9]);
  });

  it('continues from the cursor across loads', () => {
    let cursor = 0;
    const total = [0, 0, 0, 0];
    for (const n of [1, 1, 3, 2, 7, 1]) {
      const r = placeRows({ kind: 'even' }, [[]], n, TOPO, cursor);
      cursor = r.evenCursor;
      counts(r.perSlice, 4).forEach((c, s) => (total[s]! += c));
    }
    expect(Math.max(...total) - Math.min(...total)).toBeLessThanOrEqual(1);
    expect(total.reduce((a, b) => a + b)).toBe(15);
  });
});

describe('KEY', () => {
  it('co-locates equal values and spreads distinct ones', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i % 50}`);
    const { perSlice } = placeRows({ kind: 'key', column: 0, type: varcharType(10) }, [keys], keys.length, TOPO, 7);
    const sliceOf = new Map<string, number>();
    for (const [slice, rows] of perSlice) {
      for (const r of rows) {
        const k = keys[r]!;
        expect(sliceOf.get(k) ?? slice).toBe(slice);
        sliceOf.set(k, slice);
      }
    }
    expect(perSlice.size).toBeGreaterThan(1);
    expect(counts(perSlice, 4).reduce((a, b) => a + b)).toBe(1000);
  });

  it('places each row on sliceForHash(hashValue(key))', () => {
    const keys = [1, 2, 3, 4, 5, 6, 7, 8];
    const { perSlice } = placeRows({ kind: 'key', column: 1, type: INTEGER }, [[], keys], keys.length, TOPO, 0);
    for (const [slice, rows] of perSlice) for (const r of rows) expect(sliceForHash(hashValue(keys[r], INTEGER), 4)).toBe(slice);
  });

  it('puts NULL keys on slice 0', () => {
    const { perSlice } = placeRows({ kind: 'key', column: 0, type: INTEGER }, [[null, null]], 2, TOPO, 0);
    expect(perSlice.get(0)).toEqual([0, 1]);
  });

  it('co-locates equal numbers of different integer widths and decimals of the same scale', () => {
    const place = (type: Parameters<typeof hashValue>[1], v: unknown) => [...placeRows({ kind: 'key', column: 0, type }, [[v]], 1, { sliceCount: 16, slicesPerNode: 2 }, 0).perSlice.keys()][0];
    for (const n of [0, 1, 42, -7, 32767]) {
      const expected = place(INTEGER, n);
      expect(place(SMALLINT, n)).toBe(expected);
      expect(place(BIGINT, BigInt(n))).toBe(expected);
    }
    expect(place(decimalType(10, 2), 1234n)).toBe(place(decimalType(18, 2), 1234n));
  });
});

describe('ALL', () => {
  it('copies every row to the first slice of every node', () => {
    const { perSlice } = placeRows({ kind: 'all' }, [[1, 2, 3]], 3, { sliceCount: 4, slicesPerNode: 2 }, 0);
    expect([...perSlice.keys()].sort()).toEqual([0, 2]);
    expect(perSlice.get(0)).toEqual([0, 1, 2]);
    expect(perSlice.get(2)).toEqual([0, 1, 2]);
  });
});

describe('sliceForHash / takeRows', () => {
  it('maps any 32-bit hash (signed or unsigned) into range', () => {
    expect(sliceForHash(-1, 4)).toBe(3);
    expect(sliceForHash(0xffffffff, 4)).toBe(3);
    expect(sliceForHash(6, 4)).toBe(2);
  });
  it('gathers rows in the given order', () => {
    expect(takeRows([[1, 2, 3], ['a', 'b', 'c']], [2, 0])).toEqual([[3, 1], ['c', 'a']]);
  });
});

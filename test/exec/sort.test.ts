import { describe, expect, it } from 'vitest';
import { runOperator } from '../../src/exec/run.js';
import type { Batch, POp, SortKey } from '../../src/exec/spec.js';
import { INTEGER, varcharType } from '../../src/types/index.js';
import { batchOf, col, fakeContext, rowsOf, rowsOp, run } from './helpers.js';

const key = (index: number, descending = false, nullsFirst = descending): SortKey => ({ expr: col(index), descending, nullsFirst });
const input = rowsOp([[3, 'c'], [null, 'n1'], [1, 'a'], [2, 'b1'], [null, 'n2'], [2, 'b2']], [INTEGER, varcharType(2)]);
const sortOp = (keys: SortKey[], limit: number | null = null, from: POp = input): POp => ({ kind: 'sort', input: from, keys, limit });
const tags = (rows: unknown[][]): unknown[] => rows.map((r) => r[1]);

describe('sort', () => {
  it('ascending puts NULLs last and is stable', () => {
    expect(tags(run(sortOp([key(0)])))).toEqual(['a', 'b1', 'b2', 'c', 'n1', 'n2']);
  });
  it('descending puts NULLs first', () => {
    expect(tags(run(sortOp([key(0, true)])))).toEqual(['n1', 'n2', 'c', 'b1', 'b2', 'a']);
  });
  it('explicit NULLS FIRST / NULLS LAST', () => {
    expect(tags(run(sortOp([key(0, false, true)])))).toEqual(['n1', 'n2', 'a', 'b1', 'b2', 'c']);
    expect(tags(run(sortOp([key(0, true, false)])))).toEqual(['c', 'b1', 'b2', 'a', 'n1', 'n2']);
  });
  it('several keys', () => {
    const byTwo = sortOp([key(0, true, false), { expr: col(1, varcharType(2)), descending: true, nullsFirst: true }]);
    expect(tags(run(byTwo))).toEqual(['c', 'b2', 'b1', 'a', 'n2', 'n1']);
  });
  it('top-N equals sort then limit, across batches', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [(i * 7919) % 101, i]);
    const scan: POp = { kind: 'scan', tableId: 1, columns: [0, 1], types: [INTEGER, INTEGER], filter: null, rangeFilters: [], allCopy: false, withRowHandles: false };
    const ctx = fakeContext({ tables: { 1: rows }, batchSize: 64 });
    const full = run(sortOp([key(0, true), key(1)], null, scan), ctx);
    for (const n of [0, 1, 5, 37, 499, 500, 600]) {
      expect(run(sortOp([key(0, true), key(1)], n, scan), ctx)).toEqual(full.slice(0, n));
    }
    // ties broken by input order: equal keys keep their order
    const ties = run(sortOp([key(0)], 10, scan), ctx);
    expect(ties.map((r) => r[0])).toEqual(Array(10).fill(0).map((_, i) => Math.floor(i / 5)));
    for (let i = 1; i < ties.length; i++) if (ties[i]![0] === ties[i - 1]![0]) expect(ties[i]![1] as number).toBeGreaterThan(ties[i - 1]![1] as number);
  });
});

describe('merge (leader side)', () => {
  it('merges sorted runs from several slices, keeping the first `limit` rows', () => {
    const keys = [key(0)];
    const runs: Batch[] = [batchOf([[1, 'a'], [4, 'd'], [null, 'n']]), batchOf([[2, 'b'], [3, 'c']]), batchOf([[0, 'z'], [4, 'e']])];
    const merged = rowsOf(runOperator({ kind: 'merge', fragmentId: 7, keys, limit: null }, fakeContext({ exchanges: { 7: runs } })));
    expect(tags(merged)).toEqual(['z', 'a', 'b', 'c', 'd', 'e', 'n']);
    const top3 = rowsOf(runOperator({ kind: 'merge', fragmentId: 7, keys, limit: 3 }, fakeContext({ exchanges: { 7: runs } })));
    expect(tags(top3)).toEqual(['z', 'a', 'b']);
    expect(runOperator({ kind: 'merge', fragmentId: 8, keys, limit: 3 }, fakeContext())).toEqual([]);
  });
});

describe('limit and distinct', () => {
  const scan: POp = { kind: 'scan', tableId: 1, columns: [0], types: [INTEGER], filter: null, rangeFilters: [], allCopy: false, withRowHandles: false };
  const ctx = fakeContext({ tables: { 1: Array.from({ length: 10 }, (_, i) => [i]) }, batchSize: 3 });
  it('offset then limit across batches', () => {
    expect(run({ kind: 'limit', input: scan, limit: 4, offset: 2 }, ctx)).toEqual([[2], [3], [4], [5]]);
    expect(run({ kind: 'limit', input: scan, limit: null, offset: 8 }, ctx)).toEqual([[8], [9]]);
    expect(run({ kind: 'limit', input: scan, limit: 0, offset: 0 }, ctx)).toEqual([]);
    expect(run({ kind: 'limit', input: scan, limit: 5, offset: 20 }, ctx)).toEqual([]);
  });
  it('distinct rows under Redshift equality (NULLs equal, trailing blanks ignored)', () => {
    const rows = rowsOp([[1, 'a'], [1, 'a  '], [null, 'b'], [null, 'b'], [2, null], [2, null], [1, 'b']], [INTEGER, varcharType(3)]);
    expect(run({ kind: 'distinct', input: rows })).toEqual([[1, 'a'], [null, 'b'], [2, null], [1, 'b']]);
  });
});

import { describe, expect, it } from 'vitest';
import { concatBatches, partitionBatches } from '../../src/exec/index.js';
import { runOperator } from '../../src/exec/run.js';
import type { PExpr, POp } from '../../src/exec/spec.js';
import { BOOLEAN, INTEGER, SqlError, varcharType } from '../../src/types/index.js';
import { batchOf, cmp, col, fakeContext, lit, rowsOf, rowsOp, run } from './helpers.js';

const table = [[1, 'a', 10], [2, 'b', 20], [3, 'c', 30], [4, 'd', 40], [5, 'e', null]];
const scanOp = (filter: PExpr | null, columns = [0, 2]): POp => ({
  kind: 'scan', tableId: 1, columns, types: columns.map(() => INTEGER), filter, rangeFilters: [], allCopy: false, withRowHandles: false,
});
const ctx = fakeContext({ tables: { 1: table }, batchSize: 2 });

describe('scan, filter, project, values, append', () => {
  it('the scan applies its own filter over its output columns', () => {
    expect(run(scanOp(cmp('>=', col(1), lit(20))), ctx)).toEqual([[2, 20], [3, 30], [4, 40]]);
  });
  it('filter keeps only TRUE rows; project evaluates expressions', () => {
    const filtered: POp = { kind: 'filter', input: scanOp(null), predicate: cmp('<', col(1), lit(35)) };
    const projected: POp = { kind: 'project', input: filtered, exprs: [col(1), cmp('=', col(0), lit(2)), lit('k', varcharType(1))] };
    expect(run(projected, ctx)).toEqual([[10, false, 'k'], [20, true, 'k'], [30, false, 'k']]);
  });
  it('values and append', () => {
    const values: POp = { kind: 'values', rows: [[lit(1), lit(true, BOOLEAN)], [lit(2), lit(null, BOOLEAN)]], types: [INTEGER, BOOLEAN] };
    expect(run(values)).toEqual([[1, true], [2, null]]);
    const both: POp = { kind: 'append', inputs: [values, rowsOp([[3, false]], [INTEGER, BOOLEAN]), rowsOp([], [INTEGER, BOOLEAN])] };
    expect(run(both)).toEqual([[1, true], [2, null], [3, false]]);
  });
  it('right join across several probe batches emits each unmatched build row once', () => {
    const build = rowsOp([[2, 'x'], [9, 'y']], [INTEGER, varcharType(1)]);
    const join: POp = { kind: 'hashJoin', joinType: 'right', probe: scanOp(null), build, probeKeys: [col(0)], buildKeys: [col(0)], residual: null };
    expect(run(join, ctx)).toEqual([[2, 20, 2, 'x'], [null, null, 9, 'y']]);
  });
  it('checks for cancellation between batches', () => {
    let calls = 0;
    const cancelling = {
      ...ctx,
      checkCancelled: () => {
        if (++calls > 2) throw new SqlError('57014', 'canceling statement due to user request');
      },
    };
    expect(() => runOperator(scanOp(null), cancelling)).toThrow(/canceling/);
  });
});

describe('partitionBatches', () => {
  it('sends equal keys to the same slice and loses no rows', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [i % 17, i % 3 === 0 ? null : `v${i % 5}`, i]);
    const batches = [batchOf(rows.slice(0, 90)), batchOf(rows.slice(90))];
    const keys = [col(0), col(1, varcharType(3))];
    const out = partitionBatches(batches, keys, 4, (h, n) => h % n);
    expect(out).toHaveLength(4);
    const sliceOfKey = new Map<string, number>();
    let total = 0;
    out.forEach((slice, s) => {
      for (const row of rowsOf(slice)) {
        total++;
        const k = JSON.stringify([row[0], row[1]]);
        expect(sliceOfKey.get(k) ?? s).toBe(s);
        sliceOfKey.set(k, s);
      }
    });
    expect(total).toBe(200);
    expect(new Set(sliceOfKey.values()).size).toBeGreaterThan(1);
  });
  it('strings equal but for trailing blanks land together', () => {
    const out = partitionBatches([batchOf([['ab'], ['ab   '], ['zz']])], [col(0, varcharType(5))], 8, (h, n) => h % n);
    const slices = out.map((b) => rowsOf(b).map((r) => r[0]));
    expect(slices.find((s) => s.includes('ab'))).toContain('ab   ');
  });
  it('concatBatches keeps the width of empty input', () => {
    expect(concatBatches([], 3).columns).toHaveLength(3);
    expect(rowsOf([concatBatches([batchOf([[1]]), batchOf([]), batchOf([[2]])], 1)])).toEqual([[1], [2]]);
  });
});

/** Grouping and exact sums over NumColumns and engine values alike. */
import { describe, expect, it } from 'vitest';
import { createAccumulator, updateAccumulator } from '../../src/exec/aggregates.js';
import { GroupTable } from '../../src/exec/group-table.js';
import type { AggregateSpec } from '../../src/exec/spec.js';
import { boxColumn, NumColumn } from '../../src/exec/vector.js';
import { BIGINT, DOUBLE, decimalType, INTEGER, type SqlType } from '../../src/types/index.js';

const nums = (values: readonly (number | null)[], boxing: 'number' | 'bigint' = 'bigint'): NumColumn =>
  new NumColumn(Float64Array.from(values, (v) => v ?? 0), new Uint8Array(values.map((v) => (v === null ? 1 : 0))), boxing);

describe('GroupTable', () => {
  it('groups a NumColumn batch and a batch of engine values for the same keys together', () => {
    const table = new GroupTable(1);
    expect(Array.from(table.assign([nums([5, null, 7, 5])], 4))).toEqual([0, 1, 2, 0]);
    expect(Array.from(table.assign([[7n, null, 9n]], 3))).toEqual([2, 1, 3]);
    // Key values come back as engine values: BIGINT keys are bigints.
    expect(boxColumn(table.keyColumns()[0]!)).toEqual([5n, null, 7n, 9n]);
  });

  it('keeps key values as numbers across batches, NULLs included', () => {
    const table = new GroupTable(1);
    table.assign([nums([null])], 1);
    table.assign([nums(Array.from({ length: 40 }, (_, i) => i))], 40);
    const keys = table.keyColumns()[0]!;
    expect(keys).toBeInstanceOf(NumColumn);
    expect(boxColumn(keys)).toEqual([null, ...Array.from({ length: 40 }, (_, i) => BigInt(i))]);
  });

  it('keeps composite groups apart once codes no longer pack into one number', () => {
    // Four key columns pack 13 bits per code: more distinct values than that moves groups to buckets mid-way.
    const table = new GroupTable(4);
    const seen = new Map<string, number>();
    for (let batch = 0; batch < 4; batch++) {
      const n = 5000;
      const cols = [0, 1, 2, 3].map((c) => nums(Array.from({ length: n }, (_, i) => (c === 0 ? batch * n + i : (i * (c + 1)) % 3)), 'number'));
      const ids = table.assign(cols, n);
      for (let i = 0; i < n; i++) {
        const key = cols.map((c) => c.values[i]).join(',');
        expect(seen.get(key) ?? ids[i]).toBe(ids[i]);
        seen.set(key, ids[i]!);
      }
    }
    expect(table.size).toBe(seen.size);
  });
});

const spec = (fn: AggregateSpec['fn'], argType: SqlType, type: SqlType): AggregateSpec => ({ fn, arg: { kind: 'col', index: 0, type: argType }, distinct: false, type });

describe('SUM and AVG', () => {
  it('stay exact beyond 2^53, as bigints', () => {
    const acc = createAccumulator(spec('sum', BIGINT, decimalType(38, 0)));
    acc.grow(1);
    const big = 2 ** 53 - 1;
    updateAccumulator(acc, new Int32Array(3), nums([big, big, 7]), 3);
    expect(acc.result(0)).toBe(2n * BigInt(big) + 7n);
    expect(acc.resultColumn!(1)).toBeNull(); // no column of numbers can hold it
  });

  it('give the same results as a column as group by group (rounding, truncation, NULL groups)', () => {
    const cases: [AggregateSpec, 'number' | 'bigint'][] = [
      [spec('avg', decimalType(12, 2), decimalType(38, 6)), 'bigint'],
      [spec('avg', INTEGER, BIGINT), 'number'],
      [spec('sum', decimalType(12, 2), decimalType(38, 2)), 'bigint'],
      [spec('avg', DOUBLE, DOUBLE), 'number'],
    ];
    for (const [s, boxing] of cases) {
      const acc = createAccumulator(s);
      const groups = 7;
      acc.grow(groups);
      const n = 500;
      const ids = Int32Array.from({ length: n }, (_, i) => (i * 5) % (groups - 1)); // the last group gets no rows
      const values = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ((i * 7919) % 2001) - 1000));
      updateAccumulator(acc, ids, nums(values, boxing), n);
      const column = boxColumn(acc.resultColumn!(groups)!);
      expect(column).toEqual(Array.from({ length: groups }, (_, g) => acc.result(g)));
      expect(column[groups - 1]).toBeNull();
    }
  });
});

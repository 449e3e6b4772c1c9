import { describe, expect, it } from 'vitest';
import { runOperator } from '../../src/exec/run.js';
import type { AggregateSpec, Batch, PExpr, POp } from '../../src/exec/spec.js';
import { BIGINT, DOUBLE, INTEGER, SMALLINT, SqlError, charType, decimalType, varcharType, type SqlType } from '../../src/types/index.js';
import { col, fakeContext, rowsOf, rowsOp, run } from './helpers.js';

const agg = (fn: AggregateSpec['fn'], arg: PExpr | null, type: SqlType, distinct = false): AggregateSpec => ({ fn, arg, distinct, type });

function aggregate(input: POp, phase: 'partial' | 'final' | 'single', groupKeys: PExpr[], aggregates: AggregateSpec[]): POp {
  return { kind: 'aggregate', input, phase, groupKeys, aggregates };
}

/** Partial on each "slice", final over the gathered partial outputs (as the leader would run it). */
function twoPhase(slices: unknown[][][], types: SqlType[], groupKeys: PExpr[], aggregates: AggregateSpec[]): unknown[][] {
  const gathered: Batch[] = slices.flatMap((rows) => runOperator(aggregate(rowsOp(rows, types), 'partial', groupKeys, aggregates), fakeContext()));
  // States cross threads by structured clone.
  const cloned = structuredClone(gathered);
  const finalKeys = groupKeys.map((k, i): PExpr => ({ kind: 'col', index: i, type: k.type }));
  const exchange: POp = { kind: 'exchange', fragmentId: 1, types: [] };
  return rowsOf(runOperator(aggregate(exchange, 'final', finalKeys, aggregates), fakeContext({ exchanges: { 1: cloned } })));
}
const byKey = (rows: unknown[][]): unknown[][] => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const dec = decimalType(8, 2);
// (grp, qty int, price decimal(8,2), ratio double, name varchar)
const types: SqlType[] = [varcharType(1), INTEGER, dec, DOUBLE, varcharType(10)];
const slice1 = [['a', 1, 150n, 0.5, 'x'], ['b', 2, 1n, 1.5, 'y  '], ['a', 2, null, null, 'y'], [null, 5, 10n, 1, 'z']];
const slice2 = [['a', 2, 25n, 2, 'x  '], ['b', null, 3n, 0.25, 'b'], [null, 1, null, 3, null], ['a', 1, 150n, 0.5, 'w']];
const allRows = [...slice1, ...slice2];
const groupKeys = [col(0, varcharType(1))];
const aggregates: AggregateSpec[] = [
  agg('count_star', null, BIGINT),
  agg('count', col(1), BIGINT),
  agg('sum', col(1), BIGINT),
  agg('avg', col(1), BIGINT),
  agg('sum', col(2, dec), decimalType(38, 2)),
  agg('avg', col(2, dec), decimalType(38, 2)),
  agg('min', col(4, varcharType(10)), varcharType(10)),
  agg('max', col(4, varcharType(10)), varcharType(10)),
  agg('sum', col(3, DOUBLE), DOUBLE),
  agg('avg', col(3, DOUBLE), DOUBLE),
  agg('count', col(1), BIGINT, true),
  agg('sum', col(1), BIGINT, true),
  agg('count', col(4, varcharType(10)), BIGINT, true),
];
const expectedGroups = [
  // a: qty 1,2,2,1 -> sum 6, avg 1 (1.5 truncated); price 1.50+0.25+1.50 = 3.25 over 3 = 1.0833.. -> 1.08; names x,y,x  ,w
  ['a', 4n, 4n, 6n, 1n, 325n, 108n, 'w', 'y', 3, 1, 2n, 3n, 3n],
  // b: qty 2,null; price 0.01+0.03 = 0.04 over 2 = 0.02; names 'y  ', 'b'
  ['b', 2n, 1n, 2n, 2n, 4n, 2n, 'b', 'y  ', 1.75, 0.875, 1n, 2n, 2n],
  // NULL group: qty 5,1; price 0.10 over 1; names z, null
  [null, 2n, 2n, 6n, 3n, 10n, 10n, 'z', 'z', 4, 2, 2n, 6n, 1n],
];

describe('grouped aggregation', () => {
  it('single phase (NULL keys group together)', () => {
    expect(byKey(run(aggregate(rowsOp(allRows, types), 'single', groupKeys, aggregates)))).toEqual(byKey(expectedGroups));
  });
  it('partial on two slices then final equals single (incl. DISTINCT across slices)', () => {
    expect(byKey(twoPhase([slice1, slice2], types, groupKeys, aggregates))).toEqual(byKey(expectedGroups));
  });
  it('group keys compare with trailing blanks ignored; the first value seen is kept', () => {
    const rows = [['ab  '], ['ab'], ['c']];
    const out = run(aggregate(rowsOp(rows, [charType(4)]), 'single', [col(0, charType(4))], [agg('count_star', null, BIGINT)]));
    expect(out).toEqual([['ab  ', 2n], ['c', 1n]]);
  });
  it('composite keys with NULLs', () => {
    const rows = [[1, null], [1, null], [null, 1], [1, 1], [null, null], [null, null]];
    const out = run(aggregate(rowsOp(rows, [INTEGER, INTEGER]), 'single', [col(0), col(1)], [agg('count_star', null, BIGINT)]));
    expect(out).toEqual([[1, null, 2n], [null, 1, 1n], [1, 1, 1n], [null, null, 2n]]);
  });
  it('grouped aggregation of empty input has no rows', () => {
    expect(run(aggregate(rowsOp([], types), 'single', groupKeys, aggregates))).toEqual([]);
    expect(twoPhase([[], []], types, groupKeys, aggregates)).toEqual([]);
  });
});

describe('scalar aggregation', () => {
  const scalarAggs = [agg('count_star', null, BIGINT), agg('count', col(1), BIGINT), agg('sum', col(1), BIGINT), agg('avg', col(1), BIGINT), agg('max', col(1), INTEGER), agg('count', col(1), BIGINT, true)];
  it('empty input gives one row: count 0, others NULL', () => {
    const expected = [[0n, 0n, null, null, null, 0n]];
    expect(run(aggregate(rowsOp([], types), 'single', [], scalarAggs))).toEqual(expected);
    expect(twoPhase([[], []], types, [], scalarAggs)).toEqual(expected);
  });
  it('partial/final equals single', () => {
    const single = run(aggregate(rowsOp(allRows, types), 'single', [], scalarAggs));
    expect(single).toEqual([[8n, 7n, 14n, 2n, 5, 3n]]);
    expect(twoPhase([slice1, [], slice2], types, [], scalarAggs)).toEqual(single);
  });
  it('integer AVG truncates toward zero (Redshift), also for negatives', () => {
    const avg = (values: number[]) => run(aggregate(rowsOp(values.map((v) => [v]), [INTEGER]), 'single', [], [agg('avg', col(0), BIGINT)]))[0]![0];
    expect(avg([1, 2, 2])).toBe(1n);
    expect(avg([-1, -2, -2])).toBe(-1n);
    expect(avg([7])).toBe(7n);
  });
  it('SUM of decimals is exact; AVG of decimals rounds half away from zero', () => {
    const d = decimalType(12, 2);
    const rows = [[1n], [2n], [-9n]].concat(Array.from({ length: 997 }, () => [10n])); // 0.01 + 0.02 - 0.09 + 997 * 0.10
    const out = run(aggregate(rowsOp(rows, [d]), 'single', [], [agg('sum', col(0, d), decimalType(38, 2)), agg('avg', col(0, d), decimalType(38, 4))]));
    expect(out).toEqual([[9964n, 996n]]); // 99.64; avg 0.09964 -> 0.0996
    const neg = run(aggregate(rowsOp([[-1n], [-2n]], [d]), 'single', [], [agg('avg', col(0, d), decimalType(38, 2))]));
    expect(neg).toEqual([[-2n]]); // -0.015 -> -0.02
  });
  it('SUM of integers stays exact past 2^53 and raises 22003 beyond BIGINT', () => {
    const big = [[2 ** 53 - 1], [2 ** 53 - 1], [3]];
    expect(run(aggregate(rowsOp(big, [BIGINT]), 'single', [], [agg('sum', col(0, INTEGER), BIGINT)]))).toEqual([[2n ** 54n + 1n]]);
    const huge = [[2n ** 62n], [2n ** 62n]];
    const op = aggregate(rowsOp(huge, [BIGINT]), 'single', [], [agg('sum', col(0, BIGINT), BIGINT)]);
    expect(() => run(op)).toThrow(SqlError);
    try {
      run(op);
    } catch (e) {
      expect((e as SqlError).code).toBe('22003');
    }
  });
  it('SUM of SMALLINT is BIGINT; MIN/MAX of decimals', () => {
    const out = run(aggregate(rowsOp([[1, 5n], [2, -3n]], [SMALLINT, dec]), 'single', [], [agg('sum', col(0, SMALLINT), BIGINT), agg('min', col(1, dec), dec), agg('max', col(1, dec), dec)]));
    expect(out).toEqual([[3n, -3n, 5n]]);
  });
});

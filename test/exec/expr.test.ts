import { describe, expect, it, vi } from 'vitest';
import { compileExpr } from '../../src/exec/expr.js';
import { compilePredicate } from '../../src/exec/predicate.js';
import type { Batch, PExpr } from '../../src/exec/spec.js';
import { BOOLEAN, DOUBLE, INTEGER, SqlError, decimalType, varcharType, charType } from '../../src/types/index.js';
import { and, batchOf, cmp, col, lit, not, or } from './helpers.js';

// Test-only scalar functions, so these tests pin exec's calling conventions (strictness, laziness,
// error propagation) independently of the function registry's ids.
vi.mock('../../src/types/functions.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/types/functions.js')>();
  const { SqlError: Err } = await import('../../src/types/errors.js');
  const tests: Record<string, { fn: (...args: unknown[]) => unknown; strict: boolean }> = {
    test_div: {
      strict: true,
      fn: (a, b) => {
        if (b === 0) throw new Err('22012', 'division by zero');
        return Math.trunc((a as number) / (b as number));
      },
    },
    test_nullsafe_concat: { strict: false, fn: (a, b) => `${String(a)}|${String(b)}` },
    test_sum3: { strict: true, fn: (a, b, c) => (a as number) + (b as number) + (c as number) },
  };
  return { ...original, getImplementation: (id: string) => tests[id] ?? original.getImplementation(id) };
});

const evaluate = (e: PExpr, b: Batch): unknown[] => compileExpr(e)(b);
const div = (a: PExpr, b: PExpr): PExpr => ({ kind: 'call', id: 'test_div', args: [a, b], type: INTEGER });
const bool = (i: number): PExpr => col(i, BOOLEAN);

describe('three-valued logic', () => {
  const T = true, F = false, N = null;
  const pairs = batchOf([[T, T], [T, F], [T, N], [F, F], [F, N], [N, N], [F, T], [N, T], [N, F]]);
  it('AND', () => {
    expect(evaluate(and(bool(0), bool(1)), pairs)).toEqual([T, F, N, F, F, N, F, N, F]);
  });
  it('OR', () => {
    expect(evaluate(or(bool(0), bool(1)), pairs)).toEqual([T, T, T, F, N, N, T, T, N]);
  });
  it('NOT keeps NULL', () => {
    expect(evaluate(not(bool(0)), pairs)).toEqual([F, F, F, T, T, N, T, N, N]);
  });
  it('IS [NOT] NULL', () => {
    const b = batchOf([[1], [null]]);
    expect(evaluate({ kind: 'isNull', arg: col(0), not: false, type: BOOLEAN }, b)).toEqual([false, true]);
    expect(evaluate({ kind: 'isNull', arg: col(0), not: true, type: BOOLEAN }, b)).toEqual([true, false]);
  });
  it('AND does not evaluate later arguments on rows already FALSE', () => {
    const b = batchOf([[0, 5], [2, 5]]);
    const e = and(cmp('<>', col(0), lit(0)), cmp('>', div(col(1), col(0)), lit(1)));
    expect(evaluate(e, b)).toEqual([false, true]);
  });
  it('OR does not evaluate later arguments on rows already TRUE', () => {
    const b = batchOf([[0, 5], [2, 5]]);
    const e = or(cmp('=', col(0), lit(0)), cmp('>', div(col(1), col(0)), lit(1)));
    expect(evaluate(e, b)).toEqual([true, true]);
  });
  it('a predicate selects only TRUE rows', () => {
    expect(Array.from(compilePredicate(and(bool(0), bool(1)))(pairs, null))).toEqual([0]);
    expect(Array.from(compilePredicate(or(bool(0), bool(1)))(pairs, null))).toEqual([0, 1, 2, 6, 7]);
    const b = batchOf([[1, 2], [null, 2], [3, 3], [4, null], [5, 1]]);
    expect(Array.from(compilePredicate(and(cmp('>=', col(0), lit(3)), cmp('<', col(1), lit(3))))(b, null))).toEqual([4]);
  });
});

describe('comparisons', () => {
  it('are NULL when either side is NULL', () => {
    const b = batchOf([[1, 2], [2, 2], [3, 2], [null, 2], [1, null]]);
    expect(evaluate(cmp('<', col(0), col(1)), b)).toEqual([true, false, false, null, null]);
    expect(evaluate(cmp('<>', col(0), col(1)), b)).toEqual([true, false, true, null, null]);
    expect(evaluate(cmp('>=', col(0), lit(2)), b)).toEqual([false, true, true, null, false]);
    expect(Array.from(compilePredicate(cmp('>=', col(0), lit(null)))(b, null))).toEqual([]);
  });
  it('compare decimals (bigints) and strings with trailing blanks ignored', () => {
    const dec = decimalType(10, 2);
    const b = batchOf([[150n, 'ab  '], [-3n, 'ab'], [1000n, 'abc']]);
    expect(evaluate(cmp('>', col(0, dec), lit(100n, dec)), b)).toEqual([true, false, true]);
    expect(evaluate(cmp('=', col(1, varcharType(10)), lit('ab', varcharType(10))), b)).toEqual([true, true, false]);
    expect(evaluate(cmp('=', col(1, charType(4)), lit('ab  ', charType(4))), b)).toEqual([true, true, false]);
  });
  it('orders NaN above every double', () => {
    const b = batchOf([[NaN], [1e308], [-Infinity]]);
    expect(evaluate(cmp('>', col(0, DOUBLE), lit(Infinity, DOUBLE)), b)).toEqual([true, false, false]);
    expect(evaluate(cmp('=', col(0, DOUBLE), lit(NaN, DOUBLE)), b)).toEqual([true, false, false]);
  });
});

describe('IN lists', () => {
  const b = batchOf([[1], [3], [null]]);
  it('x IN (1, 2)', () => {
    expect(evaluate({ kind: 'inList', arg: col(0), list: [lit(1), lit(2)], not: false, type: BOOLEAN }, b)).toEqual([true, false, null]);
  });
  it('x IN (1, NULL) is NULL without a match', () => {
    expect(evaluate({ kind: 'inList', arg: col(0), list: [lit(1), lit(null)], not: false, type: BOOLEAN }, b)).toEqual([true, null, null]);
  });
  it('x NOT IN (1, NULL) is never TRUE', () => {
    expect(evaluate({ kind: 'inList', arg: col(0), list: [lit(1), lit(null)], not: true, type: BOOLEAN }, b)).toEqual([false, null, null]);
    expect(evaluate({ kind: 'inList', arg: col(0), list: [lit(1), lit(2)], not: true, type: BOOLEAN }, b)).toEqual([false, true, null]);
  });
  it('non-constant members', () => {
    const c = batchOf([[1, 1, 2], [3, null, 2], [4, null, 4]]);
    const e: PExpr = { kind: 'inList', arg: col(0), list: [col(1), col(2)], not: false, type: BOOLEAN };
    expect(evaluate(e, c)).toEqual([true, null, true]);
  });
  it('strings ignore trailing blanks', () => {
    const s = varcharType(5);
    const c = batchOf([['a  '], ['b']]);
    expect(evaluate({ kind: 'inList', arg: col(0, s), list: [lit('a', s)], not: false, type: BOOLEAN }, c)).toEqual([true, false]);
  });
});

describe('CASE and COALESCE', () => {
  const safeDiv: PExpr = {
    kind: 'case',
    whens: [{ when: cmp('=', col(1), lit(0)), then: lit(null) }],
    else: div(col(0), col(1)),
    type: INTEGER,
  };
  it('evaluate branches only on the rows that reach them (no division by zero)', () => {
    const b = batchOf([[10, 2], [10, 0], [9, 3], [1, null]]);
    expect(evaluate(safeDiv, b)).toEqual([5, null, 3, null]);
  });
  it('the unguarded division raises its SqlError', () => {
    const b = batchOf([[10, 0]]);
    expect(() => evaluate(div(col(0), col(1)), b)).toThrow(SqlError);
  });
  it('first matching WHEN wins; no ELSE gives NULL', () => {
    const e: PExpr = {
      kind: 'case',
      whens: [
        { when: cmp('<', col(0), lit(0)), then: lit('neg', varcharType(3)) },
        { when: cmp('<', col(0), lit(10)), then: lit('small', varcharType(5)) },
      ],
      else: null,
      type: varcharType(5),
    };
    expect(evaluate(e, batchOf([[-1], [5], [50], [null]]))).toEqual(['neg', 'small', null, null]);
  });
  it('COALESCE evaluates later arguments only where earlier ones are NULL', () => {
    const e: PExpr = { kind: 'coalesce', args: [col(0), div(lit(100), col(1)), lit(-1)], type: INTEGER };
    expect(evaluate(e, batchOf([[7, 0], [null, 4], [null, null]]))).toEqual([7, 25, -1]);
  });
});

describe('calls and casts', () => {
  it('strict functions skip rows with a NULL argument; non-strict ones see NULLs', () => {
    const b = batchOf([[6, 3], [null, 3]]);
    expect(evaluate(div(col(0), col(1)), b)).toEqual([2, null]);
    const concat: PExpr = { kind: 'call', id: 'test_nullsafe_concat', args: [col(0), col(1)], type: varcharType(10) };
    expect(evaluate(concat, b)).toEqual(['6|3', 'null|3']);
    const sum3: PExpr = { kind: 'call', id: 'test_sum3', args: [col(0), col(1), lit(1)], type: INTEGER };
    expect(evaluate(sum3, b)).toEqual([10, null]);
  });
  it('cast passes NULL through and converts values', () => {
    const e: PExpr = { kind: 'cast', expr: col(0), type: decimalType(10, 2), explicit: true };
    expect(evaluate(e, batchOf([[3], [null]]))).toEqual([300n, null]);
  });
});

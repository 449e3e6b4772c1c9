import { describe, expect, it } from 'vitest';
import type { JoinType, PExpr, POp } from '../../src/exec/spec.js';
import { BIGINT, INTEGER, charType, varcharType } from '../../src/types/index.js';
import { cmp, col, rowsOp, run } from './helpers.js';

// probe: (id, tag); build: (id, weight)
const probeRows = [[1, 'a'], [2, 'b'], [2, 'b2'], [3, 'c'], [null, 'n']];
const buildRows = [[2, 20], [2, 21], [3, 30], [4, 40], [null, 99]];
const probe = rowsOp(probeRows, [INTEGER, varcharType(5)]);
const build = rowsOp(buildRows, [INTEGER, INTEGER]);

function hashJoin(joinType: JoinType, residual: PExpr | null = null, p: POp = probe, b: POp = build): unknown[][] {
  return run({ kind: 'hashJoin', joinType, probe: p, build: b, probeKeys: [col(0)], buildKeys: [col(0)], residual });
}
function loopJoin(joinType: JoinType, condition: PExpr | null, p: POp = probe, b: POp = build): unknown[][] {
  return run({ kind: 'nestedLoopJoin', joinType, probe: p, build: b, condition });
}
const sorted = (rows: unknown[][]): unknown[][] => [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

const expected: Record<JoinType, unknown[][]> = {
  inner: [[2, 'b', 2, 20], [2, 'b', 2, 21], [2, 'b2', 2, 20], [2, 'b2', 2, 21], [3, 'c', 3, 30]],
  left: [[1, 'a', null, null], [2, 'b', 2, 20], [2, 'b', 2, 21], [2, 'b2', 2, 20], [2, 'b2', 2, 21], [3, 'c', 3, 30], [null, 'n', null, null]],
  right: [[2, 'b', 2, 20], [2, 'b', 2, 21], [2, 'b2', 2, 20], [2, 'b2', 2, 21], [3, 'c', 3, 30], [null, null, 4, 40], [null, null, null, 99]],
  full: [
    [1, 'a', null, null], [2, 'b', 2, 20], [2, 'b', 2, 21], [2, 'b2', 2, 20], [2, 'b2', 2, 21], [3, 'c', 3, 30], [null, 'n', null, null],
    [null, null, 4, 40], [null, null, null, 99],
  ],
  semi: [[2, 'b'], [2, 'b2'], [3, 'c']],
  anti: [[1, 'a'], [null, 'n']],
};

describe('hash join', () => {
  for (const joinType of Object.keys(expected) as JoinType[]) {
    it(`${joinType}: NULL keys never match`, () => {
      expect(sorted(hashJoin(joinType))).toEqual(sorted(expected[joinType]));
    });
  }

  // residuals read the concatenated row: column 3 is the build side's weight
  const weightOver20: PExpr = cmp('>', col(3), { kind: 'const', value: 20, type: INTEGER });
  it('a residual that fails makes the pair a non-match (inner)', () => {
    expect(sorted(hashJoin('inner', weightOver20))).toEqual(sorted([[2, 'b', 2, 21], [2, 'b2', 2, 21], [3, 'c', 3, 30]]));
  });
  it('residual with outer joins: failed pairs pad instead', () => {
    const weightOver25 = cmp('>', col(3), { kind: 'const', value: 25, type: INTEGER });
    expect(sorted(hashJoin('left', weightOver25))).toEqual(sorted([[1, 'a', null, null], [2, 'b', null, null], [2, 'b2', null, null], [3, 'c', 3, 30], [null, 'n', null, null]]));
    expect(sorted(hashJoin('right', weightOver25))).toEqual(sorted([[3, 'c', 3, 30], [null, null, 2, 20], [null, null, 2, 21], [null, null, 4, 40], [null, null, null, 99]]));
    expect(sorted(hashJoin('full', weightOver25))).toEqual(
      sorted([[1, 'a', null, null], [2, 'b', null, null], [2, 'b2', null, null], [3, 'c', 3, 30], [null, 'n', null, null], [null, null, 2, 20], [null, null, 2, 21], [null, null, 4, 40], [null, null, null, 99]]),
    );
  });
  it('residual with semi and anti joins', () => {
    const weightOver25 = cmp('>', col(3), { kind: 'const', value: 25, type: INTEGER });
    expect(hashJoin('semi', weightOver25)).toEqual([[3, 'c']]);
    expect(sorted(hashJoin('anti', weightOver25))).toEqual(sorted([[1, 'a'], [2, 'b'], [2, 'b2'], [null, 'n']]));
    // a residual that is NULL is not a match either
    const nullResidual = cmp('>', col(3), { kind: 'const', value: null, type: INTEGER });
    expect(hashJoin('semi', nullResidual)).toEqual([]);
  });
  it('empty build side', () => {
    const empty = rowsOp([], [INTEGER, INTEGER]);
    expect(hashJoin('inner', null, probe, empty)).toEqual([]);
    expect(hashJoin('anti', null, probe, empty)).toEqual(probeRows);
    expect(hashJoin('left', null, probe, empty)).toEqual(probeRows.map((r) => [...r, null, null]));
  });
  it('empty probe side still emits unmatched build rows for right joins', () => {
    const empty = rowsOp([], [INTEGER, varcharType(5)]);
    expect(hashJoin('right', null, empty, build)).toEqual(buildRows.map((r) => [null, null, ...r]));
  });
  it('composite keys, strings equal ignoring trailing blanks, INTEGER against BIGINT', () => {
    const p = rowsOp([[1, 'x  '], [1, 'y'], [2, 'x']], [INTEGER, charType(3)]);
    const b = rowsOp([[1n, 'x'], [2n, 'x'], [2n, null]], [BIGINT, varcharType(3)]);
    const rows = run({
      kind: 'hashJoin', joinType: 'inner', probe: p, build: b,
      probeKeys: [col(0), col(1, charType(3))], buildKeys: [col(0, BIGINT), col(1, varcharType(3))], residual: null,
    });
    expect(rows).toEqual([[1, 'x  ', 1n, 'x'], [2, 'x', 2n, 'x']]);
    const single = run({ kind: 'hashJoin', joinType: 'semi', probe: p, build: b, probeKeys: [col(0)], buildKeys: [col(0, BIGINT)], residual: null });
    expect(single).toEqual([[1, 'x  '], [1, 'y'], [2, 'x']]);
  });
});

describe('nested-loop join', () => {
  const keysEqual = cmp('=', col(0), col(2));
  for (const joinType of Object.keys(expected) as JoinType[]) {
    it(`${joinType} on an equality condition agrees with the hash join`, () => {
      expect(sorted(loopJoin(joinType, keysEqual))).toEqual(sorted(expected[joinType]));
    });
  }
  it('cross join', () => {
    const a = rowsOp([[1], [2]], [INTEGER]);
    const b = rowsOp([['x'], ['y'], ['z']], [varcharType(1)]);
    expect(loopJoin('inner', null, a, b)).toEqual([[1, 'x'], [1, 'y'], [1, 'z'], [2, 'x'], [2, 'y'], [2, 'z']]);
  });
  it('non-equi condition with a left join', () => {
    const a = rowsOp([[1], [5], [null]], [INTEGER]);
    const b = rowsOp([[2], [3]], [INTEGER]);
    expect(loopJoin('left', cmp('<', col(0), col(1)), a, b)).toEqual([[1, 2], [1, 3], [5, null], [null, null]]);
    expect(loopJoin('anti', cmp('<', col(0), col(1)), a, b)).toEqual([[5], [null]]);
  });
});

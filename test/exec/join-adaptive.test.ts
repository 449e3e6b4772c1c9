/**
 * What hash joins do at run time: runtime filters on the scans under them (which must never change a
 * result, whatever the join type), and semi/anti joins that build on their probe side when the
 * build side is large — with residual conditions and NULL keys.
 */
import { describe, expect, it } from 'vitest';
import type { JoinType, PExpr, POp } from '../../src/exec/spec.js';
import { INTEGER, varcharType } from '../../src/types/index.js';
import { cmp, col, fakeContext, rowsOp, run } from './helpers.js';

const sorted = (rows: unknown[][]): unknown[][] => [...rows].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

/** Reference semantics of a hash join with one key: NULL keys never match. */
function expectedJoin(type: JoinType, probe: unknown[][], build: unknown[][], residual: (p: unknown[], b: unknown[]) => boolean): unknown[][] {
  const out: unknown[][] = [];
  const buildMatched = new Set<number>();
  for (const p of probe) {
    const matches = build.filter((b) => p[0] !== null && b[0] === p[0] && residual(p, b));
    matches.forEach((b) => buildMatched.add(build.indexOf(b)));
    if (type === 'semi' && matches.length > 0) out.push(p);
    if (type === 'anti' && matches.length === 0) out.push(p);
    if (type === 'inner' || type === 'left' || type === 'right') for (const b of matches) out.push([...p, ...b]);
    if (type === 'left' && matches.length === 0) out.push([...p, ...build[0]!.map(() => null)]);
  }
  if (type === 'right') build.forEach((b, i) => buildMatched.has(i) || out.push([...probe[0]!.map(() => null), ...b]));
  return out;
}

describe('runtime filters on the probe side scan', () => {
  // Table 1: (key, tag) in blocks of 4 rows; the build side holds a few keys.
  const table = Array.from({ length: 40 }, (_, i) => [i % 10 === 9 ? null : i % 13, `t${i}`]);
  const build = [[3, 30], [5, 50], [5, 51], [null, 0]];
  const scanOp: POp = { kind: 'scan', tableId: 1, columns: [0, 1], types: [INTEGER, varcharType(4)], filter: null, rangeFilters: [], allCopy: false, withRowHandles: false };
  const ctx = fakeContext({ tables: { 1: table }, batchSize: 4 });
  for (const joinType of ['inner', 'left', 'right', 'semi', 'anti'] as JoinType[]) {
    it(`${joinType}: the result is the join's, filtered or not`, () => {
      const op: POp = { kind: 'hashJoin', joinType, probe: scanOp, build: rowsOp(build, [INTEGER, INTEGER]), probeKeys: [col(0)], buildKeys: [col(0)], residual: null };
      expect(sorted(run(op, ctx))).toEqual(sorted(expectedJoin(joinType, table, build, () => true)));
    });
  }
  it('through a projection and a filter, and with the scan filtering too', () => {
    const filtered: POp = { ...scanOp, filter: cmp('<>', col(1), { kind: 'const', value: 't3', type: varcharType(4) }) };
    const probe: POp = { kind: 'project', input: { kind: 'filter', input: filtered, predicate: cmp('>=', col(0), { kind: 'const', value: 0, type: INTEGER }) }, exprs: [col(1, varcharType(4)), col(0)] };
    const op: POp = { kind: 'hashJoin', joinType: 'inner', probe, build: rowsOp(build, [INTEGER, INTEGER]), probeKeys: [col(1)], buildKeys: [col(0)], residual: null };
    const expected = expectedJoin('inner', table.filter((r) => r[1] !== 't3' && r[0] !== null).map((r) => [r[0], r[1]]), build, () => true).map((r) => [r[1], r[0], r[2], r[3]]);
    expect(sorted(run(op, ctx))).toEqual(sorted(expected));
  });
});

describe('semi and anti joins with a large build side', () => {
  // Over 32768 build rows: the join reads its (small) probe side and builds its table there.
  const build = Array.from({ length: 40000 }, (_, i) => [i % 20000 === 7 ? null : i % 20000, i % 3]);
  const probe = [[1, 'a'], [2, 'b'], [7, 'n'], [null, 'x'], [19999, 'z'], [25000, 'far'], [2, 'b2']];
  const residual: PExpr = cmp('<>', col(3), { kind: 'const', value: 0, type: INTEGER }); // build column 1 (i % 3) is not 0
  for (const joinType of ['semi', 'anti'] as JoinType[]) {
    for (const withResidual of [false, true]) {
      it(`${joinType}${withResidual ? ' with a residual' : ''}`, () => {
        const op: POp = {
          kind: 'hashJoin',
          joinType,
          probe: rowsOp(probe, [INTEGER, varcharType(3)]),
          build: rowsOp(build, [INTEGER, INTEGER]),
          probeKeys: [col(0)],
          buildKeys: [col(0)],
          residual: withResidual ? residual : null,
        };
        const expected = expectedJoin(joinType, probe, build, (_p, b) => !withResidual || b[1] !== 0);
        expect(run(op)).toEqual(expected);
      });
    }
  }
  it('keeps probe rows in their order', () => {
    const op: POp = { kind: 'hashJoin', joinType: 'semi', probe: rowsOp(probe, [INTEGER, varcharType(3)]), build: rowsOp(build, [INTEGER, INTEGER]), probeKeys: [col(0)], buildKeys: [col(0)], residual: null };
    expect(run(op).map((r) => r[1])).toEqual(['a', 'b', 'z', 'b2']);
  });
});

/**
 * GROUP BY: plain keys, ROLLUP, CUBE and GROUPING SETS. Several grouping sets are planned as a
 * UNION ALL of one aggregation per set, each padded to the full key list with NULLs and tagged with
 * the set's number (a hidden INTEGER key after the real ones), which GROUPING(...) decodes.
 */
import type { AggregateSpec, PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BOOLEAN, INTEGER, SqlError, type SqlType } from '../types/index.js';
import { exprKey } from './bind-expr.js';
import type { LPlan } from './logical.js';

export interface GroupingPlan {
  /** The distinct grouping expressions, in first-mention order. */
  readonly exprs: readonly ast.Expr[];
  /** Grouping sets as indexes into `exprs`; null for a plain GROUP BY (one set of all of them). */
  readonly sets: readonly (readonly number[])[] | null;
}

/** Most grouping sets one query may expand to (CUBE of n keys has 2^n). */
const MAX_GROUPING_SETS = 4096;

/**
 * GROUP BY items as expressions (select-list ordinals and aliases resolved by `resolve`) and their
 * grouping sets.
 */
export function groupingPlan(groupBy: ast.GroupBy | undefined, resolve: (e: ast.Expr) => ast.Expr): GroupingPlan {
  if (!groupBy) return { exprs: [], sets: null };
  const exprs: ast.Expr[] = [];
  const keys: string[] = [];
  const indexOf = (e: ast.Expr): number => {
    const resolved = resolve(e);
    const key = exprKey(resolved);
    let i = keys.indexOf(key);
    if (i < 0) {
      i = keys.length;
      keys.push(key);
      exprs.push(resolved);
    }
    return i;
  };
  let sets: number[][] = [[]];
  let plain = true;
  for (const item of groupBy.items) {
    let choices: number[][];
    switch (item.kind) {
      case 'expr':
        choices = [[indexOf(item.expr)]];
        break;
      case 'rollup': {
        plain = false;
        const cols = item.exprs.map(indexOf);
        choices = cols.map((_, n) => cols.slice(0, cols.length - n));
        choices.push([]);
        break;
      }
      case 'cube': {
        plain = false;
        const cols = item.exprs.map(indexOf);
        if (cols.length > 12) throw new SqlError('54000', 'CUBE is limited to 12 elements', { position: item.pos });
        choices = [];
        for (let mask = (1 << cols.length) - 1; mask >= 0; mask--) choices.push(cols.filter((_, i) => (mask & (1 << (cols.length - 1 - i))) !== 0));
        break;
      }
      case 'groupingSets':
        plain = false;
        choices = item.sets.map((set) => set.map(indexOf));
        break;
    }
    const next: number[][] = [];
    for (const s of sets) for (const c of choices) next.push([...new Set([...s, ...c])]);
    if (next.length > MAX_GROUPING_SETS) throw new SqlError('54000', 'too many grouping sets present', { position: groupBy.pos });
    sets = next;
  }
  return { exprs, sets: plain ? null : sets };
}

/**
 * The aggregation for grouping sets: output = [grouping expressions..., set number, aggregates...].
 * `keys` are the bound grouping expressions (without the set number).
 */
export function groupingSetsPlan(input: LPlan, keys: readonly PExpr[], sets: readonly (readonly number[])[], aggregates: readonly AggregateSpec[]): LPlan {
  const types: SqlType[] = [...keys.map((k) => k.type), INTEGER, ...aggregates.map((a) => a.type)];
  const branches = sets.map((set, setNumber): LPlan => {
    const groupKeys = set.map((i) => keys[i]!);
    const aggTypes = [...groupKeys.map((k) => k.type), ...aggregates.map((a) => a.type)];
    const aggregated: LPlan = { kind: 'aggregate', input, groupKeys, aggregates, types: aggTypes };
    const exprs: PExpr[] = [
      ...keys.map((k, i): PExpr => {
        const at = set.indexOf(i);
        return at >= 0 ? { kind: 'col', index: at, type: k.type } : { kind: 'const', value: null, type: k.type };
      }),
      { kind: 'const', value: setNumber, type: INTEGER },
      ...aggregates.map((a, j): PExpr => ({ kind: 'col', index: set.length + j, type: a.type })),
    ];
    return { kind: 'project', input: aggregated, exprs, types };
  });
  return branches.length === 1 ? branches[0]! : { kind: 'unionAll', inputs: branches, types };
}

/**
 * GROUPING(a, b, ...): a bit per argument, the first the most significant, set when the argument is
 * not grouped in the row's grouping set. `args` are indexes into the grouping expressions.
 */
export function groupingValue(args: readonly number[], sets: readonly (readonly number[])[] | null, setColumn: number): PExpr {
  const valueFor = (set: readonly number[]): number => args.reduce((v, a) => (v << 1) | (set.includes(a) ? 0 : 1), 0);
  if (!sets) return { kind: 'const', value: 0, type: INTEGER };
  const setNumber: PExpr = { kind: 'col', index: setColumn, type: INTEGER };
  return {
    kind: 'case',
    whens: sets.map((set, k) => ({
      when: { kind: 'compare', op: '=', left: setNumber, right: { kind: 'const', value: k, type: INTEGER }, type: BOOLEAN } as PExpr,
      then: { kind: 'const', value: valueFor(set), type: INTEGER } as PExpr,
    })),
    else: null,
    type: INTEGER,
  };
}

/**
 * Logical rewrites before distribution planning: push WHERE conjuncts down to the FROM item they
 * belong to, or into the join whose two sides they connect (so `FROM a, b WHERE a.k = b.k` becomes
 * a hash join instead of a cross product); push a join's ON conjuncts that read one input only into
 * that input where the join type allows.
 */
import type { PExpr } from '../exec/spec.js';
import { BOOLEAN } from '../types/index.js';
import type { LPlan } from './logical.js';
import { isVolatile, mapColumns, pexprKey, referencedColumns, replaceColumns } from './expr-utils.js';

export function optimize(plan: LPlan): LPlan {
  switch (plan.kind) {
    case 'filter': {
      const input = optimize(plan.input);
      return pushFilter(input, conjuncts(plan.predicate).flatMap(factorOr));
    }
    case 'project':
      return { ...plan, input: optimize(plan.input) };
    case 'join': {
      const join = pushJoinCondition({ ...plan, left: optimize(plan.left), right: optimize(plan.right) });
      return join.joinType === 'semi' || join.joinType === 'anti' ? pushSemiJoin(join) : join;
    }
    case 'aggregate':
    case 'sort':
    case 'limit':
    case 'distinct':
    case 'window':
      return { ...plan, input: optimize(plan.input) };
    case 'unionAll':
      return { ...plan, inputs: plan.inputs.map(optimize) };
    case 'singleRow':
      return { ...plan, input: optimize(plan.input) };
    case 'setOp':
      return { ...plan, left: optimize(plan.left), right: optimize(plan.right) };
    case 'scan':
    case 'values':
    case 'rows':
      return plan;
  }
}

export function conjuncts(e: PExpr): PExpr[] {
  if (e.kind === 'and') return e.args.flatMap(conjuncts);
  return [e];
}

export function andAll(parts: readonly PExpr[]): PExpr | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return { kind: 'and', args: parts, type: BOOLEAN };
}

function withFilter(plan: LPlan, parts: readonly PExpr[]): LPlan {
  const predicate = andAll(parts);
  return predicate ? { kind: 'filter', input: plan, predicate, types: plan.types } : plan;
}

/** Place each conjunct as low as it can go. */
function pushFilter(plan: LPlan, parts: PExpr[]): LPlan {
  if (parts.length === 0) return plan;
  switch (plan.kind) {
    case 'filter':
      return pushFilter(plan.input, [...conjuncts(plan.predicate), ...parts]);
    case 'project':
      return pushThroughProject(plan, parts);
    case 'aggregate':
      return pushThroughAggregate(plan, parts);
    case 'sort':
    case 'distinct':
      return { ...plan, input: pushFilter(plan.input, parts) };
    case 'unionAll':
      return { ...plan, inputs: plan.inputs.map((i) => pushFilter(i, parts)) };
    case 'join':
      break;
    default:
      return withFilter(plan, parts);
  }
  // Semi and anti joins output exactly their left input's columns.
  if (plan.joinType === 'semi' || plan.joinType === 'anti') return { ...plan, left: pushFilter(plan.left, parts) };
  if (plan.joinType === 'full' || plan.joinType === 'right') return withFilter(plan, parts);
  const leftWidth = plan.left.types.length;
  const toLeft: PExpr[] = [];
  const toRight: PExpr[] = [];
  const toJoin: PExpr[] = [];
  const stay: PExpr[] = [];
  for (const p of parts) {
    const cols = referencedColumns(p);
    const usesLeft = cols.some((c) => c < leftWidth);
    const usesRight = cols.some((c) => c >= leftWidth);
    if (!usesRight) toLeft.push(p);
    else if (!usesLeft && plan.joinType === 'inner') toRight.push(mapColumns(p, (i) => i - leftWidth));
    else {
      if (plan.joinType === 'inner') toJoin.push(p);
      else stay.push(p);
      // What the condition implies about one input filters that input early; it stays in full above.
      const onLeft = impliedFilter(p, (c) => c < leftWidth);
      if (onLeft) toLeft.push(onLeft);
      const onRight = plan.joinType === 'inner' ? impliedFilter(p, (c) => c >= leftWidth) : null;
      if (onRight) toRight.push(mapColumns(onRight, (i) => i - leftWidth));
    }
  }
  const left = pushFilter(plan.left, toLeft);
  const right = pushFilter(plan.right, toRight);
  const condition = andAll([...(plan.condition ? conjuncts(plan.condition) : []), ...toJoin]);
  return withFilter({ ...plan, left, right, condition }, stay);
}

/**
 * ON conjuncts over one input only filter that input, unless it is a side the join preserves: the
 * right input for inner, left, semi and anti joins (TPC-H Q13's `o_comment NOT LIKE ...` in a LEFT
 * JOIN's ON), the left one for inner, right and semi joins (an anti join keeps left rows the
 * condition rejects). Volatile conjuncts stay where they are.
 */
function pushJoinCondition(plan: Extract<LPlan, { kind: 'join' }>): Extract<LPlan, { kind: 'join' }> {
  if (!plan.condition || plan.joinType === 'full') return plan;
  const leftWidth = plan.left.types.length;
  const filtersLeft = plan.joinType === 'inner' || plan.joinType === 'right' || plan.joinType === 'semi';
  const filtersRight = plan.joinType !== 'right';
  const toLeft: PExpr[] = [];
  const toRight: PExpr[] = [];
  const stay: PExpr[] = [];
  for (const c of conjuncts(plan.condition)) {
    const cols = referencedColumns(c);
    if (cols.length === 0 || isVolatile(c)) stay.push(c);
    else if (filtersLeft && cols.every((i) => i < leftWidth)) toLeft.push(c);
    else if (filtersRight && cols.every((i) => i >= leftWidth)) toRight.push(mapColumns(c, (i) => i - leftWidth));
    else stay.push(c);
  }
  if (toLeft.length === 0 && toRight.length === 0) return plan;
  return { ...plan, left: pushFilter(plan.left, toLeft), right: pushFilter(plan.right, toRight), condition: andAll(stay) };
}

/** A conjunct over a projection's output is the same conjunct over its input, with the expressions substituted. */
function pushThroughProject(plan: Extract<LPlan, { kind: 'project' }>, parts: PExpr[]): LPlan {
  const down: PExpr[] = [];
  const stay: PExpr[] = [];
  for (const p of parts) {
    const used = referencedColumns(p).map((i) => plan.exprs[i]!);
    // Volatile expressions must be evaluated once per row, where the projection puts them.
    if (used.some(isVolatile)) stay.push(p);
    else down.push(replaceColumns(p, (c) => plan.exprs[c.index]!));
  }
  return withFilter({ ...plan, input: pushFilter(plan.input, down) }, stay);
}

/** Conjuncts over group keys only filter whole groups: they may filter the input rows instead. */
function pushThroughAggregate(plan: Extract<LPlan, { kind: 'aggregate' }>, parts: PExpr[]): LPlan {
  const keyCount = plan.groupKeys.length;
  const down: PExpr[] = [];
  const stay: PExpr[] = [];
  for (const p of parts) {
    const cols = referencedColumns(p);
    if (keyCount > 0 && cols.every((c) => c < keyCount)) down.push(replaceColumns(p, (c) => plan.groupKeys[c.index]!));
    else stay.push(p);
  }
  return withFilter({ ...plan, input: pushFilter(plan.input, down) }, stay);
}


/**
 * `(a AND x) OR (a AND y)` as `a AND (x OR y)`: a conjunct common to every branch of an OR can be
 * pushed down on its own (TPC-H Q19 repeats its join equality in each branch).
 */
function factorOr(p: PExpr): PExpr[] {
  if (p.kind !== 'or') return [p];
  const branches = disjuncts(p).map(conjuncts);
  const key = (e: PExpr): string => pexprKey(e);
  const branchKeys = branches.map((b) => new Set(b.map(key)));
  const common = branches[0]!.filter((c) => branchKeys.every((keys) => keys.has(key(c))));
  if (common.length === 0) return [p];
  const commonKeys = new Set(common.map(key));
  const rest = branches.map((b) => andAll(b.filter((c) => !commonKeys.has(key(c)))));
  // A branch left with nothing is TRUE: the OR holds whenever the common part does.
  if (rest.some((r) => r === null)) return common;
  return [...common, { kind: 'or', args: rest as PExpr[], type: BOOLEAN }];
}

/**
 * What a disjunction implies about the columns `inside` selects: for `(a1 AND b1) OR (a2 AND b2)`
 * where a1 and a2 read only those columns, every row that passes satisfies `a1 OR a2` — a filter one
 * join input can apply before the join (TPC-H Q07's nation pairs, Q19's brands and quantities).
 * Null when some branch says nothing about those columns. Volatile conjuncts are never duplicated.
 */
function impliedFilter(p: PExpr, inside: (column: number) => boolean): PExpr | null {
  if (p.kind !== 'or') return null;
  const implied: PExpr[] = [];
  for (const branch of disjuncts(p)) {
    const own = conjuncts(branch).filter((c) => {
      const cols = referencedColumns(c);
      return cols.length > 0 && cols.every(inside) && !isVolatile(c);
    });
    if (own.length === 0) return null;
    implied.push(andAll(own)!);
  }
  return { kind: 'or', args: implied, type: BOOLEAN };
}

function disjuncts(e: PExpr): PExpr[] {
  return e.kind === 'or' ? e.args.flatMap(disjuncts) : [e];
}

/**
 * A semi or anti join whose condition uses the columns of only one input of the inner join below it
 * filters that input instead (rows of the other input cannot change the outcome), so `FROM a, b
 * WHERE a.k IN (...)` reduces `a` before joining `b`. The output columns stay where they were.
 */
function pushSemiJoin(plan: Extract<LPlan, { kind: 'join' }>): LPlan {
  const below = plan.left;
  if (below.kind !== 'join' || (below.joinType !== 'inner' && below.joinType !== 'left')) return plan;
  const width = below.types.length;
  const leftWidth = below.left.types.length;
  const used = plan.condition ? referencedColumns(plan.condition).filter((c) => c < width) : [];
  const intoLeft = used.every((c) => c < leftWidth);
  const intoRight = below.joinType === 'inner' && used.every((c) => c >= leftWidth);
  if (!intoLeft && !intoRight) return plan;
  const target = intoLeft ? below.left : below.right;
  const shift = intoLeft ? 0 : leftWidth;
  const condition = plan.condition ? mapColumns(plan.condition, (c) => (c >= width ? c - width + target.types.length : c - shift)) : null;
  const pushed = pushSemiJoin({ ...plan, left: target, condition, types: target.types });
  return intoLeft ? { ...below, left: pushed } : { ...below, right: pushed };
}

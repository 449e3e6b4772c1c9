/**
 * Join ordering. A tree of inner joins (FROM a, b, c WHERE ... after predicate pushdown) is flattened
 * into its inputs and conjuncts, then rebuilt greedily: start from the largest input, and repeatedly
 * join the input connected to what is joined so far by an equality that gives the smallest estimated
 * result (an input reached by no equality only when none is left: a cross product). The smaller side
 * of each join becomes the build (right) side. A projection restores the original column order.
 *
 * An input that is a semi or anti join (EXISTS / NOT EXISTS on it) only drops some of its left
 * input's rows, so it commutes with the inner joins: when the inner joins are estimated to shrink
 * that left input, the semi/anti joins move above them and probe fewer rows (TPC-H Q21).
 */
import type { PExpr } from '../exec/spec.js';
import type { LPlan } from './logical.js';
import { mapColumns, referencedColumns } from './expr-utils.js';
import { andAll, conjuncts } from './optimize.js';
import type { PlanningInput } from './physical.js';

interface Estimate {
  /** Estimated output rows. */
  readonly rows: number;
  /** Rows before the filters of this input (rows / base = its selectivity). */
  readonly base: number;
}

export function estimate(plan: LPlan, stats: PlanningInput): Estimate {
  switch (plan.kind) {
    case 'scan': {
      const rows = Math.max(1, stats.tableRows(plan.table.id));
      return { rows, base: rows };
    }
    case 'values':
      return { rows: plan.rows.length, base: plan.rows.length };
    case 'rows':
      return { rows: plan.batch.rowCount, base: plan.batch.rowCount };
    case 'filter': {
      const child = estimate(plan.input, stats);
      const parts = conjuncts(plan.predicate).length;
      return { rows: Math.max(1, child.rows / (3 * Math.max(1, parts / 2))), base: child.base };
    }
    case 'project':
    case 'sort':
    case 'distinct':
    case 'window':
      return estimate(plan.input, stats);
    case 'singleRow':
      return { rows: 1, base: 1 };
    case 'limit': {
      const child = estimate(plan.input, stats);
      const rows = plan.limit === null ? child.rows : Math.min(child.rows, plan.limit);
      return { rows, base: rows };
    }
    case 'aggregate': {
      const rows = plan.groupKeys.length === 0 ? 1 : Math.max(1, estimate(plan.input, stats).rows / 10);
      return { rows, base: rows };
    }
    case 'join': {
      const l = estimate(plan.left, stats);
      const r = estimate(plan.right, stats);
      const rows = plan.joinType === 'semi' || plan.joinType === 'anti' ? l.rows / 2 : plan.joinType === 'left' ? l.rows : Math.max(l.rows, r.rows);
      return { rows, base: Math.max(rows, plan.joinType === 'inner' ? l.base : rows) };
    }
    case 'unionAll': {
      const rows = plan.inputs.reduce((n, i) => n + estimate(i, stats).rows, 0);
      return { rows, base: rows };
    }
    case 'setOp':
      return estimate(plan.left, stats);
  }
}

interface Leaf {
  readonly plan: LPlan;
  /** First column of this input in the original (flattened) row. */
  readonly offset: number;
  readonly estimate: Estimate;
  /** Semi/anti joins taken off this input (innermost first), to apply above the inner joins. */
  readonly lifted: readonly Extract<LPlan, { kind: 'join' }>[];
}

export function reorderJoins(plan: LPlan, stats: PlanningInput): LPlan {
  switch (plan.kind) {
    case 'join':
      if (plan.joinType === 'inner') return reorderInnerJoins(plan, stats);
      return { ...plan, left: reorderJoins(plan.left, stats), right: reorderJoins(plan.right, stats) };
    case 'setOp':
      return { ...plan, left: reorderJoins(plan.left, stats), right: reorderJoins(plan.right, stats) };
    case 'unionAll':
      return { ...plan, inputs: plan.inputs.map((i) => reorderJoins(i, stats)) };
    case 'scan':
    case 'values':
    case 'rows':
      return plan;
    default:
      return { ...plan, input: reorderJoins(plan.input, stats) };
  }
}

function flatten(plan: LPlan, offset: number, leaves: Leaf[], predicates: PExpr[], stats: PlanningInput, lift: boolean): void {
  if (plan.kind === 'join' && plan.joinType === 'inner') {
    flatten(plan.left, offset, leaves, predicates, stats, lift);
    flatten(plan.right, offset + plan.left.types.length, leaves, predicates, stats, lift);
    if (plan.condition) predicates.push(...conjuncts(plan.condition).map((c) => mapColumns(c, (i) => i + offset)));
    return;
  }
  const lifted: Extract<LPlan, { kind: 'join' }>[] = [];
  let core = plan;
  while (lift && core.kind === 'join' && (core.joinType === 'semi' || core.joinType === 'anti')) {
    lifted.unshift({ ...core, right: reorderJoins(core.right, stats) });
    core = core.left;
  }
  const inner = reorderJoins(core, stats);
  leaves.push({ plan: inner, offset, estimate: estimate(inner, stats), lifted });
}

function reorderInnerJoins(root: Extract<LPlan, { kind: 'join' }>, stats: PlanningInput): LPlan {
  const lifted = orderInnerJoins(root, stats, true);
  if (lifted.liftedFrom === null || lifted.rows < lifted.liftedFrom) return lifted.plan;
  return orderInnerJoins(root, stats, false).plan;
}

/**
 * The inner joins of `root` reordered; with `lift`, semi/anti joins of its inputs applied above them.
 * Also the estimated rows of the inner joins' result, and the rows of the smallest input that had
 * semi/anti joins lifted off (null when none had).
 */
function orderInnerJoins(root: Extract<LPlan, { kind: 'join' }>, stats: PlanningInput, lift: boolean): { plan: LPlan; rows: number; liftedFrom: number | null } {
  const leaves: Leaf[] = [];
  const predicates: PExpr[] = [];
  flatten(root, 0, leaves, predicates, stats, lift);
  const leafOf = (col: number): number => {
    for (let i = leaves.length - 1; i >= 0; i--) if (col >= leaves[i]!.offset) return i;
    return 0;
  };
  const predicateLeaves = predicates.map((p) => [...new Set(referencedColumns(p).map(leafOf))]);
  const isEquiJoin = (p: PExpr, ls: readonly number[]): boolean => p.kind === 'compare' && p.op === '=' && ls.length === 2;

  // Conjuncts on one input filter that input.
  const inputs = leaves.map((leaf, i) => {
    const own = predicates.filter((_, k) => predicateLeaves[k]!.length === 1 && predicateLeaves[k]![0] === i);
    const predicate = andAll(own.map((p) => mapColumns(p, (c) => c - leaf.offset)));
    return predicate ? ({ kind: 'filter', input: leaf.plan, predicate, types: leaf.plan.types } as LPlan) : leaf.plan;
  });
  const constantPredicates = predicates.filter((_, k) => predicateLeaves[k]!.length === 0);
  const used = predicates.map((_, k) => predicateLeaves[k]!.length <= 1);

  let start = 0;
  leaves.forEach((l, i) => {
    if (l.estimate.rows > leaves[start]!.estimate.rows) start = i;
  });
  const joined = new Set<number>([start]);
  let acc = inputs[start]!;
  let accRows = leaves[start]!.estimate.rows;
  let layout: number[] = columnsOf(leaves[start]!);

  while (joined.size < leaves.length) {
    let best = -1;
    let bestRows = Infinity;
    let bestConnected = false;
    for (let i = 0; i < leaves.length; i++) {
      if (joined.has(i)) continue;
      const connected = predicates.some((p, k) => isEquiJoin(p, predicateLeaves[k]!) && predicateLeaves[k]!.includes(i) && predicateLeaves[k]!.some((l) => joined.has(l)));
      const e = leaves[i]!.estimate;
      const rows = connected ? Math.max(accRows, e.rows) * (e.rows / e.base) : accRows * e.rows;
      const better = connected !== bestConnected ? connected : rows < bestRows || (rows === bestRows && e.rows < leaves[best]!.estimate.rows);
      if (best < 0 || better) {
        best = i;
        bestRows = rows;
        bestConnected = connected;
      }
    }
    joined.add(best);
    const leafRows = leaves[best]!.estimate.rows;
    const swap = leafRows > accRows;
    const [left, right] = swap ? [inputs[best]!, acc] : [acc, inputs[best]!];
    const newLayout = swap ? [...columnsOf(leaves[best]!), ...layout] : [...layout, ...columnsOf(leaves[best]!)];
    const position = new Map(newLayout.map((g, i) => [g, i]));
    const ready: PExpr[] = [];
    predicates.forEach((p, k) => {
      if (used[k] || !predicateLeaves[k]!.every((l) => joined.has(l))) return;
      used[k] = true;
      ready.push(mapColumns(p, (g) => position.get(g)!));
    });
    acc = { kind: 'join', joinType: 'inner', left, right, condition: andAll(ready), types: [...left.types, ...right.types] };
    accRows = bestRows;
    layout = newLayout;
  }

  const position = new Map(layout.map((g, i) => [g, i]));
  const exprs: PExpr[] = root.types.map((type, g) => ({ kind: 'col', index: position.get(g)!, type }));
  let out: LPlan = layout.every((g, i) => g === i) ? acc : { kind: 'project', input: acc, exprs, types: root.types };
  let liftedFrom: number | null = null;
  for (const leaf of leaves) {
    if (leaf.lifted.length === 0) continue;
    liftedFrom = Math.min(liftedFrom ?? Infinity, leaf.estimate.rows);
    const width = leaf.plan.types.length;
    // The input's columns now sit at its offset in the whole row; the semi/anti join's own after it.
    const shift = (c: number): number => (c < width ? leaf.offset + c : c - width + root.types.length);
    for (const join of leaf.lifted) {
      const condition = join.condition ? mapColumns(join.condition, shift) : null;
      out = { ...join, left: out, condition, types: out.types };
    }
  }
  const rest = andAll(constantPredicates);
  if (rest) out = { kind: 'filter', input: out, predicate: rest, types: out.types };
  return { plan: out, rows: accRows, liftedFrom };
}

function columnsOf(leaf: Leaf): number[] {
  return leaf.plan.types.map((_, i) => leaf.offset + i);
}

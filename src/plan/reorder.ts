/**
 * Join ordering. A tree of inner joins (FROM a, b, c WHERE ... after predicate pushdown) is flattened
 * into its inputs and conjuncts, then rebuilt greedily: start from the largest input, and repeatedly
 * join the input connected to what is joined so far by an equality that gives the smallest estimated
 * result (an input reached by no equality only when none is left: a cross product). The smaller side
 * of each join becomes the build (right) side. A projection restores the original column order.
 * Filtered inputs hanging off a single other input are joined to it first (mergeSatellites).
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

  // Conjuncts on one input filter that input.
  const units: Unit[] = leaves.map((leaf, i) => {
    const own = predicates.filter((_, k) => predicateLeaves[k]!.length === 1 && predicateLeaves[k]![0] === i);
    const predicate = andAll(own.map((p) => mapColumns(p, (c) => c - leaf.offset)));
    const plan: LPlan = predicate ? { kind: 'filter', input: leaf.plan, predicate, types: leaf.plan.types } : leaf.plan;
    return { plan, columns: columnsOf(leaf), estimate: leaf.estimate, leaves: [i] };
  });
  const constantPredicates = predicates.filter((_, k) => predicateLeaves[k]!.length === 0);
  const used = predicates.map((_, k) => predicateLeaves[k]!.length <= 1);

  let start = units[0]!;
  for (const u of units) if (u.estimate.rows > start.estimate.rows) start = u;
  mergeSatellites(units, start, predicates, predicateLeaves, used);
  /** The units a predicate reads. */
  const unitsOf = (k: number): Unit[] => [...new Set(predicateLeaves[k]!.map((l) => units.find((u) => u.leaves.includes(l))!))];
  const isEquiJoin = (k: number): boolean => predicates[k]!.kind === 'compare' && (predicates[k] as { op: string }).op === '=' && unitsOf(k).length === 2;

  const joined = new Set<Unit>([start]);
  let acc = start.plan;
  let accRows = start.estimate.rows;
  let layout: readonly number[] = start.columns;

  while (joined.size < units.length) {
    let best: Unit | null = null;
    let bestRows = Infinity;
    let bestConnected = false;
    for (const unit of units) {
      if (joined.has(unit)) continue;
      const connected = predicates.some((_, k) => !used[k] && isEquiJoin(k) && unitsOf(k).includes(unit) && unitsOf(k).some((u) => joined.has(u)));
      const e = unit.estimate;
      const rows = connected ? Math.max(accRows, e.rows) * (e.rows / e.base) : accRows * e.rows;
      const better = connected !== bestConnected ? connected : rows < bestRows || (rows === bestRows && e.rows < best!.estimate.rows);
      if (best === null || better) {
        best = unit;
        bestRows = rows;
        bestConnected = connected;
      }
    }
    joined.add(best!);
    const swap = best!.estimate.rows > accRows;
    const [left, right] = swap ? [best!.plan, acc] : [acc, best!.plan];
    const newLayout = swap ? [...best!.columns, ...layout] : [...layout, ...best!.columns];
    const position = new Map(newLayout.map((g, i) => [g, i]));
    const ready: PExpr[] = [];
    predicates.forEach((p, k) => {
      if (used[k] || !unitsOf(k).every((u) => joined.has(u))) return;
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

/** Inputs joined so far as one: a leaf, or a leaf with the satellites merged into it. */
interface Unit {
  readonly plan: LPlan;
  /** Its columns' positions in the original (flattened) row. */
  readonly columns: readonly number[];
  readonly estimate: Estimate;
  /** The leaves it is made of. */
  readonly leaves: readonly number[];
}

/**
 * Joins each filtered "satellite" input — one whose equalities all connect it to one other input (a
 * nation filtered by name, joined to supplier alone) — with that input first, so the pair enters
 * the join order as one small, selective input: its filter then reaches the large input early (as a
 * runtime join filter on its scan, TPC-H Q07, Q21) instead of after every other join. Conditions
 * that also read further inputs stay for later. Never merges into the start (largest) input: that
 * is joined first anyway.
 */
function mergeSatellites(units: Unit[], start: Unit, predicates: readonly PExpr[], predicateLeaves: readonly (readonly number[])[], used: boolean[]): void {
  for (let merged = true; merged; ) {
    merged = false;
    for (const satellite of units) {
      if (satellite === start || satellite.estimate.rows >= satellite.estimate.base) continue;
      const isEqui = (k: number): boolean => predicates[k]!.kind === 'compare' && (predicates[k] as { op: string }).op === '=';
      const touching = predicates.map((_, k) => k).filter((k) => !used[k] && predicateLeaves[k]!.some((l) => satellite.leaves.includes(l)));
      const others = (k: number): number[] => predicateLeaves[k]!.filter((l) => !satellite.leaves.includes(l));
      const linked = new Set(touching.filter(isEqui).flatMap(others));
      const host = units.find((u) => u !== satellite && linked.size > 0 && [...linked].every((l) => u.leaves.includes(l)));
      if (host === undefined || host === start || satellite.estimate.rows > host.estimate.rows) continue;
      // The conditions between the two alone go into their join.
      const between = touching.filter((k) => others(k).every((l) => host.leaves.includes(l)));
      const columns = [...host.columns, ...satellite.columns];
      const position = new Map(columns.map((g, i) => [g, i]));
      between.forEach((k) => (used[k] = true));
      const plan: LPlan = {
        kind: 'join',
        joinType: 'inner',
        left: host.plan,
        right: satellite.plan,
        condition: andAll(between.map((k) => mapColumns(predicates[k]!, (g) => position.get(g)!))),
        types: [...host.plan.types, ...satellite.plan.types],
      };
      const estimate = { rows: host.estimate.rows * (satellite.estimate.rows / satellite.estimate.base), base: host.estimate.base };
      units.splice(units.indexOf(host), 1, { plan, columns, estimate, leaves: [...host.leaves, ...satellite.leaves] });
      units.splice(units.indexOf(satellite), 1);
      merged = true;
      break;
    }
  }
}

/**
 * Semi-join reduction of grouped aggregates. A join of L with an aggregate grouped by k, on
 * `L.x = k`, only ever uses the groups whose key is among L's x values; the others are computed and
 * thrown away. A decorrelated subquery has exactly this shape (TPC-H Q17: the average quantity per
 * part, for the few parts of one brand and container; Q20, Q02), and its aggregate then reads a
 * whole table. So the aggregate's input is first semi-joined with a small relation known to hold
 * every x value of L — the smallest subtree of L that x can be traced into (through projections,
 * filters, and inner or semi joins, following their equalities) — when that is much smaller than
 * the aggregate's input. The reducing subtree is computed a second time for this; it is small.
 */
import type { PExpr } from '../exec/spec.js';
import { BOOLEAN, typesEqual } from '../types/index.js';
import { conjuncts } from './optimize.js';
import type { LPlan } from './logical.js';
import type { PlanningInput } from './physical.js';
import { estimate } from './reorder.js';

type Join = Extract<LPlan, { kind: 'join' }>;

/** A reducer only pays off when the aggregate's input is this many times larger. */
const MIN_REDUCTION = 4;

export function reduceAggregates(plan: LPlan, stats: PlanningInput): LPlan {
  switch (plan.kind) {
    case 'scan':
    case 'values':
    case 'rows':
      return plan;
    case 'join': {
      const join: Join = { ...plan, left: reduceAggregates(plan.left, stats), right: reduceAggregates(plan.right, stats) };
      return reduceJoin(join, stats) ?? join;
    }
    case 'setOp':
      return { ...plan, left: reduceAggregates(plan.left, stats), right: reduceAggregates(plan.right, stats) };
    case 'unionAll':
      return { ...plan, inputs: plan.inputs.map((i) => reduceAggregates(i, stats)) };
    default:
      return { ...plan, input: reduceAggregates(plan.input, stats) };
  }
}

/** The join with its right side's aggregate reduced, or null when no reduction applies or pays off. */
function reduceJoin(join: Join, stats: PlanningInput): Join | null {
  // Inner, left (L preserved) and semi joins never use an aggregate group no L row matches.
  if (join.joinType !== 'inner' && join.joinType !== 'left' && join.joinType !== 'semi') return null;
  if (!join.condition) return null;
  const leftWidth = join.left.types.length;
  const target = aggregateUnder(join.right);
  if (target === null) return null;
  const inputRows = estimate(target.aggregate.input, stats).rows;
  let best: { reducer: Trace; inputColumn: number } | null = null;
  for (const c of conjuncts(join.condition)) {
    if (c.kind !== 'compare' || c.op !== '=' || c.left.kind !== 'col' || c.right.kind !== 'col') continue;
    const [l, r] = c.left.index < leftWidth ? [c.left, c.right] : [c.right, c.left];
    if (l.index >= leftWidth || r.index < leftWidth) continue;
    const key = target.keyOf(r.index - leftWidth);
    if (key === null || !typesEqual(key.type, l.type)) continue;
    for (const t of trace(join.left, l.index, stats)) {
      if (best === null || t.rows < best.reducer.rows) best = { reducer: t, inputColumn: key.index };
    }
  }
  if (best === null || best.reducer.rows * MIN_REDUCTION >= inputRows) return null;
  const { reducer, inputColumn } = best;
  const input = target.aggregate.input;
  const width = input.types.length;
  const type = input.types[inputColumn]!;
  const condition: PExpr = {
    kind: 'compare',
    op: '=',
    left: { kind: 'col', index: inputColumn, type },
    right: { kind: 'col', index: width + reducer.column, type },
    type: BOOLEAN,
  };
  const reduced: LPlan = { kind: 'join', joinType: 'semi', left: input, right: reducer.plan, condition, types: input.types };
  return { ...join, right: target.rebuild(reduced) };
}

interface AggregateTarget {
  readonly aggregate: Extract<LPlan, { kind: 'aggregate' }>;
  /** The aggregate-input column a right-side output column is a group key of, or null. */
  keyOf(column: number): Extract<PExpr, { kind: 'col' }> | null;
  /** The right side with the aggregate's input replaced. */
  rebuild(input: LPlan): LPlan;
}

/** A grouped aggregate at the top of `plan`, under projections that pass its columns through. */
function aggregateUnder(plan: LPlan): AggregateTarget | null {
  if (plan.kind === 'project') {
    const inner = aggregateUnder(plan.input);
    if (inner === null) return null;
    return {
      aggregate: inner.aggregate,
      keyOf: (column) => {
        const e = plan.exprs[column]!;
        return e.kind === 'col' ? inner.keyOf(e.index) : null;
      },
      rebuild: (input) => ({ ...plan, input: inner.rebuild(input) }),
    };
  }
  if (plan.kind !== 'aggregate' || plan.groupKeys.length === 0) return null;
  return {
    aggregate: plan,
    keyOf: (column) => {
      const key = plan.groupKeys[column];
      return column < plan.groupKeys.length && key?.kind === 'col' ? key : null;
    },
    rebuild: (input) => ({ ...plan, input }),
  };
}

/** A subtree whose `column` holds every non-null value some column of the traced plan holds. */
interface Trace {
  readonly plan: LPlan;
  readonly column: number;
  readonly rows: number;
}

/** `plan` itself and every subtree the values of its `column` can be traced into. */
function trace(plan: LPlan, column: number, stats: PlanningInput): Trace[] {
  const here: Trace = { plan, column, rows: estimate(plan, stats).rows };
  switch (plan.kind) {
    case 'filter':
    case 'sort':
    case 'limit':
    case 'distinct':
      return [here, ...trace(plan.input, column, stats)];
    case 'project': {
      const e = plan.exprs[column]!;
      return e.kind === 'col' ? [here, ...trace(plan.input, e.index, stats)] : [here];
    }
    case 'join':
      return [here, ...traceJoin(plan, column, stats)];
    default:
      return [here];
  }
}

function traceJoin(join: Join, column: number, stats: PlanningInput): Trace[] {
  const leftWidth = join.left.types.length;
  const onLeft = column < leftWidth;
  if (join.joinType === 'right' || join.joinType === 'full') return [];
  if (!onLeft && join.joinType !== 'inner' && join.joinType !== 'left') return [];
  const out = onLeft ? trace(join.left, column, stats) : trace(join.right, column - leftWidth, stats);
  // An inner join's (or a semi join's) rows satisfy its equalities: x = y lets x be traced as y.
  if ((join.joinType === 'inner' || join.joinType === 'semi') && join.condition) {
    for (const c of conjuncts(join.condition)) {
      if (c.kind !== 'compare' || c.op !== '=' || c.left.kind !== 'col' || c.right.kind !== 'col' || !typesEqual(c.left.type, c.right.type)) continue;
      const other = c.left.index === column ? c.right.index : c.right.index === column ? c.left.index : -1;
      if (other < 0 || (other < leftWidth) === onLeft) continue;
      out.push(...(other < leftWidth ? trace(join.left, other, stats) : trace(join.right, other - leftWidth, stats)));
    }
  }
  return out;
}

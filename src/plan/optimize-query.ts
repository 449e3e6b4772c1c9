/**
 * The optimizer's passes, in order: predicate pushdown, join ordering, semi-join reduction of
 * aggregates (which needs the final join trees), constant folding, then column pruning (which must
 * see the final expressions).
 */
import type { LPlan } from './logical.js';
import { foldPlan } from './fold-plan.js';
import { optimize } from './optimize.js';
import { pruneColumns } from './prune.js';
import { reduceAggregates } from './reduce.js';
import { reorderJoins } from './reorder.js';
import type { PlanningInput } from './physical.js';

export function optimizeQuery(plan: LPlan, stats: PlanningInput): LPlan {
  return pruneColumns(foldPlan(reduceAggregates(reorderJoins(optimize(plan), stats), stats)));
}

/** Whether the plan scans a user table (leader-only functions cannot be used with one). */
export function readsUserTable(plan: LPlan): boolean {
  switch (plan.kind) {
    case 'scan':
      return true;
    case 'values':
    case 'rows':
      return false;
    case 'join':
    case 'setOp':
      return readsUserTable(plan.left) || readsUserTable(plan.right);
    case 'unionAll':
      return plan.inputs.some(readsUserTable);
    default:
      return readsUserTable(plan.input);
  }
}

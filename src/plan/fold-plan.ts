/** Constant folding over every expression of a plan (see fold.ts). */

import { foldConstants } from './fold.js';
import type { LPlan } from './logical.js';

export function foldPlan(plan: LPlan): LPlan {
  const f = foldConstants;
  switch (plan.kind) {
    case 'scan':
    case 'rows':
      return plan;
    case 'values':
      return { ...plan, rows: plan.rows.map((r) => r.map(f)) };
    case 'filter':
      return { ...plan, input: foldPlan(plan.input), predicate: f(plan.predicate) };
    case 'project':
      return { ...plan, input: foldPlan(plan.input), exprs: plan.exprs.map(f) };
    case 'join':
      return { ...plan, left: foldPlan(plan.left), right: foldPlan(plan.right), condition: plan.condition ? f(plan.condition) : null };
    case 'aggregate':
      return {
        ...plan,
        input: foldPlan(plan.input),
        groupKeys: plan.groupKeys.map(f),
        aggregates: plan.aggregates.map((a) => ({ ...a, arg: a.arg ? f(a.arg) : null })),
      };
    case 'sort':
      return { ...plan, input: foldPlan(plan.input), keys: plan.keys.map((k) => ({ ...k, expr: f(k.expr) })) };
    case 'unionAll':
      return { ...plan, inputs: plan.inputs.map(foldPlan) };
    case 'setOp':
      return { ...plan, left: foldPlan(plan.left), right: foldPlan(plan.right) };
    default:
      return { ...plan, input: foldPlan(plan.input) };
  }
}


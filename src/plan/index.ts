/**
 * plan/: from a query's AST to a physical plan — bind (names and types against the catalog),
 * optimize (predicate pushdown), then place on slices and cut into fragments.
 */
import type { PhysicalPlan } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { bindQuery, bindRecursiveRound } from './bind-query.js';
import type { RecursiveCteRows } from './bind-recursive.js';
import type { BoundQuery } from './logical.js';
import type { BindEnvironment } from './context.js';
export { unrecognizedSetting } from './context.js';
import { inheritedKeys, type InheritedKeys } from './inherit.js';
import { LeaderOnlyUse } from './bind-special.js';
import { optimizeQuery, readsUserTable } from './optimize-query.js';
import { toPhysical, type DistLabel, type PlanningInput } from './physical.js';
import { ColumnUses } from './scope.js';

export interface PlannedQuery {
  readonly physical: PhysicalPlan;
  readonly names: readonly string[];
  /** Data-movement labels of the joins, in planning order (EXPLAIN shows them). */
  readonly joinLabels: readonly DistLabel[];
  /** Keys a CREATE TABLE AS of this query inherits. */
  readonly inherited: InheritedKeys;
}

export function planQuery(query: ast.Query, env: BindEnvironment, stats: PlanningInput): PlannedQuery {
  return planBound((bindEnv) => bindQuery(query, bindEnv), env, stats);
}

/** One round of a recursive CTE (bind-recursive.ts), planned to run: its seed, or its member over the rows the round before added. */
export function planRecursiveRound(w: ast.WithClause, index: number, env: BindEnvironment, stats: PlanningInput, previous: RecursiveCteRows | null): PlannedQuery {
  return planBound((bindEnv) => bindRecursiveRound(w, index, bindEnv, previous), env, stats);
}

function planBound(bind: (env: BindEnvironment) => BoundQuery, env: BindEnvironment, stats: PlanningInput): PlannedQuery {
  const leaderOnly = new LeaderOnlyUse();
  const bound = bind({ ...env, leaderOnly });
  if (leaderOnly.names.length > 0 && readsUserTable(bound.plan)) throw leaderOnly.error();
  const physical = toPhysical(optimizeQuery(bound.plan, stats), bound.names, stats);
  return { physical, names: bound.names, joinLabels: physical.joinLabels, inherited: inheritedKeys(bound.plan) };
}

/** The user table columns a query reads by name or `*` (what a view over it depends on); binds it, nothing more. */
export function columnsUsed(query: ast.Query, env: BindEnvironment): ColumnUses {
  const columnUses = new ColumnUses();
  bindQuery(query, { ...env, leaderOnly: new LeaderOnlyUse(), columnUses });
  return columnUses;
}

export { bindExpr, bindLiteral, typeFromNode, type ExprContext } from './bind-expr.js';
export { coerce } from './coerce.js';
export { ROW_HANDLE_COLUMN, type BindEnvironment, type SessionInfo, resolveRelation } from './context.js';
export { ColumnUses, Scope } from './scope.js';
export { isRecursiveCte, type RecursiveCteRows, type RecursiveCtes } from './bind-recursive.js';
export type { DistLabel, PlanningInput } from './physical.js';
export type { InheritedKeys } from './inherit.js';

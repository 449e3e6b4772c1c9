/**
 * Running a query for a statement: plan it against the state the statement sees, execute it on the
 * slices, and log it (STL_QUERY, SVL_QUERY_REPORT).
 */
import type { Batch } from '../exec/spec.js';
import type { ColumnVector } from '../types/column-vector.js';
import { columnsUsed, planQuery, planRecursiveRound, type BindEnvironment, type ColumnUses, type PlannedQuery, type PlanningInput, type RecursiveCtes, type SessionInfo } from '../plan/index.js';
import type * as ast from '../sql/ast.js';
import { liveRowCount } from '../storage/index.js';
import type { TaskInfo } from '../exec/task.js';
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import type { StatementCancel } from './cancel.js';
import type { QueryLog } from './query-log.js';
import { executePlan, executePlanColumnVectors, type ExecutionEnv } from './scheduler.js';
import { systemRows } from './system-rows.js';
import type { NodeRunner, Topology } from './task.js';
import type { DatabaseActivity, DbState } from './transactions.js';
import type { ViewBaseTable } from '../catalog/relation.js';
import { computeRecursiveCtes } from './recursive-cte.js';

export interface StatementEnv {
  readonly runner: NodeRunner;
  readonly topology: Topology;
  /** The database state the statement reads (its transaction's view). */
  readonly state: DbState;
  readonly session: SessionInfo;
  readonly params: readonly unknown[];
  readonly statementTime: number;
  readonly transactionTime: number;
  /** The statement's transaction (0 when it has none: planning for a client's Describe). */
  readonly xid: number;
  readonly log: QueryLog;
  /** Open transactions and locks, for the monitoring views. */
  readonly activity: DatabaseActivity;
  /** Statement text, for the query log. */
  readonly text: string;
  /** The rows of the statement's recursive CTEs, once computed (see recursive-cte.ts). */
  readonly recursiveCtes?: RecursiveCtes;
  /** Set when the client can cancel the statement. */
  readonly cancel?: StatementCancel;
}

export interface QueryOutput {
  readonly planned: PlannedQuery;
  readonly batch: Batch;
  readonly names: readonly string[];
  readonly types: readonly SqlType[];
  readonly tasks: readonly TaskInfo[];
}

/** What binding a query needs from the statement's environment. */
function bindEnvironment(env: StatementEnv, options: { rowHandleTable?: number } = {}): BindEnvironment {
  return {
    catalog: env.state.catalog,
    session: env.session,
    params: env.params,
    statementTime: env.statementTime,
    transactionTime: env.transactionTime,
    rowHandleTable: options.rowHandleTable,
    systemRows: (def) => systemRows(def, env),
    recursiveCtes: env.recursiveCtes,
  };
}

/** What the planner knows of the tables: their live row counts. */
function planningInput(state: DbState): PlanningInput {
  return {
    tableRows: (id) => {
      const data = state.tables.get(id);
      return data ? data.slices.reduce((n, s) => n + liveRowCount(s), 0) : 0;
    },
  };
}

/** The user table columns a view's query reads (its column dependencies), bound as the view binds it. */
export function queryColumnUses(query: ast.Query, env: StatementEnv, viewBaseTables: readonly ViewBaseTable[]): ColumnUses {
  return columnsUsed(query, { ...bindEnvironment(env), viewBaseTables });
}

/** Plan a query without running it: its output columns (CREATE VIEW) and plan (EXPLAIN). */
export function describeQuery(query: ast.Query, env: StatementEnv, options: { rowHandleTable?: number } = {}): PlannedQuery {
  return planQuery(query, bindEnvironment(env, options), planningInput(env.state));
}

/** No recursive CTE computed: one met while planning is not where Redshift allows it (a subquery, a view). */
const NO_RECURSIVE_CTES: RecursiveCtes = new Map();

/** The statement's environment with the rows of its recursive CTEs (WITH RECURSIVE, outermost). */
async function withRecursiveCtes(query: ast.Query, env: StatementEnv, execEnv: ExecutionEnv): Promise<StatementEnv> {
  const w = query.kind === 'values' ? undefined : query.with;
  if (!w?.recursive) return { ...env, recursiveCtes: NO_RECURSIVE_CTES };
  const stats = planningInput(env.state);
  const recursiveCtes = await computeRecursiveCtes(w, {
    plan: (index, previous, computed) => planRecursiveRound(w, index, { ...bindEnvironment(env), recursiveCtes: computed }, stats, previous),
    run: async (physical) => (await executePlan(physical, execEnv)).batch,
  });
  return { ...env, recursiveCtes };
}

export async function runQuery(query: ast.Query, env: StatementEnv, options: { rowHandleTable?: number } = {}): Promise<QueryOutput> {
  return logged(query, env, options, async (planned, execEnv) => {
    const result = await executePlan(planned.physical, execEnv);
    const out = { planned, batch: result.batch, names: planned.names, types: planned.physical.types, tasks: result.tasks };
    // UPDATE and DELETE read the rows they change (rowHandleTable): those go to no client.
    return { out, tasks: result.tasks, returnedRows: options.rowHandleTable === undefined ? result.batch.rowCount : 0 };
  });
}

/** A query's rows as column vectors of its output types, a group per batch (for bulk inserts: see exec/batch-vectors.ts). */
export interface QueryVectors {
  readonly planned: PlannedQuery;
  readonly groups: readonly (readonly ColumnVector[])[];
  readonly types: readonly SqlType[];
}

export async function runQueryVectors(query: ast.Query, env: StatementEnv): Promise<QueryVectors> {
  return logged(query, env, {}, async (planned, execEnv) => {
    const result = await executePlanColumnVectors(planned.physical, execEnv);
    return { out: { planned, groups: result.groups, types: planned.physical.types }, tasks: result.tasks };
  });
}

/** Plans the query, runs it with `run` and logs it (STL_QUERY), failed or not. */
async function logged<T>(
  query: ast.Query,
  env: StatementEnv,
  options: { rowHandleTable?: number },
  run: (planned: PlannedQuery, execEnv: ExecutionEnv) => Promise<{ out: T; tasks: readonly TaskInfo[]; returnedRows?: number }>,
): Promise<T> {
  const { state } = env;
  const execEnv: ExecutionEnv = {
    runner: env.runner,
    topology: env.topology,
    tableData: (id) => {
      const data = state.tables.get(id);
      if (!data) throw new SqlError(SqlState.undefinedTable, `table ${id} has no data`);
      return data;
    },
    cancel: env.cancel,
  };
  const planned = describeQuery(query, await withRecursiveCtes(query, env, execEnv), options);
  const entry = env.log.start(env.session, env.xid, env.text);
  if (env.cancel) env.cancel.queryId = entry.query;
  try {
    const { out, tasks, returnedRows } = await run(planned, execEnv);
    env.log.finish(entry, { tasks, returnedRows });
    return out;
  } catch (err) {
    env.log.finish(entry, { error: err });
    throw err;
  }
}

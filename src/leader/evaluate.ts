/**
 * Evaluating constant expressions on the leader, each coerced to a target type as an assignment
 * (INSERT ... VALUES rows, DEFAULT expressions): no table is read, so no task is dispatched.
 */
import { concatBatches, runOperator } from '../exec/index.js';
import type { PExpr } from '../exec/spec.js';
import { Scope, bindExpr, coerce } from '../plan/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import type { StatementEnv } from './query.js';
import { systemRows } from './system-rows.js';

/** Rows of expressions -> columns of values of `types` (one column per type). */
export function evaluateRows(rows: readonly (readonly ast.Expr[])[], types: readonly SqlType[], env: StatementEnv): unknown[][] {
  const bindEnv = {
    catalog: env.state.catalog,
    session: env.session,
    params: env.params,
    statementTime: env.statementTime,
    transactionTime: env.transactionTime,
    systemRows: (def: Parameters<typeof systemRows>[0]) => systemRows(def, env),
  };
  const bound: PExpr[][] = rows.map((row) =>
    row.map((e, i) => coerce(bindExpr(e, { env: bindEnv, scope: Scope.empty(), noAggregatesIn: 'VALUES' }), types[i]!, 'assignment', e.pos)),
  );
  const batches = runOperator({ kind: 'values', rows: bound, types }, {
    scan: () => {
      throw new SqlError(SqlState.internalError, 'no table scans in VALUES');
    },
    exchange: () => [],
  });
  return concatBatches(batches, types.length).columns;
}

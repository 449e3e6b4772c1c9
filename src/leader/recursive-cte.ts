/**
 * The rows of a statement's recursive CTEs (plan/bind-recursive.ts), computed before the statement is
 * planned: each CTE's seed runs, then its recursive member runs again and again over the rows the round
 * before added, until a round adds none. Every round is an ordinary distributed query; the CTE's rows
 * are all the rounds' rows, kept on the leader, and the statement then reads them like a system
 * table's. Redshift stops a recursion that grows too far ("Exceeded recursive CTE max rows limit").
 */
import type { Batch, PhysicalPlan } from '../exec/spec.js';
import { concatBatches } from '../exec/index.js';
import { isRecursiveCte, type RecursiveCteRows, type RecursiveCtes } from '../plan/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState } from '../types/errors.js';

/** The most rows a recursive CTE may have, all rounds together. */
export const MAX_RECURSIVE_CTE_ROWS = 1_000_000;
/**
 * The most rounds: a recursion without an end that adds a row a round would otherwise run a million
 * rounds (~0.1 ms each on the leader alone, ~1 ms with tasks on the nodes) before the rows stop it.
 */
export const MAX_RECURSIVE_CTE_ROUNDS = 20_000;


/** How a round is planned (with the CTEs computed so far) and run. */
export interface RoundRunner {
  plan(index: number, previous: RecursiveCteRows | null, computed: RecursiveCtes): { readonly physical: PhysicalPlan; readonly names: readonly string[] };
  run(physical: PhysicalPlan): Promise<Batch>;
}

/** The rows of every recursive CTE of the statement's WITH RECURSIVE clause `w`, in order. */
export async function computeRecursiveCtes(w: ast.WithClause, runner: RoundRunner): Promise<RecursiveCtes> {
  const computed = new Map<ast.CommonTableExpr, RecursiveCteRows>();
  for (const [index, cte] of w.ctes.entries()) {
    if (!isRecursiveCte(w, cte)) continue;
    const seed = runner.plan(index, null, computed);
    const types = seed.physical.types;
    let added: RecursiveCteRows = { batch: await runner.run(seed.physical), names: seed.names, types };
    const rounds = [added.batch];
    let rows = added.batch.rowCount;
    while (added.batch.rowCount > 0) {
      if (rounds.length > MAX_RECURSIVE_CTE_ROUNDS) throw tooFar(cte, `${MAX_RECURSIVE_CTE_ROUNDS} rounds`);
      const batch = await runner.run(runner.plan(index, added, computed).physical);
      rows += batch.rowCount;
      if (rows > MAX_RECURSIVE_CTE_ROWS) throw tooFar(cte, `${MAX_RECURSIVE_CTE_ROWS} rows`);
      rounds.push(batch);
      added = { ...added, batch };
    }
    computed.set(cte, { batch: concatBatches(rounds, types.length), names: seed.names, types });
  }
  return computed;
}

function tooFar(cte: ast.CommonTableExpr, limit: string): SqlError {
  return new SqlError(SqlState.programLimitExceeded, `Exceeded recursive CTE max rows limit (${limit}) in "${cte.name}"`, {
    hint: 'Limit the depth of the recursion with a WHERE condition in the recursive member.',
  });
}

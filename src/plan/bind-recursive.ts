/**
 * WITH RECURSIVE, as Redshift has it (dg:r_WITH_clause.md): a recursive CTE is `seed UNION ALL
 * member`, the seed not naming the CTE and the member naming it in its FROM clause, with a column
 * list and no ORDER BY or LIMIT; it may stand only in the statement's outermost WITH.
 *
 * The leader computes its rows before the statement is planned (leader/recursive-cte.ts: the seed,
 * then the member over the rows of the round before until a round adds none), and the statement
 * reads them like any rows of the leader's. Planned only to describe the statement (its columns for
 * a client's Describe, CREATE VIEW's check), the CTE has the seed's columns and no rows. Its types
 * are the seed's: each round's rows are cast to them, as PostgreSQL does.
 */
import type { Batch } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { relationRefs } from '../sql/index.js';
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import { notSupported } from './bind-expr.js';
import type { QueryBinder } from './bind-from.js';
import { coerce } from './coerce.js';
import type { BindEnvironment } from './context.js';
import type { BoundQuery } from './logical.js';

/** A recursive CTE's rows as the leader computed them, with the CTE's column names and types. */
export interface RecursiveCteRows {
  readonly batch: Batch;
  readonly names: readonly string[];
  readonly types: readonly SqlType[];
}

/** The rows of a statement's recursive CTEs, by the CTE. */
export type RecursiveCtes = ReadonlyMap<ast.CommonTableExpr, RecursiveCteRows>;

/** Whether `cte` of `w` is recursive: WITH RECURSIVE, and its query names it. */
export function isRecursiveCte(w: ast.WithClause, cte: ast.CommonTableExpr): boolean {
  return w.recursive && namesRelation(cte.query, cte.name);
}

function namesRelation(q: ast.Query, name: string): boolean {
  return referenceTo(q, name) !== undefined;
}

function referenceTo(q: ast.Query, name: string): ast.TableRef | undefined {
  return relationRefs(q).tables.find((t) => t.name.schema === undefined && t.name.name === name);
}

/** The seed and the recursive member of a recursive CTE, checked against Redshift's rules. */
export function recursiveMembers(cte: ast.CommonTableExpr): { readonly seed: ast.Query; readonly member: ast.Query } {
  const q = cte.query;
  if (q.kind !== 'setop' || q.op !== 'union') {
    throw new SqlError(SqlState.invalidRecursion, `recursive query "${cte.name}" does not have the form non-recursive-term UNION ALL recursive-term`, { position: q.pos });
  }
  if (!q.all) throw notSupported(`UNION without ALL in the recursive query "${cte.name}" (Redshift's recursive CTEs are UNION ALL)`, q.pos);
  if (cte.columns === undefined) {
    throw new SqlError(SqlState.syntaxError, `the recursive WITH query "${cte.name}" needs a column list: ${cte.name}(column, ...)`, { position: cte.pos });
  }
  const inSeed = referenceTo(q.left, cte.name);
  if (inSeed) throw new SqlError(SqlState.invalidRecursion, `recursive reference to query "${cte.name}" must not appear within its non-recursive term`, { position: inSeed.name.pos });
  for (const part of [q, q.right]) {
    if (part.kind === 'values') continue;
    if (part.orderBy.length > 0) throw new SqlError(SqlState.featureNotSupported, 'ORDER BY in a recursive query is not implemented', { position: part.orderBy[0]!.pos });
    const limit = part.limit ?? part.offset;
    if (limit) throw new SqlError(SqlState.featureNotSupported, 'LIMIT in a recursive query is not implemented', { position: limit.pos });
  }
  return { seed: q.left, member: q.right };
}

/**
 * The recursive CTE as the statement reads it: the rows the leader computed; or, when nobody computed
 * any (planning only to describe the statement), the seed's columns and no rows.
 */
export function bindRecursiveCte(w: ast.WithClause, cte: ast.CommonTableExpr, env: BindEnvironment, ctes: ReadonlyMap<string, BoundQuery>, bindQuery: QueryBinder): BoundQuery {
  const computed = env.recursiveCtes?.get(cte);
  if (computed) return rowsOf(cte.name, computed);
  // Computing them, the leader met this CTE nowhere it looked: in a subquery or a view.
  if (env.recursiveCtes !== undefined) throw notSupported('WITH RECURSIVE inside a subquery or a view', w.pos);
  const seed = bindQuery(recursiveMembers(cte).seed, env, ctes);
  return rowsOf(cte.name, { batch: { columns: seed.types.map(() => []), rowCount: 0 }, names: cteNames(cte, seed), types: seed.types });
}

/** The CTE's column names: its column list over the seed's names. */
export function cteNames(cte: ast.CommonTableExpr, seed: BoundQuery): string[] {
  if (cte.columns !== undefined && cte.columns.length > seed.names.length) {
    throw new SqlError(SqlState.syntaxError, `WITH query "${cte.name}" has ${seed.names.length} columns available but ${cte.columns.length} columns specified`, { position: cte.pos });
  }
  return seed.names.map((n, i) => cte.columns?.[i] ?? n);
}

function rowsOf(name: string, rows: RecursiveCteRows): BoundQuery {
  return { plan: { kind: 'rows', name, batch: rows.batch, types: rows.types }, names: rows.names, types: rows.types };
}

/** The bound member cast to the CTE's types (the seed's), as its rows join the CTE's. */
export function castToCte(cte: ast.CommonTableExpr, member: BoundQuery, types: readonly SqlType[], pos: number): BoundQuery {
  if (member.types.length !== types.length) {
    throw new SqlError(SqlState.syntaxError, `each UNION query must have the same number of columns (the recursive query "${cte.name}")`, { position: pos });
  }
  const exprs = member.types.map((t, i) => coerce({ kind: 'col', index: i, type: t }, types[i]!, 'implicit', pos));
  return { plan: { kind: 'project', input: member.plan, exprs, types }, names: member.names, types };
}

/**
 * MERGE (dg:r_MERGE.md): the source table's rows merged into the target — a target row that matches
 * a source row is updated or deleted, a source row that matches none is inserted — as one statement.
 * The rows to insert are found first, in the target as it was; then the matched rows are updated or
 * deleted; then the new rows are appended. A target row matching several source rows fails the
 * statement before anything changes, with the guide's error.
 */
import { runQuery, runQueryVectors } from '../leader/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState } from '../types/index.js';
import type { CommandContext, CommandResult } from './context.js';
import { insertVectors, targetQuery, updatedRowItems, updatedState } from './dml.js';
import { columnOrdinal, lookupTable } from './lookup.js';
import { deleteByHandles } from './write.js';

export async function merge(stmt: ast.Merge, ctx: CommandContext): Promise<CommandResult> {
  const target = lookupTable(ctx, stmt.target);
  // The guide: the source is a table (a view or a subquery is not), and not the target itself.
  const source = lookupTable(ctx, stmt.source);
  if (source.id === target.id) throw new SqlError(SqlState.featureNotSupported, 'MERGE cannot read its target table as its source', { position: stmt.source.pos });
  await ctx.txn.lockForWrite([target.id], false);
  const state = ctx.txn.view();
  const env = ctx.statementEnv(state);
  const pos = stmt.pos;
  const targetName = stmt.target.name;
  const sourceRef: ast.TableRef = { kind: 'table', name: stmt.source, alias: stmt.sourceAlias, pos: stmt.source.pos };
  const targetRef: ast.TableRef = { kind: 'table', name: stmt.target, alias: targetName, pos: stmt.target.pos };

  // The source rows no target row matches, as the INSERT's VALUES make them.
  const { columns, values } = stmt.notMatched;
  const targets = columns === undefined ? target.columns.map((_, i) => i) : columns.map((name) => columnOrdinal(target, name, stmt.notMatched.pos));
  if (values.some((v) => v.kind === 'default')) throw new SqlError(SqlState.featureNotSupported, 'DEFAULT in MERGE ... INSERT VALUES is not supported yet in Slicewise', { position: stmt.notMatched.pos });
  const matchesNothing: ast.Exists = { kind: 'exists', not: true, query: select([{ kind: 'literal', type: 'number', value: '1', pos }], [targetRef], stmt.on, pos), pos };
  const inserts = await runQueryVectors(select(values as ast.Expr[], [sourceRef], matchesNothing, pos), env);

  // The matched target rows: each must match one source row.
  const items = stmt.matched.kind === 'update' ? updatedRowItems(target, targetName, stmt.matched.set, pos) : [];
  const matched = await runQuery(targetQuery(target, targetName, [sourceRef], stmt.on, items, pos), env, { rowHandleTable: target.id });
  const handles = matched.batch.columns[0] as number[];
  if (new Set(handles).size !== handles.length) throw new SqlError(SqlState.cardinalityViolation, 'Found multiple matches to update the same tuple.', { position: pos });
  const changed = stmt.matched.kind === 'update' ? updatedState(state, target, matched, ctx).state : deleteByHandles(state, target, handles, ctx.topology);

  const inserted = await insertVectors(inserts, target, targets, changed, ctx, env, stmt.notMatched.pos);
  ctx.txn.apply(inserted.state, [target.id], false);
  return { command: 'MERGE', rowCount: handles.length + inserted.rowCount };
}

function select(exprs: readonly ast.Expr[], from: readonly ast.FromItem[], where: ast.Expr, pos: number): ast.Select {
  return { kind: 'select', distinct: false, items: exprs.map((expr) => ({ kind: 'selectItem', expr, pos: expr.pos })), from, where, orderBy: [], pos };
}

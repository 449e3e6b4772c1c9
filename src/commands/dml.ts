/**
 * INSERT, UPDATE and DELETE. Each statement computes its complete result first and installs it in
 * its transaction only on success, so a failing statement changes nothing. UPDATE is Redshift's
 * delete-and-append: the old rows are marked deleted and the new versions appended (unsorted).
 */
import type { TableMeta } from '../catalog/relation.js';
import { ROW_HANDLE_COLUMN, evaluateRows, runQuery, runQueryVectors, type DbState, type QueryOutput, type StatementEnv } from '../leader/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState } from '../types/index.js';
import { bulkInsert, type BulkRows, type ColumnFeed } from './bulk-insert.js';
import type { CommandContext, CommandResult } from './context.js';
import { columnOrdinal, lookupTable } from './lookup.js';
import { assignColumns, deleteByHandles, identityValues, insertRows } from './write.js';

const NULL_LITERAL = (pos: number): ast.Literal => ({ kind: 'literal', type: 'null', value: null, pos });

/** Target column ordinals of an INSERT's column list (all columns when absent, IDENTITY ones excluded as Redshift does). */
function targetColumns(table: TableMeta, names: readonly string[] | undefined, pos: number): number[] {
  if (!names) return table.columns.map((_, i) => i).filter((i) => !table.columns[i]!.identity || table.columns[i]!.identity!.generatedByDefault);
  return names.map((n) => columnOrdinal(table, n, pos));
}

function defaultFor(table: TableMeta, column: number, pos: number): ast.Expr {
  return (table.columns[column]!.defaultExpr as ast.Expr | null) ?? NULL_LITERAL(pos);
}

export async function insert(stmt: ast.Insert, ctx: CommandContext): Promise<CommandResult> {
  const table = lookupTable(ctx, stmt.table);
  await ctx.txn.lockForWrite([table.id], false);
  const state = ctx.txn.view();
  const env = ctx.statementEnv(state);
  const targets = targetColumns(table, stmt.columns, stmt.pos);
  if (stmt.source.kind === 'query') return insertQuery(stmt, stmt.source.query, table, targets, state, ctx, env);
  // The SELECT of INSERT ... SELECT logs itself (STL_QUERY); INSERT ... VALUES is logged here.
  const entry = env.log.start(env.session, env.xid, env.text);
  try {
    const rows: ast.Expr[][] =
      stmt.source.kind === 'defaultValues' ? [table.columns.map((_, i) => defaultFor(table, i, stmt.pos))] : stmt.source.rows.map((values) => rowExprs(table, targets, values, stmt.pos));
    const rowCount = rows.length;
    const types = table.columns.map((c) => c.type);
    const columns = evaluateRows(rows, types, env);
    table.columns.forEach((c, i) => {
      if (c.identity && !targets.includes(i)) columns[i] = identityValues(table, i, rowCount, ctx.counters);
    });
    const assigned = assignColumns(columns, types, table, rowCount);
    const next = insertRows(state, table, assigned, rowCount, ctx.topology, ctx.counters);
    ctx.txn.apply(next, [table.id], false);
    env.log.finish(entry);
    return { command: 'INSERT', rowCount };
  } catch (err) {
    env.log.finish(entry, { error: err });
    throw err;
  }
}

/** INSERT ... SELECT: a bulk insert (bulk-insert.ts); omitted columns get their DEFAULT or IDENTITY values. */
async function insertQuery(stmt: ast.Insert, query: ast.Query, table: TableMeta, targets: readonly number[], state: DbState, ctx: CommandContext, env: StatementEnv): Promise<CommandResult> {
  const out = await runQueryVectors(query, env);
  const written = await insertVectors(out, table, targets, state, ctx, env, stmt.pos);
  ctx.txn.apply(written.state, [table.id], false);
  return { command: 'INSERT', rowCount: written.rowCount };
}

/** The state with a query's rows (already computed) appended to `targets` of the table, the other columns given their DEFAULT or IDENTITY. */
export async function insertVectors(
  out: BulkRows,
  table: TableMeta,
  targets: readonly number[],
  state: DbState,
  ctx: CommandContext,
  env: StatementEnv,
  pos: number,
): Promise<{ state: DbState; rowCount: number }> {
  if (out.types.length !== targets.length) {
    throw new SqlError(SqlState.syntaxError, `INSERT has more ${out.types.length > targets.length ? 'expressions' : 'target columns'} than ${out.types.length > targets.length ? 'target columns' : 'expressions'}`, {
      position: pos,
    });
  }
  const defaults = omittedDefaults(table, targets, pos);
  // One value per omitted column (evaluateRows returns columns of values).
  const defaultValues = evaluateRows([defaults.map((d) => d.expr)], defaults.map((d) => table.columns[d.column]!.type), env);
  const feeds = table.columns.map((c, i): ColumnFeed => {
    const k = targets.indexOf(i);
    if (k >= 0) return { kind: 'query', column: k };
    if (c.identity) return { kind: 'identity' };
    return { kind: 'constant', value: defaultValues[defaults.findIndex((d) => d.column === i)]![0] ?? null };
  });
  return bulkInsert(state, table, out, feeds, ctx, env);
}

/** One VALUES row as an expression per table column: given values, DEFAULTs, or defaults of omitted columns. */
function rowExprs(table: TableMeta, targets: readonly number[], values: readonly (ast.Expr | ast.DefaultMarker)[], pos: number): ast.Expr[] {
  if (values.length !== targets.length) {
    throw new SqlError(SqlState.syntaxError, `INSERT has more ${values.length > targets.length ? 'expressions than target columns' : 'target columns than expressions'}`, {
      position: values[Math.min(values.length, targets.length)]?.pos ?? pos,
    });
  }
  return table.columns.map((_, col) => {
    const i = targets.indexOf(col);
    if (i < 0) return defaultFor(table, col, pos);
    const v = values[i]!;
    return v.kind === 'default' ? defaultFor(table, col, v.pos) : v;
  });
}

function omittedDefaults(table: TableMeta, targets: readonly number[], pos: number): { column: number; expr: ast.Expr }[] {
  return table.columns.flatMap((c, i) => (targets.includes(i) || c.identity ? [] : [{ column: i, expr: defaultFor(table, i, pos) }]));
}

/** The query UPDATE and DELETE run: the target's row handles (and new values) for every qualifying row. */
export function targetQuery(table: TableMeta, alias: string | undefined, from: readonly ast.FromItem[], where: ast.Expr | undefined, items: ast.Expr[], pos: number): ast.Select {
  const name = alias ?? table.name;
  const handle: ast.ColumnRef = { kind: 'column', qualifier: [name], name: ROW_HANDLE_COLUMN, pos };
  const target: ast.TableRef = { kind: 'table', name: { kind: 'qname', schema: table.schema, name: table.name, pos }, alias: name, pos };
  return {
    kind: 'select',
    distinct: false,
    items: [handle, ...items].map((expr) => ({ kind: 'selectItem', expr, pos })),
    from: [target, ...from],
    where,
    orderBy: [],
    pos,
  };
}

export async function update(stmt: ast.Update, ctx: CommandContext): Promise<CommandResult> {
  const table = lookupTable(ctx, stmt.table);
  await ctx.txn.lockForWrite([table.id], false);
  const state = ctx.txn.view();
  const name = stmt.alias ?? table.name;
  const query = targetQuery(table, stmt.alias, stmt.from, stmt.where, updatedRowItems(table, name, stmt.set, stmt.pos), stmt.pos);
  const out = await runQuery(query, ctx.statementEnv(state), { rowHandleTable: table.id });
  const updated = updatedState(state, table, out, ctx);
  ctx.txn.apply(updated.state, [table.id], false);
  return { command: 'UPDATE', rowCount: updated.rowCount };
}

/** Every column of the updated row: its SET value, or the row's own value under `name`. */
export function updatedRowItems(table: TableMeta, name: string, set: ast.Update['set'], pos: number): ast.Expr[] {
  const assignments = new Map<number, ast.Expr | ast.DefaultMarker>();
  for (const s of set) assignments.set(columnOrdinal(table, s.column, s.pos), s.value);
  return table.columns.map((c, i) => {
    const v = assignments.get(i);
    if (v === undefined) return { kind: 'column', qualifier: [name], name: c.name, pos };
    return v.kind === 'default' ? defaultFor(table, i, v.pos) : v;
  });
}

/** The state with the rows of a target query (row handles, then every column's new value) replacing theirs. */
export function updatedState(state: DbState, table: TableMeta, out: QueryOutput, ctx: CommandContext): { state: DbState; rowCount: number } {
  // A row matched by several FROM rows is updated once (the first match), as PostgreSQL does.
  const handles = out.batch.columns[0] as number[];
  const seen = new Set<number>();
  const keep: number[] = [];
  handles.forEach((h, r) => {
    if (!seen.has(h)) {
      seen.add(h);
      keep.push(r);
    }
  });
  const newColumns = out.batch.columns.slice(1).map((col) => keep.map((r) => col[r]));
  const assigned = assignColumns(newColumns, out.types.slice(1), table, keep.length);
  const deleted = deleteByHandles(state, table, [...seen], ctx.topology);
  return { state: insertRows(deleted, table, assigned, keep.length, ctx.topology, ctx.counters), rowCount: keep.length };
}

export async function deleteFrom(stmt: ast.Delete, ctx: CommandContext): Promise<CommandResult> {
  const table = lookupTable(ctx, stmt.table);
  await ctx.txn.lockForWrite([table.id], false);
  const state = ctx.txn.view();
  const query = targetQuery(table, stmt.alias, stmt.using, stmt.where, [], stmt.pos);
  const out = await runQuery(query, ctx.statementEnv(state), { rowHandleTable: table.id });
  const handles = [...new Set(out.batch.columns[0] as number[])];
  ctx.txn.apply(deleteByHandles(state, table, handles, ctx.topology), [table.id], false);
  return { command: 'DELETE', rowCount: handles.length };
}

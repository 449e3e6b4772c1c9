/**
 * Binding FROM: tables, views, system tables, CTEs, derived tables and joins, each producing a
 * logical plan and the scope of columns it exposes.
 */
import type { TableMeta } from '../catalog/relation.js';
import type { PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BOOLEAN, DOUBLE, SqlError, SqlState, assertNever, type SqlType } from '../types/index.js';
import type { BoundQuery, LPlan, LogicalJoinType } from './logical.js';
import { ROW_HANDLE_COLUMN, resolveRelation, type BindEnvironment } from './context.js';
import { bindExpr } from './bind-expr.js';
import { coerce, unifyForComparison } from './coerce.js';
import { Scope, type ScopeColumn } from './scope.js';
import { bindUnnest } from './bind-array.js';
import { bindLateBindingViewCols, isLateBindingViewCols, viewQuery } from './bind-late-binding.js';
import { OUTER_BASE, type OuterScope } from './bind-subquery.js';
import { mapColumns } from './expr-utils.js';

export interface FromResult {
  readonly plan: LPlan;
  readonly scope: Scope;
  /**
   * Conditions tying the FROM items to the enclosing query's row (OUTER_BASE columns), from
   * functions in FROM over its columns (`unnest(outer.array)`); the query treats them as correlated WHERE conditions.
   */
  readonly correlated?: readonly PExpr[];
}

/** CTEs visible to a query, by name. */
export type CteMap = ReadonlyMap<string, BoundQuery>;

export interface QueryBinder {
  (q: ast.Query, env: BindEnvironment, ctes: CteMap): BoundQuery;
}

/** `outer`: the enclosing query's columns, when the FROM list belongs to a subquery. */
export function bindFromList(items: readonly ast.FromItem[], env: BindEnvironment, ctes: CteMap, bindQuery: QueryBinder, outer?: OuterScope): FromResult | null {
  let acc: FromResult | null = null;
  for (const item of items) {
    const next = bindFromItem(item, env, ctes, bindQuery, outer);
    acc = acc ? joinResults(acc, next, 'inner', null) : next;
  }
  return acc;
}

function bindFromItem(item: ast.FromItem, env: BindEnvironment, ctes: CteMap, bindQuery: QueryBinder, outer: OuterScope | undefined): FromResult {
  switch (item.kind) {
    case 'table':
      return bindTableRef(item, env, ctes, bindQuery);
    case 'subqueryRef': {
      const bound = bindQuery(item.query, env, ctes);
      return derived(bound, item.alias ?? null, item.columnAliases, item.pos);
    }
    case 'join':
      return bindJoin(item, env, ctes, bindQuery, outer);
    case 'functionRef':
      if (item.func.name === 'unnest' && (item.func.schema === undefined || item.func.schema === 'pg_catalog')) return bindUnnest(item, env, outer);
      if (isLateBindingViewCols(item.func)) return bindLateBindingViewCols(item, env, (view) => bindQuery(viewQuery(view), env, new Map()));
      throw new SqlError(SqlState.featureNotSupported, `table function ${item.func.name} in FROM is not supported yet in Slicewise`, {
        position: item.pos,
      });
    default:
      return assertNever(item);
  }
}

function bindTableRef(item: ast.TableRef, env: BindEnvironment, ctes: CteMap, bindQuery: QueryBinder): FromResult {
  const { schema, name, pos } = item.name;
  const cte = schema === undefined ? ctes.get(name) : undefined;
  if (cte) return derived(cte, item.alias ?? name, item.columnAliases, pos);
  const resolved = resolveRelation(env, schema, name, pos);
  const alias = item.alias ?? name;
  if (resolved.kind === 'system') {
    const def = resolved.def;
    const types = def.columns.map((c) => c.type);
    const batch = env.systemRows(def);
    const plan: LPlan = { kind: 'rows', name: def.name, batch, types };
    const scope = namedScope(alias, def.schema, def.columns, item.columnAliases);
    return { plan, scope: new Scope(scope.columns.map((c, i) => ({ ...c, catalogValues: batch.columns[i] }))) };
  }
  const meta = resolved.meta;
  if (meta.kind === 'view') {
    // A view's own reads are its dependencies, not the query's (which depends on the view); it reads
    // its tables' columns as they were when it was created.
    const viewEnv: BindEnvironment = { ...env, columnUses: undefined, viewBaseTables: meta.noSchemaBinding ? undefined : meta.baseTables };
    const bound = bindQuery(viewQuery(meta), viewEnv, new Map());
    const renamed = meta.columnNames ? { ...bound, names: meta.columnNames } : bound;
    return derived(renamed, alias, item.columnAliases, pos);
  }
  const { columns, named } = visibleColumns(meta, env);
  const types = columns.map((i) => meta.columns[i]!.type);
  const scope = namedScope(alias, meta.schema, named, item.columnAliases, meta.id, columns);
  if (env.rowHandleTable === meta.id) {
    const plan: LPlan = { kind: 'scan', table: meta, columns, types: [...types, DOUBLE], withRowHandles: true };
    const handle: ScopeColumn = { table: alias, schema: meta.schema, name: ROW_HANDLE_COLUMN, type: DOUBLE, hidden: true };
    return { plan, scope: new Scope([...scope.columns, handle]) };
  }
  return { plan: { kind: 'scan', table: meta, columns, types, withRowHandles: false }, scope };
}

/**
 * The table columns a scan reads and the names they go by: all of them under their names — or, in a
 * view's query, those the view saw when it was created, under the names its text uses.
 */
function visibleColumns(meta: TableMeta, env: BindEnvironment): { columns: number[]; named: { name: string; type: SqlType }[] } {
  const base = env.viewBaseTables?.find((b) => b.table === meta.id);
  const seen = base ? base.columns.map((c) => ({ index: meta.columns.findIndex((m) => m.name === c.name), name: c.asWritten })).filter((c) => c.index >= 0) : meta.columns.map((c, index) => ({ index, name: c.name }));
  return { columns: seen.map((c) => c.index), named: seen.map((c) => ({ name: c.name, type: meta.columns[c.index]!.type })) };
}

/** A FROM item's columns; a user table's (`tableId`, with the table column each one is) know their origin. */
function namedScope(
  table: string,
  schema: string | null,
  columns: readonly { readonly name: string; readonly type: SqlType }[],
  aliases: readonly string[] | undefined,
  tableId?: number,
  tableColumns?: readonly number[],
): Scope {
  return new Scope(
    columns.map((c, i) => ({
      table,
      schema,
      name: aliases?.[i] ?? c.name,
      type: c.type,
      ...(tableId === undefined ? {} : { origin: { table: tableId, column: tableColumns?.[i] ?? i } }),
    })),
  );
}

function derived(bound: BoundQuery, alias: string | null, aliases: readonly string[] | undefined, pos: number): FromResult {
  if (aliases && aliases.length > bound.names.length) {
    throw new SqlError(SqlState.invalidParameterValue, `table "${alias}" has ${bound.names.length} columns available but ${aliases.length} columns specified`, {
      position: pos,
    });
  }
  const cols: ScopeColumn[] = bound.names.map((n, i) => ({ table: alias, schema: null, name: aliases?.[i] ?? n, type: bound.types[i]! }));
  return { plan: bound.plan, scope: new Scope(cols) };
}

function bindJoin(item: ast.JoinRef, env: BindEnvironment, ctes: CteMap, bindQuery: QueryBinder, outer: OuterScope | undefined): FromResult {
  const left = bindFromItem(item.left, env, ctes, bindQuery, outer);
  const right = bindFromItem(item.right, env, ctes, bindQuery, outer);
  if ((left.correlated?.length || right.correlated?.length) && item.type !== 'inner' && item.type !== 'cross') {
    throw new SqlError(SqlState.featureNotSupported, 'an outer join with a correlated function in FROM is not supported yet in Slicewise', { position: item.pos });
  }
  const correlated = combinedCorrelation(left, right);
  const joinType: LogicalJoinType = item.type === 'cross' ? 'inner' : item.type;
  const combined = left.scope.concat(right.scope);
  let usingColumns = item.using;
  if (item.natural) {
    const rightNames = new Set(right.scope.columns.filter((c) => !c.hidden).map((c) => c.name));
    usingColumns = left.scope.columns.filter((c) => !c.hidden && rightNames.has(c.name)).map((c) => c.name);
  }
  if (usingColumns) {
    const conds: PExpr[] = [];
    const hide = new Set<number>();
    for (const name of usingColumns) {
      const li = left.scope.resolve([], name, item.pos);
      const ri = right.scope.resolve([], name, item.pos);
      env.columnUses?.record(left.scope.columns[li]!.origin);
      env.columnUses?.record(right.scope.columns[ri]!.origin);
      const l: PExpr = { kind: 'col', index: li, type: left.scope.columns[li]!.type };
      const r: PExpr = { kind: 'col', index: left.scope.columns.length + ri, type: right.scope.columns[ri]!.type };
      const [a, b] = unifyForComparison(l, r, '=', item.pos);
      conds.push({ kind: 'compare', op: '=', left: a, right: b, type: BOOLEAN });
      hide.add(left.scope.columns.length + ri);
    }
    const condition: PExpr | null = conds.length === 0 ? null : conds.length === 1 ? conds[0]! : { kind: 'and', args: conds, type: BOOLEAN };
    const scope = new Scope(combined.columns.map((c, i) => (hide.has(i) ? { ...c, hidden: true } : c)));
    return { plan: joinPlan(left.plan, right.plan, joinType, condition), scope, correlated };
  }
  let condition: PExpr | null = null;
  if (item.on) {
    condition = coerce(bindExpr(item.on, { env, scope: combined, noAggregatesIn: 'JOIN conditions' }), BOOLEAN, 'implicit', item.on.pos);
  } else if (item.type !== 'cross') {
    throw new SqlError(SqlState.syntaxError, 'syntax error: JOIN requires ON or USING', { position: item.pos });
  }
  return { plan: joinPlan(left.plan, right.plan, joinType, condition), scope: combined, correlated };
}

function joinResults(left: FromResult, right: FromResult, type: LogicalJoinType, condition: PExpr | null): FromResult {
  return { plan: joinPlan(left.plan, right.plan, type, condition), scope: left.scope.concat(right.scope), correlated: combinedCorrelation(left, right) };
}

/** Both sides' correlated conditions over the joined row (the right side's inner columns shift past the left's). */
function combinedCorrelation(left: FromResult, right: FromResult): PExpr[] {
  const width = left.scope.columns.length;
  return [...(left.correlated ?? []), ...(right.correlated ?? []).map((p) => mapColumns(p, (i) => (i >= OUTER_BASE ? i : i + width)))];
}

export function joinPlan(left: LPlan, right: LPlan, joinType: LogicalJoinType, condition: PExpr | null): LPlan {
  const types = joinType === 'semi' || joinType === 'anti' ? left.types : [...left.types, ...right.types];
  return { kind: 'join', joinType, left, right, condition, types };
}

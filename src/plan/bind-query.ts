/**
 * Binding queries: SELECT (select list, WHERE, GROUP BY, HAVING, DISTINCT, ORDER BY, LIMIT/OFFSET/TOP),
 * set operations and VALUES, into a logical plan with output names and types.
 */
import type { PExpr, SortKey } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, BOOLEAN, SqlError, SqlState, assertNever, type SqlType } from '../types/index.js';
import {
  AggregateCollector,
  bindExpr,
  containsAggregate,
  exprKey,
  notSupported,
  type ExprContext,
} from './bind-expr.js';
import { bindFromList, type CteMap } from './bind-from.js';
import { coerce, unifyAll } from './coerce.js';
import type { BindEnvironment } from './context.js';
import type { BoundQuery, LPlan } from './logical.js';
import { Scope } from './scope.js';

export function bindQuery(q: ast.Query, env: BindEnvironment, ctes: CteMap = new Map()): BoundQuery {
  switch (q.kind) {
    case 'select':
      return bindSelect(q, env, withCtes(q.with, env, ctes));
    case 'setop':
      return bindSetOperation(q, env, withCtes(q.with, env, ctes));
    case 'values':
      return bindValues(q, env, ctes);
    default:
      return assertNever(q);
  }
}

function withCtes(w: ast.WithClause | undefined, env: BindEnvironment, outer: CteMap): CteMap {
  if (!w) return outer;
  if (w.recursive) throw notSupported('WITH RECURSIVE', w.pos);
  const map = new Map(outer);
  for (const cte of w.ctes) {
    const bound = bindQuery(cte.query, env, map);
    map.set(cte.name, cte.columns ? { ...bound, names: cte.columns.map((c, i) => c ?? bound.names[i]) } : bound);
  }
  return map;
}

/** Default output column names, as Redshift names them. */
export function outputName(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'cast':
      return outputName(e.expr) === '?column?' ? e.type.name.split(' ')[0]! : outputName(e.expr);
    case 'func':
      if (e.name === 'nvl') return 'coalesce';
      return e.name;
    case 'case':
      return 'case';
    default:
      return '?column?';
  }
}

interface SelectItemBound {
  readonly expr: PExpr;
  readonly name: string;
  readonly ast: ast.Expr;
  readonly alias?: string;
}

function bindSelect(s: ast.Select, env: BindEnvironment, ctes: CteMap): BoundQuery {
  if (s.qualify) throw notSupported('QUALIFY', s.qualify.pos);
  if (s.into) throw new SqlError(SqlState.internalError, 'SELECT INTO is routed as a command');
  const from = bindFromList(s.from, env, ctes, bindQuery);
  let plan: LPlan = from?.plan ?? { kind: 'values', rows: [[]], types: [] };
  const scope = from?.scope ?? Scope.empty();
  const inputCtx: ExprContext = { env, scope, noAggregatesIn: 'WHERE' };
  if (s.where) {
    const predicate = coerce(bindExpr(s.where, inputCtx), BOOLEAN, 'implicit', s.where.pos);
    plan = { kind: 'filter', input: plan, predicate, types: plan.types };
  }

  // Expand stars into explicit column references.
  const items: { ast: ast.Expr; alias?: string; starIndex?: number }[] = [];
  for (const item of s.items) {
    if (item.expr.kind === 'star') {
      for (const i of scope.expandStar(item.expr.qualifier, item.expr.pos)) items.push({ ast: item.expr, starIndex: i });
    } else items.push({ ast: item.expr, alias: item.alias });
  }
  if (items.length === 0) throw new SqlError(SqlState.syntaxError, 'SELECT list is empty', { position: s.pos });

  const aggregating =
    s.groupBy !== undefined || items.some((i) => containsAggregate(i.ast)) || containsAggregate(s.having) || s.orderBy.some((o) => containsAggregate(o.expr));

  let ctx: ExprContext = { env, scope };
  if (aggregating) {
    const groupAsts = groupExpressions(s, items);
    const groups = groupAsts.map((g) => ({ key: exprKey(g), bound: bindExpr(g, { ...inputCtx, noAggregatesIn: 'GROUP BY' }) }));
    const collector = new AggregateCollector(groups, { env, scope, noAggregatesIn: 'aggregate arguments' });
    ctx = { env, scope, aggregates: collector };
    // Bind everything above the aggregation first so all aggregates are registered.
    const selectBound = bindItems(items, ctx, scope);
    const having = s.having ? coerce(bindExpr(s.having, ctx), BOOLEAN, 'implicit', s.having.pos) : null;
    const orderPlan = planOrderBy(s.orderBy, selectBound, ctx, s.distinct);
    const aggTypes = [...groups.map((g) => g.bound.type), ...collector.aggregates.map((a) => a.type)];
    plan = { kind: 'aggregate', input: plan, groupKeys: groups.map((g) => g.bound), aggregates: collector.aggregates, types: aggTypes };
    if (having) plan = { kind: 'filter', input: plan, predicate: having, types: plan.types };
    return finishSelect(s, plan, selectBound, orderPlan, env);
  }
  if (s.having) throw new SqlError(SqlState.groupingError, 'HAVING requires GROUP BY or an aggregate', { position: s.having.pos });
  const selectBound = bindItems(items, ctx, scope);
  const orderPlan = planOrderBy(s.orderBy, selectBound, ctx, s.distinct);
  return finishSelect(s, plan, selectBound, orderPlan, env);
}

function bindItems(items: readonly { ast: ast.Expr; alias?: string; starIndex?: number }[], ctx: ExprContext, scope: Scope): SelectItemBound[] {
  return items.map((item) => {
    if (item.starIndex !== undefined) {
      const col = scope.columns[item.starIndex]!;
      const colAst: ast.ColumnRef = { kind: 'column', qualifier: col.table ? [col.table] : [], name: col.name, pos: item.ast.pos };
      return { expr: bindExpr(colAst, ctx), name: col.name, ast: colAst };
    }
    const expr = bindExpr(item.ast, ctx);
    return { expr, name: item.alias ?? outputName(item.ast), ast: item.ast, alias: item.alias };
  });
}

/** GROUP BY items as expressions: ordinals and select-list aliases refer to select items. */
function groupExpressions(s: ast.Select, items: readonly { ast: ast.Expr; alias?: string }[]): ast.Expr[] {
  if (!s.groupBy) return [];
  const out: ast.Expr[] = [];
  for (const g of s.groupBy.items) {
    if (g.kind !== 'expr') throw notSupported(g.kind === 'groupingSets' ? 'GROUPING SETS' : g.kind.toUpperCase(), g.pos);
    const e = g.expr;
    if (e.kind === 'literal' && e.type === 'number') {
      const n = Number(e.value);
      if (!Number.isInteger(n) || n < 1 || n > items.length) {
        throw new SqlError(SqlState.invalidParameterValue, `GROUP BY position ${String(e.value)} is not in select list`, { position: e.pos });
      }
      out.push(items[n - 1]!.ast);
      continue;
    }
    if (e.kind === 'column' && e.qualifier.length === 0) {
      const aliased = items.find((i) => i.alias === e.name);
      if (aliased) {
        out.push(aliased.ast);
        continue;
      }
    }
    out.push(e);
  }
  return out;
}

interface OrderPlan {
  /** Extra expressions to compute beside the select list (ORDER BY on unselected expressions). */
  readonly extras: PExpr[];
  /** Sort keys over [select items..., extras...]. */
  readonly keys: SortKey[];
}

function planOrderBy(order: readonly ast.OrderItem[], items: readonly SelectItemBound[], ctx: ExprContext, distinct: boolean): OrderPlan {
  const extras: PExpr[] = [];
  const keys: SortKey[] = [];
  for (const o of order) {
    const descending = o.direction === 'desc';
    const nullsFirst = o.nulls ? o.nulls === 'first' : descending;
    let index = -1;
    const e = o.expr;
    if (e.kind === 'literal' && e.type === 'number') {
      const n = Number(e.value);
      if (!Number.isInteger(n) || n < 1 || n > items.length) {
        throw new SqlError(SqlState.invalidParameterValue, `ORDER BY position ${String(e.value)} is not in select list`, { position: e.pos });
      }
      index = n - 1;
    } else if (e.kind === 'literal' && e.type === 'string') {
      throw new SqlError(SqlState.featureNotSupported, 'ORDER BY on a constant string is not supported', { position: e.pos });
    } else if (e.kind === 'column' && e.qualifier.length === 0 && items.some((i) => i.alias === e.name || (!i.alias && i.name === e.name))) {
      index = items.findIndex((i) => i.alias === e.name || (!i.alias && i.name === e.name));
    } else {
      const key = exprKey(e);
      index = items.findIndex((i) => exprKey(i.ast) === key);
      if (index < 0) {
        if (distinct) {
          throw new SqlError(SqlState.invalidParameterValue, 'for SELECT DISTINCT, ORDER BY expressions must appear in select list', { position: e.pos });
        }
        extras.push(bindExpr(e, ctx));
        index = items.length + extras.length - 1;
      }
    }
    const type = index < items.length ? items[index]!.expr.type : extras[index - items.length]!.type;
    keys.push({ expr: { kind: 'col', index, type }, descending, nullsFirst });
  }
  return { extras, keys };
}

function finishSelect(s: ast.Select, input: LPlan, items: readonly SelectItemBound[], order: OrderPlan, env: BindEnvironment): BoundQuery {
  const exprs = [...items.map((i) => i.expr), ...order.extras];
  const types = exprs.map((e) => e.type);
  let plan: LPlan = { kind: 'project', input, exprs, types };
  if (s.distinct) plan = { kind: 'distinct', input: plan, types };
  if (order.keys.length > 0) plan = { kind: 'sort', input: plan, keys: order.keys, types };
  const limit = s.top ?? s.limit;
  plan = applyLimit(plan, limit, s.offset, env);
  if (order.extras.length > 0) {
    const visible = items.map((i, idx): PExpr => ({ kind: 'col', index: idx, type: i.expr.type }));
    plan = { kind: 'project', input: plan, exprs: visible, types: visible.map((v) => v.type) };
  }
  return { plan, names: items.map((i) => i.name), types: items.map((i) => i.expr.type) };
}

function applyLimit(plan: LPlan, limit: ast.Expr | undefined, offset: ast.Expr | undefined, env: BindEnvironment): LPlan {
  if (!limit && !offset) return plan;
  const l = limit ? constantCount(limit, 'LIMIT', env) : null;
  const o = offset ? (constantCount(offset, 'OFFSET', env) ?? 0) : 0;
  return { kind: 'limit', input: plan, limit: l, offset: o, types: plan.types };
}

/** LIMIT/OFFSET/TOP arguments: non-negative integer constants (LIMIT ALL = no limit). */
function constantCount(e: ast.Expr, clause: string, env: BindEnvironment): number | null {
  if (e.kind === 'literal' && e.type === 'null') return null;
  const bound = coerce(bindExpr(e, { env, scope: Scope.empty(), noAggregatesIn: clause }), BIGINT, 'implicit', e.pos);
  if (bound.kind !== 'const') throw new SqlError(SqlState.syntaxError, `argument of ${clause} must not contain variables`, { position: e.pos });
  if (bound.value === null) return null;
  const n = Number(bound.value);
  if (n < 0) throw new SqlError(SqlState.invalidParameterValue, `${clause} must not be negative`, { position: e.pos });
  return n;
}

function bindSetOperation(q: ast.SetOperation, env: BindEnvironment, ctes: CteMap): BoundQuery {
  if (q.op !== 'union') throw notSupported(q.op.toUpperCase(), q.pos);
  const left = bindQuery(q.left, env, ctes);
  const right = bindQuery(q.right, env, ctes);
  if (left.types.length !== right.types.length) {
    throw new SqlError(SqlState.syntaxError, 'each UNION query must have the same number of columns', { position: q.pos });
  }
  const types: SqlType[] = left.types.map((_, i) => {
    const lcol: PExpr = { kind: 'col', index: i, type: left.types[i]! };
    const rcol: PExpr = { kind: 'col', index: i, type: right.types[i]! };
    return unifyAll([lcol, rcol], 'UNION', q.pos).type;
  });
  const conform = (b: BoundQuery): LPlan => {
    const exprs = b.types.map((t, i) => coerce({ kind: 'col', index: i, type: t }, types[i]!, 'implicit', q.pos));
    return { kind: 'project', input: b.plan, exprs, types };
  };
  let plan: LPlan = { kind: 'unionAll', inputs: [conform(left), conform(right)], types };
  if (!q.all) plan = { kind: 'distinct', input: plan, types };
  const items: SelectItemBound[] = left.names.map((name, i) => ({
    expr: { kind: 'col', index: i, type: types[i]! },
    name,
    ast: { kind: 'column', qualifier: [], name, pos: q.pos },
  }));
  const order = planOrderBy(q.orderBy, items, { env, scope: new Scope(left.names.map((n, i) => ({ table: null, schema: null, name: n, type: types[i]! }))) }, true);
  if (order.keys.length > 0) plan = { kind: 'sort', input: plan, keys: order.keys, types };
  plan = applyLimit(plan, q.limit, q.offset, env);
  return { plan, names: left.names, types };
}

function bindValues(q: ast.ValuesQuery, env: BindEnvironment, _ctes: CteMap): BoundQuery {
  const ctx: ExprContext = { env, scope: Scope.empty(), noAggregatesIn: 'VALUES' };
  const rows = q.rows.map((r) => r.map((e) => bindExpr(e, ctx)));
  const width = rows[0]?.length ?? 0;
  if (rows.some((r) => r.length !== width)) throw new SqlError(SqlState.syntaxError, 'VALUES lists must all be the same length', { position: q.pos });
  const types: SqlType[] = [];
  for (let c = 0; c < width; c++) {
    const unified = unifyAll(
      rows.map((r) => r[c]!),
      'VALUES',
      q.pos,
    );
    types.push(unified.type);
    rows.forEach((r, i) => (r[c] = unified.exprs[i]!));
  }
  let plan: LPlan = { kind: 'values', rows, types };
  const names = types.map((_, i) => `column${i + 1}`);
  const items: SelectItemBound[] = names.map((name, i) => ({ expr: { kind: 'col', index: i, type: types[i]! }, name, ast: { kind: 'column', qualifier: [], name, pos: q.pos } }));
  const order = planOrderBy(q.orderBy, items, ctx, true);
  if (order.keys.length > 0) plan = { kind: 'sort', input: plan, keys: order.keys, types };
  plan = applyLimit(plan, q.limit, q.offset, env);
  return { plan, names, types };
}

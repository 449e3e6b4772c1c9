/**
 * Binding queries: SELECT (select list, WHERE, GROUP BY, HAVING, DISTINCT, ORDER BY, LIMIT/OFFSET/TOP),
 * set operations and VALUES, into a logical plan with output names and types.
 */
import type { AggregateSpec, PExpr, SortKey } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, BOOLEAN, INTEGER, SqlError, SqlState, assertNever, type SqlType } from '../types/index.js';
import {
  AggregateCollector,
  bindExpr,
  containsAggregate,
  exprKey,
  notSupported,
  type ExprContext,
} from './bind-expr.js';
import { applyWindows, bindQualify, WindowCollector } from './bind-window.js';
import { bindFromList, type CteMap } from './bind-from.js';
import { bindRecursiveCte, castToCte, cteNames, isRecursiveCte, recursiveMembers, type RecursiveCteRows } from './bind-recursive.js';
import { groupingPlan, groupingSetsPlan } from './bind-grouping.js';
import {
  OUTER_BASE,
  SubqueryHost,
  correlationSide,
  splitCorrelatedEquality,
  type CorrelationSink,
  type OuterScope,
} from './bind-subquery.js';
import { coerce, unifyAll } from './coerce.js';
import type { BindEnvironment } from './context.js';
import { mapColumns, referencedColumns, replaceColumns } from './expr-utils.js';
import type { BoundQuery, LPlan } from './logical.js';
import { andAll } from './optimize.js';
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
  return w ? ctesUpTo(w, w.ctes.length, env, outer) : outer;
}

/** The CTEs of `w` before the one at `end`, each seeing those before it. */
function ctesUpTo(w: ast.WithClause, end: number, env: BindEnvironment, outer: CteMap): Map<string, BoundQuery> {
  const map = new Map(outer);
  for (const cte of w.ctes.slice(0, end)) {
    if (isRecursiveCte(w, cte)) {
      map.set(cte.name, bindRecursiveCte(w, cte, env, map, bindQuery));
      continue;
    }
    const bound = bindQuery(cte.query, env, map);
    map.set(cte.name, cte.columns ? { ...bound, names: cteNames(cte, bound) } : bound);
  }
  return map;
}

/**
 * One round of the recursive CTE at `index` of the statement's WITH (leader/recursive-cte.ts): its
 * seed when `previous` is null, else its recursive member reading `previous` (the rows the round
 * before added) under the CTE's name, cast to the CTE's types.
 */
export function bindRecursiveRound(w: ast.WithClause, index: number, env: BindEnvironment, previous: RecursiveCteRows | null): BoundQuery {
  const cte = w.ctes[index]!;
  const { seed, member } = recursiveMembers(cte);
  const ctes = ctesUpTo(w, index, env, new Map());
  if (previous === null) {
    const bound = bindQuery(seed, env, ctes);
    return { ...bound, names: cteNames(cte, bound) };
  }
  ctes.set(cte.name, { plan: { kind: 'rows', name: cte.name, batch: previous.batch, types: previous.types }, names: previous.names, types: previous.types });
  return castToCte(cte, bindQuery(member, env, ctes), previous.types, member.pos);
}

/** Functions whose result column Redshift names differently from the function. */
const FUNCTION_OUTPUT_NAMES: Readonly<Record<string, string>> = {
  nvl: 'coalesce',
  decode: 'case',
  dateadd: 'date_add',
  datediff: 'date_diff',
  date_part: 'pgdate_part',
};

/** Default output column names, as Redshift names them. */
export function outputName(e: ast.Expr): string {
  switch (e.kind) {
    case 'column':
      return e.name;
    case 'cast':
      return outputName(e.expr) === '?column?' ? e.type.name.split(' ')[0]! : outputName(e.expr);
    case 'func':
      return FUNCTION_OUTPUT_NAMES[e.name] ?? e.name;
    case 'extract':
      return 'date_part';
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

type SelectItemAst = { ast: ast.Expr; alias?: string; starIndex?: number };

/**
 * A SELECT. `outer`/`sink`: bound as a subquery, whose WHERE may refer to the enclosing query's
 * columns; the correlated conjuncts are taken out of the plan and reported through `sink`.
 */
function bindSelect(s: ast.Select, env: BindEnvironment, ctes: CteMap, outer?: OuterScope, sink?: CorrelationSink): BoundQuery {
  if (s.into) throw new SqlError(SqlState.internalError, 'SELECT INTO is routed as a command');
  const from = bindFromList(s.from, env, ctes, bindQuery, outer);
  const scope = from?.scope ?? Scope.empty();
  const host = new SubqueryHost(from?.plan ?? { kind: 'values', rows: [[]], types: [] }, scope, true, outer, env, ctes, bindSubquery);
  // Outside its WHERE a subquery may not refer to the enclosing query (rejected with 0A000, not "no such column").
  const local = outer ? { ...outer, allowed: false } : undefined;
  const inputCtx: ExprContext = { env, scope, noAggregatesIn: 'WHERE', subqueries: host, outer: local };
  const correlated = [...(from?.correlated ?? []), ...(s.where ? bindWhere(s.where, { ...inputCtx, outer }, host) : [])];
  if (correlated.length > 0 && !sink) throw new SqlError(SqlState.internalError, 'correlated predicates outside a subquery');

  // Expand stars into explicit column references.
  const items: SelectItemAst[] = [];
  for (const item of s.items) {
    if (item.expr.kind === 'star') {
      for (const i of scope.expandStar(item.expr.qualifier, item.expr.pos)) {
        env.columnUses?.record(scope.columns[i]!.origin);
        items.push({ ast: item.expr, starIndex: i });
      }
    } else items.push({ ast: item.expr, alias: item.alias });
  }
  if (items.length === 0) throw new SqlError(SqlState.syntaxError, 'SELECT list is empty', { position: s.pos });

  const aggregating =
    s.groupBy !== undefined || items.some((i) => containsAggregate(i.ast)) || containsAggregate(s.having) || s.orderBy.some((o) => containsAggregate(o.expr)) || containsAggregate(s.qualify);

  if (!aggregating) {
    if (s.having) throw new SqlError(SqlState.groupingError, 'HAVING requires GROUP BY or an aggregate', { position: s.having.pos });
    const windows = new WindowCollector();
    const ctx: ExprContext = { env, scope, subqueries: host, outer: local, windows };
    const selectBound = bindItems(items, { ...ctx, selectList: true }, scope);
    const orderPlan = planOrderBy(s.orderBy, selectBound, ctx, s.distinct);
    const qualify = s.qualify ? bindQualify(s.qualify, items, ctx, scope) : null;
    if (correlated.length > 0) {
      if (!windows.isEmpty || qualify) throw notSupported('window functions in a correlated subquery', s.pos);
      return exposeCorrelation(s, host.plan, selectBound, correlated, sink!);
    }
    const windowed = applyWindows(host.plan, windows, selectBound, orderPlan, qualify);
    return finishSelect(s, windowed.plan, windowed.items, windowed.order, env);
  }

  const correlationKeys = correlated.length > 0 ? groupingCorrelation(s, correlated, sink!) : [];
  const grouping = groupingPlan(s.groupBy, (e) => resolveGroupItem(e, items));
  const groupCtx: ExprContext = { ...inputCtx, noAggregatesIn: 'GROUP BY' };
  const keys = [
    ...correlationKeys.map((c, i) => ({ key: `\u0000correlation ${i}`, bound: c.inner })),
    ...grouping.exprs.map((g) => ({ key: exprKey(g), bound: bindExpr(g, groupCtx) })),
  ];
  const groups = grouping.sets ? [...keys, { key: '\u0000grouping set', bound: { kind: 'const', value: 0, type: INTEGER } as PExpr }] : keys;
  const collector = new AggregateCollector(
    groups,
    { env, scope, noAggregatesIn: 'aggregate arguments', subqueries: host, outer: local },
    grouping.sets ? { sets: grouping.sets, setColumn: keys.length } : null,
  );
  // Subqueries above the aggregation join its output, whose width is known only after binding.
  const deferred = new SubqueryHost(null, scope, false, outer, env, ctes, bindSubquery);
  const windows = new WindowCollector();
  const ctx: ExprContext = { env, scope, aggregates: collector, subqueries: deferred, outer: local, windows };
  // Bind everything above the aggregation first so all aggregates are registered.
  const selectBound = bindItems(items, { ...ctx, selectList: true }, scope);
  const having = s.having ? coerce(bindExpr(s.having, { ...ctx, windows: undefined, noWindowsIn: 'HAVING' }), BOOLEAN, 'implicit', s.having.pos) : null;
  const orderPlan = planOrderBy(s.orderBy, selectBound, ctx, s.distinct);
  const qualify = s.qualify ? bindQualify(s.qualify, items, ctx, scope) : null;
  const aggregates = collector.aggregates;
  let plan: LPlan = grouping.sets
    ? groupingSetsPlan(host.plan, keys.map((k) => k.bound), grouping.sets, aggregates)
    : { kind: 'aggregate', input: host.plan, groupKeys: keys.map((k) => k.bound), aggregates, types: [...keys.map((k) => k.bound.type), ...aggregates.map((a) => a.type)] };
  const attached = deferred.attachPending(plan);
  plan = attached.plan;
  if (having) plan = { kind: 'filter', input: plan, predicate: attached.remap(having), types: plan.types };
  const items2 = selectBound.map((i) => ({ ...i, expr: attached.remap(i.expr) }));
  const order2 = { keys: orderPlan.keys, extras: orderPlan.extras.map(attached.remap) };
  if (correlationKeys.length > 0 && (!windows.isEmpty || qualify)) throw notSupported('window functions in a correlated subquery', s.pos);
  if (correlationKeys.length > 0) return groupedCorrelation(plan, items2, correlationKeys, groups.length, aggregates, sink!);
  const windowed = applyWindows(plan, windows, items2, order2, qualify, attached.remap);
  return finishSelect(s, windowed.plan, windowed.items, windowed.order, env);
}

/** A subquery of an enclosing query; only a plain SELECT may be correlated. */
function bindSubquery(q: ast.Query, env: BindEnvironment, ctes: CteMap, outer: OuterScope, sink: CorrelationSink): BoundQuery {
  if (q.kind === 'select') return bindSelect(q, env, withCtes(q.with, env, ctes), outer, sink);
  return bindQuery(q, env, ctes);
}

/**
 * WHERE: EXISTS / IN (subquery) conjuncts become semi/anti joins; the other conjuncts filter the
 * plan. Returns the conjuncts that refer to an enclosing query (left out of the plan).
 */
function bindWhere(where: ast.Expr, ctx: ExprContext, host: SubqueryHost): PExpr[] {
  const predicates: PExpr[] = [];
  const correlated: PExpr[] = [];
  for (const c of astConjuncts(where)) {
    const sub = subqueryConjunct(c, false);
    if (sub) {
      const extra = host.filter(sub.node, sub.negated, ctx);
      if (extra) predicates.push(extra);
      continue;
    }
    const p = coerce(bindExpr(c, ctx), BOOLEAN, 'implicit', c.pos);
    const side = correlationSide(p);
    (side === 'outer' || side === 'both' ? correlated : predicates).push(p);
  }
  const predicate = andAll(predicates);
  if (predicate) host.plan = { kind: 'filter', input: host.plan, predicate, types: host.plan.types };
  return correlated;
}

function astConjuncts(e: ast.Expr): ast.Expr[] {
  return e.kind === 'binary' && e.op === 'and' ? [...astConjuncts(e.left), ...astConjuncts(e.right)] : [e];
}

/** `[NOT] EXISTS (...)` or `x [NOT] IN (...)`, under any number of NOTs. */
function subqueryConjunct(e: ast.Expr, negated: boolean): { node: ast.Exists | ast.InSubquery; negated: boolean } | null {
  if (e.kind === 'unary' && e.op === 'not') return subqueryConjunct(e.operand, !negated);
  if (e.kind === 'exists' || e.kind === 'inSubquery') return { node: e, negated: negated !== e.not };
  return null;
}

/** Correlated subquery without aggregation: expose the inner columns its correlated predicates use. */
function exposeCorrelation(s: ast.Select, plan: LPlan, items: readonly SelectItemBound[], correlated: readonly PExpr[], sink: CorrelationSink): BoundQuery {
  const limit = s.limit ?? s.top ?? s.offset;
  if (limit) throw notSupported('LIMIT or OFFSET in a correlated subquery', limit.pos);
  const inner = [...new Set(correlated.flatMap((p) => referencedColumns(p).filter((i) => i < OUTER_BASE)))].sort((a, b) => a - b);
  const exprs: PExpr[] = [...items.map((i) => i.expr), ...inner.map((c): PExpr => ({ kind: 'col', index: c, type: plan.types[c]! }))];
  const types = exprs.map((e) => e.type);
  let out: LPlan = { kind: 'project', input: plan, exprs, types };
  if (s.distinct) out = { kind: 'distinct', input: out, types };
  const predicates = correlated.map((p) => mapColumns(p, (i) => (i >= OUTER_BASE ? i : items.length + inner.indexOf(i))));
  sink.result = { kind: 'exposed', visible: items.length, predicates };
  return { plan: out, names: [...items.map((i) => i.name), ...inner.map(() => '?column?')], types };
}

/** Correlated aggregate subquery: the correlation equalities, whose inner sides become group keys. */
function groupingCorrelation(s: ast.Select, correlated: readonly PExpr[], sink: CorrelationSink): { inner: PExpr; outer: PExpr }[] {
  const what = 'this correlated subquery with an aggregate';
  if (!sink.allowGrouped) throw notSupported(`${what} (in EXISTS or IN)`, s.pos);
  if (s.groupBy) throw notSupported(`${what} and GROUP BY`, s.groupBy.pos);
  if (s.having) throw notSupported(`${what} and HAVING`, s.having.pos);
  const limit = s.limit ?? s.top ?? s.offset;
  if (limit) throw notSupported('LIMIT or OFFSET in a correlated subquery', limit.pos);
  return correlated.map((p) => {
    const split = splitCorrelatedEquality(p);
    if (!split) throw notSupported(`${what} and a correlation that is not an equality`, s.where?.pos ?? s.pos);
    return split;
  });
}

/** Output of a correlated aggregate subquery: [items..., correlation keys..., TRUE], one row per key. */
function groupedCorrelation(
  plan: LPlan,
  items: readonly SelectItemBound[],
  keys: readonly { inner: PExpr; outer: PExpr }[],
  groupCount: number,
  aggregates: readonly AggregateSpec[],
  sink: CorrelationSink,
): BoundQuery {
  const exprs: PExpr[] = [
    ...items.map((i) => i.expr),
    ...keys.map((k, i): PExpr => ({ kind: 'col', index: i, type: k.inner.type })),
    { kind: 'const', value: true, type: BOOLEAN },
  ];
  const types = exprs.map((e) => e.type);
  // The items' values when no inner row matches: aggregates over no rows (COUNT 0, others NULL).
  const emptyValues = items.map((i) =>
    replaceColumns(i.expr, (c): PExpr => {
      const agg = c.index >= groupCount ? aggregates[c.index - groupCount] : undefined;
      const zero = agg && (agg.fn === 'count' || agg.fn === 'count_star' || agg.fn === 'approx_count_distinct');
      return zero ? { kind: 'const', value: 0n, type: c.type } : { kind: 'const', value: null, type: c.type };
    }),
  );
  sink.result = { kind: 'grouped', visible: items.length, outerKeys: keys.map((k) => k.outer), emptyValues };
  return { plan: { kind: 'project', input: plan, exprs, types }, names: [...items.map((i) => i.name), ...keys.map(() => '?column?'), '?column?'], types };
}

function bindItems(items: readonly SelectItemAst[], ctx: ExprContext, scope: Scope): SelectItemBound[] {
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

/** A GROUP BY item: ordinals and select-list aliases refer to select items. */
function resolveGroupItem(e: ast.Expr, items: readonly SelectItemAst[]): ast.Expr {
  if (isOrdinal(e)) {
    const n = Number((e as ast.Literal).value);
    if (!Number.isInteger(n) || n < 1 || n > items.length) {
      throw new SqlError(SqlState.invalidParameterValue, `GROUP BY position ${n} is not in select list`, { position: e.pos });
    }
    return items[n - 1]!.ast;
  }
  if (e.kind === 'column' && e.qualifier.length === 0) {
    const aliased = items.find((i) => i.alias === e.name);
    if (aliased) return aliased.ast;
  }
  return e;
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
    if (isOrdinal(e)) {
      const n = Number((e as ast.Literal).value);
      if (!Number.isInteger(n) || n < 1 || n > items.length) {
        throw new SqlError(SqlState.invalidParameterValue, `ORDER BY position ${n} is not in select list`, { position: e.pos });
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

const SET_OPERATION_NAMES = { union: 'UNION', intersect: 'INTERSECT', except: 'EXCEPT' } as const;

function bindSetOperation(q: ast.SetOperation, env: BindEnvironment, ctes: CteMap): BoundQuery {
  const opName = SET_OPERATION_NAMES[q.op];
  if (q.all && q.op !== 'union') throw notSupported(`${opName} ALL`, q.pos);
  const left = bindQuery(q.left, env, ctes);
  const right = bindQuery(q.right, env, ctes);
  if (left.types.length !== right.types.length) {
    throw new SqlError(SqlState.syntaxError, `each ${opName} query must have the same number of columns`, { position: q.pos });
  }
  const types: SqlType[] = left.types.map((_, i) => {
    const lcol: PExpr = { kind: 'col', index: i, type: left.types[i]! };
    const rcol: PExpr = { kind: 'col', index: i, type: right.types[i]! };
    return unifyAll([lcol, rcol], opName, q.pos).type;
  });
  const conform = (b: BoundQuery): LPlan => {
    const exprs = b.types.map((t, i) => coerce({ kind: 'col', index: i, type: t }, types[i]!, 'implicit', q.pos));
    return { kind: 'project', input: b.plan, exprs, types };
  };
  let plan: LPlan;
  if (q.op === 'union') {
    plan = { kind: 'unionAll', inputs: [conform(left), conform(right)], types };
    if (!q.all) plan = { kind: 'distinct', input: plan, types };
  } else {
    plan = { kind: 'setOp', op: q.op, left: conform(left), right: conform(right), types };
  }
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

/** `GROUP BY 2` / `ORDER BY 2` name a select-list position; `GROUP BY 1.25` is a constant. */
function isOrdinal(e: ast.Expr): boolean {
  return e.kind === 'literal' && e.type === 'number' && /^\d+$/.test(String(e.value));
}

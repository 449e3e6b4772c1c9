/**
 * Binding window functions (`f(...) OVER (...)`) and QUALIFY.
 *
 * Window calls may appear in the select list, ORDER BY and QUALIFY; they see the rows after WHERE,
 * GROUP BY and HAVING (so `rank() over (order by sum(x) desc)` works). While those clauses are bound,
 * each distinct call is registered here and stands for a placeholder column
 * (WINDOW_COLUMN_BASE + n); attach() then stacks one window operator per distinct
 * (PARTITION BY, ORDER BY) over the plan and renumbers the placeholders to the real columns.
 */
import type { AggregateSpec, PExpr, SortKey, WindowFrame, WindowFunctionSpec } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, SqlError, SqlState, isNumericType, varcharType } from '../types/index.js';
import { bindAggregateCall, bindSortKeys } from './bind-aggregate.js';
import { bindExpr, exprKey, type ExprContext } from './bind-expr.js';
import { coerce } from './coerce.js';
import { mapColumns, pexprKey } from './expr-utils.js';
import type { LPlan } from './logical.js';
import type { Scope } from './scope.js';

/** PostgreSQL's windowing_error. */
const WINDOWING_ERROR = '42P20';
/**
 * Placeholder columns for window results. Below the subquery binder's PENDING_BASE (1 << 24) and
 * above its OUTER_BASE range (1 << 20), so neither renumbering touches the other's columns.
 */
const WINDOW_COLUMN_BASE = 1 << 22;
/** `noWindowsIn` value inside a window call's own arguments. */
const NESTED = 'window function arguments';

const WHOLE_PARTITION: WindowFrame = { start: null, end: null };
const RANKING = new Set(['row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist']);
const FRAMED_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop']);
const PARTITION_ONLY = new Set(['listagg', 'median', 'percentile_cont', 'percentile_disc', 'ratio_to_report']);
const TAKES_NULLS_CLAUSE = new Set(['lag', 'lead', 'first_value', 'last_value', 'nth_value']);

interface BoundWindow {
  readonly key: string;
  readonly partitionBy: readonly PExpr[];
  readonly orderBy: readonly SortKey[];
  readonly fn: WindowFunctionSpec;
}

export class WindowCollector {
  private readonly windows: BoundWindow[] = [];

  get isEmpty(): boolean {
    return this.windows.length === 0;
  }

  /** Bind a window call (its arguments over `ctx`); returns its placeholder column. */
  register(call: ast.FuncCall, ctx: ExprContext): PExpr {
    const key = exprKey(call);
    let index = this.windows.findIndex((w) => w.key === key);
    if (index < 0) {
      const inner: ExprContext = { ...ctx, windows: undefined, noWindowsIn: NESTED };
      this.windows.push({ key, ...bindWindowCall(call, inner) });
      index = this.windows.length - 1;
    }
    return { kind: 'col', index: WINDOW_COLUMN_BASE + index, type: this.windows[index]!.fn.type };
  }

  /**
   * Stack the window operators over `input`. `remapInputs` renumbers the calls' own expressions
   * when columns were renumbered since they were bound; `resolve` maps placeholders to real columns.
   */
  attach(input: LPlan, remapInputs: (e: PExpr) => PExpr = (e) => e): { plan: LPlan; resolve: (e: PExpr) => PExpr } {
    const bySpec = new Map<string, number[]>();
    this.windows.forEach((w, i) => {
      const spec = pexprKey([w.partitionBy, w.orderBy]);
      bySpec.set(spec, [...(bySpec.get(spec) ?? []), i]);
    });
    const columnOf: number[] = [];
    let plan = input;
    for (const members of bySpec.values()) {
      const first = this.windows[members[0]!]!;
      const functions = members.map((i) => remapWindowFunction(this.windows[i]!.fn, remapInputs));
      members.forEach((i, j) => (columnOf[i] = plan.types.length + j));
      plan = {
        kind: 'window',
        input: plan,
        partitionBy: first.partitionBy.map(remapInputs),
        orderBy: first.orderBy.map((k) => ({ ...k, expr: remapInputs(k.expr) })),
        functions,
        types: [...plan.types, ...functions.map((f) => f.type)],
      };
    }
    const count = this.windows.length;
    const resolve = (e: PExpr): PExpr =>
      mapColumns(e, (i) => (i >= WINDOW_COLUMN_BASE && i < WINDOW_COLUMN_BASE + count ? columnOf[i - WINDOW_COLUMN_BASE]! : i));
    return { plan, resolve };
  }
}

/** The error for a window call where none may be. */
export function windowNotAllowed(call: ast.FuncCall, ctx: ExprContext): SqlError {
  if (ctx.noWindowsIn === NESTED) return new SqlError(WINDOWING_ERROR, 'window function calls cannot be nested', { position: call.pos });
  const clause = ctx.noWindowsIn ?? ctx.noAggregatesIn ?? 'this context';
  return new SqlError(WINDOWING_ERROR, `window functions are not allowed in ${clause}`, { position: call.pos });
}

/**
 * QUALIFY: a filter on window results, bound like the select list. An unqualified name the FROM
 * clause does not have may name a select-list alias.
 */
export function bindQualify(qualify: ast.Expr, items: readonly { readonly ast: ast.Expr; readonly alias?: string }[], ctx: ExprContext, scope: Scope): PExpr {
  const aliases = new Map<string, ast.Expr>();
  for (const item of items) if (item.alias && !aliases.has(item.alias)) aliases.set(item.alias, item.ast);
  const substituted = substituteAliases(qualify, (name) => (scope.columns.some((c) => c.name === name && !c.hidden) ? undefined : aliases.get(name)));
  return coerce(bindExpr(substituted as ast.Expr, ctx), BOOLEAN, 'implicit', qualify.pos);
}

function substituteAliases(node: unknown, aliasFor: (name: string) => ast.Expr | undefined): unknown {
  if (Array.isArray(node)) return node.map((n) => substituteAliases(n, aliasFor));
  if (node === null || typeof node !== 'object') return node;
  const kind = (node as { kind?: string }).kind;
  if (kind === 'subquery' || kind === 'exists' || kind === 'inSubquery') return node; // their own scope
  if (kind === 'column') {
    const c = node as ast.ColumnRef;
    return (c.qualifier.length === 0 && aliasFor(c.name)) || node;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = substituteAliases(v, aliasFor);
  return out;
}

// ---------------------------------------------------------------- one call

function windowError(message: string, pos: number): SqlError {
  return new SqlError(WINDOWING_ERROR, message, { position: pos });
}

function bindWindowCall(call: ast.FuncCall, ctx: ExprContext): Omit<BoundWindow, 'key'> {
  const over = call.over!;
  const name = call.name;
  const partitionBy = over.partitionBy.map((e) => bindExpr(e, ctx));
  const orderBy = bindSortKeys(over.orderBy, ctx);
  const frame = over.frame ? bindFrame(over.frame, over.pos) : null;
  const ignoreNulls = call.nulls === 'ignore';
  if (call.nulls && !TAKES_NULLS_CLAUSE.has(name)) throw windowError(`${call.nulls.toUpperCase()} NULLS is not allowed for ${name}`, call.pos);
  if (call.withinGroup && !PARTITION_ONLY.has(name)) throw windowError(`WITHIN GROUP is not allowed for ${name}`, call.pos);
  const noFrame = (): void => {
    if (frame) throw windowError(`the OVER clause of ${name} cannot contain a frame clause`, over.pos);
  };
  /** Aggregates and FIRST/LAST/NTH_VALUE: an explicit frame with ORDER BY, the whole partition without. */
  const framed = (): WindowFrame => {
    if (frame) return frame;
    if (orderBy.length > 0) throw windowError('Aggregate window functions with an ORDER BY clause require a frame clause', call.pos);
    return WHOLE_PARTITION;
  };
  const arg = (i: number): PExpr => defaultUnknown(bindExpr(call.args[i]!, ctx), call.pos);
  let fn: WindowFunctionSpec;
  if (RANKING.has(name)) {
    expectArguments(call, 0);
    noFrame();
    const type = name === 'row_number' ? BIGINT : name === 'rank' || name === 'dense_rank' ? INTEGER : DOUBLE;
    fn = { kind: 'rank', fn: name as Extract<WindowFunctionSpec, { kind: 'rank' }>['fn'], type };
  } else if (name === 'ntile') {
    expectArguments(call, 1);
    noFrame();
    fn = { kind: 'ntile', buckets: integerConstant(call.args[0]!, ctx, 1, 'the NTILE argument'), type: BIGINT };
  } else if (name === 'lag' || name === 'lead') {
    expectArguments(call, 1, 2, 3);
    noFrame();
    const value = arg(0);
    const offset = call.args.length > 1 ? integerConstant(call.args[1]!, ctx, 0, `the ${name.toUpperCase()} offset`) : 1;
    const dflt = call.args.length > 2 ? coerce(bindExpr(call.args[2]!, ctx), value.type, 'implicit', call.args[2]!.pos) : null;
    fn = { kind: 'offset', fn: name, arg: value, offset, default: dflt, ignoreNulls, type: value.type };
  } else if (name === 'first_value' || name === 'last_value' || name === 'nth_value') {
    expectArguments(call, name === 'nth_value' ? 2 : 1);
    const value = arg(0);
    const n = name === 'nth_value' ? integerConstant(call.args[1]!, ctx, 1, 'the NTH_VALUE offset') : 1;
    fn = { kind: 'value', arg: value, n, fromEnd: name === 'last_value', frame: framed(), ignoreNulls, type: value.type };
  } else if (PARTITION_ONLY.has(name)) {
    if (orderBy.length > 0 || frame) throw windowError(`the OVER clause of ${name} cannot contain ORDER BY or a frame clause`, over.pos);
    if (name === 'ratio_to_report') {
      expectArguments(call, 1);
      const value = arg(0);
      if (!isNumericType(value.type)) throw new SqlError(SqlState.undefinedFunction, `function ratio_to_report(${value.type.kind}) does not exist`, { position: call.pos });
      fn = { kind: 'ratioToReport', arg: value, type: DOUBLE };
    } else {
      const aggregate = bindAggregateCall(call, ctx);
      fn = { kind: 'aggregate', aggregate, frame: WHOLE_PARTITION, type: aggregate.type };
    }
  } else if (FRAMED_AGGREGATES.has(name)) {
    if (call.distinct) throw new SqlError(SqlState.featureNotSupported, 'DISTINCT is not implemented for window functions', { position: call.pos });
    if (call.approximate) throw new SqlError(SqlState.syntaxError, 'APPROXIMATE is not allowed in window functions', { position: call.pos });
    const aggregate = bindAggregateCall(call, ctx);
    fn = { kind: 'aggregate', aggregate, frame: framed(), type: aggregate.type };
  } else {
    throw new SqlError(SqlState.featureNotSupported, `${name} is not supported as a window function`, { position: call.pos });
  }
  return { partitionBy, orderBy, fn };
}

function expectArguments(call: ast.FuncCall, ...counts: number[]): void {
  if (!counts.includes(call.args.length) || call.args.some((a) => a.kind === 'star')) {
    throw new SqlError(SqlState.undefinedFunction, `function ${call.name} with ${call.args.length} arguments does not exist`, { position: call.pos });
  }
}

function defaultUnknown(e: PExpr, pos: number): PExpr {
  return e.type.kind === 'unknown' ? coerce(e, varcharType(256), 'implicit', pos) : e;
}

/** An integer constant argument of at least `min`. */
function integerConstant(e: ast.Expr, ctx: ExprContext, min: number, what: string): number {
  const bound = bindExpr(e, ctx);
  const v = bound.kind === 'const' ? bound.value : undefined;
  const n = typeof v === 'number' || typeof v === 'bigint' ? Number(v) : NaN;
  if (!Number.isInteger(n) || bound.type.kind === 'decimal' || n < min) {
    throw new SqlError(SqlState.invalidParameterValue, `${what} must be an integer constant of at least ${min}`, { position: e.pos });
  }
  return n;
}

/** A ROWS frame as offsets from the current row (Redshift has no RANGE frames). */
function bindFrame(frame: NonNullable<ast.WindowSpec['frame']>, pos: number): WindowFrame {
  if (frame.units === 'range') throw new SqlError(SqlState.featureNotSupported, 'RANGE frames are not supported; use ROWS', { position: pos });
  let start = frame.start;
  let end = frame.end;
  if (!end) {
    // `ROWS n PRECEDING` ends at the current row; `ROWS UNBOUNDED FOLLOWING` starts there.
    const forward = start.kind === 'following' || start.kind === 'unboundedFollowing';
    end = forward ? start : { kind: 'currentRow' };
    if (forward) start = { kind: 'currentRow' };
  }
  if (start.kind === 'unboundedFollowing') throw windowError('frame start cannot be UNBOUNDED FOLLOWING', pos);
  if (end.kind === 'unboundedPreceding') throw windowError('frame end cannot be UNBOUNDED PRECEDING', pos);
  const bounds: WindowFrame = { start: frameOffset(start, pos), end: frameOffset(end, pos) };
  if (bounds.start !== null && bounds.end !== null && bounds.start > bounds.end) {
    throw windowError('the frame cannot start after it ends', pos);
  }
  return bounds;
}

function frameOffset(b: ast.FrameBound, pos: number): number | null {
  switch (b.kind) {
    case 'unboundedPreceding':
    case 'unboundedFollowing':
      return null;
    case 'currentRow':
      return 0;
    case 'preceding':
    case 'following': {
      const e = b.offset;
      if (!e || e.kind !== 'literal' || e.type !== 'number' || !/^\d+$/.test(String(e.value))) {
        throw windowError('a frame offset must be a non-negative integer constant', e?.pos ?? pos);
      }
      const n = Number(e.value);
      return b.kind === 'preceding' ? -n : n;
    }
  }
}

/** A window function with its expressions renumbered. */
function remapWindowFunction(fn: WindowFunctionSpec, f: (e: PExpr) => PExpr): WindowFunctionSpec {
  switch (fn.kind) {
    case 'rank':
    case 'ntile':
      return fn;
    case 'offset':
      return { ...fn, arg: f(fn.arg), default: fn.default ? f(fn.default) : null };
    case 'value':
    case 'ratioToReport':
      return { ...fn, arg: f(fn.arg) };
    case 'aggregate':
      return { ...fn, aggregate: remapAggregate(fn.aggregate, f) };
  }
}

function remapAggregate(a: AggregateSpec, f: (e: PExpr) => PExpr): AggregateSpec {
  return { ...a, arg: a.arg ? f(a.arg) : null, ...(a.orderBy ? { orderBy: a.orderBy.map((k) => ({ ...k, expr: f(k.expr) })) } : {}) };
}

/**
 * Put a SELECT's window operators (and its QUALIFY filter) over `plan`, renumbering the select
 * items, ORDER BY extras and QUALIFY from placeholders to the window columns. `remapInputs`: see attach().
 */
export function applyWindows<I extends { readonly expr: PExpr }, O extends { readonly extras: readonly PExpr[] }>(
  plan: LPlan,
  windows: WindowCollector,
  items: readonly I[],
  order: O,
  qualify: PExpr | null,
  remapInputs: (e: PExpr) => PExpr = (e) => e,
): { plan: LPlan; items: I[]; order: O } {
  if (windows.isEmpty && qualify === null) return { plan, items: [...items], order };
  const attached = windows.attach(plan, remapInputs);
  const resolve = (e: PExpr): PExpr => attached.resolve(remapInputs(e));
  let out = attached.plan;
  if (qualify) out = { kind: 'filter', input: out, predicate: resolve(qualify), types: out.types };
  return { plan: out, items: items.map((i) => ({ ...i, expr: resolve(i.expr) })), order: { ...order, extras: order.extras.map(resolve) } };
}

/**
 * Binding aggregate calls to AggregateSpecs with Redshift's result types: the plain aggregates,
 * APPROXIMATE COUNT(DISTINCT), LISTAGG ... WITHIN GROUP, MEDIAN and PERCENTILE_CONT/DISC ... WITHIN
 * GROUP, and the rule that all ordered-set aggregates of a query share one WITHIN GROUP ORDER BY.
 */
import type { AggregateFunction, AggregateSpec, PExpr, SortKey } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, DOUBLE, MAX_VARCHAR_LENGTH, SqlError, SqlState, aggregateResultType, varcharType, type SqlType } from '../types/index.js';
import { bindExpr, exprKey, type ExprContext } from './bind-expr.js';
import { coerce } from './coerce.js';

/** Every function name that is an aggregate when called without OVER. */
export const AGGREGATE_NAMES: readonly string[] = [
  'count', 'sum', 'avg', 'min', 'max',
  'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop',
  'bool_and', 'bool_or', 'bit_and', 'bit_or', 'any_value',
  'listagg', 'median', 'percentile_cont', 'percentile_disc',
];

/** Synonyms, by the name the executor knows. */
const CANONICAL: Readonly<Record<string, AggregateFunction>> = { stddev: 'stddev_samp', variance: 'var_samp' };

/** Bind an aggregate call over the aggregation's input (`ctx`). */
export function bindAggregateCall(call: ast.FuncCall, ctx: ExprContext): AggregateSpec {
  const inner: ExprContext = { ...ctx, noAggregatesIn: 'arguments of aggregate functions' };
  switch (call.name) {
    case 'listagg':
      return bindListAgg(call, inner);
    case 'median':
    case 'percentile_cont':
    case 'percentile_disc':
      return bindPercentile(call, inner);
  }
  if (call.withinGroup) throw new SqlError(SqlState.syntaxError, `WITHIN GROUP is not allowed for ${call.name}`, { position: call.pos });
  if (call.name === 'count' && call.args.length === 1 && call.args[0]!.kind === 'star') {
    if (call.approximate) throw approximateMisuse(call);
    return { fn: 'count_star', arg: null, distinct: false, type: BIGINT };
  }
  expectArguments(call, 1);
  let fn: AggregateFunction = CANONICAL[call.name] ?? (call.name as AggregateFunction);
  if (call.approximate) {
    if (call.name !== 'count' || !call.distinct) throw approximateMisuse(call);
    fn = 'approx_count_distinct';
  }
  const arg = defaultUnknown(bindExpr(call.args[0]!, inner), fn === 'count' || fn === 'approx_count_distinct' || fn === 'any_value' ? varcharType(256) : DOUBLE, call.pos);
  return { fn, arg, distinct: call.distinct && fn !== 'approx_count_distinct', type: resultType(fn, arg.type, call.pos) };
}

function approximateMisuse(call: ast.FuncCall): SqlError {
  return new SqlError(SqlState.syntaxError, 'APPROXIMATE is only supported with COUNT(DISTINCT ...) and PERCENTILE_DISC', { position: call.pos });
}

function expectArguments(call: ast.FuncCall, ...counts: number[]): void {
  if (!counts.includes(call.args.length) || call.args.some((a) => a.kind === 'star')) {
    throw new SqlError(SqlState.undefinedFunction, `function ${call.name} with ${call.args.length} arguments does not exist`, { position: call.pos });
  }
}

/** An untyped literal argument gets a type (NULL / 'text' literals). */
function defaultUnknown(arg: PExpr, type: SqlType, pos: number): PExpr {
  return arg.type.kind === 'unknown' ? coerce(arg, type, 'implicit', pos) : arg;
}

function resultType(fn: string, argType: SqlType, pos: number): SqlType {
  try {
    return aggregateResultType(fn, argType);
  } catch (err) {
    throw err instanceof SqlError ? err.at(pos) : err;
  }
}

export function bindSortKeys(items: readonly ast.OrderItem[], ctx: ExprContext): SortKey[] {
  return items.map((o) => {
    const descending = o.direction === 'desc';
    return { expr: bindExpr(o.expr, ctx), descending, nullsFirst: o.nulls ? o.nulls === 'first' : descending };
  });
}

/** LISTAGG([DISTINCT] x [, 'delimiter']) [WITHIN GROUP (ORDER BY ...)]: values are concatenated as text. */
function bindListAgg(call: ast.FuncCall, ctx: ExprContext): AggregateSpec {
  expectArguments(call, 1, 2);
  let arg = bindExpr(call.args[0]!, ctx);
  // Values concatenate as VARCHAR text (CHAR values lose their padding, as in any cast to VARCHAR).
  if (arg.type.kind !== 'varchar') arg = coerce(arg, varcharType(MAX_VARCHAR_LENGTH), arg.type.kind === 'unknown' ? 'implicit' : 'explicit', call.args[0]!.pos);
  let delimiter: string | undefined;
  if (call.args.length === 2) {
    const d = bindExpr(call.args[1]!, ctx);
    if (d.kind !== 'const' || (d.value !== null && typeof d.value !== 'string')) {
      throw new SqlError(SqlState.featureNotSupported, 'the LISTAGG delimiter must be a string constant', { position: call.args[1]!.pos });
    }
    if (d.value !== null) delimiter = d.value;
  }
  const orderBy = call.withinGroup ? bindSortKeys(call.withinGroup, ctx) : undefined;
  return { fn: 'listagg', arg, distinct: call.distinct, type: resultType('listagg', arg.type, call.pos), orderBy, delimiter };
}

/** MEDIAN(x) = PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x); PERCENTILE_CONT/DISC(p) WITHIN GROUP (ORDER BY x). */
function bindPercentile(call: ast.FuncCall, ctx: ExprContext): AggregateSpec {
  if (call.distinct) throw new SqlError(SqlState.syntaxError, `DISTINCT is not allowed for ${call.name}`, { position: call.pos });
  expectArguments(call, 1);
  if (call.name === 'median') {
    if (call.withinGroup) throw new SqlError(SqlState.syntaxError, 'WITHIN GROUP is not allowed for median', { position: call.pos });
    const arg = defaultUnknown(bindExpr(call.args[0]!, ctx), DOUBLE, call.pos);
    const type = resultType('median', arg.type, call.pos);
    return { fn: 'percentile_cont', arg, distinct: false, type, percentile: '0.5', orderBy: [{ expr: arg, descending: false, nullsFirst: false }] };
  }
  if (call.withinGroup?.length !== 1) {
    throw new SqlError(SqlState.syntaxError, `${call.name} requires WITHIN GROUP (ORDER BY one expression)`, { position: call.pos });
  }
  const percentile = percentileText(call.args[0]!, ctx);
  const [key] = bindSortKeys(call.withinGroup, ctx);
  const arg = defaultUnknown(key!.expr, DOUBLE, call.pos);
  const fn = call.name as 'percentile_cont' | 'percentile_disc';
  return { fn, arg, distinct: false, type: resultType(fn, arg.type, call.pos), percentile, orderBy: [{ ...key!, expr: arg }] };
}

/** The percentile argument: a numeric constant in [0, 1], as exact decimal text. */
function percentileText(e: ast.Expr, ctx: ExprContext): string {
  const bound = bindExpr(e, ctx);
  let text: string | null = null;
  if (bound.kind === 'const' && bound.value !== null) {
    if (bound.type.kind === 'decimal') text = scaledText(bound.value as bigint, bound.type.scale);
    else if (typeof bound.value === 'number' || typeof bound.value === 'bigint') text = numberText(Number(bound.value));
  }
  if (text === null) throw new SqlError(SqlState.featureNotSupported, 'the percentile must be a numeric constant', { position: e.pos });
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) {
    throw new SqlError(SqlState.numericValueOutOfRange, `percentile value ${text} is not between 0 and 1`, { position: e.pos });
  }
  return text;
}

function scaledText(v: bigint, scale: number): string {
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${body}` : body;
}

/** A double as plain decimal text (no exponent), exact to its shortest round-trip digits. */
function numberText(x: number): string {
  const s = String(x);
  if (!/e/i.test(s)) return s;
  return x.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * The WITHIN GROUP ordering an ordered-set aggregate uses (MEDIAN orders by its argument), as a key;
 * null when the call has none. All of a query's must be the same.
 */
function withinGroupKey(call: ast.FuncCall): string | null {
  const items: readonly ast.OrderItem[] | undefined =
    call.name === 'median' && call.args.length === 1 ? [{ kind: 'orderItem', expr: call.args[0]!, direction: 'asc', pos: call.pos }] : call.withinGroup;
  if (!items) return null;
  return JSON.stringify(items.map((o) => [exprKey(o.expr), o.direction, o.nulls ?? null]));
}

/** Check a newly registered aggregate against the query's WITHIN GROUP ordering so far; returns the ordering now in force. */
export function sameWithinGroup(current: string | null, call: ast.FuncCall): string | null {
  const key = withinGroupKey(call);
  if (key === null) return current;
  if (current !== null && current !== key) {
    throw new SqlError(SqlState.featureNotSupported, 'within group ORDER BY clauses for aggregate functions must be the same', { position: call.pos });
  }
  return key;
}

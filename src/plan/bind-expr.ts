/**
 * Binding expressions: AST expressions become typed PExprs over the columns of a scope.
 * Aggregate calls are collected into an AggregateCollector when the query aggregates.
 */
import type { AggregateSpec, PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  SqlError,
  SqlState,
  TIMESTAMP,
  TIMESTAMPTZ,
  UNKNOWN,
  assertNever,
  decimalType,
  resolveFunction,
  resolveOperator,
  typeFromName,
  varcharType,
  type SqlType,
} from '../types/index.js';
import type { OuterScope, SubqueryHost } from './bind-subquery.js';
import { OUTER_BASE } from './bind-subquery.js';
import {
  LEADER_ONLY_FUNCTIONS,
  bindDecode,
  bindExtract,
  bindGreatestLeast,
  bindInterval,
  bindLike,
  bindNvl2,
  bindSymmetricBetween,
} from './bind-special.js';
import { groupingValue } from './bind-grouping.js';
import { AGGREGATE_NAMES, bindAggregateCall, sameWithinGroup } from './bind-aggregate.js';
import { windowNotAllowed, type WindowCollector } from './bind-window.js';
import type { BindEnvironment } from './context.js';
import { ADMIN_USER_ID, RDSDB_USER_ID } from '../catalog/system/listing.js';
import { bindArrayConcat, bindArrayConstructor, isArrayConstructor } from './bind-array.js';
import { bindCatalogCast } from './catalog-casts.js';
import { bindCatalogFunction } from './catalog-functions.js';
import { coerce, unifyAll, unifyForComparison } from './coerce.js';
import type { Scope } from './scope.js';

const AGGREGATES: ReadonlySet<string> = new Set(AGGREGATE_NAMES);

export function isAggregateCall(e: ast.Expr): boolean {
  return e.kind === 'func' && AGGREGATES.has(e.name) && e.over === undefined;
}

/** Structural identity of an expression, ignoring positions (GROUP BY matching, aggregate dedup). */
export function exprKey(e: ast.Expr): string {
  return JSON.stringify(e, (k, v: unknown) => (k === 'pos' ? undefined : v));
}

/**
 * When a query aggregates, expressions above the aggregation see its output: group keys first, then
 * aggregate results. The collector matches group expressions and registers aggregate calls.
 */
export class AggregateCollector {
  readonly aggregates: AggregateSpec[] = [];
  private readonly aggKeys: string[] = [];
  /** The WITHIN GROUP ordering every ordered-set aggregate of the query must share. */
  private withinGroup: string | null = null;

  constructor(
    /** Group-by expressions (AST keys) with their bound form over the input scope. */
    readonly groups: readonly { readonly key: string; readonly bound: PExpr }[],
    /** Binds aggregate arguments over the aggregation's input. */
    readonly inputContext: ExprContext,
    /** GROUPING SETS / ROLLUP / CUBE: the sets (indexes into `groups`) and the column holding the set number. */
    readonly groupingSets: { readonly sets: readonly (readonly number[])[]; readonly setColumn: number } | null = null,
  ) {}

  /** GROUPING(args): which of its arguments the row's grouping set leaves out, as bits. */
  grouping(call: ast.FuncCall): PExpr {
    const args = call.args.map((a) => {
      const i = this.groupIndex(a);
      if (i < 0) {
        throw new SqlError(SqlState.groupingError, 'arguments to GROUPING must be grouping expressions of the associated query level', { position: a.pos });
      }
      return i;
    });
    if (args.length === 0) throw new SqlError(SqlState.syntaxError, 'syntax error at or near ")"', { position: call.pos });
    return groupingValue(args, this.groupingSets?.sets ?? null, this.groupingSets?.setColumn ?? -1);
  }

  groupIndex(e: ast.Expr): number {
    const key = exprKey(e);
    return this.groups.findIndex((g) => g.key === key);
  }

  register(call: ast.FuncCall): PExpr {
    const key = exprKey(call);
    const existing = this.aggKeys.indexOf(key);
    if (existing >= 0) return { kind: 'col', index: this.groups.length + existing, type: this.aggregates[existing]!.type };
    this.withinGroup = sameWithinGroup(this.withinGroup, call);
    const spec = bindAggregateCall(call, this.inputContext);
    this.aggregates.push(spec);
    this.aggKeys.push(key);
    return { kind: 'col', index: this.groups.length + this.aggregates.length - 1, type: spec.type };
  }
}

export interface ExprContext {
  readonly env: BindEnvironment;
  readonly scope: Scope;
  /** Set when binding above an aggregation. */
  readonly aggregates?: AggregateCollector;
  /** Clause name for "aggregates not allowed in WHERE"-style errors; undefined where aggregates are allowed. */
  readonly noAggregatesIn?: string;
  /** Where subqueries attach their joins; absent where subqueries are not supported. */
  readonly subqueries?: SubqueryHost;
  /** The enclosing queries' columns, for correlated references from a subquery. */
  readonly outer?: OuterScope;
  /** Binding the select list, where Redshift rejects IS [NOT] TRUE/FALSE/UNKNOWN. */
  readonly selectList?: boolean;
  /** Set where window functions may appear (select list, ORDER BY, QUALIFY). */
  readonly windows?: WindowCollector;
  /** Clause name for "window functions are not allowed in ..." (defaults to noAggregatesIn). */
  readonly noWindowsIn?: string;
}

export function bindExpr(e: ast.Expr, ctx: ExprContext): PExpr {
  if (e.kind === 'func' && e.over) {
    if (!ctx.windows) throw windowNotAllowed(e, ctx);
    return ctx.windows.register(e, ctx);
  }
  if (ctx.aggregates) {
    const g = ctx.aggregates.groupIndex(e);
    if (g >= 0) return { kind: 'col', index: g, type: ctx.aggregates.groups[g]!.bound.type };
    if (isAggregateCall(e)) return ctx.aggregates.register(e as ast.FuncCall);
    if (e.kind === 'func' && e.name === 'grouping' && e.over === undefined) return ctx.aggregates.grouping(e);
  } else if (isAggregateCall(e)) {
    throw new SqlError(SqlState.groupingError, `aggregate functions are not allowed in ${ctx.noAggregatesIn ?? 'this context'}`, { position: e.pos });
  }
  switch (e.kind) {
    case 'column':
      return bindColumn(e, ctx);
    case 'literal':
      return bindLiteral(e);
    case 'param':
      return bindParam(e, ctx);
    case 'star':
      throw new SqlError(SqlState.syntaxError, 'syntax error at or near "*"', { position: e.pos });
    case 'unary':
      return bindUnary(e, ctx);
    case 'binary':
      return bindBinary(e, ctx);
    case 'func':
      return bindFunction(e, ctx);
    case 'cast': {
      const inner = bindExpr(e.expr, ctx);
      return bindCatalogCast(e, inner, ctx.env) ?? coerce(inner, typeFromNode(e.type), 'explicit', e.pos);
    }
    case 'case':
      return bindCase(e, ctx);
    case 'inList': {
      const arg = bindExpr(e.expr, ctx);
      const list = e.list.map((x) => bindExpr(x, ctx));
      const unified = unifyAll([arg, ...list], 'IN', e.pos);
      return { kind: 'inList', arg: unified.exprs[0]!, list: unified.exprs.slice(1), not: e.not, type: BOOLEAN };
    }
    case 'between': {
      if (e.symmetric) return bindSymmetricBetween(e, ctx);
      const x = bindExpr(e.expr, ctx);
      const [a1, lo] = unifyForComparison(x, bindExpr(e.low, ctx), '>=', e.pos);
      const [a2, hi] = unifyForComparison(x, bindExpr(e.high, ctx), '<=', e.pos);
      const inside: PExpr = {
        kind: 'and',
        args: [
          { kind: 'compare', op: '>=', left: a1, right: lo, type: BOOLEAN },
          { kind: 'compare', op: '<=', left: a2, right: hi, type: BOOLEAN },
        ],
        type: BOOLEAN,
      };
      return e.not ? { kind: 'not', arg: inside, type: BOOLEAN } : inside;
    }
    case 'isNull':
      return { kind: 'isNull', arg: bindExpr(e.expr, ctx), not: e.not, type: BOOLEAN };
    case 'isBool':
      return bindIsBool(e, ctx);
    case 'typedLiteral':
      return coerce({ kind: 'const', value: e.value, type: UNKNOWN }, typeFromNode(e.type), 'explicit', e.pos);
    case 'like':
      return bindLike(e, ctx);
    case 'extract':
      return bindExtract(e, ctx);
    case 'interval':
      return bindInterval(e);
    case 'inSubquery':
      return subqueryHost(e, ctx).inSubquery(e, ctx);
    case 'exists':
      return subqueryHost(e, ctx).exists(e);
    case 'subquery':
      return subqueryHost(e, ctx).scalar(e);
    default:
      return assertNever(e);
  }
}

export function notSupported(what: string, pos: number): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${what} is not supported yet in Slicewise`, { position: pos });
}

function subqueryHost(e: ast.InSubquery | ast.Exists | ast.ScalarSubquery, ctx: ExprContext): SubqueryHost {
  if (!ctx.subqueries) throw notSupported(`${describeExpr(e)} in this clause`, e.pos);
  return ctx.subqueries;
}

function describeExpr(e: ast.Expr): string {
  switch (e.kind) {
    case 'inSubquery':
      return 'IN (subquery)';
    case 'exists':
      return 'EXISTS (subquery)';
    case 'subquery':
      return 'a scalar subquery';
    default:
      return e.kind;
  }
}

export function typeFromNode(t: ast.TypeName): SqlType {
  try {
    return typeFromName(t.name, t.args);
  } catch (err) {
    throw err instanceof SqlError ? err.at(t.pos) : err;
  }
}

function bindColumn(e: ast.ColumnRef, ctx: ExprContext): PExpr {
  if (ctx.aggregates) {
    // Above an aggregation only group keys (matched before) and aggregates are visible.
    try {
      ctx.aggregates.inputContext.scope.resolve(e.qualifier, e.name, e.pos);
    } catch (err) {
      if (resolveOuter(e, { env: ctx.env, outer: ctx.outer && { ...ctx.outer, allowed: false } }, err)) throw new SqlError(SqlState.internalError, 'unreachable');
      throw err;
    }
    const shown = e.qualifier.length > 0 ? `${e.qualifier.join('.')}.${e.name}` : e.name;
    throw new SqlError(SqlState.groupingError, `column "${shown}" must appear in the GROUP BY clause or be used in an aggregate function`, {
      position: e.pos,
    });
  }
  let index: number;
  try {
    index = ctx.scope.resolve(e.qualifier, e.name, e.pos);
  } catch (err) {
    const outer = resolveOuter(e, ctx, err);
    if (outer) return outer;
    throw err;
  }
  const column = ctx.scope.columns[index]!;
  ctx.env.columnUses?.record(column.origin);
  return { kind: 'col', index, type: column.type };
}

/**
 * A column the local scope does not have, looked up in the enclosing queries: a correlated
 * reference (OUTER_BASE + column of the immediately enclosing FROM) where correlation is supported.
 */
function resolveOuter(e: ast.ColumnRef, ctx: Pick<ExprContext, 'env' | 'outer'>, localError: unknown): PExpr | null {
  if (!(localError instanceof SqlError) || (localError.code !== SqlState.undefinedColumn && localError.code !== SqlState.undefinedTable)) return null;
  for (let level = ctx.outer, depth = 0; level; level = level.parent, depth++) {
    let index: number;
    try {
      index = level.scope.resolve(e.qualifier, e.name, e.pos);
    } catch (err) {
      if (err instanceof SqlError && (err.code === SqlState.undefinedColumn || err.code === SqlState.undefinedTable)) continue;
      throw err;
    }
    if (depth > 0 || !level.allowed) {
      throw notSupported(`the correlated reference to "${e.name}" here (only the subquery's WHERE may refer to the enclosing query's columns)`, e.pos);
    }
    ctx.env.columnUses?.record(level.scope.columns[index]!.origin);
    return { kind: 'col', index: OUTER_BASE + index, type: level.scope.columns[index]!.type };
  }
  return null;
}

/** Numeric literals: INTEGER when they fit, then BIGINT, then exact DECIMAL; exponents are DOUBLE. */
export function bindLiteral(e: ast.Literal): PExpr {
  switch (e.type) {
    case 'null':
      return { kind: 'const', value: null, type: UNKNOWN };
    case 'boolean':
      return { kind: 'const', value: e.value, type: BOOLEAN };
    case 'string':
      return { kind: 'const', value: e.value, type: UNKNOWN };
    case 'number':
      return numericLiteral(String(e.value));
    default:
      return assertNever(e.type);
  }
}

function numericLiteral(text: string): PExpr {
  if (/[eE]/.test(text)) return { kind: 'const', value: Number(text), type: DOUBLE };
  if (!text.includes('.')) {
    const big = BigInt(text);
    if (big >= -2147483648n && big <= 2147483647n) return { kind: 'const', value: Number(big), type: INTEGER };
    if (big >= -9223372036854775808n && big <= 9223372036854775807n) return { kind: 'const', value: big, type: BIGINT };
  }
  const [intPart = '', fracPart = ''] = text.split('.');
  const digits = (intPart.replace(/^0+/, '') + fracPart).length;
  const scale = fracPart.length;
  const precision = Math.max(digits, scale, 1);
  if (precision > 38) return { kind: 'const', value: Number(text), type: DOUBLE };
  return { kind: 'const', value: BigInt((intPart || '0') + fracPart), type: decimalType(precision, scale) };
}

/** API parameters: JS numbers, bigints and booleans keep their type; everything else is an untyped literal. */
function bindParam(e: ast.Param, ctx: ExprContext): PExpr {
  if (e.index < 1 || e.index > ctx.env.params.length) {
    throw new SqlError(SqlState.undefinedObject, `there is no parameter $${e.index}`, { position: e.pos });
  }
  const v = ctx.env.params[e.index - 1];
  if (v === null || v === undefined) return { kind: 'const', value: null, type: UNKNOWN };
  if (typeof v === 'boolean') return { kind: 'const', value: v, type: BOOLEAN };
  if (typeof v === 'bigint') return { kind: 'const', value: v, type: BIGINT };
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) <= 2147483647) return { kind: 'const', value: v, type: INTEGER };
    return { kind: 'const', value: v, type: DOUBLE };
  }
  if (v instanceof Date) return { kind: 'const', value: v.toISOString().replace('T', ' ').replace('Z', ''), type: UNKNOWN };
  return { kind: 'const', value: String(v), type: UNKNOWN };
}

function bindUnary(e: ast.UnaryOp, ctx: ExprContext): PExpr {
  const operand = bindExpr(e.operand, ctx);
  if (e.op === 'not') return { kind: 'not', arg: coerce(operand, BOOLEAN, 'implicit', e.operand.pos), type: BOOLEAN };
  if (e.op === '-' && operand.kind === 'const' && operand.value !== null && e.operand.kind === 'literal') {
    // Fold negative literals so -2147483648 is an INTEGER and errors point at the literal.
    return negateConstant(operand);
  }
  return callOperator(e.op, [operand], e.pos);
}

function negateConstant(c: Extract<PExpr, { kind: 'const' }>): PExpr {
  if (typeof c.value === 'number') return { ...c, value: -c.value };
  if (typeof c.value === 'bigint') {
    const v = -c.value;
    if (c.type.kind === 'bigint' && v === -2147483648n) return { kind: 'const', value: -2147483648, type: INTEGER };
    return { ...c, value: v };
  }
  return c;
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>=']);

function bindBinary(e: ast.BinaryOp, ctx: ExprContext): PExpr {
  if (e.op === 'and' || e.op === 'or') {
    const args = [bindExpr(e.left, ctx), bindExpr(e.right, ctx)].map((a, i) =>
      coerce(a, BOOLEAN, 'implicit', i === 0 ? e.left.pos : e.right.pos),
    );
    return { kind: e.op, args, type: BOOLEAN };
  }
  if (e.op === '||' && (isArrayConstructor(e.left) || isArrayConstructor(e.right))) return bindArrayConcat(e, ctx);
  const left = bindExpr(e.left, ctx);
  const right = bindExpr(e.right, ctx);
  if (COMPARISONS.has(e.op)) {
    const [l, r] = unifyForComparison(left, right, e.op, e.pos);
    return { kind: 'compare', op: e.op as '=' | '<>' | '<' | '<=' | '>' | '>=', left: l, right: r, type: BOOLEAN };
  }
  return callOperator(e.op, [left, right], e.pos);
}

function callOperator(op: string, args: PExpr[], pos: number): PExpr {
  let resolved;
  try {
    resolved = resolveOperator(op, args[0]!.type, args.length > 1 ? args[1]!.type : null);
  } catch (err) {
    throw err instanceof SqlError ? err.at(pos) : err;
  }
  const coerced = args.map((a, i) => coerce(a, resolved.argTypes[i]!, 'implicit', pos));
  return { kind: 'call', id: resolved.id, args: coerced, type: resolved.type };
}

function bindIsBool(e: ast.IsBool, ctx: ExprContext): PExpr {
  // Redshift accepts IS TRUE / FALSE / UNKNOWN only as predicates (WHERE), not as values.
  if (ctx.selectList) throw new SqlError(SqlState.featureNotSupported, 'Not implemented', { position: e.pos });
  const arg = coerce(bindExpr(e.expr, ctx), BOOLEAN, 'implicit', e.expr.pos);
  // x IS TRUE  <=> coalesce(x = true, false); IS UNKNOWN <=> x IS NULL.
  let test: PExpr;
  if (e.value === 'unknown') test = { kind: 'isNull', arg, not: false, type: BOOLEAN };
  else {
    const cmp: PExpr = { kind: 'compare', op: '=', left: arg, right: { kind: 'const', value: e.value === 'true', type: BOOLEAN }, type: BOOLEAN };
    test = { kind: 'coalesce', args: [cmp, { kind: 'const', value: false, type: BOOLEAN }], type: BOOLEAN };
  }
  return e.not ? { kind: 'not', arg: test, type: BOOLEAN } : test;
}

function bindCase(e: ast.CaseExpr, ctx: ExprContext): PExpr {
  const operand = e.operand ? bindExpr(e.operand, ctx) : undefined;
  const conditions = e.whens.map((w) => {
    const when = bindExpr(w.when, ctx);
    if (!operand) return coerce(when, BOOLEAN, 'implicit', w.when.pos);
    const [l, r] = unifyForComparison(operand, when, '=', w.when.pos);
    return { kind: 'compare', op: '=', left: l, right: r, type: BOOLEAN } as PExpr;
  });
  const results = e.whens.map((w) => bindExpr(w.then, ctx));
  const elseExpr = e.else ? bindExpr(e.else, ctx) : null;
  const unified = unifyAll(elseExpr ? [...results, elseExpr] : results, 'CASE', e.pos);
  return {
    kind: 'case',
    whens: conditions.map((when, i) => ({ when, then: unified.exprs[i]! })),
    else: elseExpr ? unified.exprs[results.length]! : null,
    type: unified.type,
  };
}

/** Functions whose first argument is a date part, written bare (`dateadd(month, 1, d)`) or quoted. */
const DATE_PART_FUNCTIONS: ReadonlySet<string> = new Set(['dateadd', 'datediff', 'date_part', 'pgdate_part', 'date_trunc']);

/** A bare date part is a keyword, not a column: pass it on as its name in a string. */
function datePartArgs(e: ast.FuncCall): readonly ast.Expr[] {
  const first = e.args[0];
  if (!DATE_PART_FUNCTIONS.has(e.name) || first?.kind !== 'column' || first.qualifier.length > 0) return e.args;
  return [{ kind: 'literal', type: 'string', value: first.name, pos: first.pos }, ...e.args.slice(1)];
}

function bindFunction(e: ast.FuncCall, ctx: ExprContext): PExpr {
  if (e.withinGroup) throw notSupported(`${e.name} ... WITHIN GROUP`, e.pos);
  if (LEADER_ONLY_FUNCTIONS.has(e.name)) ctx.env.leaderOnly?.record(e);
  if (isArrayConstructor(e)) return bindArrayConstructor(e, ctx);
  switch (e.name) {
    case 'decode':
      return bindDecode(e, ctx);
    case 'nvl2':
      return bindNvl2(e, ctx);
    case 'greatest':
    case 'least':
      return bindGreatestLeast(e, ctx);
    case 'now':
    case 'current_timestamp':
      return { kind: 'const', value: ctx.env.transactionTime, type: TIMESTAMPTZ };
    case 'localtimestamp':
      return { kind: 'const', value: ctx.env.transactionTime, type: TIMESTAMP };
    case 'coalesce':
    case 'nvl': {
      if (e.args.length === 0) throw new SqlError(SqlState.syntaxError, `syntax error at or near ")"`, { position: e.pos });
      const unified = unifyAll(
        e.args.map((a) => bindExpr(a, ctx)),
        'COALESCE',
        e.pos,
      );
      return { kind: 'coalesce', args: unified.exprs, type: unified.type };
    }
    case 'current_user':
    case 'session_user':
    case 'user':
      return { kind: 'const', value: ctx.env.session.user, type: varcharType(128) };
    case 'current_user_id':
      // The session's user is the cluster's admin (catalog/system/listing.ts), or rdsdb.
      return { kind: 'const', value: ctx.env.session.user === 'rdsdb' ? RDSDB_USER_ID : ADMIN_USER_ID, type: INTEGER };
    case 'current_database':
      return { kind: 'const', value: ctx.env.session.database, type: varcharType(128) };
    case 'pg_backend_pid':
      return { kind: 'const', value: ctx.env.session.sessionId, type: INTEGER };
    case 'pg_last_query_id':
      return { kind: 'const', value: ctx.env.session.lastQueryId(), type: INTEGER };
    case 'pg_last_copy_id':
      return { kind: 'const', value: ctx.env.session.lastCopyId, type: INTEGER };
    case 'pg_last_copy_count':
      return { kind: 'const', value: BigInt(ctx.env.session.lastCopyCount), type: BIGINT };
    case 'getdate':
      return { kind: 'const', value: Math.floor(ctx.env.statementTime / 1e6) * 1e6, type: TIMESTAMP };
    case 'sysdate':
      return { kind: 'const', value: ctx.env.transactionTime, type: TIMESTAMP };
    case 'current_date':
      return { kind: 'const', value: Math.floor(ctx.env.statementTime / 86_400_000_000), type: DATE };
  }
  // Catalog/session functions (format_type, has_table_privilege, pg_table_is_visible, ...): catalog-functions.ts.
  const catalogCall = bindCatalogFunction(e, ctx.env, (a) => bindExpr(a, ctx));
  if (catalogCall) return catalogCall;
  const args = datePartArgs(e).map((a) => bindExpr(a, ctx));
  let resolved;
  try {
    resolved = resolveFunction(e.name, args.map((a) => a.type));
  } catch (err) {
    throw err instanceof SqlError ? err.at(e.pos) : err;
  }
  const coerced = args.map((a, i) => coerce(a, resolved.argTypes[i] ?? a.type, 'implicit', e.args[i]!.pos));
  return { kind: 'call', id: resolved.id, args: coerced, type: resolved.type };
}

/** Collect every aggregate call in an expression (to know whether a query aggregates). */
export function containsAggregate(e: ast.Expr | undefined): boolean {
  if (!e) return false;
  let found = false;
  JSON.stringify(e, (_k, v: unknown) => {
    if (found) return undefined;
    if (v && typeof v === 'object' && (v as { kind?: string }).kind === 'func') {
      const f = v as ast.FuncCall;
      if (AGGREGATES.has(f.name) && f.over === undefined) found = true;
    }
    // Subqueries have their own aggregation.
    if (v && typeof v === 'object' && ['subquery', 'exists', 'inSubquery'].includes((v as { kind?: string }).kind ?? '')) return undefined;
    return v;
  });
  return found;
}

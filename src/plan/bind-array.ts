/**
 * The array forms catalog queries use, over arrays held as PostgreSQL array text (`{a,b}`, see
 * types/fn-array.ts) — Slicewise has no array type, and only catalog columns and constants are arrays:
 * - `ARRAY(SELECT x FROM ... [WHERE ...] [ORDER BY ...])`: rewritten into the aggregate subquery
 *   `(SELECT '{' || COALESCE(LISTAGG(QUOTE_ARRAY_ELEMENT(x), ',') WITHIN GROUP (ORDER BY ...), '') || '}' FROM ...)`,
 *   which binds (and decorrelates) like any scalar subquery;
 * - `a || ARRAY(...)` / `ARRAY(...) || a`: ARRAY_CAT;
 * - `unnest(array)` in FROM, over a constant, or over a column of a system table from the enclosing
 *   query (psql's `unnest(tc.reloptions)`): the elements of the values that column has in the
 *   statement's catalog snapshot, joined to the outer row by a correlated `array = outer column`.
 */
import type { PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BOOLEAN, SqlError, SqlState, varcharType } from '../types/index.js';
import { parseArrayText } from '../types/fn-array.js';
import { bindExpr, containsAggregate, notSupported, type ExprContext } from './bind-expr.js';
import { callFunction } from './bind-special.js';
import { OUTER_BASE, type OuterScope } from './bind-subquery.js';
import type { BindEnvironment } from './context.js';
import { foldConstants } from './fold.js';
import type { LPlan } from './logical.js';
import { Scope, type ScopeColumn } from './scope.js';

/** `ARRAY(subquery)`. */
export function isArrayConstructor(e: ast.Expr): boolean {
  return e.kind === 'func' && e.name === 'array' && e.schema === undefined && e.args.length === 1 && e.args[0]!.kind === 'subquery';
}

export function bindArrayConstructor(e: ast.FuncCall, ctx: ExprContext): PExpr {
  const sub = e.args[0] as ast.ScalarSubquery;
  return bindExpr({ kind: 'subquery', pos: sub.pos, query: arrayAggregateQuery(sub.query, e.pos) }, ctx);
}

/** `a || b` where either side is ARRAY(...): the arrays' concatenation. */
export function bindArrayConcat(e: ast.BinaryOp, ctx: ExprContext): PExpr {
  return callFunction('array_cat', [bindExpr(e.left, ctx), bindExpr(e.right, ctx)], e.pos, [e.left.pos, e.right.pos]);
}

function arrayAggregateQuery(q: ast.Query, pos: number): ast.Select {
  const unsupported = (): SqlError => notSupported('ARRAY() over a subquery with DISTINCT, GROUP BY, LIMIT, set operations or more than one column', pos);
  if (q.kind !== 'select' || q.distinct || q.groupBy || q.having || q.qualify || q.limit || q.offset || q.top || q.into) throw unsupported();
  const item = q.items.length === 1 ? q.items[0]! : undefined;
  if (!item || item.expr.kind === 'star' || containsAggregate(item.expr)) throw unsupported();
  const text = (value: string): ast.Expr => ({ kind: 'literal', pos, type: 'string', value });
  const call = (name: string, args: ast.Expr[], withinGroup?: readonly ast.OrderItem[]): ast.FuncCall => ({ kind: 'func', pos, name, args, distinct: false, approximate: false, withinGroup });
  // ORDER BY 1 / ORDER BY <alias> name the one select item.
  const order = q.orderBy.map((o): ast.OrderItem => {
    const e = o.expr;
    const ordinal = e.kind === 'literal' && e.type === 'number' && e.value === '1';
    const alias = e.kind === 'column' && e.qualifier.length === 0 && e.name === item.alias;
    return ordinal || alias ? { ...o, expr: item.expr } : o;
  });
  const elements = call('listagg', [call('quote_array_element', [item.expr]), text(',')], order.length > 0 ? order : undefined);
  const body = call('coalesce', [elements, text('')]);
  const concat = (left: ast.Expr, right: ast.Expr): ast.Expr => ({ kind: 'binary', pos, op: '||', left, right });
  const value = concat(concat(text('{'), body), text('}'));
  return { ...q, items: [{ kind: 'selectItem', pos: item.pos, expr: value, alias: item.alias }], orderBy: [] };
}

/** A FROM item's plan and scope, plus conditions on the enclosing query's row (OUTER_BASE columns) it needs. */
export interface UnnestResult {
  readonly plan: LPlan;
  readonly scope: Scope;
  readonly correlated: readonly PExpr[];
}

/** `unnest(array) [AS] alias [(column)]` in FROM. */
export function bindUnnest(item: ast.FunctionRef, env: BindEnvironment, outer: OuterScope | undefined): UnnestResult {
  const f = item.func;
  if (f.args.length !== 1) throw new SqlError(SqlState.undefinedFunction, `function unnest with ${f.args.length} arguments does not exist`, { position: f.pos });
  const argAst = f.args[0]!;
  const arg = foldConstants(bindExpr(argAst, { env, scope: Scope.empty(), noAggregatesIn: 'functions in FROM', outer: outer && { ...outer, allowed: true } }));
  const type = arg.type.kind === 'varchar' ? arg.type : varcharType(65535);
  const table = item.alias ?? 'unnest';
  const column: ScopeColumn = { table, schema: null, name: item.columnAliases?.[0] ?? item.alias ?? 'unnest', type };
  if (arg.kind === 'const') {
    const elements = arg.value === null ? [] : parseArrayText(String(arg.value));
    const plan: LPlan = { kind: 'rows', name: 'unnest', batch: { columns: [elements], rowCount: elements.length }, types: [type] };
    return { plan, scope: new Scope([column]), correlated: [] };
  }
  const source = arg.kind === 'col' && arg.index >= OUTER_BASE ? outer?.scope.columns[arg.index - OUTER_BASE] : undefined;
  if (!source?.catalogValues) throw notSupported('unnest() of anything but a constant or a system table column of the enclosing query', argAst.pos);
  // One row per element of every distinct array the column holds, beside the array it came from.
  const arrays = [...new Set(source.catalogValues.filter((v): v is string => typeof v === 'string'))];
  const elements: unknown[] = [];
  const owners: unknown[] = [];
  for (const a of arrays) {
    for (const e of parseArrayText(a)) {
      elements.push(e);
      owners.push(a);
    }
  }
  const plan: LPlan = { kind: 'rows', name: 'unnest', batch: { columns: [elements, owners], rowCount: elements.length }, types: [type, arg.type] };
  const owner: ScopeColumn = { table, schema: null, name: '$unnest_array', type: arg.type, hidden: true };
  const correlated: PExpr = { kind: 'compare', op: '=', left: { kind: 'col', index: 1, type: arg.type }, right: arg, type: BOOLEAN };
  return { plan, scope: new Scope([column, owner]), correlated: [correlated] };
}

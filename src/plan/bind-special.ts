/**
 * Expression forms with their own syntax or rules, bound onto plain calls and CASEs: LIKE / ILIKE /
 * SIMILAR TO, EXTRACT, INTERVAL literals, BETWEEN SYMMETRIC, DECODE, NVL2, GREATEST / LEAST, and the
 * leader-node-only functions (which may not be mixed with user tables).
 */
import type { PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BOOLEAN, INTERVAL, SqlError, SqlState, parseValue, resolveFunction, varcharType } from '../types/index.js';
import { bindExpr, type ExprContext } from './bind-expr.js';
import { coerce, unifyAll, unifyForComparison } from './coerce.js';

/** A scalar function call by name over bound arguments, with implicit argument casts. */
export function callFunction(name: string, args: readonly PExpr[], pos: number, argPositions?: readonly number[]): PExpr {
  let resolved;
  try {
    resolved = resolveFunction(name, args.map((a) => a.type));
  } catch (err) {
    throw err instanceof SqlError ? err.at(pos) : err;
  }
  const coerced = args.map((a, i) => coerce(a, resolved.argTypes[i] ?? a.type, 'implicit', argPositions?.[i] ?? pos));
  return { kind: 'call', id: resolved.id, args: coerced, type: resolved.type };
}

const LIKE_FUNCTIONS = { like: 'like', ilike: 'ilike', similar: 'similar_to' } as const;

export function bindLike(e: ast.Like, ctx: ExprContext): PExpr {
  const parts = [e.expr, e.pattern, ...(e.escape ? [e.escape] : [])];
  const call = callFunction(
    LIKE_FUNCTIONS[e.op],
    parts.map((p) => bindExpr(p, ctx)),
    e.pos,
    parts.map((p) => p.pos),
  );
  return e.not ? { kind: 'not', arg: call, type: BOOLEAN } : call;
}

export function bindExtract(e: ast.ExtractExpr, ctx: ExprContext): PExpr {
  const part: PExpr = { kind: 'const', value: e.part, type: varcharType(e.part.length) };
  return callFunction('extract', [part, bindExpr(e.expr, ctx)], e.pos);
}

export function bindInterval(e: ast.IntervalLiteral): PExpr {
  const text = e.unit ? `${e.value} ${e.unit}` : e.value;
  try {
    return { kind: 'const', value: parseValue(text, INTERVAL), type: INTERVAL };
  } catch (err) {
    throw err instanceof SqlError ? err.at(e.pos) : err;
  }
}

/** `x BETWEEN SYMMETRIC a AND b`: between the smaller and the larger bound. */
export function bindSymmetricBetween(e: ast.Between, ctx: ExprContext): PExpr {
  const x = bindExpr(e.expr, ctx);
  const range = (lowAst: ast.Expr, highAst: ast.Expr): PExpr => {
    const [a1, lo] = unifyForComparison(x, bindExpr(lowAst, ctx), '>=', e.pos);
    const [a2, hi] = unifyForComparison(x, bindExpr(highAst, ctx), '<=', e.pos);
    return {
      kind: 'and',
      args: [
        { kind: 'compare', op: '>=', left: a1, right: lo, type: BOOLEAN },
        { kind: 'compare', op: '<=', left: a2, right: hi, type: BOOLEAN },
      ],
      type: BOOLEAN,
    };
  };
  const inside: PExpr = { kind: 'or', args: [range(e.low, e.high), range(e.high, e.low)], type: BOOLEAN };
  return e.not ? { kind: 'not', arg: inside, type: BOOLEAN } : inside;
}

/** DECODE(expr, search1, result1, ..., [default]): a simple CASE in which a NULL search matches NULL. */
export function bindDecode(e: ast.FuncCall, ctx: ExprContext): PExpr {
  if (e.args.length < 3) {
    throw new SqlError(SqlState.undefinedFunction, `function decode with ${e.args.length} arguments does not exist`, { position: e.pos });
  }
  const operand = bindExpr(e.args[0]!, ctx);
  const pairs = Math.floor((e.args.length - 1) / 2);
  const whens: PExpr[] = [];
  const results: PExpr[] = [];
  for (let i = 0; i < pairs; i++) {
    const searchAst = e.args[1 + 2 * i]!;
    const search = bindExpr(searchAst, ctx);
    if (search.kind === 'const' && search.value === null) {
      whens.push({ kind: 'isNull', arg: operand, not: false, type: BOOLEAN });
    } else {
      const [l, r] = unifyForComparison(operand, search, '=', searchAst.pos);
      whens.push({ kind: 'compare', op: '=', left: l, right: r, type: BOOLEAN });
    }
    results.push(bindExpr(e.args[2 + 2 * i]!, ctx));
  }
  const hasDefault = (e.args.length - 1) % 2 === 1;
  if (hasDefault) results.push(bindExpr(e.args[e.args.length - 1]!, ctx));
  const unified = unifyAll(results, 'DECODE', e.pos);
  return {
    kind: 'case',
    whens: whens.map((when, i) => ({ when, then: unified.exprs[i]! })),
    else: hasDefault ? unified.exprs[pairs]! : null,
    type: unified.type,
  };
}

/** NVL2(expr, if_not_null, if_null). */
export function bindNvl2(e: ast.FuncCall, ctx: ExprContext): PExpr {
  if (e.args.length !== 3) {
    throw new SqlError(SqlState.undefinedFunction, `function nvl2 with ${e.args.length} arguments does not exist`, { position: e.pos });
  }
  const test = bindExpr(e.args[0]!, ctx);
  const unified = unifyAll([bindExpr(e.args[1]!, ctx), bindExpr(e.args[2]!, ctx)], 'NVL2', e.pos);
  return {
    kind: 'case',
    whens: [{ when: { kind: 'isNull', arg: test, not: true, type: BOOLEAN }, then: unified.exprs[0]! }],
    else: unified.exprs[1]!,
    type: unified.type,
  };
}

/** GREATEST / LEAST: arguments brought to one type, then the registry's implementation (NULLs ignored). */
export function bindGreatestLeast(e: ast.FuncCall, ctx: ExprContext): PExpr {
  if (e.args.length === 0) throw new SqlError(SqlState.syntaxError, 'syntax error at or near ")"', { position: e.pos });
  const unified = unifyAll(
    e.args.map((a) => bindExpr(a, ctx)),
    e.name.toUpperCase(),
    e.pos,
  );
  const args = unified.type.kind === 'unknown' ? unified.exprs.map((a) => coerce(a, varcharType(256), 'implicit', e.pos)) : unified.exprs;
  return callFunction(e.name, args, e.pos);
}

/**
 * Functions that run only on Redshift's leader node: fine in queries over constants and catalog
 * tables, an error in queries that read user tables (planQuery checks, after binding).
 */
export const LEADER_ONLY_FUNCTIONS: ReadonlySet<string> = new Set([
  'current_schema',
  'current_schemas',
  'has_database_privilege',
  'has_schema_privilege',
  'has_table_privilege',
  'has_function_privilege',
  'has_language_privilege',
  'now',
  'current_timestamp',
  'current_time',
  'localtime',
  'localtimestamp',
  'timeofday',
  'age',
  'version',
  'pg_get_viewdef',
  'pg_get_cols',
  'format_type',
  'col_description',
  'obj_description',
]);

/** Leader-only functions a statement used, as Redshift names them in its INFO messages. */
export class LeaderOnlyUse {
  readonly names: string[] = [];

  record(e: ast.FuncCall): void {
    const shown = `${e.name}()`;
    if (!this.names.includes(shown)) this.names.push(shown);
  }

  /** The error for a query that also reads user tables (Redshift prints one INFO per function first). */
  error(): SqlError {
    return new SqlError(SqlState.featureNotSupported, 'Specified types or functions (one per INFO message) not supported on Redshift tables.', {
      detail: this.names.map((n) => `INFO:  Function "${n}" not supported.`).join('\n'),
    });
  }
}

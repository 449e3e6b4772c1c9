/**
 * Small builders for PExprs the binder synthesizes rather than binds from SQL text (the catalog
 * functions' lookups and string formatting).
 */
import type { PExpr } from '../exec/spec.js';
import { BOOLEAN, INTEGER, SqlError, resolveOperator, varcharType, type SqlType } from '../types/index.js';
import { coerce } from './coerce.js';

export function constant(value: unknown, type: SqlType): PExpr {
  return { kind: 'const', value, type };
}

export function isNullTest(arg: PExpr): PExpr {
  return { kind: 'isNull', arg, not: false, type: BOOLEAN };
}

export function equals(left: PExpr, value: number): PExpr {
  return { kind: 'compare', op: '=', left, right: constant(value, INTEGER), type: BOOLEAN };
}

export function atLeast(left: PExpr, value: number): PExpr {
  return { kind: 'compare', op: '>=', left, right: constant(value, INTEGER), type: BOOLEAN };
}

export function both(a: PExpr, b: PExpr): PExpr {
  return { kind: 'and', args: [a, b], type: BOOLEAN };
}

/** `CASE WHEN ... THEN ... ELSE ... END`, every branch brought to `type`. */
export function caseOf(whens: readonly (readonly [PExpr, PExpr])[], otherwise: PExpr | null, type: SqlType, pos: number): PExpr {
  if (whens.length === 0) return otherwise ? coerce(otherwise, type, 'implicit', pos) : constant(null, type);
  return {
    kind: 'case',
    whens: whens.map(([when, then]) => ({ when, then: coerce(then, type, 'implicit', pos) })),
    else: otherwise ? coerce(otherwise, type, 'implicit', pos) : null,
    type,
  };
}

/** A binary operator of the type registry (`||`, `-`, `/`, `%`) applied to two expressions. */
export function operator(op: string, left: PExpr, right: PExpr, pos: number): PExpr {
  let resolved;
  try {
    resolved = resolveOperator(op, left.type, right.type);
  } catch (err) {
    throw err instanceof SqlError ? err.at(pos) : err;
  }
  return { kind: 'call', id: resolved.id, args: [coerce(left, resolved.argTypes[0]!, 'implicit', pos), coerce(right, resolved.argTypes[1]!, 'implicit', pos)], type: resolved.type };
}

/** Concatenation of strings and integers (integers rendered as text), left to right. */
export function concat(parts: readonly (string | PExpr)[], pos: number): PExpr {
  const exprs = parts.map((p) => (typeof p === 'string' ? constant(p, varcharType(Math.max(p.length, 1))) : p.type.kind === 'integer' ? coerce(p, varcharType(11), 'explicit', pos) : p));
  return exprs.slice(1).reduce((acc, e) => operator('||', acc, e, pos), exprs[0]!);
}

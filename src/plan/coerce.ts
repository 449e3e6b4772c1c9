/**
 * Type coercion during binding: implicit casts between operands, assignment casts into columns,
 * and folding of literal casts at bind time (so a bad literal is reported at its position).
 */
import type { PExpr } from '../exec/spec.js';
import {
  SqlError,
  SqlState,
  canCast,
  castValue,
  commonType,
  isNumericType,
  isDateTimeType,
  isStringType,
  MAX_VARCHAR_LENGTH,
  parseValue,
  typeName,
  typesEqual,
  varcharType,
  type SqlType,
} from '../types/index.js';

const VARCHAR_FOR_COMPARISON = varcharType(65535);

export type CoercionMode = 'implicit' | 'assignment' | 'explicit';

/** `e` converted to `to`. Literals are converted now; other expressions get a cast node. */
export function coerce(e: PExpr, to: SqlType, mode: CoercionMode, pos: number): PExpr {
  if (typesEqual(e.type, to) && !(mode !== 'implicit' && isStringType(to))) return e;
  if (to.kind === 'unknown') return e;
  if (e.kind === 'const') {
    if (e.value === null) return { kind: 'const', value: null, type: to };
    // An untyped string literal compared or unified with a CHAR(n)/VARCHAR(n) value is text of its
    // own length: `venuestate = 'California'` is simply false, not a length error.
    if (e.type.kind === 'unknown' && mode === 'implicit' && isStringType(to)) {
      return { kind: 'const', value: String(e.value), type: varcharType(Math.max(1, Buffer.byteLength(String(e.value)))) };
    }
    try {
      const value = e.type.kind === 'unknown' && mode !== 'explicit' ? parseValue(String(e.value), to) : castValue(e.value, e.type, to, mode === 'explicit');
      return { kind: 'const', value, type: to };
    } catch (err) {
      throw err instanceof SqlError ? err.at(pos) : err;
    }
  }
  if (typesEqual(e.type, to)) return e;
  if (!canCast(e.type, to, mode) && !datetimeAsText(e.type, to, mode)) {
    throw new SqlError('42846', `cannot cast type ${typeName(e.type)} to ${typeName(to)}`, { position: pos });
  }
  return { kind: 'cast', expr: e, type: to, explicit: mode === 'explicit' };
}

/**
 * Where a string is wanted — a string function's argument, LIKE — Redshift takes a date or time value
 * as its text (`YYYY-MM-DD HH:MI:SS`): the guide's own examples run `substring(listtime, 6, 2)` and
 * `saletime like '2008-09%'` on TIMESTAMP columns. PostgreSQL has no such implicit cast, so
 * canCast does not know it (it also decides how types unify, where Redshift does not do this).
 */
function datetimeAsText(from: SqlType, to: SqlType, mode: CoercionMode): boolean {
  return mode === 'implicit' && isDateTimeType(from) && isStringType(to);
}

/**
 * Bring two operands of a comparison to one type, as Redshift does: an untyped literal takes the
 * other side's type; numbers widen; a DECIMAL compared with a string converts the string, other
 * numbers compared with strings compare as strings.
 */
export function unifyForComparison(left: PExpr, right: PExpr, op: string, pos: number): [PExpr, PExpr] {
  const lt = left.type;
  const rt = right.type;
  if (lt.kind === 'unknown' && rt.kind === 'unknown') {
    return [coerce(left, VARCHAR_FOR_COMPARISON, 'implicit', pos), coerce(right, VARCHAR_FOR_COMPARISON, 'implicit', pos)];
  }
  if (lt.kind === 'unknown') return [coerce(left, rt, 'implicit', pos), right];
  if (rt.kind === 'unknown') return [left, coerce(right, lt, 'implicit', pos)];
  if (typesEqual(lt, rt)) return [left, right];
  if (isStringType(lt) && isStringType(rt)) return [left, right];
  if (isNumericType(lt) && isStringType(rt)) return numberVersusString(left, right, pos, false);
  if (isStringType(lt) && isNumericType(rt)) return numberVersusString(right, left, pos, true);
  let common: SqlType;
  try {
    common = commonType([lt, rt], 'comparison');
  } catch {
    throw new SqlError(SqlState.undefinedFunction, `operator does not exist: ${typeName(lt)} ${op} ${typeName(rt)}`, {
      position: pos,
      hint: 'No operator matches the given name and argument type(s). You might need to add explicit type casts.',
    });
  }
  return [coerce(left, common, 'implicit', pos), coerce(right, common, 'implicit', pos)];
}

function numberVersusString(num: PExpr, str: PExpr, pos: number, swapped: boolean): [PExpr, PExpr] {
  const pair: [PExpr, PExpr] =
    num.type.kind === 'decimal'
      ? [num, coerce(str, num.type, 'implicit', pos)]
      : [coerce(num, VARCHAR_FOR_COMPARISON, 'implicit', pos), str];
  return swapped ? [pair[1], pair[0]] : pair;
}

/** The common type of several expressions (CASE branches, COALESCE, IN lists, VALUES columns), each coerced to it. */
export function unifyAll(exprs: readonly PExpr[], context: string, pos: number): { type: SqlType; exprs: PExpr[] } {
  let type: SqlType;
  try {
    type = commonType(
      exprs.map((e) => e.type),
      context,
    );
  } catch (err) {
    throw err instanceof SqlError ? err.at(pos) : err;
  }
  type = widenForLiterals(type, exprs);
  const unified = type;
  return { type, exprs: exprs.map((e) => coerce(e, unified, 'implicit', pos)) };
}

/**
 * A string type unified with untyped literals is as long as the longest of them: `CASE ... THEN
 * venuestate ELSE 'BUILDING' END` is a CHAR that can hold 'BUILDING', not CHAR(2). An untyped value
 * whose length the binder cannot see — a derived table's literal column, `(SELECT 'San Francisco' AS
 * c4 ...) t1` — makes it a VARCHAR of the largest length, as PostgreSQL resolves such a column to
 * text: CHAR(2) would reject the value at run time.
 */
function widenForLiterals(type: SqlType, exprs: readonly PExpr[]): SqlType {
  if (type.kind !== 'char' && type.kind !== 'varchar') return type;
  let length = type.length;
  for (const e of exprs) {
    if (e.type.kind !== 'unknown') continue;
    if (e.kind !== 'const') return varcharType(MAX_VARCHAR_LENGTH);
    if (e.value !== null) length = Math.max(length, Buffer.byteLength(String(e.value)));
  }
  // CHAR stays CHAR (its trailing blanks still do not count), only longer.
  return length === type.length ? type : { kind: type.kind, length };
}

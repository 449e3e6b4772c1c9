/**
 * Conversions between types: which casts exist in which context (PostgreSQL's implicit /
 * assignment / explicit levels), converting values, and the common type of a list (CASE, UNION, ...).
 */
import {
  MAX_DECIMAL_PRECISION,
  MAX_VARCHAR_LENGTH,
  assertNever,
  charType,
  decimalType,
  isNumericType,
  isStringType,
  varcharType,
  type Interval,
  type SqlType,
} from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { checkDecimalFits, decimalToNumber, divideRounded, numberToDecimal, pow10, rescale } from './decimal.js';
import { MICROS_PER_DAY, splitMicros } from './datetime.js';
import { formatValue } from './format.js';
import { fitString, parseValue } from './parse.js';
import { trimTrailingBlanks } from './strings.js';
import { bareTypeName, cannotCast, integerOutOfRange, outOfRange } from './type-errors.js';

export { parseValue } from './parse.js';

type Context = 'implicit' | 'assignment' | 'explicit';

// ---------------------------------------------------------------- numbers

const INT_LIMITS = { smallint: 32768, integer: 2147483648 } as const;
const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

/** Round half to even, as PostgreSQL's rint() does when a float becomes an integer. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** A numeric value as an exact bigint integer (DECIMAL rounds half away from zero, floats half to even). */
function toIntegerBigint(value: unknown, from: SqlType, target: 'smallint' | 'integer' | 'bigint'): bigint {
  switch (from.kind) {
    case 'bigint':
      return value as bigint;
    case 'decimal':
      return divideRounded(value as bigint, pow10(from.scale), 'round');
    case 'real':
    case 'double': {
      const x = roundHalfEven(value as number);
      if (!(x >= -9223372036854775808 && x < 9223372036854775808)) throw integerOutOfRange(target);
      return BigInt(x);
    }
    case 'boolean':
      return value ? 1n : 0n;
    default:
      return BigInt(value as number);
  }
}

function toSmallOrInteger(value: unknown, from: SqlType, target: 'smallint' | 'integer'): number {
  const limit = INT_LIMITS[target];
  let n: number;
  if (from.kind === 'smallint' || from.kind === 'integer') n = value as number;
  else if (from.kind === 'real' || from.kind === 'double') n = roundHalfEven(value as number);
  else if (from.kind === 'boolean') n = value ? 1 : 0;
  else {
    const b = toIntegerBigint(value, from, target);
    if (b >= BigInt(limit) || b < -BigInt(limit)) throw integerOutOfRange(target);
    n = Number(b);
  }
  if (!(n < limit && n >= -limit)) throw integerOutOfRange(target);
  return n || 0;
}

function toBigint(value: unknown, from: SqlType): bigint {
  const b = toIntegerBigint(value, from, 'bigint');
  if (b < BIGINT_MIN || b > BIGINT_MAX) throw integerOutOfRange('bigint');
  return b;
}

function toDecimal(value: unknown, from: SqlType, precision: number, scale: number): bigint {
  switch (from.kind) {
    case 'smallint':
    case 'integer':
      return checkDecimalFits(BigInt(value as number) * pow10(scale), precision, scale);
    case 'bigint':
      return checkDecimalFits((value as bigint) * pow10(scale), precision, scale);
    case 'decimal':
      return checkDecimalFits(rescale(value as bigint, from.scale, scale, 'round'), precision, scale);
    case 'real':
      return numberToDecimal(value as number, 6, precision, scale);
    case 'double':
      return numberToDecimal(value as number, 15, precision, scale);
    default:
      throw cannotCast(from, decimalType(precision, scale));
  }
}

function toDouble(value: unknown, from: SqlType): number {
  switch (from.kind) {
    case 'smallint':
    case 'integer':
    case 'real':
    case 'double':
      return value as number;
    case 'bigint':
      return Number(value as bigint);
    case 'decimal':
      return decimalToNumber(value as bigint, from.scale);
    default:
      throw cannotCast(from, { kind: 'double' });
  }
}

function toReal(value: unknown, from: SqlType): number {
  const x = toDouble(value, from);
  const r = Math.fround(x);
  if (!Number.isFinite(r) && Number.isFinite(x)) throw outOfRange('value out of range: overflow');
  if (r === 0 && x !== 0) throw outOfRange('value out of range: underflow');
  return r;
}

// ---------------------------------------------------------------- values

/** The text of a value on its way to a string type (CHAR's padding is not part of its value). */
function textOf(value: unknown, from: SqlType): string {
  if (from.kind === 'char') return trimTrailingBlanks(value as string);
  if (from.kind === 'varchar' || from.kind === 'unknown') return value as string;
  return formatValue(value, from);
}

/**
 * Convert a non-null engine value between types. `explicit` (CAST/::) truncates strings to the target
 * length; assignment (INSERT/UPDATE) raises 22001 `value too long for type character varying(n)`.
 */
export function castValue(value: unknown, from: SqlType, to: SqlType, explicit: boolean): unknown {
  if (to.kind === 'char' || to.kind === 'varchar') return fitString(textOf(value, from), to, explicit);
  if (isStringType(from) || from.kind === 'unknown') {
    return to.kind === 'unknown' ? value : parseValue(textOf(value, from), to);
  }
  switch (to.kind) {
    case 'smallint':
    case 'integer':
      if (isNumericType(from) || (explicit && from.kind === 'boolean')) return toSmallOrInteger(value, from, to.kind);
      break;
    case 'bigint':
      if (isNumericType(from) || (explicit && from.kind === 'boolean')) return toBigint(value, from);
      break;
    case 'decimal':
      if (isNumericType(from)) return toDecimal(value, from, to.precision, to.scale);
      break;
    case 'real':
      if (isNumericType(from)) return toReal(value, from);
      break;
    case 'double':
      if (isNumericType(from)) return toDouble(value, from);
      break;
    case 'boolean':
      if (from.kind === 'boolean') return value;
      if (from.kind === 'smallint' || from.kind === 'integer') return value !== 0;
      if (from.kind === 'bigint') return value !== 0n;
      break;
    case 'date':
      if (from.kind === 'date') return value;
      if (from.kind === 'timestamp' || from.kind === 'timestamptz') return splitMicros(value as number).days;
      break;
    case 'timestamp':
    case 'timestamptz':
      // The session time zone is UTC, so TIMESTAMP and TIMESTAMPTZ hold the same instant.
      if (from.kind === 'timestamp' || from.kind === 'timestamptz') return value;
      if (from.kind === 'date') return (value as number) * MICROS_PER_DAY;
      break;
    case 'time':
      if (from.kind === 'time') return value;
      if (from.kind === 'timestamp' || from.kind === 'timestamptz') return splitMicros(value as number).timeOfDay;
      break;
    case 'interval':
      if (from.kind === 'interval') return value;
      if (from.kind === 'time') return { months: 0, days: 0, micros: value as number } satisfies Interval;
      break;
    case 'unknown':
      return formatValue(value, from);
    default:
      return assertNever(to);
  }
  throw cannotCast(from, to);
}

// ---------------------------------------------------------------- cast existence

const NUMERIC_RANK: Partial<Record<SqlType['kind'], number>> = { smallint: 0, integer: 1, bigint: 2, decimal: 3, real: 4, double: 5 };

function implicitCast(from: SqlType, to: SqlType): boolean {
  if (from.kind === to.kind || from.kind === 'unknown') return true;
  const rf = NUMERIC_RANK[from.kind];
  const rt = NUMERIC_RANK[to.kind];
  if (rf !== undefined && rt !== undefined) return rt > rf;
  if (isStringType(from) && isStringType(to)) return true;
  if (from.kind === 'date') return to.kind === 'timestamp' || to.kind === 'timestamptz';
  if (from.kind === 'timestamp') return to.kind === 'timestamptz';
  return from.kind === 'time' && to.kind === 'interval';
}

function assignmentCast(from: SqlType, to: SqlType): boolean {
  if (implicitCast(from, to)) return true;
  if (isNumericType(from) && isNumericType(to)) return true;
  if (isStringType(to)) return true;
  if (from.kind === 'timestamp' || from.kind === 'timestamptz') return to.kind === 'date' || to.kind === 'time' || to.kind === 'timestamp';
  return false;
}

function explicitCast(from: SqlType, to: SqlType): boolean {
  if (assignmentCast(from, to)) return true;
  if (isStringType(from)) return to.kind !== 'unknown';
  const intTo = to.kind === 'smallint' || to.kind === 'integer' || to.kind === 'bigint';
  const intFrom = from.kind === 'smallint' || from.kind === 'integer' || from.kind === 'bigint';
  return (from.kind === 'boolean' && intTo) || (intFrom && to.kind === 'boolean');
}

/** Whether a cast exists in the given context. */
export function canCast(from: SqlType, to: SqlType, context: Context): boolean {
  switch (context) {
    case 'implicit':
      return implicitCast(from, to);
    case 'assignment':
      return assignmentCast(from, to);
    case 'explicit':
      return explicitCast(from, to);
    default:
      return assertNever(context);
  }
}

// ---------------------------------------------------------------- common type

/** Integers take part in DECIMAL arithmetic and unions as DECIMAL(5,0) / (10,0) / (19,0). */
export function asDecimal(t: SqlType): { precision: number; scale: number } | null {
  switch (t.kind) {
    case 'smallint': return { precision: 5, scale: 0 };
    case 'integer': return { precision: 10, scale: 0 };
    case 'bigint': return { precision: 19, scale: 0 };
    case 'decimal': return { precision: t.precision, scale: t.scale };
    default: return null;
  }
}

type Category = 'numeric' | 'string' | 'boolean' | 'datetime' | 'time' | 'interval';

function categoryOf(t: SqlType): Category | null {
  if (isNumericType(t)) return 'numeric';
  if (isStringType(t)) return 'string';
  switch (t.kind) {
    case 'boolean': return 'boolean';
    case 'date': case 'timestamp': case 'timestamptz': return 'datetime';
    case 'time': return 'time';
    case 'interval': return 'interval';
    default: return null;
  }
}

function commonNumeric(types: readonly SqlType[]): SqlType {
  let top = types[0]!;
  for (const t of types) if (NUMERIC_RANK[t.kind]! > NUMERIC_RANK[top.kind]!) top = t;
  if (top.kind !== 'decimal') return top;
  // DECIMAL unification (§7.2): s = max(s), p = max(integer digits) + s, capped at 19 unless an input is wider.
  let scale = 0;
  let integerDigits = 0;
  let wide = false;
  for (const t of types) {
    const d = asDecimal(t)!;
    scale = Math.max(scale, d.scale);
    integerDigits = Math.max(integerDigits, d.precision - d.scale);
    wide ||= d.precision > 19;
  }
  const cap = wide ? MAX_DECIMAL_PRECISION : 19;
  return decimalType(Math.min(integerDigits + scale, cap), Math.min(scale, cap));
}

function commonString(types: readonly SqlType[]): SqlType {
  let length = 0;
  let allChar = true;
  for (const t of types) {
    if (t.kind === 'char' || t.kind === 'varchar') length = Math.max(length, t.length);
    allChar &&= t.kind === 'char';
  }
  return allChar ? charType(length) : varcharType(length);
}

function commonDatetime(types: readonly SqlType[]): SqlType {
  if (types.some((t) => t.kind === 'timestamptz')) return { kind: 'timestamptz' };
  if (types.some((t) => t.kind === 'timestamp')) return { kind: 'timestamp' };
  return { kind: 'date' };
}

/** The type a list of values unifies to (CASE, COALESCE, UNION, IN lists). Throws 42804 when incompatible. */
export function commonType(types: readonly SqlType[], context: string): SqlType {
  const known = types.filter((t) => t.kind !== 'unknown');
  // Untyped literals alone: text. Their length is not known here, so the widest VARCHAR.
  if (known.length === 0) return varcharType(MAX_VARCHAR_LENGTH);
  const first = known[0]!;
  const category = categoryOf(first);
  for (const t of known) {
    if (categoryOf(t) !== category) {
      throw new SqlError(SqlState.datatypeMismatch, `${context} types ${bareTypeName(first)} and ${bareTypeName(t)} cannot be matched`);
    }
  }
  switch (category) {
    case 'numeric': return commonNumeric(known);
    case 'string': return commonString(known);
    case 'datetime': return commonDatetime(known);
    case 'boolean':
    case 'time':
    case 'interval':
    case null:
      return first;
    default:
      return assertNever(category);
  }
}

/**
 * Operator resolution and implementations: arithmetic on every numeric pair with Redshift's result
 * types, string concatenation, and date/time arithmetic.
 */
import {
  DATE,
  DOUBLE,
  INTEGER,
  INTERVAL,
  MAX_VARCHAR_LENGTH,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  decimalType,
  isNumericType,
  shortTypeName,
  varcharType,
  type Interval,
  type SqlType,
} from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { asDecimal, canCast } from './cast.js';
import { bigintOps, decimalOp, decimalResultShape, floatOps, integerOps, type ArithOp, type Binary } from './arithmetic.js';
import { MICROS_PER_DAY } from './datetime.js';
import {
  addIntervalToTime,
  addIntervalToTimestamp,
  addIntervals,
  multiplyInterval,
  negateInterval,
  subtractIntervals,
  timestampDifference,
} from './interval.js';
import { parametricId, registerFactory, registerImplementation, type ScalarFn } from './registry.js';
import { NO_MATCH_HINT, bareTypeName, divisionByZero, outOfRange } from './type-errors.js';
import { textTypeFor } from './text-conversion.js';

export interface ResolvedFunction {
  readonly id: string;
  readonly type: SqlType;
  readonly argTypes: readonly SqlType[];
}

function noOperator(op: string, left: SqlType, right: SqlType | null): SqlError {
  const text = right ? `${bareTypeName(left)} ${op} ${bareTypeName(right)}` : `${op} ${bareTypeName(left)}`;
  return new SqlError(SqlState.undefinedFunction, `operator does not exist: ${text}`, { hint: NO_MATCH_HINT });
}

// ---------------------------------------------------------------- numeric arithmetic

const ARITH: Record<string, ArithOp> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod' };

const INT_OPS = { smallint: integerOps('smallint'), integer: integerOps('integer') };
const FLOAT_OPS = { real: floatOps(true), double: floatOps(false) };

for (const op of ['add', 'sub', 'mul', 'div', 'mod'] as const) {
  registerImplementation(`int2_${op}`, INT_OPS.smallint[op] as ScalarFn);
  registerImplementation(`int4_${op}`, INT_OPS.integer[op] as ScalarFn);
  registerImplementation(`int8_${op}`, bigintOps[op] as ScalarFn);
  registerFactory(`numeric_${op}`, ([p1, s1, p2, s2]) => ({
    fn: decimalOp(op, { precision: p1!, scale: s1! }, { precision: p2!, scale: s2! }) as ScalarFn,
    strict: true,
  }));
  if (op !== 'mod') {
    registerImplementation(`float4_${op}`, FLOAT_OPS.real[op] as ScalarFn);
    registerImplementation(`float8_${op}`, FLOAT_OPS.double[op] as ScalarFn);
  }
}

/** The type both operands of `+ - * / %` are brought to (Redshift §7.2 table). */
function arithmeticType(l: SqlType, r: SqlType): SqlType {
  const k = new Set([l.kind, r.kind]);
  if (k.has('real') || k.has('double')) return k.size === 1 && k.has('real') ? l : DOUBLE;
  if (k.has('decimal')) return l.kind === 'decimal' ? l : r;
  if (k.has('bigint')) return { kind: 'bigint' };
  if (k.has('integer')) return INTEGER;
  return l;
}

function resolveArithmetic(op: ArithOp, left: SqlType, right: SqlType): ResolvedFunction | null {
  const t = arithmeticType(left, right);
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return { id: `${shortTypeName(t)}_${op}`, type: t, argTypes: [t, t] };
    case 'real':
    case 'double':
      if (op === 'mod') return null;
      return { id: `${shortTypeName(t)}_${op}`, type: t, argTypes: [t, t] };
    case 'decimal': {
      const l = asDecimal(left)!;
      const r = asDecimal(right)!;
      const out = decimalResultShape(op, l, r);
      return {
        id: parametricId(`numeric_${op}`, [l.precision, l.scale, r.precision, r.scale]),
        type: decimalType(out.precision, out.scale),
        argTypes: [decimalType(l.precision, l.scale), decimalType(r.precision, r.scale)],
      };
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------- unary

const negate: Record<string, ScalarFn> = {
  int2_neg: (a) => {
    if (a === -32768) throw outOfRange('smallint out of range');
    return -(a as number) || 0;
  },
  int4_neg: (a) => {
    if (a === -2147483648) throw outOfRange('integer out of range');
    return -(a as number) || 0;
  },
  int8_neg: (a) => bigintOps.sub(0n, a),
  numeric_neg: (a) => -(a as bigint),
  float4_neg: (a) => -(a as number),
  float8_neg: (a) => -(a as number),
  interval_neg: (a) => negateInterval(a as Interval),
};
for (const [id, fn] of Object.entries(negate)) registerImplementation(id, fn);
registerImplementation('identity', (a) => a);

function resolveUnary(op: string, t: SqlType): ResolvedFunction {
  const operand = t.kind === 'unknown' ? DOUBLE : t;
  if ((op === '-' || op === '+') && (isNumericType(operand) || operand.kind === 'interval')) {
    const id = op === '+' ? 'identity' : `${operand.kind === 'interval' ? 'interval' : shortTypeName(operand)}_neg`;
    return { id, type: operand, argTypes: [operand] };
  }
  throw noOperator(op, t, null);
}

// ---------------------------------------------------------------- string concatenation

registerImplementation('textcat', (a, b) => (a as string) + (b as string));

/** `a || b`: both sides as text (CHAR loses its padding), result VARCHAR. */
export function resolveConcat(left: SqlType, right: SqlType): ResolvedFunction {
  const l = textTypeFor(left);
  const r = textTypeFor(right);
  const length = Math.min(l.length + r.length, MAX_VARCHAR_LENGTH);
  return { id: 'textcat', type: varcharType(length), argTypes: [l, r] };
}

// ---------------------------------------------------------------- date / time arithmetic

interface TableOperator {
  readonly op: string;
  readonly left: SqlType;
  readonly right: SqlType;
  readonly result: SqlType;
  readonly id: string;
}

const TABLE: TableOperator[] = [];

function define(op: string, left: SqlType, right: SqlType, result: SqlType, id: string, fn: Binary): void {
  TABLE.push({ op, left, right, result, id });
  registerImplementation(id, fn as ScalarFn);
}

const asTs = (days: unknown): number => (days as number) * MICROS_PER_DAY;
const iv = (x: unknown): Interval => x as Interval;

// Interval forms come first: an untyped literal next to a date reads as an interval ('1 day').
define('+', DATE, INTERVAL, TIMESTAMP, 'date_pl_interval', (d, i) => addIntervalToTimestamp(asTs(d), iv(i)));
define('-', DATE, INTERVAL, TIMESTAMP, 'date_mi_interval', (d, i) => addIntervalToTimestamp(asTs(d), negateInterval(iv(i))));
define('+', INTERVAL, DATE, TIMESTAMP, 'interval_pl_date', (i, d) => addIntervalToTimestamp(asTs(d), iv(i)));
define('+', DATE, INTEGER, DATE, 'date_pli', (d, n) => (d as number) + (n as number));
define('+', INTEGER, DATE, DATE, 'integer_pl_date', (n, d) => (d as number) + (n as number));
define('-', DATE, INTEGER, DATE, 'date_mii', (d, n) => (d as number) - (n as number));
define('-', DATE, DATE, INTEGER, 'date_mi', (a, b) => (a as number) - (b as number));
define('+', DATE, TIME, TIMESTAMP, 'date_pl_time', (d, t) => asTs(d) + (t as number));
define('+', TIME, DATE, TIMESTAMP, 'time_pl_date', (t, d) => asTs(d) + (t as number));
for (const [ts, name] of [[TIMESTAMP, 'timestamp'], [TIMESTAMPTZ, 'timestamptz']] as const) {
  define('+', ts, INTERVAL, ts, `${name}_pl_interval`, (t, i) => addIntervalToTimestamp(t as number, iv(i)));
  define('-', ts, INTERVAL, ts, `${name}_mi_interval`, (t, i) => addIntervalToTimestamp(t as number, negateInterval(iv(i))));
  define('+', INTERVAL, ts, ts, `interval_pl_${name}`, (i, t) => addIntervalToTimestamp(t as number, iv(i)));
  define('-', ts, ts, INTERVAL, `${name}_mi`, (a, b) => timestampDifference(a as number, b as number));
}
define('+', TIME, INTERVAL, TIME, 'time_pl_interval', (t, i) => addIntervalToTime(t as number, iv(i)));
define('-', TIME, INTERVAL, TIME, 'time_mi_interval', (t, i) => addIntervalToTime(t as number, negateInterval(iv(i))));
define('+', INTERVAL, TIME, TIME, 'interval_pl_time', (i, t) => addIntervalToTime(t as number, iv(i)));
define('-', TIME, TIME, INTERVAL, 'time_mi_time', (a, b) => ({ months: 0, days: 0, micros: (a as number) - (b as number) }));
define('+', INTERVAL, INTERVAL, INTERVAL, 'interval_pl', (a, b) => addIntervals(iv(a), iv(b)));
define('-', INTERVAL, INTERVAL, INTERVAL, 'interval_mi', (a, b) => subtractIntervals(iv(a), iv(b)));
define('*', INTERVAL, DOUBLE, INTERVAL, 'interval_mul', (i, f) => multiplyInterval(iv(i), f as number));
define('*', DOUBLE, INTERVAL, INTERVAL, 'mul_d_interval', (f, i) => multiplyInterval(iv(i), f as number));
define('/', INTERVAL, DOUBLE, INTERVAL, 'interval_div', (i, f) => {
  if (f === 0) throw divisionByZero();
  return multiplyInterval(iv(i), 1 / (f as number));
});

/** Best table operator: every operand castable implicitly, most exact matches, first defined on ties. */
function resolveFromTable(op: string, left: SqlType, right: SqlType): ResolvedFunction | null {
  let best: TableOperator | null = null;
  let bestScore = -1;
  for (const candidate of TABLE) {
    if (candidate.op !== op) continue;
    if (!canCast(left, candidate.left, 'implicit') || !canCast(right, candidate.right, 'implicit')) continue;
    const score = (left.kind === candidate.left.kind ? 1 : 0) + (right.kind === candidate.right.kind ? 1 : 0);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best && { id: best.id, type: best.result, argTypes: [best.left, best.right] };
}

// ---------------------------------------------------------------- power

registerImplementation('float8_pow', (a, b) => power(a as number, b as number));

export function power(a: number, b: number): number {
  if (a === 0 && b < 0) throw new SqlError('2201F', 'zero raised to a negative power is undefined');
  if (a < 0 && !Number.isInteger(b)) throw new SqlError('2201F', 'a negative number raised to a non-integer power yields a complex result');
  const r = a ** b;
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw outOfRange('value out of range: overflow');
  return r;
}

// ---------------------------------------------------------------- resolution

/** Operators resolved by code registered from other modules (the regex matches ~ ~* !~ !~*). */
type OperatorResolver = (left: SqlType, right: SqlType) => ResolvedFunction | null;
const customOperators = new Map<string, OperatorResolver>();

export function defineOperator(op: string, resolver: OperatorResolver): void {
  customOperators.set(op, resolver);
}

function resolveBinary(op: string, left: SqlType, right: SqlType): ResolvedFunction | null {
  const bothNumeric = isNumericType(left) && isNumericType(right);
  if (op === '^') return bothNumeric ? { id: 'float8_pow', type: DOUBLE, argTypes: [DOUBLE, DOUBLE] } : null;
  const arith = ARITH[op];
  if (arith && bothNumeric) return resolveArithmetic(arith, left, right);
  return resolveFromTable(op, left, right);
}

/** Resolve a binary (`right` given) or unary operator. Throws 42883 `operator does not exist: ...`. */
export function resolveOperator(op: string, left: SqlType, right: SqlType | null): ResolvedFunction {
  if (right === null) return resolveUnary(op, left);
  if (op === '||') return resolveConcat(left, right);
  const custom = customOperators.get(op);
  if (custom) {
    const found = custom(left, right);
    if (!found) throw noOperator(op, left, right);
    return found;
  }
  if (left.kind === 'unknown' && right.kind === 'unknown') {
    throw new SqlError('42725', `operator is not unique: unknown ${op} unknown`, {
      hint: 'Could not choose a best candidate operator. You might need to add explicit type casts.',
    });
  }
  // An untyped literal first takes the other operand's type; failing that, any type that fits it.
  const l = left.kind === 'unknown' ? right : left;
  const r = right.kind === 'unknown' ? left : right;
  const found = resolveBinary(op, l, r) ?? (l !== left || r !== right ? resolveFromTable(op, left, right) : null);
  if (!found) throw noOperator(op, left, right);
  return found;
}

/**
 * Numeric scalar functions: ABS, CEIL/FLOOR, ROUND, TRUNC, SIGN, MOD, SQRT, CBRT, POWER, EXP, LN, LOG,
 * PI, DEGREES/RADIANS, trigonometry, RANDOM.
 * Integer and DECIMAL overloads stay exact; DECIMAL rounding is half away from zero.
 */
import { DATE, DOUBLE, MAX_DECIMAL_PRECISION, decimalType, type SqlType } from './datatype.js';
import { SqlError } from './errors.js';
import { divideRounded, pow10, type Rounding } from './decimal.js';
import { MICROS_PER_DAY } from './datetime.js';
import { power, resolveOperator } from './operators.js';
import { defineCustom, defineFunction, type Overload, type Param } from './signatures.js';
import { integerOutOfRange, outOfRange } from './type-errors.js';

const INT_PARAMS = ['int2', 'int4', 'int8'] as const;
const INT_LIMIT = { int2: 32767, int4: 2147483647 } as const;

const same = (args: readonly SqlType[]): SqlType => args[0]!;
const scaleOf = (t: SqlType): number => (t.kind === 'decimal' ? t.scale : 0);
const precisionOf = (t: SqlType): number => (t.kind === 'decimal' ? t.precision : 18);

function checkSmall(p: 'int2' | 'int4', v: number): number {
  if (Math.abs(v) > INT_LIMIT[p] && v !== -INT_LIMIT[p] - 1) throw integerOutOfRange(p === 'int2' ? 'smallint' : 'integer');
  return v || 0;
}

const INT8_MAX = 2n ** 63n - 1n;
function checkBig(v: bigint): bigint {
  if (v > INT8_MAX || v < -INT8_MAX - 1n) throw integerOutOfRange('bigint');
  return v;
}

/** Round or truncate a number half away from zero at 10^-digits (digits may be negative). */
function roundNumber(x: number, digits: number, rounding: Rounding): number {
  if (!Number.isFinite(x)) return x;
  if (rounding === 'truncate') {
    const f = 10 ** digits;
    return Math.trunc(x * f) / f || 0;
  }
  // toFixed rounds exact binary ties away from zero; it covers 0..100 fraction digits.
  if (digits >= 0) return digits > 100 ? x : Number(x.toFixed(digits));
  const f = 10 ** -digits;
  return (Math.sign(x) * Math.round(Math.abs(x) / f) * f) || 0;
}

/** A scaled DECIMAL rounded (or truncated) to `digits` fraction digits, keeping its scale. */
function roundScaled(v: bigint, scale: number, digits: number, rounding: Rounding): bigint {
  if (digits >= scale) return v;
  const f = pow10(scale - digits);
  return divideRounded(v, f, rounding) * f;
}

/** An integer rounded (or truncated) to a multiple of 10^-digits (only negative digits change it). */
function roundInteger(v: bigint, digits: number, rounding: Rounding): bigint {
  return digits >= 0 ? v : roundScaled(v, 0, digits, rounding);
}

/** ROUND/TRUNC overloads: (x) -> scale 0, (x, digits) -> the input's type. */
function roundingOverloads(rounding: Rounding): Overload[] {
  const toNumber = (x: number): number => (rounding === 'round' ? roundNumber(x, 0, 'round') : Math.trunc(x) || 0);
  return [
    {
      params: ['numeric'],
      returns: (a) => decimalType(Math.max(1, Math.min(precisionOf(a[0]!) - scaleOf(a[0]!) + (rounding === 'round' ? 1 : 0), MAX_DECIMAL_PRECISION)), 0),
      parametric: true,
      fn: (a) => {
        const f = pow10(scaleOf(a[0]!));
        return (v) => divideRounded(v as bigint, f, rounding);
      },
    },
    {
      params: ['numeric', 'int4'],
      returns: (a) => decimalType(Math.min(precisionOf(a[0]!) + (rounding === 'round' ? 1 : 0), MAX_DECIMAL_PRECISION), scaleOf(a[0]!)),
      parametric: true,
      fn: (a) => {
        const s = scaleOf(a[0]!);
        return (v, d) => roundScaled(v as bigint, s, d as number, rounding);
      },
    },
    ...INT_PARAMS.map((p): Overload => ({ params: [p], returns: same, fn: (v) => v })),
    ...INT_PARAMS.map((p): Overload => ({
      params: [p, 'int4'],
      returns: same,
      fn: p === 'int8'
        ? (v, d) => checkBig(roundInteger(v as bigint, d as number, rounding))
        : (v, d) => checkSmall(p, Number(roundInteger(BigInt(v as number), d as number, rounding))),
    })),
    { params: ['float8'], returns: DOUBLE, fn: (x) => toNumber(x as number) },
    { params: ['float8', 'int4'], returns: DOUBLE, fn: (x, d) => roundNumber(x as number, d as number, rounding) },
  ];
}

defineFunction('round', roundingOverloads('round'));
defineFunction('trunc', [
  ...roundingOverloads('truncate'),
  // TRUNC(timestamp) -> DATE.
  { params: ['timestamp'], returns: DATE, fn: (t) => Math.floor((t as number) / MICROS_PER_DAY) },
  { params: ['timestamptz'], returns: DATE, fn: (t) => Math.floor((t as number) / MICROS_PER_DAY) },
]);

for (const [names, rounding] of [['ceil,ceiling', 'ceil'], ['floor', 'floor']] as const) {
  const toward = rounding === 'ceil' ? 1n : -1n;
  defineFunction(names, [
    {
      params: ['numeric'],
      returns: (a) => decimalType(Math.min(precisionOf(a[0]!) - scaleOf(a[0]!) + 1, MAX_DECIMAL_PRECISION), 0),
      parametric: true,
      fn: (a) => {
        const f = pow10(scaleOf(a[0]!));
        return (v) => {
          const q = (v as bigint) / f;
          const exact = q * f === v;
          // bigint division truncates toward zero; step once more in the rounding direction if needed.
          return exact || ((v as bigint) > 0n) !== (toward > 0n) ? q : q + toward;
        };
      },
    },
    ...INT_PARAMS.map((p): Overload => ({ params: [p], returns: same, fn: (v) => v })),
    { params: ['float8'], returns: DOUBLE, fn: rounding === 'ceil' ? (x) => Math.ceil(x as number) : (x) => Math.floor(x as number) },
  ]);
}

defineFunction('abs', [
  { params: ['int2'], returns: same, fn: (v) => checkSmall('int2', Math.abs(v as number)) },
  { params: ['int4'], returns: same, fn: (v) => checkSmall('int4', Math.abs(v as number)) },
  { params: ['int8'], returns: same, fn: (v) => checkBig((v as bigint) < 0n ? -(v as bigint) : (v as bigint)) },
  { params: ['numeric'], returns: same, fn: (v) => ((v as bigint) < 0n ? -(v as bigint) : v) },
  { params: ['float4'], returns: same, fn: (v) => Math.abs(v as number) },
  { params: ['float8'], returns: same, fn: (v) => Math.abs(v as number) },
]);

defineFunction('sign', [
  { params: ['int2'], returns: same, fn: (v) => Math.sign(v as number) },
  { params: ['int4'], returns: same, fn: (v) => Math.sign(v as number) },
  { params: ['int8'], returns: same, fn: (v) => ((v as bigint) > 0n ? 1n : (v as bigint) < 0n ? -1n : 0n) },
  // Redshift: SIGN of a DECIMAL is DECIMAL(1,0).
  { params: ['numeric'], returns: decimalType(1, 0), fn: (v) => ((v as bigint) > 0n ? 1n : (v as bigint) < 0n ? -1n : 0n) },
  { params: ['float8'], returns: DOUBLE, fn: (v) => Math.sign(v as number) },
]);

// MOD(a, b) is the % operator.
defineCustom('mod', (args) => {
  if (args.length !== 2) return null;
  try {
    return resolveOperator('%', args[0]!, args[1]!);
  } catch {
    return null;
  }
});

function float8(names: string, params: readonly Param[], fn: (...x: number[]) => number): void {
  defineFunction(names, [{ params, returns: DOUBLE, fn: fn as (...args: unknown[]) => unknown }]);
}

function checkOverflow(r: number): number {
  if (!Number.isFinite(r)) throw outOfRange('value out of range: overflow');
  return r;
}

function logarithm(x: number, log: (x: number) => number): number {
  if (x === 0) throw new SqlError('2201E', 'cannot take logarithm of zero');
  if (x < 0) throw new SqlError('2201E', 'cannot take logarithm of a negative number');
  return log(x);
}

float8('sqrt', ['float8'], (x) => {
  if (x < 0) throw new SqlError('2201F', 'cannot take square root of a negative number');
  return Math.sqrt(x);
});
float8('cbrt', ['float8'], Math.cbrt);
float8('exp,dexp', ['float8'], (x) => (Number.isFinite(x) ? checkOverflow(Math.exp(x)) : Math.exp(x)));
float8('ln,dlog1', ['float8'], (x) => logarithm(x, Math.log));
float8('log,dlog10', ['float8'], (x) => logarithm(x, Math.log10));
float8('power,pow', ['float8', 'float8'], power);
float8('pi', [], () => Math.PI);
float8('degrees', ['float8'], (x) => (x * 180) / Math.PI);
float8('radians', ['float8'], (x) => (x * Math.PI) / 180);

/** PostgreSQL's domain error for inverse trigonometric functions. */
function inDomain(x: number, f: (x: number) => number): number {
  if (x < -1 || x > 1) throw outOfRange('input is out of range');
  return f(x);
}
float8('sin', ['float8'], Math.sin);
float8('cos', ['float8'], Math.cos);
float8('tan', ['float8'], Math.tan);
float8('cot', ['float8'], (x) => 1 / Math.tan(x));
float8('asin', ['float8'], (x) => inDomain(x, Math.asin));
float8('acos', ['float8'], (x) => inDomain(x, Math.acos));
float8('atan', ['float8'], Math.atan);
float8('atan2', ['float8', 'float8'], Math.atan2);

// RANDOM(): volatile, so not strict and evaluated once per row; uniform in [0, 1).
defineFunction('random', [{ params: [], returns: DOUBLE, strict: false, fn: () => Math.random() }]);

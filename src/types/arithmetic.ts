/**
 * Arithmetic kernels with Redshift semantics: integer division truncates, overflow and division by
 * zero raise, DECIMAL is exact with result precision/scale from §7.2, floats follow IEEE with
 * PostgreSQL's overflow checks. Number paths stay on plain numbers; BigInt only for BIGINT/DECIMAL.
 */
import { MAX_DECIMAL_PRECISION } from './datatype.js';
import { divideRounded, fitsPrecision, pow10 } from './decimal.js';
import { divisionByZero, integerOutOfRange, outOfRange, resultPrecisionOverflow } from './type-errors.js';

export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export type Binary = (a: unknown, b: unknown) => unknown;

// ---------------------------------------------------------------- SMALLINT / INTEGER (numbers)

export function integerOps(kind: 'smallint' | 'integer'): Record<ArithOp, Binary> {
  const max = kind === 'smallint' ? 32767 : 2147483647;
  const min = -max - 1;
  const check = (r: number): number => {
    if (r > max || r < min) throw integerOutOfRange(kind);
    return r;
  };
  return {
    add: (a, b) => check((a as number) + (b as number)),
    sub: (a, b) => check((a as number) - (b as number)),
    // |a*b| < 2^62: the double may be inexact, but only when the exact product is out of range anyway.
    mul: (a, b) => check((a as number) * (b as number)) || 0,
    div: (a, b) => {
      if (b === 0) throw divisionByZero();
      return check(Math.trunc((a as number) / (b as number))) || 0;
    },
    mod: (a, b) => {
      if (b === 0) throw divisionByZero();
      return (a as number) % (b as number) || 0;
    },
  };
}

// ---------------------------------------------------------------- BIGINT

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

function checkInt8(r: bigint): bigint {
  if (r > INT8_MAX || r < INT8_MIN) throw integerOutOfRange('bigint');
  return r;
}

export const bigintOps: Record<ArithOp, Binary> = {
  add: (a, b) => checkInt8((a as bigint) + (b as bigint)),
  sub: (a, b) => checkInt8((a as bigint) - (b as bigint)),
  mul: (a, b) => checkInt8((a as bigint) * (b as bigint)),
  div: (a, b) => {
    if (b === 0n) throw divisionByZero();
    return checkInt8((a as bigint) / (b as bigint));
  },
  mod: (a, b) => {
    if (b === 0n) throw divisionByZero();
    return (a as bigint) % (b as bigint);
  },
};

// ---------------------------------------------------------------- REAL / DOUBLE PRECISION

function checkFloat(r: number, a: number, b: number, real: boolean): number {
  if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b)) throw outOfRange('value out of range: overflow');
  return real ? Math.fround(r) : r;
}

export function floatOps(real: boolean): Record<Exclude<ArithOp, 'mod'>, Binary> {
  return {
    add: (a, b) => checkFloat((a as number) + (b as number), a as number, b as number, real),
    sub: (a, b) => checkFloat((a as number) - (b as number), a as number, b as number, real),
    mul: (a, b) => checkFloat((a as number) * (b as number), a as number, b as number, real),
    div: (a, b) => {
      if (b === 0) throw divisionByZero();
      return checkFloat((a as number) / (b as number), a as number, b as number, real);
    },
  };
}

// ---------------------------------------------------------------- DECIMAL

export interface DecimalShape {
  readonly precision: number;
  readonly scale: number;
}

/** Result precision and scale of DECIMAL arithmetic (Redshift §7.2), within 38 digits. */
export function decimalResultShape(op: ArithOp, l: DecimalShape, r: DecimalShape): DecimalShape {
  let precision: number;
  let scale: number;
  switch (op) {
    case 'add':
    case 'sub':
      scale = Math.max(l.scale, r.scale);
      precision = Math.max(l.precision - l.scale, r.precision - r.scale) + 1 + scale;
      break;
    case 'mul':
      scale = l.scale + r.scale;
      precision = l.precision + r.precision + 1;
      break;
    case 'div':
      scale = Math.max(4, l.scale + r.precision - r.scale + 1);
      precision = l.precision - l.scale + r.scale + scale;
      break;
    case 'mod':
      scale = Math.max(l.scale, r.scale);
      precision = Math.min(l.precision - l.scale, r.precision - r.scale) + scale;
      break;
  }
  if (op === 'div' && precision > MAX_DECIMAL_PRECISION) {
    // r_numeric_computations201: a quotient past 38 digits keeps its integer digits and gives up
    // scale, down to 4: scale = max(38 + scale - precision, 4). (TPC-H Q14's 100.00 * sum / sum.)
    return { precision: MAX_DECIMAL_PRECISION, scale: Math.max(MAX_DECIMAL_PRECISION + scale - precision, 4) };
  }
  // Otherwise the documented cap: precision and scale at most 38.
  return { precision: Math.min(precision, MAX_DECIMAL_PRECISION), scale: Math.min(scale, MAX_DECIMAL_PRECISION) };
}

/** The kernel for DECIMAL(l) op DECIMAL(r) producing the scaled result of decimalResultShape. */
export function decimalOp(op: ArithOp, l: DecimalShape, r: DecimalShape): Binary {
  const out = decimalResultShape(op, l, r);
  const check = (v: bigint): bigint => {
    if (!fitsPrecision(v, out.precision)) throw resultPrecisionOverflow();
    return v;
  };
  switch (op) {
    case 'add':
    case 'sub':
    case 'mod': {
      const common = Math.max(l.scale, r.scale);
      const fl = pow10(common - l.scale);
      const fr = pow10(common - r.scale);
      if (op === 'add') return (a, b) => check((a as bigint) * fl + (b as bigint) * fr);
      if (op === 'sub') return (a, b) => check((a as bigint) * fl - (b as bigint) * fr);
      return (a, b) => {
        if (b === 0n) throw divisionByZero();
        return check(((a as bigint) * fl) % ((b as bigint) * fr));
      };
    }
    case 'mul': {
      // The product of scaled values has scale s1+s2, which is the result scale unless capped.
      const drop = l.scale + r.scale - out.scale;
      const divisor = pow10(drop);
      return drop === 0
        ? (a, b) => check((a as bigint) * (b as bigint))
        : (a, b) => check(divideRounded((a as bigint) * (b as bigint), divisor, 'round'));
    }
    case 'div': {
      // a/b at scale S = A * 10^(S + s2 - s1) / B, rounded half away from zero.
      const shift = out.scale + r.scale - l.scale;
      const factor = pow10(Math.abs(shift));
      return (a, b) => {
        if (b === 0n) throw divisionByZero();
        return shift >= 0
          ? check(divideRounded((a as bigint) * factor, b as bigint, 'round'))
          : check(divideRounded(a as bigint, (b as bigint) * factor, 'round'));
      };
    }
  }
}

/**
 * Typed kernels: arithmetic and casts computed on NumColumns (vector.ts) without boxing a value.
 *
 * A kernel computes in doubles only what doubles compute exactly — integers, and DECIMAL/BIGINT as
 * scaled integers, whose every intermediate result it checks to be a safe integer (|r| < 2^53, where
 * double arithmetic on integers is exact). Anything else — a result out of range or precision, a
 * division by zero, an unsafe intermediate — makes the kernel give up on the batch (return null), and
 * the caller evaluates the batch with the types/ implementation, which computes exactly and raises
 * the right error. So a kernel never changes a result, it only skips boxing.
 */
import { MICROS_PER_DAY } from '../types/datetime.js';
import type { SqlType } from '../types/index.js';
import { NumColumn, numericBoxing, type Boxing } from './vector.js';

export type NumBinary = (a: NumColumn, b: NumColumn, n: number) => NumColumn | null;
export type NumUnary = (a: NumColumn, n: number) => NumColumn | null;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** NULL where either input is NULL. */
function nullUnion(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! | b[i]!;
  return out;
}

/** Largest magnitude a DECIMAL(p) or safe integer result may have. */
function decimalBound(precision: number): number {
  return precision < 16 ? 10 ** precision - 1 : MAX_SAFE;
}

/** An exact integer operation: returns NaN when it cannot give the exact result in a double. */
type ExactOp = (x: number, y: number) => number;

/**
 * Applies an exact operation row by row; null (give up) on NaN or a result outside [-bound, bound].
 * Results are normalized so that -0 never appears (integers and decimals have no negative zero).
 * For the rarer operations (division, remainder, rounding products): the common ones have their
 * own loops below, without a call per row.
 */
function exactBinary(op: ExactOp, bound: number, boxing: Boxing): NumBinary {
  return (a, b, n) => {
    const x = a.values;
    const y = b.values;
    const nulls = nullUnion(a.nulls, b.nulls, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] !== 0) continue;
      const r = op(x[i]!, y[i]!);
      if (!(r <= bound && r >= -bound)) return null;
      out[i] = r + 0;
    }
    return new NumColumn(out, nulls, boxing);
  };
}

/** x * fx + sign * y * fy (fx, fy powers of ten): addition and subtraction at a common scale. */
function linear(fx: number, fy: number, sign: 1 | -1, bound: number, boxing: Boxing): NumBinary {
  return (a, b, n) => {
    const x = a.values;
    const y = b.values;
    const nulls = nullUnion(a.nulls, b.nulls, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = x[i]! * fx;
      const v = y[i]! * fy;
      const r = u + sign * v;
      // Inputs are safe integers; scaled ones and the result must be too (NULL rows may hold anything).
      if (!(r <= bound && r >= -bound && u <= MAX_SAFE && u >= -MAX_SAFE && v <= MAX_SAFE && v >= -MAX_SAFE)) {
        if (nulls !== null && nulls[i] !== 0) continue;
        return null;
      }
      out[i] = r + 0;
    }
    return new NumColumn(out, nulls, boxing);
  };
}

/** x * y within [-bound, bound] (bound <= 2^53 - 1, so the double product is exact). */
function times(bound: number, boxing: Boxing): NumBinary {
  return (a, b, n) => {
    const x = a.values;
    const y = b.values;
    const nulls = nullUnion(a.nulls, b.nulls, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = x[i]! * y[i]!;
      if (!(r <= bound && r >= -bound)) {
        if (nulls !== null && nulls[i] !== 0) continue;
        return null;
      }
      out[i] = r + 0;
    }
    return new NumColumn(out, nulls, boxing);
  };
}

function exactUnary(op: (x: number) => number, bound: number, boxing: Boxing): NumUnary {
  return (a, n) => {
    const x = a.values;
    const nulls = a.nulls;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] !== 0) continue;
      const r = op(x[i]!);
      if (!(r <= bound && r >= -bound)) return null;
      out[i] = r + 0;
    }
    return new NumColumn(out, nulls, boxing);
  };
}

/** x * f when exact (f a power of ten): NaN when the product leaves the safe range. */
function scaleUp(x: number, f: number): number {
  const r = x * f;
  return r <= MAX_SAFE && r >= -MAX_SAFE ? r : NaN;
}

/** x / d rounded half away from zero, exactly (x a safe integer, d a power of ten). */
function divideRounded(x: number, d: number): number {
  const rem = x % d;
  const q = (x - rem) / d;
  if (2 * Math.abs(rem) >= d) return x < 0 ? q - 1 : q + 1;
  return q;
}

function product(x: number, y: number): number {
  const r = x * y;
  return r <= MAX_SAFE && r >= -MAX_SAFE ? r : NaN;
}

const INT_BOUNDS = { int2: 32767, int4: 2147483647 } as const;

/** The typed kernel for a types/ function id (`int4_add`, `numeric_mul:15,2,15,2`, ...), if there is one. */
export function numericBinary(id: string): NumBinary | null {
  const m = /^(int2|int4|int8|float4|float8|numeric)_(add|sub|mul|div|mod)(?::(\d+),(\d+),(\d+),(\d+))?$/.exec(id);
  if (!m) return null;
  const [, kind, op, p1, s1, p2, s2] = m;
  switch (kind) {
    case 'int2':
    case 'int4': {
      const hi = INT_BOUNDS[kind];
      // int4's lower bound is -2^31: one more than -hi. A result of exactly -2^31 gives up (the generic path accepts it).
      switch (op) {
        case 'add': return linear(1, 1, 1, hi, 'number');
        case 'sub': return linear(1, 1, -1, hi, 'number');
        case 'mul': return times(hi, 'number');
        case 'div': return exactBinary((x, y) => (y === 0 ? NaN : Math.trunc(x / y)), hi, 'number');
        case 'mod': return exactBinary((x, y) => (y === 0 ? NaN : x % y), hi, 'number');
      }
      return null;
    }
    case 'int8':
      switch (op) {
        case 'add': return linear(1, 1, 1, MAX_SAFE, 'bigint');
        case 'sub': return linear(1, 1, -1, MAX_SAFE, 'bigint');
        case 'mul': return times(MAX_SAFE, 'bigint');
        case 'mod': return exactBinary((x, y) => (y === 0 ? NaN : x % y), MAX_SAFE, 'bigint');
      }
      return null; // a quotient of doubles beyond 2^31 may round before truncation
    case 'float4':
    case 'float8':
      return floatKernel(op!, kind === 'float4');
    case 'numeric':
      return decimalKernel(op!, Number(p1), Number(s1), Number(p2), Number(s2));
  }
  return null;
}

/** Redshift §7.2 result shape, as types/arithmetic.ts computes it, for the operations handled here. */
function decimalKernel(op: string, p1: number, s1: number, p2: number, s2: number): NumBinary | null {
  switch (op) {
    case 'add':
    case 'sub': {
      const scale = Math.max(s1, s2);
      const precision = Math.min(Math.max(p1 - s1, p2 - s2) + 1 + scale, 38);
      return linear(10 ** (scale - s1), 10 ** (scale - s2), op === 'add' ? 1 : -1, decimalBound(precision), 'bigint');
    }
    case 'mul': {
      const precision = Math.min(p1 + p2 + 1, 38);
      const scale = Math.min(s1 + s2, 38);
      const drop = s1 + s2 - scale;
      const bound = decimalBound(precision);
      if (drop === 0) return times(bound, 'bigint');
      const d = 10 ** drop;
      if (drop > 15) return null;
      return exactBinary((x, y) => divideRounded(product(x, y), d), bound, 'bigint');
    }
    default:
      return null; // DECIMAL division and modulo stay with types/
  }
}

/** IEEE arithmetic with PostgreSQL's overflow check: an infinite result from finite inputs gives up (the generic path raises). */
function floatKernel(op: string, real: boolean): NumBinary | null {
  let f: (x: number, y: number) => number;
  switch (op) {
    case 'add': f = (x, y) => x + y; break;
    case 'sub': f = (x, y) => x - y; break;
    case 'mul': f = (x, y) => x * y; break;
    case 'div': f = (x, y) => x / y; break;
    default: return null;
  }
  const isDivision = op === 'div';
  return (a, b, n) => {
    const x = a.values;
    const y = b.values;
    const nulls = nullUnion(a.nulls, b.nulls, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] !== 0) continue;
      const xi = x[i]!;
      const yi = y[i]!;
      if (isDivision && yi === 0) return null; // division by zero: the generic path raises
      const r = f(xi, yi);
      if (r === Infinity || r === -Infinity) {
        if (Number.isFinite(xi) && Number.isFinite(yi)) return null;
      }
      out[i] = real ? Math.fround(r) : r;
    }
    return new NumColumn(out, nulls, 'number');
  };
}

/** The typed kernel for CAST(from AS to), if there is one (see types/cast.ts for the semantics mirrored). */
export function numericCast(from: SqlType, to: SqlType): NumUnary | null {
  const toBoxing = numericBoxing(to);
  if (toBoxing === null || numericBoxing(from) === null) return null;
  const fromScale = from.kind === 'decimal' ? from.scale : isInteger(from) ? 0 : null;
  switch (to.kind) {
    case 'smallint':
    case 'integer': {
      const hi = to.kind === 'smallint' ? 32767 : 2147483647;
      if (fromScale === null) return null;
      const d = 10 ** fromScale;
      return exactUnary(fromScale === 0 ? (x) => x : (x) => divideRounded(x, d), hi, 'number');
    }
    case 'bigint': {
      if (fromScale === null || fromScale > 15) return null;
      const d = 10 ** fromScale;
      return exactUnary(fromScale === 0 ? (x) => x : (x) => divideRounded(x, d), MAX_SAFE, 'bigint');
    }
    case 'decimal': {
      if (fromScale === null) return null;
      const bound = decimalBound(to.precision);
      const shift = to.scale - fromScale;
      if (Math.abs(shift) > 15) return null;
      const f = 10 ** Math.abs(shift);
      if (shift >= 0) return exactUnary((x) => scaleUp(x, f), bound, 'bigint');
      return exactUnary((x) => divideRounded(x, f), bound, 'bigint');
    }
    case 'double':
      if (fromScale === null) return from.kind === 'real' ? (a) => a : null;
      if (fromScale > 22) return null;
      return mapNumbers(fromScale === 0 ? (x) => x : (x) => x / 10 ** fromScale);
    case 'timestamp':
    case 'timestamptz':
      if (from.kind === 'timestamp' || from.kind === 'timestamptz') return (a) => a;
      if (from.kind === 'date') return exactUnary((x) => x * MICROS_PER_DAY, MAX_SAFE, 'number');
      return null;
    default:
      return null;
  }
}

function isInteger(t: SqlType): boolean {
  return t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'bigint';
}

/** A conversion to DOUBLE that cannot fail. */
function mapNumbers(f: (x: number) => number): NumUnary {
  return (a, n) => {
    const x = a.values;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(x[i]!);
    return new NumColumn(out, a.nulls, 'number');
  };
}

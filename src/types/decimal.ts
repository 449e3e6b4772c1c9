/**
 * Exact DECIMAL(p,s) values: a bigint holding value * 10^s. Parsing, rescaling with a chosen
 * rounding (INSERT rounds half away from zero, COPY truncates), precision checks and text output.
 */
import { invalidSyntax, numericFieldOverflow, outOfRange } from './type-errors.js';

export type Rounding = 'round' | 'truncate';

/** 10^0 .. 10^80 as bigints: enough for any scale change between DECIMAL(38,s) values and products. */
const POW10: readonly bigint[] = (() => {
  const out: bigint[] = [1n];
  for (let i = 1; i <= 80; i++) out.push(out[i - 1]! * 10n);
  return out;
})();

export function pow10(n: number): bigint {
  return n < POW10.length ? POW10[n]! : 10n ** BigInt(n);
}

/** n / d rounded half away from zero (or truncated toward zero). */
export function divideRounded(n: bigint, d: bigint, rounding: Rounding): bigint {
  const q = n / d;
  if (rounding === 'truncate') return q;
  const r = n % d;
  if (r === 0n) return q;
  const twiceR = r < 0n ? -r * 2n : r * 2n;
  const absD = d < 0n ? -d : d;
  if (twiceR < absD) return q;
  return (n < 0n) !== (d < 0n) ? q - 1n : q + 1n;
}

/** A scaled value moved from scale `from` to scale `to`. */
export function rescale(v: bigint, from: number, to: number, rounding: Rounding = 'round'): bigint {
  if (to === from) return v;
  if (to > from) return v * pow10(to - from);
  return divideRounded(v, pow10(from - to), rounding);
}

/** Whether a scaled value has at most `precision` digits. */
export function fitsPrecision(v: bigint, precision: number): boolean {
  const limit = pow10(precision);
  return v < limit && v > -limit;
}

/** Throw PostgreSQL's `numeric field overflow` unless `v` fits DECIMAL(p,s). */
export function checkDecimalFits(v: bigint, precision: number, scale: number): bigint {
  if (!fitsPrecision(v, precision)) throw numericFieldOverflow(precision, scale);
  return v;
}

const DECIMAL_TEXT = /^[ \t\n\r\f\v]*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[ \t\n\r\f\v]*$/;

/**
 * Text -> DECIMAL(p,s) scaled bigint. Extra fraction digits are rounded half away from zero (or
 * truncated); too many integer digits is `numeric field overflow`.
 */
export function parseDecimal(text: string, precision: number, scale: number, rounding: Rounding = 'round'): bigint {
  const m = DECIMAL_TEXT.exec(text);
  const intDigits = m?.[2] ?? '';
  const fracDigits = m?.[3] ?? '';
  if (!m || intDigits.length + fracDigits.length === 0) throw invalidSyntax('type numeric', text);
  const exponent = m[4] === undefined ? 0 : Number(m[4]);
  const digits = (intDigits + fracDigits).replace(/^0+/, '');
  if (digits.length === 0) return 0n;
  // Digits left of the decimal point; more than p-s of them can never fit, whatever the rounding.
  const integerPlaces = digits.length + exponent - fracDigits.length;
  if (integerPlaces > precision - scale) throw numericFieldOverflow(precision, scale);
  const shift = scale + exponent - fracDigits.length;
  let v: bigint;
  if (shift >= 0) v = BigInt(digits) * pow10(shift);
  else if (-shift > digits.length) v = 0n; // below 0.1 of the last place: rounds to 0
  else v = divideRounded(BigInt(digits), pow10(-shift), rounding);
  if (m[1] === '-') v = -v;
  return checkDecimalFits(v, precision, scale);
}

/** 2^53: below it a DECIMAL's unscaled value is exact as a double. */
const SAFE_LIMIT = 9007199254740992n;

/** Exactly `scale` fraction digits: 1250n at scale 2 -> '12.50', -5n -> '-0.05'. */
export function formatDecimal(v: bigint, scale: number): string {
  if (scale === 0) return v.toString();
  if (v < SAFE_LIMIT && v > -SAFE_LIMIT && scale <= 22) {
    // In doubles, without BigInt's toString: n and 10^scale are exact, and so are % and the
    // division of the exact multiple that remains.
    const n = Number(v);
    const abs = n < 0 ? -n : n;
    const unit = 10 ** scale;
    const fraction = abs % unit;
    return `${n < 0 ? '-' : ''}${(abs - fraction) / unit}.${String(fraction).padStart(scale, '0')}`;
  }
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const cut = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** The nearest double to a DECIMAL value. */
export function decimalToNumber(v: bigint, scale: number): number {
  // Both operands exact (|v| < 2^53, 10^s <= 10^22) -> one correctly rounded division.
  if (scale <= 22 && v < SAFE_LIMIT && v > -SAFE_LIMIT) return Number(v) / 10 ** scale;
  return Number(formatDecimal(v, scale));
}

/**
 * A float as DECIMAL(p,s), going through its decimal text with `significantDigits` digits as
 * PostgreSQL does (15 for double, 6 for real), so 0.1 becomes exactly 0.1.
 */
export function numberToDecimal(x: number, significantDigits: number, precision: number, scale: number): bigint {
  if (Number.isNaN(x)) throw outOfRange('cannot convert NaN to numeric');
  if (!Number.isFinite(x)) throw outOfRange('cannot convert infinity to numeric');
  return parseDecimal(x.toPrecision(significantDigits), precision, scale);
}

/**
 * DECIMAL(p,s) fields, parsed from bytes: optional blanks, sign, integer digits, '.', fraction digits,
 * optional blanks (no exponent: `1e5` is `Invalid digit, Value 'e', Pos 1, Type: Decimal`). Fraction
 * digits beyond s are truncated — COPY's default — or, with ROUNDEC, rounded half away from zero
 * (20.259 -> 20.25 / 20.26 in DECIMAL(8,2), dg:copy-parameters-data-conversion.md). More integer digits
 * than p - s, or a rounding carry past p digits, is an overflow (1204).
 *
 * The scaled value accumulates in a double while it has at most 15 digits (exact), and is written as
 * int128 words; longer values go through a bigint.
 */
import type { Decimal128Builder } from './builders-fixed.js';
import { fail, invalidDigit, IS_NULL, isBlank, LoadErrorCode, OK } from './field-status.js';

/** Digits a scaled value may have and still be exact in a double (the fast path of text uses it too: fast-text.ts). */
export const MAX_EXACT_DIGITS = 15;
/** Powers of ten as doubles: exact up to 10^22, and far above any 15-digit mantissa beyond. */
export const POW10: readonly number[] = Array.from({ length: 80 }, (_, i) => 10 ** i);

function decimalOverflow(): number {
  return fail(LoadErrorCode.outOfRange, 'Numeric data overflow (result precision)');
}

/**
 * The common case first: an optional '-', digits with at most `scale` of them after a '.' (at most 15
 * once scaled), nothing else — no rounding, no blanks, exact in a double. Returns false to leave it to the full parse.
 */
function plainDecimal(b: Decimal128Builder, bytes: Uint8Array, start: number, end: number, precision: number, scale: number): boolean {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  const digitsStart = i;
  let point = -1;
  let m = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d >= 0 && d <= 9) m = m * 10 + d;
    else if (d === 0x2e - 0x30 && point < 0) point = i;
    else return false;
  }
  const fraction = point < 0 ? 0 : end - point - 1;
  const intDigits = (point < 0 ? end : point) - digitsStart;
  if (intDigits + fraction === 0 || intDigits + scale > MAX_EXACT_DIGITS || fraction > scale) return false;
  // The integer part m / 10^fraction must stay below 10^(p - s).
  if (m >= POW10[precision - scale + fraction]!) return false;
  m *= POW10[scale - fraction]!;
  b.pushNumber(negative ? -m : m);
  return true;
}

export function convertDecimal(b: Decimal128Builder, bytes: Uint8Array, start: number, end: number, precision: number, scale: number, round: boolean): number {
  // Kept small so V8 inlines it into the column's converter; the full parse stays out of line.
  return end > start && plainDecimal(b, bytes, start, end, precision, scale) ? OK : parseDecimalField(b, bytes, start, end, precision, scale, round);
}

/** Every form: blanks, '+', rounding, overflow, bigints, errors. */
function parseDecimalField(b: Decimal128Builder, bytes: Uint8Array, start: number, end: number, precision: number, scale: number, round: boolean): number {
  let i = start;
  while (i < end && isBlank(bytes[i]!)) i++;
  if (i === end) return IS_NULL;
  let negative = false;
  const sign = bytes[i]!;
  if (sign === 0x2d /* - */) {
    negative = true;
    i++;
  } else if (sign === 0x2b /* + */) {
    i++;
  }
  const intStart = i;
  let m = 0;
  let intDigits = 0; // significant: leading zeros do not count
  for (; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    if (intDigits > 0 || d !== 0) intDigits++;
    m = m * 10 + d;
  }
  const intEnd = i;
  let fracStart = i;
  let taken = 0;
  let roundUp = false;
  let extra = false;
  if (i < end && bytes[i] === 0x2e /* . */) {
    fracStart = ++i;
    for (; i < end; i++) {
      const d = bytes[i]! - 0x30;
      if (d < 0 || d > 9) break;
      if (taken < scale) {
        m = m * 10 + d;
        taken++;
      } else if (!extra) {
        extra = true;
        roundUp = d >= 5;
      }
    }
  }
  const digitsEnd = i;
  if (intEnd === intStart && digitsEnd === fracStart) return invalidDigit(bytes, i < end ? i : i - 1, start, 'Decimal');
  while (i < end && isBlank(bytes[i]!)) i++;
  if (i !== end) return invalidDigit(bytes, digitsEnd, start, 'Decimal');
  if (intDigits > precision - scale) return decimalOverflow();
  if (!round) roundUp = false;

  if (intDigits + scale <= MAX_EXACT_DIGITS) {
    m *= POW10[scale - taken]!;
    if (roundUp) {
      m += 1;
      if (precision <= MAX_EXACT_DIGITS && m >= POW10[precision]!) return decimalOverflow();
    }
    b.pushNumber(negative ? -m : m);
    return OK;
  }
  // Too many digits for a double: the same steps on a bigint.
  let v = 0n;
  for (let k = intStart; k < intEnd; k++) v = v * 10n + BigInt(bytes[k]! - 0x30);
  for (let k = fracStart; k < fracStart + taken; k++) v = v * 10n + BigInt(bytes[k]! - 0x30);
  v *= 10n ** BigInt(scale - taken);
  if (roundUp) v += 1n;
  if (v >= 10n ** BigInt(precision)) return decimalOverflow();
  b.pushBigInt(negative ? -v : v);
  return OK;
}

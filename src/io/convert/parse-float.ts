/**
 * REAL / DOUBLE PRECISION fields: plain (`12.123`) or exponential (`1.0E4`) notation, and the special
 * values the engine's own input accepts (NaN, Infinity, inf; any case). Out of range (overflow to
 * infinity, or a non-zero value underflowing to zero) is 1204, as the engine rejects it on INSERT;
 * anything else unparsable is 1208.
 *
 * Fast path: up to 15 significant digits and 22 fraction digits, no exponent — the value is then the
 * exact integer of its digits divided by an exact power of ten, one correctly rounded division, the
 * same double Number() gives. Other forms are decoded to text and go through Number().
 */
import type { Float32Builder, Float64Builder } from './builders-fixed.js';
import { fail, invalidDigit, IS_NULL, isBlank, LoadErrorCode, OK } from './field-status.js';

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const FLOAT_TEXT = /^([+-]?)(?:(\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|(nan|inf|infinity))$/i;

/** The value parseFloatField read, when it returns OK. */
const parsed = { value: 0 };

function parseFloatField(bytes: Uint8Array, start: number, end: number, typeLabel: string): number {
  let i = start;
  while (i < end && isBlank(bytes[i]!)) i++;
  if (i === end) return IS_NULL;
  let e = end;
  while (isBlank(bytes[e - 1]!)) e--;
  const valueStart = i;
  let negative = false;
  const sign = bytes[i]!;
  if (sign === 0x2d /* - */) {
    negative = true;
    i++;
  } else if (sign === 0x2b /* + */) {
    i++;
  }
  let m = 0;
  let significant = 0;
  let digits = 0;
  for (; i < e; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    if (significant > 0 || d !== 0) significant++;
    m = m * 10 + d;
    digits++;
  }
  let fraction = 0;
  if (i < e && bytes[i] === 0x2e /* . */) {
    for (i++; i < e; i++) {
      const d = bytes[i]! - 0x30;
      if (d < 0 || d > 9) break;
      if (significant > 0 || d !== 0) significant++;
      m = m * 10 + d;
      fraction++;
    }
  }
  if (i === e && digits + fraction > 0 && significant <= 15 && fraction <= 22) {
    const v = fraction === 0 ? m : m / POW10[fraction]!;
    parsed.value = negative ? -v : v;
    return OK;
  }
  return parseFloatText(bytes, start, valueStart, e, typeLabel);
}

/** The slow path: exponents, special values, long mantissas; validated like the engine's float input. */
function parseFloatText(bytes: Uint8Array, start: number, valueStart: number, end: number, typeLabel: string): number {
  const text = latin1(bytes, valueStart, end);
  const m = FLOAT_TEXT.exec(text);
  if (m === null) {
    let bad = valueStart;
    while (bad < end && /[\d+\-.eE]/.test(String.fromCharCode(bytes[bad]!))) bad++;
    return invalidDigit(bytes, bad < end ? bad : valueStart, start, typeLabel, LoadErrorCode.floatFormat);
  }
  if (m[3] !== undefined) {
    parsed.value = m[3].toLowerCase() === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
    return OK;
  }
  const v = Number(text);
  const rounded = typeLabel === 'Float' ? Math.fround(v) : v;
  if (!Number.isFinite(rounded) || (rounded === 0 && /[1-9]/.test(m[2]!))) {
    return fail(LoadErrorCode.outOfRange, `Overflow, Value '${text.slice(0, 40)}', Type: ${typeLabel}`);
  }
  parsed.value = v;
  return OK;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function convertReal(b: Float32Builder, bytes: Uint8Array, start: number, end: number): number {
  const status = parseFloatField(bytes, start, end, 'Float');
  if (status === OK) b.push(parsed.value);
  return status;
}

export function convertDouble(b: Float64Builder, bytes: Uint8Array, start: number, end: number): number {
  const status = parseFloatField(bytes, start, end, 'Double');
  if (status === OK) b.push(parsed.value);
  return status;
}

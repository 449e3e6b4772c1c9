/**
 * SMALLINT / INTEGER / BIGINT fields, parsed from bytes: optional blanks, an optional sign, digits,
 * optional blanks. A blank field is NULL. Any other byte is error 1207 (`Invalid digit, Value '.',
 * Pos 8, Type: Long`, Pos counted from the field's first byte); a value outside the type is 1222
 * (`Overflow (Integer valid range -2147483648 to 2147483647)`).
 *
 * Digits accumulate in a double: exact below 2^53, and still ordered correctly above it, so the
 * range check of SMALLINT/INTEGER needs no bigint. BIGINT values of 16+ digits take a bigint.
 */
import type { Int16Builder, Int32Builder, Int64Builder } from './builders-fixed.js';
import { fail, invalidDigit, IS_NULL, isBlank, LoadErrorCode, OK } from './field-status.js';

const TWO_POW_53 = 9007199254740992;
const INT64_MAX = 9223372036854775807n;

/** The digits found by scanInteger. */
const scanned = { value: 0, negative: false, digitsStart: 0, digitsEnd: 0 };

/**
 * Scans an integer field into `scanned`: OK, IS_NULL (blank) or FAILED (1207). `value` is the
 * magnitude (inexact from 2^53 on).
 */
function scanInteger(bytes: Uint8Array, start: number, end: number, typeLabel: string): number {
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
  const digitsStart = i;
  let value = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  const digitsEnd = i;
  if (digitsEnd === digitsStart) return invalidDigit(bytes, i < end ? i : i - 1, start, typeLabel);
  while (i < end && isBlank(bytes[i]!)) i++;
  if (i !== end) return invalidDigit(bytes, digitsEnd, start, typeLabel);
  scanned.value = value;
  scanned.negative = negative;
  scanned.digitsStart = digitsStart;
  scanned.digitsEnd = digitsEnd;
  return OK;
}

export function convertSmallint(b: Int16Builder, bytes: Uint8Array, start: number, end: number): number {
  const status = scanInteger(bytes, start, end, 'Short');
  if (status !== OK) return status;
  const v = scanned.value;
  if (scanned.negative ? v > 32768 : v > 32767) return fail(LoadErrorCode.integerOverflow, 'Overflow (Short valid range -32768 to 32767)');
  b.push(scanned.negative ? -v : v);
  return OK;
}

/** Up to 9 digits and a '-', nothing else: cannot overflow INTEGER (the common case, checked first). */
function shortInteger(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const negative = bytes[i] === 0x2d;
  if (negative) i++;
  if (i === end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

export function convertInteger(b: Int32Builder, bytes: Uint8Array, start: number, end: number): number {
  if (end - start < 10 && end > start) {
    const v = shortInteger(bytes, start, end);
    if (v === v) {
      b.push(v);
      return OK;
    }
  }
  return parseIntegerField(b, bytes, start, end);
}

function parseIntegerField(b: Int32Builder, bytes: Uint8Array, start: number, end: number): number {
  const status = scanInteger(bytes, start, end, 'Integer');
  if (status !== OK) return status;
  const v = scanned.value;
  if (scanned.negative ? v > 2147483648 : v > 2147483647) return fail(LoadErrorCode.integerOverflow, 'Overflow (Integer valid range -2147483648 to 2147483647)');
  b.push(scanned.negative ? -v : v);
  return OK;
}

export function convertBigint(b: Int64Builder, bytes: Uint8Array, start: number, end: number): number {
  const status = scanInteger(bytes, start, end, 'Long');
  if (status !== OK) return status;
  const v = scanned.value;
  if (v < TWO_POW_53) {
    b.pushNumber(scanned.negative ? -v : v);
    return OK;
  }
  let big = 0n;
  for (let i = scanned.digitsStart; i < scanned.digitsEnd; i++) big = big * 10n + BigInt(bytes[i]! - 0x30);
  if (big > (scanned.negative ? INT64_MAX + 1n : INT64_MAX)) {
    return fail(LoadErrorCode.integerOverflow, 'Overflow (Long valid range -9223372036854775808 to 9223372036854775807)');
  }
  b.pushBigInt(scanned.negative ? -big : big);
  return OK;
}

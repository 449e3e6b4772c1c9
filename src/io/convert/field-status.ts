/**
 * How a field conversion ends, without allocating on success: converters return OK, IS_NULL (the
 * field means NULL: blank for a non-character type, NULL AS, unparsable date with ACCEPTANYDATE) or
 * FAILED, and a failure leaves its load error code and Redshift's text in `failure`.
 *
 * Load error codes (reference §1.11) and texts. Texts seen in Redshift's STL_LOAD_ERRORS are reproduced
 * verbatim: `Invalid digit, Value 'c', Pos 0, Type: Integer` (Short / Long / Decimal), `Overflow (Short
 * valid range -32768 to 32767)`, `Extra column(s) found`, `Delimiter not found`, `Missing data for
 * not-null field`, `Char length exceeds DDL length`, `String length exceeds DDL length`, the two
 * multibyte texts of dg:multi-byte-character-load-errors.md, `Error in Timestamp value or format
 * [%Y-%m-%d %H:%M:%S]`, `Invalid timestamp format or value [fmt]`, `Invalid Date Format - length must be
 * 10 or more`. The rest (floats, booleans, dates beyond those) follow the same style.
 */

export const OK = 0;
export const IS_NULL = 1;
export const FAILED = 2;

export const LoadErrorCode = {
  extraColumns: 1202,
  fewerColumns: 1203,
  outOfRange: 1204,
  invalidDate: 1205,
  invalidTimestamp: 1206,
  invalidDigit: 1207,
  floatFormat: 1208,
  booleanFormat: 1210,
  noData: 1211,
  notNull: 1213,
  delimiterNotFound: 1214,
  /** With NULL AS '\0', a field holding a NUL byte among other bytes (a lone NUL is the NULL marker). */
  nulInField: 1218,
  invalidUtf8: 1220,
  integerOverflow: 1222,
} as const;

/** The last FAILED conversion's error. */
export const failure = { code: 0, reason: '' };

export function fail(code: number, reason: string): typeof FAILED {
  failure.code = code;
  failure.reason = reason;
  return FAILED;
}

/** A byte as it may appear inside an error text: ASCII as is, anything else as '.'. */
export function byteText(b: number | undefined): string {
  return b === undefined ? '' : b < 0x80 ? String.fromCharCode(b) : '.';
}

/** `Invalid digit, Value 'x', Pos n, Type: T` for the byte at `at` of the field starting at `start`. */
export function invalidDigit(bytes: Uint8Array, at: number, start: number, typeLabel: string, code: number = LoadErrorCode.invalidDigit): typeof FAILED {
  return fail(code, `Invalid digit, Value '${byteText(bytes[at])}', Pos ${at - start}, Type: ${typeLabel}`);
}

/** Blanks a numeric, boolean or datetime field may carry around its value (and that make a field "blank"). */
export function isBlank(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

import { assertNever, type Interval, type SqlType } from './datatype.js';
import { formatDecimal } from './decimal.js';
import { formatDate, formatTime, formatTimestamp } from './datetime.js';
import { formatInterval } from './interval.js';

/**
 * Shortest text that reads back as the same float, laid out as PostgreSQL 12+ prints floats:
 * fixed notation for decimal exponents in [-4, maxFixedExponent), else 'd.ddde+XX' with at least
 * two exponent digits (1e20 -> '1e+20', 0.00001 -> '1e-05').
 */
function formatFloat(significantDigits: string, exponent: number, maxFixedExponent: number): string {
  const negative = significantDigits.startsWith('-');
  const digits = negative ? significantDigits.slice(1) : significantDigits;
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= maxFixedExponent) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits}${'0'.repeat(exponent + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** Split toExponential() output ('-1.25e+3') into signed significant digits ('-125') and the exponent (3). */
function decompose(exp: string): [string, number] {
  const e = exp.indexOf('e');
  return [exp.slice(0, e).replace('.', ''), Number(exp.slice(e + 1))];
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

export function formatDouble(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [digits, exponent] = decompose(x.toExponential());
  return formatFloat(digits, exponent, 15);
}

export function formatReal(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // The fewest digits that read back as the same float4.
  let text = x.toExponential(8);
  for (let p = 1; p <= 9; p++) {
    const candidate = x.toExponential(p - 1);
    if (Math.fround(Number(candidate)) === x) {
      text = candidate;
      break;
    }
  }
  const [digits, exponent] = decompose(text);
  return formatFloat(digits.replace(/(\d)0+$/, '$1'), exponent, 6);
}

/** A non-null value as Redshift prints it in text results (psql, the wire protocol's text format). */
export function formatValue(value: unknown, type: SqlType): string {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(value);
    case 'decimal':
      return formatDecimal(value as bigint, type.scale);
    case 'real':
      return formatReal(value as number);
    case 'double':
      return formatDouble(value as number);
    case 'boolean':
      return value ? 't' : 'f';
    case 'char':
    case 'varchar':
    case 'unknown':
      return value as string;
    case 'date':
      return formatDate(value as number);
    case 'timestamp':
      return formatTimestamp(value as number, false);
    case 'timestamptz':
      return formatTimestamp(value as number, true);
    case 'time':
      return formatTime(value as number);
    case 'interval':
      return formatInterval(value as Interval);
    default:
      return assertNever(type);
  }
}

/** A non-null engine value as the public JS API returns it (README documents the mapping). */
export function toJsValue(value: unknown, type: SqlType): unknown {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'boolean':
    case 'char':
    case 'varchar':
    case 'unknown':
      return value;
    case 'decimal':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
    case 'interval':
      return formatValue(value, type);
    default:
      return assertNever(type);
  }
}

/**
 * Text -> engine value for every type, with Redshift's input rules: surrounding whitespace ignored
 * for numbers, dates and booleans; DECIMAL extra scale rounded; CHAR/VARCHAR lengths in bytes.
 */
import { assertNever, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { parseDecimal, type Rounding } from './decimal.js';
import { parseDate, parseTime, parseTimestamp } from './datetime.js';
import { parseInterval } from './interval.js';
import { isAllBlanksFrom, isSingleByte, truncateToBytes, utf8ByteLength } from './strings.js';
import { invalidSyntax, outOfRange, valueTooLong } from './type-errors.js';

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

function parseSmallOrInteger(text: string, kind: 'smallint' | 'integer'): number {
  if (!INTEGER_TEXT.test(text)) throw invalidSyntax('integer', text);
  const v = Number(text);
  const limit = kind === 'smallint' ? 32768 : 2147483648;
  if (v >= limit || v < -limit) throw outOfRange(`value "${text}" is out of range for type ${kind}`);
  return v || 0;
}

const BIGINT_MIN = -(2n ** 63n);
const BIGINT_MAX = 2n ** 63n - 1n;

function parseBigint(text: string): bigint {
  if (!INTEGER_TEXT.test(text)) throw invalidSyntax('type bigint', text);
  const v = BigInt(text.trim());
  if (v < BIGINT_MIN || v > BIGINT_MAX) throw outOfRange(`value "${text}" is out of range for type bigint`);
  return v;
}

const FLOAT_TEXT = /^\s*([+-]?)(?:(\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|(nan|inf|infinity))\s*$/i;

function parseFloatText(text: string, kind: 'real' | 'double'): number {
  const label = kind === 'real' ? 'type real' : 'type double precision';
  const m = FLOAT_TEXT.exec(text);
  if (!m) throw invalidSyntax(label, text);
  if (m[3] !== undefined) {
    if (m[3].toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  const x = Number(text.trim());
  const v = kind === 'real' ? Math.fround(x) : x;
  // PostgreSQL rejects overflow to infinity and underflow of a non-zero mantissa to zero.
  if (!Number.isFinite(v) || (v === 0 && /[1-9]/.test(m[2]!))) throw outOfRange(`"${text}" is out of range for type ${kind === 'real' ? 'real' : 'double precision'}`);
  return v;
}

const TRUE_WORDS = ['true', 'yes', 'on', '1'];
const FALSE_WORDS = ['false', 'no', 'off', '0'];

/** PostgreSQL's boolin: the words above or unique prefixes of them ('t', 'y', 'n', 'of'), any case. */
export function parseBoolean(text: string): boolean {
  const s = text.trim().toLowerCase();
  if (s.length > 0 && s !== 'o') {
    if (TRUE_WORDS.some((w) => w.startsWith(s))) return true;
    if (FALSE_WORDS.some((w) => w.startsWith(s))) return false;
  }
  throw invalidSyntax('type boolean', text);
}

/**
 * A string made to fit CHAR(n)/VARCHAR(n) (n in bytes). Too long: an explicit cast truncates; an
 * assignment truncates only when the excess is all blanks, else 22001. CHAR pads with blanks and
 * accepts single-byte characters only.
 */
export function fitString(s: string, type: { kind: 'char' | 'varchar'; length: number }, explicit: boolean): string {
  const n = type.length;
  if (type.kind === 'char') {
    if (!isSingleByte(s)) throw multibyteInChar(s);
    if (s.length === n) return s;
    if (s.length < n) return s.padEnd(n, ' ');
    if (explicit || isAllBlanksFrom(s, n)) return s.slice(0, n);
    throw valueTooLong(type);
  }
  // Each UTF-16 code unit is at most 3 UTF-8 bytes: short strings need no counting.
  if (s.length * 3 <= n || utf8ByteLength(s) <= n) return s;
  const cut = truncateToBytes(s, n);
  if (explicit || isAllBlanksFrom(s, cut.length)) return cut;
  throw valueTooLong(type);
}

function multibyteInChar(s: string): SqlError {
  const bad = [...s].find((c) => c.charCodeAt(0) >= 0x80) ?? '';
  const hex = [...Buffer.from(bad, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return new SqlError(SqlState.invalidTextRepresentation, `Multibyte character not supported for CHAR (Hint: try using VARCHAR). Invalid char: ${hex}`);
}

/**
 * Text -> DECIMAL/other value with the DECIMAL rounding chosen by the caller: INSERT and casts round
 * half away from zero, COPY truncates (unless ROUNDEC).
 */
export function parseValueWithRounding(text: string, type: SqlType, rounding: Rounding): unknown {
  return type.kind === 'decimal' ? parseDecimal(text, type.precision, type.scale, rounding) : parseValue(text, type);
}

/** Parse text into an engine value of `type` (string literals, casts from text). Throws SqlError (22P02, 22003, 22007, ...). */
export function parseValue(text: string, type: SqlType): unknown {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
      return parseSmallOrInteger(text, type.kind);
    case 'bigint':
      return parseBigint(text);
    case 'decimal':
      return parseDecimal(text, type.precision, type.scale, 'round');
    case 'real':
    case 'double':
      return parseFloatText(text, type.kind);
    case 'boolean':
      return parseBoolean(text);
    case 'char':
    case 'varchar':
      return fitString(text, type, false);
    case 'date':
      return parseDate(text);
    case 'timestamp':
      return parseTimestamp(text, false);
    case 'timestamptz':
      return parseTimestamp(text, true);
    case 'time':
      return parseTime(text);
    case 'interval':
      return parseInterval(text);
    case 'unknown':
      return text;
    default:
      return assertNever(type);
  }
}

/**
 * TO_DATE / TO_TIMESTAMP: reading text by a datetime format. Numeric fields read up to their width
 * in digits (all digits when the next format item is not a field), names match case-insensitively,
 * separators in the format skip separators in the text, and trailing text is ignored. Out-of-range
 * fields overflow (June 31 is July 1, hour 24 the next day) unless `strict`, as Redshift documents.
 */
import { SqlError, SqlState } from './errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, daysFromCivil, daysInMonth } from './datetime.js';
import { DAY_NAMES, MONTH_NAMES, parseDatetimeFormat, type FieldId, type FormatToken } from './datetime-format.js';
import { toRoman } from './roman.js';

interface Fields {
  /** YY/Y read two-digit years 00..69 as 20xx, 70..99 as 19xx. */
  year: number | null;
  month: number;
  day: number;
  dayOfYear: number | null;
  julian: number | null;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  pm: boolean | null;
  bc: boolean;
  century: number | null;
}

const WIDTH: Partial<Record<FieldId, number>> = {
  YYYY: 4, IYYY: 4, YYY: 3, IYY: 3, YY: 2, IY: 2, Y: 1, I: 1, CC: 2, Q: 1, MM: 2, WW: 2, W: 1, IW: 2, DDD: 3,
  IDDD: 3, DD: 2, D: 1, ID: 1, J: 7, HH24: 2, HH12: 2, HH: 2, MI: 2, SS: 2, SSSS: 5, SSSSS: 5, MS: 3, US: 6,
};

function invalidValue(value: string, field: string, detail: string): SqlError {
  return new SqlError(SqlState.invalidDatetimeFormat, `invalid value "${value}" for "${field}"`, { detail });
}

/** Which of `names` (full, or their first three letters; case-insensitive) the text at `pos` starts with. */
function matchName(text: string, pos: number, names: readonly string[], field: FieldId): [index: number, length: number] {
  const rest = text.slice(pos).toLowerCase();
  for (const length of [Infinity, 3]) {
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!.slice(0, length).toLowerCase();
      if (rest.startsWith(name)) return [i, name.length];
    }
  }
  throw invalidValue(text.slice(pos, pos + 9), field, 'The given value did not match any of the allowed values for this field.');
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /[\p{L}\p{N}]/u.test(c);

function readNumber(text: string, pos: number, width: number, greedy: boolean, field: FieldId): [value: number, digits: string, next: number] {
  let i = pos;
  let sign = '';
  if (text[i] === '-' || text[i] === '+') sign = text[i++]!;
  const start = i;
  while (isDigit(text[i]) && (greedy || i - start < width)) i++;
  const digits = text.slice(start, i);
  if (digits === '') throw invalidValue(text.slice(pos, pos + width), field, 'Value must be an integer.');
  return [Number(sign + digits), digits, i];
}

function applyField(fields: Fields, field: FieldId, value: number, digits: string): void {
  switch (field) {
    case 'YYYY': case 'IYYY': fields.year = value; break;
    case 'YYY': case 'IYY': fields.year = digits.length <= 3 ? value + (value < 100 ? 2000 : 1000) : value; break;
    case 'YY': case 'IY': fields.year = digits.length <= 2 ? value + (value < 70 ? 2000 : 1900) : value; break;
    case 'Y': case 'I': fields.year = digits.length === 1 ? value + 2000 : value; break;
    case 'CC': fields.century = value; break;
    case 'MM': fields.month = value; break;
    case 'DD': fields.day = value; break;
    case 'DDD': case 'IDDD': fields.dayOfYear = value; break;
    case 'J': fields.julian = value; break;
    case 'HH24': fields.hour = value; break;
    case 'HH': case 'HH12': fields.hour = value; if (fields.pm === null) fields.pm = false; break;
    case 'MI': fields.minute = value; break;
    case 'SS': fields.second = value; break;
    case 'SSSS': case 'SSSSS':
      fields.hour = Math.floor(value / 3600);
      fields.minute = Math.floor(value / 60) % 60;
      fields.second = value % 60;
      break;
    case 'MS': fields.micros = Math.round(Number(`0.${digits}`) * 1000) * 1000; break;
    case 'US': fields.micros = Math.round(Number(`0.${digits}`) * MICROS_PER_SECOND); break;
    default: break; // Q, W, WW, IW, D, ID: read and ignored, as PostgreSQL does.
  }
}

function readText(text: string, pos: number, t: Extract<FormatToken, { kind: 'field' }>, fields: Fields): number {
  switch (t.field) {
    case 'MONTH':
    case 'MON': {
      const [i, length] = matchName(text, pos, MONTH_NAMES, t.field);
      fields.month = i + 1;
      return pos + length;
    }
    case 'DAY':
    case 'DY':
      return pos + matchName(text, pos, DAY_NAMES, t.field)[1];
    case 'RM': {
      const romans = Array.from({ length: 12 }, (_, i) => toRoman(12 - i));
      const rest = text.slice(pos).toUpperCase();
      const found = romans.findIndex((r) => rest.startsWith(r));
      if (found < 0) throw invalidValue(text.slice(pos, pos + 4), 'RM', 'The given value did not match any of the allowed values for this field.');
      fields.month = 12 - found;
      return pos + romans[found]!.length;
    }
    case 'AM': case 'PM': case 'A.M.': case 'P.M.': {
      const m = /^([ap])(\.?)m\2/i.exec(text.slice(pos));
      if (!m) throw invalidValue(text.slice(pos, pos + 4), t.field, 'The given value did not match any of the allowed values for this field.');
      fields.pm = m[1]!.toLowerCase() === 'p';
      return pos + m[0].length;
    }
    case 'AD': case 'BC': case 'A.D.': case 'B.C.': {
      const m = /^([ab])(\.?)([dc])\2/i.exec(text.slice(pos));
      if (!m) throw invalidValue(text.slice(pos, pos + 4), t.field, 'The given value did not match any of the allowed values for this field.');
      fields.bc = m[1]!.toLowerCase() === 'b';
      return pos + m[0].length;
    }
    case 'TZ':
    case 'OF':
      throw new SqlError(SqlState.featureNotSupported, `formatting field "${t.field}" is only supported in to_char`);
    case 'Y,YYY': {
      const m = /^(\d+),(\d{3})/.exec(text.slice(pos));
      if (!m) throw invalidValue(text.slice(pos, pos + 5), 'Y,YYY', 'Value must be in the form Y,YYY.');
      fields.year = Number(m[1]) * 1000 + Number(m[2]);
      return pos + m[0].length;
    }
    default:
      return pos;
  }
}

function readFields(text: string, format: string): Fields {
  const fields: Fields = { year: null, month: 1, day: 1, dayOfYear: null, julian: null, hour: 0, minute: 0, second: 0, micros: 0, pm: null, bc: false, century: null };
  const tokens = parseDatetimeFormat(format);
  let pos = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'literal') {
      // Each format character skips one matching (or any separator) character; blanks skip blank runs.
      for (const c of t.text) {
        if (c === ' ') while (text[pos] === ' ') pos++;
        else if (pos < text.length && (text[pos] === c || !isAlnum(text[pos]!))) pos++;
      }
      continue;
    }
    while (text[pos] === ' ') pos++;
    if (pos >= text.length) break;
    const width = WIDTH[t.field];
    if (width === undefined) {
      pos = readText(text, pos, t, fields);
      continue;
    }
    const next = tokens[k + 1];
    const greedy = t.fillMode || !next || next.kind === 'literal';
    const [value, digits, after] = readNumber(text, pos, width, greedy, t.field);
    applyField(fields, t.field, value, digits);
    pos = after;
  }
  return fields;
}

function outOfRange(what: 'date' | 'time', text: string): SqlError {
  return new SqlError(SqlState.datetimeFieldOverflow, `date/time field ${what} value out of range: ${text}`);
}

/** Microseconds since the epoch for text read by `format` (TO_TIMESTAMP; TO_DATE keeps the day). */
export function parseWithFormat(text: string, format: string, strict: boolean): number {
  const f = readFields(text, format);
  if (f.pm !== null) {
    if (strict && (f.hour < 1 || f.hour > 12)) throw outOfRange('time', `${f.hour}:${f.minute}:${f.second}`);
    f.hour = (f.hour % 12) + (f.pm ? 12 : 0);
  }
  let year = f.year ?? (f.century !== null ? (f.century - 1) * 100 + 1 : 1);
  if (f.bc) year = 1 - year;
  let days: number;
  if (f.julian !== null) days = f.julian - 2440588;
  else if (f.dayOfYear !== null) days = daysFromCivil(year, 1, 1) + f.dayOfYear - 1;
  else {
    if (strict && (f.month < 1 || f.month > 12 || f.day < 1 || f.day > daysInMonth(year, Math.min(Math.max(f.month, 1), 12)))) {
      throw outOfRange('date', `${year}-${f.month}-${f.day}`);
    }
    // Overflowing months and days roll into the following ones (2001-06-31 is 2001-07-01).
    const totalMonths = year * 12 + (f.month - 1);
    const y = Math.floor(totalMonths / 12);
    days = daysFromCivil(y, totalMonths - y * 12 + 1, 1) + f.day - 1;
  }
  if (strict && (f.hour > 23 || f.minute > 59 || f.second > 59)) {
    throw outOfRange('time', `${f.hour}:${String(f.minute).padStart(2, '0')}:${String(f.second).padStart(2, '0')}.${f.micros / 100000}`);
  }
  return days * MICROS_PER_DAY + f.hour * MICROS_PER_HOUR + f.minute * MICROS_PER_MINUTE + f.second * MICROS_PER_SECOND + f.micros;
}

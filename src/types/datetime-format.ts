/**
 * Datetime format strings (TO_CHAR, TO_DATE, TO_TIMESTAMP): parsing a format into tokens (cached
 * per format text, since formats are nearly always constants) and TO_CHAR's output for a timestamp.
 * Text fields take their case from the pattern (MONTH, Month, month); FM suppresses padding and
 * leading zeros of the next field; a TH/th suffix adds the ordinal suffix; "quoted" text is copied.
 */
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './datetime.js';
import {
  centuryOf,
  dayOfWeek,
  dayOfYear,
  displayYear,
  isoDayOfWeek,
  isoDayOfYear,
  isoWeek,
  microsOfSecond,
  quarterOf,
  timestampFields,
  type TimestampFields,
} from './dateparts.js';
import { toRoman } from './roman.js';

export type FieldId =
  | 'Y,YYY' | 'YYYY' | 'YYY' | 'YY' | 'Y' | 'IYYY' | 'IYY' | 'IY' | 'I' | 'CC' | 'Q' | 'MM' | 'MONTH' | 'MON' | 'RM'
  | 'WW' | 'W' | 'IW' | 'DAY' | 'DY' | 'DDD' | 'IDDD' | 'DD' | 'D' | 'ID' | 'J' | 'HH24' | 'HH12' | 'HH' | 'MI'
  | 'SSSSS' | 'SSSS' | 'SS' | 'MS' | 'US' | 'AM' | 'PM' | 'A.M.' | 'P.M.' | 'AD' | 'BC' | 'A.D.' | 'B.C.' | 'TZ' | 'OF';

/** Longest first, so 'MONTH' wins over 'MON' and 'MM'. */
const FIELDS: readonly FieldId[] = [
  'Y,YYY', 'A.M.', 'P.M.', 'A.D.', 'B.C.', 'MONTH', 'SSSSS', 'IYYY', 'YYYY', 'HH24', 'HH12', 'IDDD', 'SSSS',
  'IYY', 'YYY', 'DDD', 'MON', 'DAY', 'IY', 'YY', 'CC', 'MM', 'RM', 'WW', 'IW', 'DY', 'DD', 'ID', 'HH', 'MI', 'SS',
  'MS', 'US', 'AM', 'PM', 'AD', 'BC', 'TZ', 'OF', 'I', 'Y', 'Q', 'W', 'D', 'J',
];

export type TextCase = 'upper' | 'capitalized' | 'lower';

export type FormatToken =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly field: FieldId; readonly textCase: TextCase; readonly fillMode: boolean; readonly ordinal: 'TH' | 'th' | null };

function caseOf(text: string): TextCase {
  const first = text[0]!;
  if (first === first.toLowerCase()) return 'lower';
  const second = text.length > 1 ? text[1]! : '';
  return second !== '' && second !== second.toUpperCase() ? 'capitalized' : 'upper';
}

function parseFormatUncached(format: string): FormatToken[] {
  const tokens: FormatToken[] = [];
  let literal = '';
  let i = 0;
  const flush = (): void => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  while (i < format.length) {
    const c = format[i]!;
    if (c === '"') {
      // Quoted text; a backslash escapes the next character.
      i++;
      while (i < format.length && format[i] !== '"') {
        if (format[i] === '\\' && i + 1 < format.length) i++;
        literal += format[i++];
      }
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < format.length) {
      literal += format[i + 1];
      i += 2;
      continue;
    }
    let fillMode = false;
    let at = i;
    if (format.slice(at, at + 2).toUpperCase() === 'FM') {
      fillMode = true;
      at += 2;
    } else if (format.slice(at, at + 2).toUpperCase() === 'FX') {
      // FX (exact matching for input) changes nothing here.
      i += 2;
      continue;
    }
    const upper = format.slice(at, at + 5).toUpperCase();
    const field = FIELDS.find((f) => upper.startsWith(f));
    if (!field) {
      literal += fillMode ? format.slice(i, at) : c;
      i = fillMode ? at : i + 1;
      continue;
    }
    flush();
    const text = format.slice(at, at + field.length);
    at += field.length;
    const suffix = format.slice(at, at + 2);
    const ordinal = suffix === 'TH' || suffix === 'th' ? suffix : null;
    if (ordinal) at += 2;
    tokens.push({ kind: 'field', field, textCase: caseOf(text), fillMode, ordinal });
    i = at;
  }
  flush();
  return tokens;
}

const formatCache = new Map<string, FormatToken[]>();

export function parseDatetimeFormat(format: string): readonly FormatToken[] {
  let tokens = formatCache.get(format);
  if (!tokens) {
    tokens = parseFormatUncached(format);
    if (formatCache.size > 500) formatCache.clear();
    formatCache.set(format, tokens);
  }
  return tokens;
}

// ---------------------------------------------------------------- output

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function applyCase(text: string, textCase: TextCase): string {
  return textCase === 'upper' ? text.toUpperCase() : textCase === 'lower' ? text.toLowerCase() : text;
}

/** 'st', 'nd', 'rd' or 'th' for a number (11th, 12th, 13th). */
export function ordinalSuffix(n: number): string {
  const last2 = Math.abs(n) % 100;
  if (last2 >= 11 && last2 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][Math.abs(n) % 10] ?? 'th';
}

function padded(n: number, width: number, fillMode: boolean): string {
  const s = String(Math.abs(n));
  const body = fillMode ? s : s.padStart(width, '0');
  return n < 0 ? `-${body}` : body;
}

/** A numeric field's value and its zero-padded width. */
function numericField(field: FieldId, f: TimestampFields): [value: number, width: number] | null {
  const year = displayYear(f.year);
  const absYear = Math.abs(year);
  switch (field) {
    case 'YYYY': return [year, 4];
    case 'YYY': return [absYear % 1000, 3];
    case 'YY': return [absYear % 100, 2];
    case 'Y': return [absYear % 10, 1];
    case 'IYYY': return [isoWeek(f.days).isoYear, 4];
    case 'IYY': return [Math.abs(isoWeek(f.days).isoYear) % 1000, 3];
    case 'IY': return [Math.abs(isoWeek(f.days).isoYear) % 100, 2];
    case 'I': return [Math.abs(isoWeek(f.days).isoYear) % 10, 1];
    case 'CC': return [centuryOf(f.year), 2];
    case 'Q': return [quarterOf(f.month), 1];
    case 'MM': return [f.month, 2];
    case 'WW': return [Math.floor((dayOfYear(f) - 1) / 7) + 1, 2];
    case 'W': return [Math.floor((f.day - 1) / 7) + 1, 1];
    case 'IW': return [isoWeek(f.days).week, 2];
    case 'DDD': return [dayOfYear(f), 3];
    case 'IDDD': return [isoDayOfYear(f.days), 3];
    case 'DD': return [f.day, 2];
    case 'D': return [dayOfWeek(f.days) + 1, 1];
    case 'ID': return [isoDayOfWeek(f.days), 1];
    case 'J': return [f.days + 2440588, 1];
    case 'HH24': return [Math.floor(f.timeOfDay / MICROS_PER_HOUR), 2];
    case 'HH':
    case 'HH12': return [(Math.floor(f.timeOfDay / MICROS_PER_HOUR) % 12) || 12, 2];
    case 'MI': return [Math.floor(f.timeOfDay / MICROS_PER_MINUTE) % 60, 2];
    case 'SS': return [Math.floor(f.timeOfDay / MICROS_PER_SECOND) % 60, 2];
    case 'SSSS':
    case 'SSSSS': return [Math.floor(f.timeOfDay / MICROS_PER_SECOND), 1];
    case 'MS': return [Math.floor(microsOfSecond(f.timeOfDay) / 1000), 3];
    case 'US': return [microsOfSecond(f.timeOfDay), 6];
    default: return null;
  }
}

function textField(field: FieldId, f: TimestampFields, textCase: TextCase, fillMode: boolean): string {
  const pm = f.timeOfDay >= 12 * MICROS_PER_HOUR;
  const bc = f.year <= 0;
  switch (field) {
    case 'MONTH': {
      const name = applyCase(MONTH_NAMES[f.month - 1]!, textCase);
      return fillMode ? name : name.padEnd(9);
    }
    case 'MON': return applyCase(MONTH_NAMES[f.month - 1]!.slice(0, 3), textCase);
    case 'DAY': {
      const name = applyCase(DAY_NAMES[dayOfWeek(f.days)]!, textCase);
      return fillMode ? name : name.padEnd(9);
    }
    case 'DY': return applyCase(DAY_NAMES[dayOfWeek(f.days)]!.slice(0, 3), textCase);
    case 'RM': {
      const roman = applyCase(toRoman(f.month), textCase);
      return fillMode ? roman : roman.padEnd(4);
    }
    case 'AM':
    case 'PM': return applyCase(pm ? 'PM' : 'AM', textCase);
    case 'A.M.':
    case 'P.M.': return applyCase(pm ? 'P.M.' : 'A.M.', textCase);
    case 'AD':
    case 'BC': return applyCase(bc ? 'BC' : 'AD', textCase);
    case 'A.D.':
    case 'B.C.': return applyCase(bc ? 'B.C.' : 'A.D.', textCase);
    // The session time zone is UTC.
    case 'TZ': return applyCase('UTC', textCase);
    case 'OF': return '+00';
    case 'Y,YYY': {
      const y = Math.abs(displayYear(f.year));
      return `${Math.floor(y / 1000)},${String(y % 1000).padStart(3, '0')}`;
    }
    default: return '';
  }
}

/** TO_CHAR(timestamp, format). */
export function formatTimestampWith(micros: number, format: string): string {
  const f = timestampFields(micros);
  let out = '';
  for (const t of parseDatetimeFormat(format)) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    const numeric = numericField(t.field, f);
    if (numeric) {
      const [value, width] = numeric;
      out += padded(value, width, t.fillMode);
      if (t.ordinal) out += applyCase(ordinalSuffix(value), t.ordinal === 'TH' ? 'upper' : 'lower');
    } else out += textField(t.field, f, t.textCase, t.fillMode);
  }
  return out;
}

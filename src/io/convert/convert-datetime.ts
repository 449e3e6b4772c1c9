/**
 * DATE, TIMESTAMP, TIMESTAMPTZ and TIME fields under DATEFORMAT / TIMEFORMAT (reference §1.6):
 * - DATE uses DATEFORMAT (default 'YYYY-MM-DD', or 'auto'); a time after the date is dropped.
 * - TIMESTAMP / TIMESTAMPTZ use TIMEFORMAT (default 'YYYY-MM-DD HH:MI:SS', a fraction allowed after
 *   SS; 'auto'; 'epochsecs'; 'epochmillisecs'); a source without a time gets 00:00:00. A zone after
 *   the value (`+05`, `-08:00`, `Z`, `UTC`) is applied to TIMESTAMPTZ (none means UTC) and ignored by
 *   TIMESTAMP, as the engine's own input does.
 * - TIME reads 'HH:MI:SS' (or a TIMEFORMAT made only of time parts; 'auto' reads what the engine reads).
 * - ACCEPTANYDATE turns an unparsable DATE or TIMESTAMP into NULL.
 * The default layouts have a fixed-position fast path; values are the engine's (days since the epoch;
 * microseconds as days * 86400e6 + time of day, the same double arithmetic as types/datetime.ts).
 */
import { daysFromCivil, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, parseTime } from '../../types/datetime.js';
import type { ConversionOptions } from '../load-options.js';
import type { Int32Builder, Int64Builder } from './builders-fixed.js';
import { parseAuto } from './datetime-auto.js';
import { compileFormat, parts, readFormat, readFraction, type CompiledFormat } from './datetime-format.js';
import { fail, IS_NULL, isBlank, LoadErrorCode, OK } from './field-status.js';

export type DateTimeTarget = 'date' | 'timestamp' | 'timestamptz' | 'time';

const FORMAT = 0;
const AUTO = 1;
const EPOCH_SECONDS = 2;
const EPOCH_MILLIS = 3;

const MAX_YEAR = 294276;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DEFAULT_DATE = 'YYYY-MM-DD';
const DEFAULT_TIMESTAMP = 'YYYY-MM-DD HH:MI:SS';
const DEFAULT_TIME = 'HH:MI:SS';

function digit(b: number): number {
  const d = b - 0x30;
  return d >= 0 && d <= 9 ? d : -100;
}

function isSeparator(b: number): boolean {
  return !((b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7a));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Days since 1970-01-01 of the first of each month, and the month's length, for the years loads
 * mostly hold: a date is then two table reads.
 */
const TABLE_FIRST_YEAR = 1700;
const TABLE_YEARS = 700;
const MONTH_START = new Int32Array(TABLE_YEARS * 12);
const MONTH_LENGTH = new Uint8Array(TABLE_YEARS * 12);
for (let k = 0; k < TABLE_YEARS * 12; k++) {
  const year = TABLE_FIRST_YEAR + Math.floor(k / 12);
  const month = (k % 12) + 1;
  MONTH_START[k] = daysFromCivil(year, month, 1);
  MONTH_LENGTH[k] = month === 2 ? (isLeap(year) ? 29 : 28) : MONTH_DAYS[month - 1]!;
}

/** Days since 1970-01-01, or NaN for an impossible date. */
function civilDays(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1) return NaN;
  const offset = year - TABLE_FIRST_YEAR;
  if (offset >= 0 && offset < TABLE_YEARS) {
    const k = offset * 12 + month - 1;
    return day > MONTH_LENGTH[k]! ? NaN : MONTH_START[k]! + day - 1;
  }
  if (year > MAX_YEAR || day > (month === 2 ? (isLeap(year) ? 29 : 28) : MONTH_DAYS[month - 1]!)) return NaN;
  return daysFromCivil(year, month, day);
}

/** Microseconds into the day, or NaN (the engine's limits: hour 24 only as 24:00:00, second up to 60). */
function timeOfDay(hour: number, minute: number, second: number, micros: number, meridiem: number): number {
  let h = hour;
  if (meridiem >= 0) {
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (meridiem === 1 ? 12 : 0);
  }
  if (h > 24 || minute > 59 || second > 60 || (h === 24 && (minute > 0 || second > 0 || micros > 0))) return NaN;
  return h * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE + second * MICROS_PER_SECOND + micros;
}

/** The offset in seconds of a zone at bytes[i, end) (`Z`, `UTC`, `GMT`, `+05`, `-08:00`, `+0530`), or NaN. */
function zoneOffset(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isBlank(bytes[i]!)) i++;
  const rest = end - i;
  const c = bytes[i]! | 0x20;
  if (rest === 1 && c === 0x7a /* z */) return 0;
  if (rest === 3) {
    const word = String.fromCharCode(c, bytes[i + 1]! | 0x20, bytes[i + 2]! | 0x20);
    if (word === 'utc' || word === 'gmt') return 0;
  }
  const sign = bytes[i];
  if (sign !== 0x2b && sign !== 0x2d) return NaN;
  const d = [];
  for (let k = i + 1; k < end; k++) {
    if (bytes[k] === 0x3a && d.length === 2) continue;
    const v = digit(bytes[k]!);
    if (v < 0) return NaN;
    d.push(v);
  }
  if (d.length === 1) d.unshift(0);
  if (d.length !== 2 && d.length !== 4) return NaN;
  const hours = d[0]! * 10 + d[1]!;
  const minutes = d.length === 4 ? d[2]! * 10 + d[3]! : 0;
  if (hours > 15 || minutes > 59) return NaN;
  return (sign === 0x2d ? -1 : 1) * (hours * 3600 + minutes * 60);
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export class DateTimeConverter {
  private readonly mode: number;
  private readonly format: CompiledFormat;
  /** The format is the default layout: the fixed-position fast path applies. */
  private readonly defaultLayout: boolean;
  private readonly withZone: boolean;
  private readonly acceptAnyDate: boolean;
  private readonly errorCode: number;
  private readonly errorText: string;

  constructor(private readonly target: DateTimeTarget, conversion: ConversionOptions) {
    this.withZone = target === 'timestamptz';
    this.acceptAnyDate = conversion.acceptAnyDate && target !== 'time';
    const given = target === 'date' ? conversion.dateFormat : conversion.timeFormat;
    const mode = given === 'auto' ? AUTO : given === 'epochsecs' ? EPOCH_SECONDS : given === 'epochmillisecs' ? EPOCH_MILLIS : FORMAT;
    let text: string;
    if (target === 'date') text = mode === AUTO ? DEFAULT_DATE : (given ?? DEFAULT_DATE);
    else if (target === 'time') text = given !== null && mode === FORMAT && timeOnly(given) ? given : DEFAULT_TIME;
    else text = given === null || mode !== FORMAT ? DEFAULT_TIMESTAMP : given;
    // epochsecs / epochmillisecs are for timestamps: a TIME column reads its default layout.
    this.mode = target === 'time' && mode !== AUTO ? FORMAT : mode;
    this.format = compileFormat(text);
    this.defaultLayout = text.toUpperCase() === (target === 'date' ? DEFAULT_DATE : target === 'time' ? DEFAULT_TIME : DEFAULT_TIMESTAMP);
    this.errorCode = target === 'date' ? LoadErrorCode.invalidDate : LoadErrorCode.invalidTimestamp;
    this.errorText = errorText(target, given);
  }

  /**
   * For the fast path of delimited text (fast-text.ts): a date in the default layout at
   * bytes[start, start + 10), pushed as convertDate would push it; false, nothing pushed, otherwise.
   */
  pushDefaultDate(b: Int32Builder, bytes: Uint8Array, start: number): boolean {
    if (!this.defaultLayout) return false;
    const days = fastDate(bytes, start, start + 10);
    if (days !== days) return false;
    b.push(days);
    return true;
  }

  convertDate(b: Int32Builder, bytes: Uint8Array, start: number, end: number): number {
    if (end - start === 10 && this.defaultLayout) {
      const days = fastDate(bytes, start, end);
      if (days === days) {
        b.push(days);
        return OK;
      }
    }
    return this.parseDate(b, bytes, start, end);
  }

  /** Every form: blanks, other layouts, 'auto', errors. */
  private parseDate(b: Int32Builder, bytes: Uint8Array, start: number, end: number): number {
    let s = start;
    while (s < end && isBlank(bytes[s]!)) s++;
    if (s === end) return IS_NULL;
    let e = end;
    while (isBlank(bytes[e - 1]!)) e--;
    let days = this.defaultLayout ? fastDate(bytes, s, e) : NaN;
    if (Number.isNaN(days)) {
      if (this.mode === AUTO) days = parseAuto(latin1(bytes, s, e), 'date') ?? NaN;
      // The default layout wants all ten characters ('2008-1-5' is an error).
      else if (!this.defaultLayout || e - s >= 10) days = this.formatDate(bytes, s, e);
    }
    if (Number.isNaN(days)) return this.failed(e - s);
    b.push(days);
    return OK;
  }

  convertTimestamp(b: Int64Builder, bytes: Uint8Array, start: number, end: number): number {
    if (end - start === 19 && this.defaultLayout && this.mode !== EPOCH_SECONDS && this.mode !== EPOCH_MILLIS) {
      const micros = this.fastTimestamp(bytes, start, end);
      if (micros === micros) {
        b.pushNumber(micros);
        return OK;
      }
    }
    return this.parseTimestamp(b, bytes, start, end);
  }

  /** Every form: blanks, fractions, zones, other layouts, 'auto', epochs, errors. */
  private parseTimestamp(b: Int64Builder, bytes: Uint8Array, start: number, end: number): number {
    let s = start;
    while (s < end && isBlank(bytes[s]!)) s++;
    if (s === end) return IS_NULL;
    let e = end;
    while (isBlank(bytes[e - 1]!)) e--;
    let micros: number;
    if (this.mode === EPOCH_SECONDS || this.mode === EPOCH_MILLIS) micros = epoch(bytes, s, e, this.mode === EPOCH_MILLIS);
    else {
      micros = this.defaultLayout ? this.fastTimestamp(bytes, s, e) : NaN;
      if (Number.isNaN(micros)) {
        micros = this.mode === AUTO ? (parseAuto(latin1(bytes, s, e), this.withZone ? 'timestamptz' : 'timestamp') ?? NaN) : this.formatTimestamp(bytes, s, e);
      }
    }
    if (Number.isNaN(micros)) return this.failed(e - s);
    b.pushNumber(micros);
    return OK;
  }

  convertTime(b: Int64Builder, bytes: Uint8Array, start: number, end: number): number {
    let s = start;
    while (s < end && isBlank(bytes[s]!)) s++;
    if (s === end) return IS_NULL;
    let e = end;
    while (isBlank(bytes[e - 1]!)) e--;
    let micros = NaN;
    if (readFormat(this.format, bytes, s, e, false) && parts.end === e) micros = timeOfDay(parts.hour, parts.minute, parts.second, parts.micros, parts.meridiem);
    if (Number.isNaN(micros) && this.mode === AUTO) micros = engineTime(latin1(bytes, s, e));
    if (Number.isNaN(micros)) return this.failed(e - s);
    b.pushNumber(micros);
    return OK;
  }

  private failed(length: number): number {
    if (this.acceptAnyDate) return IS_NULL;
    if (this.target === 'date' && this.mode === FORMAT && this.defaultLayout && length < 10) {
      return fail(this.errorCode, 'Invalid Date Format - length must be 10 or more');
    }
    return fail(this.errorCode, this.errorText);
  }

  /** DATE by the compiled DATEFORMAT: a time (or anything after a separator) following the date is dropped. */
  private formatDate(bytes: Uint8Array, s: number, e: number): number {
    if (!readFormat(this.format, bytes, s, e, true)) return NaN;
    if (parts.end < e && !isSeparator(bytes[parts.end]!) && (bytes[parts.end]! | 0x20) !== 0x74 /* t */) return NaN;
    const year = parts.twoDigitYear ? parts.year + (parts.year < 70 ? 2000 : 1900) : parts.year;
    return civilDays(year, parts.month, parts.day);
  }

  private formatTimestamp(bytes: Uint8Array, s: number, e: number): number {
    if (!readFormat(this.format, bytes, s, e, false)) return NaN;
    const year = parts.twoDigitYear ? parts.year + (parts.year < 70 ? 2000 : 1900) : parts.year;
    const days = civilDays(year, parts.month, parts.day);
    const time = timeOfDay(parts.hour, parts.minute, parts.second, parts.micros, parts.meridiem);
    return this.withOptionalZone(days * MICROS_PER_DAY + time, bytes, parts.end, e);
  }

  /** 'YYYY-MM-DD HH:MI:SS[.ffffff][zone]' at fixed positions; NaN sends the text to the general reader. */
  private fastTimestamp(bytes: Uint8Array, s: number, e: number): number {
    if (e - s < 19 || bytes[s + 10] !== 0x20) return NaN;
    const days = fastDate(bytes, s, s + 10);
    const h = digit(bytes[s + 11]!) * 10 + digit(bytes[s + 12]!);
    const mi = digit(bytes[s + 14]!) * 10 + digit(bytes[s + 15]!);
    const sec = digit(bytes[s + 17]!) * 10 + digit(bytes[s + 18]!);
    if (h < 0 || mi < 0 || sec < 0 || !isSeparator(bytes[s + 13]!) || !isSeparator(bytes[s + 16]!)) return NaN;
    let i = s + 19;
    parts.micros = 0;
    if (i < e && bytes[i] === 0x2e) i = readFraction(bytes, i + 1, e);
    return this.withOptionalZone(days * MICROS_PER_DAY + timeOfDay(h, mi, sec, parts.micros, -1), bytes, i, e);
  }

  /** `local` with the zone in bytes[i, e) applied (TIMESTAMPTZ) or checked and ignored (TIMESTAMP). */
  private withOptionalZone(local: number, bytes: Uint8Array, i: number, e: number): number {
    if (i === e) return local;
    const offset = zoneOffset(bytes, i, e);
    if (Number.isNaN(offset)) return NaN;
    return this.withZone ? local - offset * MICROS_PER_SECOND : local;
  }
}

/** 'YYYY-MM-DD' at fixed positions (a time after a blank or T is dropped); NaN when not that layout. */
function fastDate(bytes: Uint8Array, s: number, e: number): number {
  if (e - s < 10) return NaN;
  const y = digit(bytes[s]!) * 1000 + digit(bytes[s + 1]!) * 100 + digit(bytes[s + 2]!) * 10 + digit(bytes[s + 3]!);
  const m = digit(bytes[s + 5]!) * 10 + digit(bytes[s + 6]!);
  const d = digit(bytes[s + 8]!) * 10 + digit(bytes[s + 9]!);
  if (y < 0 || m < 0 || d < 0 || !isSeparator(bytes[s + 4]!) || !isSeparator(bytes[s + 7]!)) return NaN;
  if (e - s > 10) {
    const next = bytes[s + 10]!;
    if (!isBlank(next) && (next | 0x20) !== 0x74 /* t */) return NaN;
  }
  return civilDays(y, m, d);
}

/** Seconds or milliseconds since the epoch (an optional sign and fraction) -> microseconds, or NaN. */
function epoch(bytes: Uint8Array, s: number, e: number, millis: boolean): number {
  let i = s;
  const negative = bytes[i] === 0x2d;
  if (negative || bytes[i] === 0x2b) i++;
  const digitsStart = i;
  let whole = 0;
  for (; i < e; i++) {
    const d = digit(bytes[i]!);
    if (d < 0) break;
    whole = whole * 10 + d;
  }
  if (i === digitsStart) return NaN;
  parts.micros = 0;
  if (i < e && bytes[i] === 0x2e) i = readFraction(bytes, i + 1, e);
  if (i !== e) return NaN;
  const micros = millis ? whole * 1000 + Math.floor(parts.micros / 1000) : whole * MICROS_PER_SECOND + parts.micros;
  return negative ? -micros : micros;
}

function engineTime(text: string): number {
  try {
    return parseTime(text);
  } catch {
    return NaN;
  }
}

/** A TIMEFORMAT made only of time parts (usable for TIME columns). */
function timeOnly(format: string): boolean {
  const f = compileFormat(format);
  return f.dateDone === 0 && f.hasTime;
}

/** Redshift's texts: the documented default-format one, `Invalid timestamp format or value [fmt]` otherwise. */
function errorText(target: DateTimeTarget, given: string | null): string {
  switch (target) {
    case 'date': return `Invalid date format or value [${given ?? DEFAULT_DATE}]`;
    case 'timestamp': return given === null ? 'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S]' : `Invalid timestamp format or value [${given}]`;
    case 'timestamptz': return given === null ? 'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S%z]' : `Invalid timestamp format or value [${given}]`;
    case 'time': return `Invalid time format or value [${given !== null && timeOnly(given) ? given : DEFAULT_TIME}]`;
  }
}

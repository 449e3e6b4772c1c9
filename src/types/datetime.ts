/**
 * DATE (days since 1970-01-01), TIMESTAMP/TIMESTAMPTZ (microseconds since the epoch, UTC) and TIME
 * (microseconds since midnight): calendar arithmetic, text input in the forms Redshift accepts, and
 * text output as psql shows it.
 */
import { SqlError, SqlState } from './errors.js';
import { fieldOutOfRange, invalidSyntax } from './type-errors.js';

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/** Redshift's (PostgreSQL's) timestamp range: 4713 BC .. 294276 AD. */
const MIN_YEAR = -4712;
const MAX_YEAR = 294276;

// ---------------------------------------------------------------- calendar

/** Days since 1970-01-01 of a proleptic Gregorian date (year 0 = 1 BC). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** `days` moved by `months`, the day clamped to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToDays(days: number, months: number): number {
  if (months === 0) return days;
  const { year, month, day } = civilFromDays(days);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return daysFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Split microseconds since the epoch into whole days and microseconds into the day (both floor-based). */
export function splitMicros(micros: number): { days: number; timeOfDay: number } {
  const days = Math.floor(micros / MICROS_PER_DAY);
  return { days, timeOfDay: micros - days * MICROS_PER_DAY };
}

// ---------------------------------------------------------------- parsing

type DateTimeTarget = 'date' | 'timestamp' | 'timestamptz' | 'time';

const TYPE_LABEL: Record<DateTimeTarget, string> = {
  date: 'type date',
  timestamp: 'type timestamp',
  timestamptz: 'type timestamp with time zone',
  time: 'type time',
};

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

interface DateFields {
  year: number;
  month: number;
  day: number;
  /** How many characters of the input the date took. */
  length: number;
}

type DateForm = { re: RegExp; fields: (m: RegExpExecArray) => [year: string, month: string | number | undefined, day: string] };

/** The date layouts accepted, tried in order (PostgreSQL's DateStyle MDY for ambiguous numeric forms). */
const DATE_FORMS: readonly DateForm[] = [
  { re: /^(\d{4,6})-(\d{1,2})-(\d{1,2})(?!\d)/, fields: (m) => [m[1]!, m[2]!, m[3]!] },
  { re: /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/, fields: (m) => [m[1]!, m[2]!, m[3]!] },
  { re: /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/, fields: (m) => [m[4]!, m[1]!, m[3]!] },
  { re: /^(\d{4})(\d{2})(\d{2})(?!\d)/, fields: (m) => [m[1]!, m[2]!, m[3]!] },
  { re: /^([a-z]+)\.?[ -]+(\d{1,2})(?:st|nd|rd|th)?,?[ -]+(\d{4})(?!\d)/, fields: (m) => [m[3]!, MONTHS[m[1]!], m[2]!] },
  { re: /^(\d{1,2})[ -]+([a-z]+)\.?,?[ -]+(\d{4})(?!\d)/, fields: (m) => [m[3]!, MONTHS[m[2]!], m[1]!] },
  { re: /^(\d{4})[ -]+([a-z]+)\.?[ -]+(\d{1,2})(?!\d)/, fields: (m) => [m[1]!, MONTHS[m[2]!], m[3]!] },
];

function matchDate(s: string, text: string, target: DateTimeTarget): DateFields | null {
  for (const form of DATE_FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    const [y, mon, d] = form.fields(m);
    if (mon === undefined) throw invalidSyntax(TYPE_LABEL[target], text, SqlState.invalidDatetimeFormat);
    let year = Number(y);
    // Two-digit years as PostgreSQL reads them: 70..99 -> 1970..1999, 00..69 -> 2000..2069.
    if (y.length <= 2) year += year < 70 ? 2000 : 1900;
    return { year, month: Number(mon), day: Number(d), length: m[0].length };
  }
  return null;
}

const TIME_FORM = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d*))?)?/;
const AM_PM = /^\s*([ap])\.?m\.?(?![a-z])/;
const ZONE = /^\s*(?:(z|utc|gmt)(?![a-z])|([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)/;
const ERA = /^\s*(bc|ad)(?![a-z])/;

interface ParsedDateTime {
  /** Days since the epoch (absent for a bare TIME). */
  days: number | null;
  /** Microseconds into the day (0 when no time was given). */
  timeOfDay: number;
  /** Seconds east of UTC, when the text carried a zone. */
  offsetSeconds: number | null;
}

/** Fraction-of-second digits -> microseconds, rounded half up at the 7th digit. */
function fractionMicros(digits: string | undefined): number {
  if (!digits) return 0;
  const padded = (digits + '0000000').slice(0, 7);
  return Math.floor((Number(padded) + 5) / 10);
}

function parseDateTime(text: string, target: DateTimeTarget): ParsedDateTime {
  const s = text.trim().toLowerCase();
  const syntax = (): SqlError => invalidSyntax(TYPE_LABEL[target], text, SqlState.invalidDatetimeFormat);
  let pos = 0;
  const date = matchDate(s, text, target);
  if (date) pos = date.length;
  else if (target !== 'time') throw syntax();

  let timeOfDay = 0;
  const afterDate = s.slice(pos);
  const sep = date ? /^(?:\s+|t)/.exec(afterDate) : null;
  const timeStart = date ? (sep ? sep[0].length : -1) : 0;
  const tm = timeStart >= 0 ? TIME_FORM.exec(afterDate.slice(timeStart)) : null;
  if (tm) {
    pos += timeStart + tm[0].length;
    let hour = Number(tm[1]);
    const minute = Number(tm[2]);
    const second = tm[3] === undefined ? 0 : Number(tm[3]);
    const ampm = AM_PM.exec(s.slice(pos));
    if (ampm) {
      if (hour < 1 || hour > 12) throw fieldOutOfRange(text);
      hour = (hour % 12) + (ampm[1] === 'p' ? 12 : 0);
      pos += ampm[0].length;
    }
    const micros = fractionMicros(tm[4]);
    if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0 || micros > 0))) throw fieldOutOfRange(text);
    timeOfDay = hour * MICROS_PER_HOUR + minute * MICROS_PER_MINUTE + second * MICROS_PER_SECOND + micros;
  } else if (!date) throw syntax();

  let offsetSeconds: number | null = null;
  const zone = ZONE.exec(s.slice(pos));
  if (zone) {
    pos += zone[0].length;
    if (zone[1]) offsetSeconds = 0;
    else {
      const h = Number(zone[3]);
      const m = zone[4] === undefined ? 0 : Number(zone[4]);
      const sec = zone[5] === undefined ? 0 : Number(zone[5]);
      if (h > 15 || m > 59 || sec > 59) throw fieldOutOfRange(text);
      offsetSeconds = (zone[2] === '-' ? -1 : 1) * (h * 3600 + m * 60 + sec);
    }
  }
  let bc = false;
  const era = date ? ERA.exec(s.slice(pos)) : null;
  if (era) {
    bc = era[1] === 'bc';
    pos += era[0].length;
  }
  if (pos !== s.length) throw syntax();

  if (!date) return { days: null, timeOfDay, offsetSeconds };
  const year = bc ? 1 - date.year : date.year;
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(year, date.month)) throw fieldOutOfRange(text);
  if ((bc && date.year === 0) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new SqlError(SqlState.datetimeFieldOverflow, `${target === 'date' ? 'date' : 'timestamp'} out of range: "${text}"`);
  }
  return { days: daysFromCivil(year, date.month, date.day), timeOfDay, offsetSeconds };
}

/** 'YYYY-MM-DD' and the other common layouts -> days since the epoch (a time part is allowed and dropped). */
export function parseDate(text: string): number {
  return parseDateTime(text, 'date').days!;
}

/** Text -> microseconds since the epoch. A zone suffix is ignored for TIMESTAMP and applied for TIMESTAMPTZ. */
export function parseTimestamp(text: string, withZone: boolean): number {
  const p = parseDateTime(text, withZone ? 'timestamptz' : 'timestamp');
  const local = p.days! * MICROS_PER_DAY + p.timeOfDay;
  return withZone && p.offsetSeconds !== null ? local - p.offsetSeconds * MICROS_PER_SECOND : local;
}

/** 'HH:MI[:SS[.ffffff]]' (optionally after a date, which is dropped) -> microseconds since midnight. */
export function parseTime(text: string): number {
  return parseDateTime(text, 'time').timeOfDay;
}

// ---------------------------------------------------------------- formatting

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatYmd({ year, month, day }: CivilDate): string {
  const y = year > 0 ? year : 1 - year;
  return `${pad(y, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Dates formatted lately: a column holds few distinct days (TPC-H's 600k line items ~2,500), each printed many times. */
const formattedDates = new Map<number, string>();
const FORMATTED_DATES_KEPT = 1 << 14;

export function formatDate(days: number): string {
  let text = formattedDates.get(days);
  if (text === undefined) {
    const c = civilFromDays(days);
    text = c.year > 0 ? formatYmd(c) : `${formatYmd(c)} BC`;
    if (formattedDates.size >= FORMATTED_DATES_KEPT) formattedDates.clear();
    formattedDates.set(days, text);
  }
  return text;
}

/** 'HH:MI:SS' plus '.ffffff' with trailing zeros trimmed when there are microseconds. */
export function formatTime(timeOfDay: number): string {
  const totalSeconds = Math.floor(timeOfDay / MICROS_PER_SECOND);
  const micros = timeOfDay - totalSeconds * MICROS_PER_SECOND;
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  const base = `${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}`;
  return micros === 0 ? base : `${base}.${pad(micros, 6).replace(/0+$/, '')}`;
}

export function formatTimestamp(micros: number, withZone: boolean): string {
  const { days, timeOfDay } = splitMicros(micros);
  const c = civilFromDays(days);
  const zone = withZone ? '+00' : '';
  const text = `${formatYmd(c)} ${formatTime(timeOfDay)}${zone}`;
  return c.year > 0 ? text : `${text} BC`;
}

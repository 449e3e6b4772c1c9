/**
 * Date parts as DATEADD, DATEDIFF, DATE_PART, EXTRACT and DATE_TRUNC name them (Redshift's table of
 * names and abbreviations — note `m` is minute), and the calendar fields of a timestamp.
 */
import { SqlError, SqlState } from './errors.js';
import { MICROS_PER_SECOND, civilFromDays, daysFromCivil, splitMicros } from './datetime.js';

export type DatePart =
  | 'millennium' | 'century' | 'decade' | 'epoch' | 'year' | 'quarter' | 'month' | 'week'
  | 'dayofweek' | 'dayofyear' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'microsecond'
  | 'timezone' | 'timezone_hour' | 'timezone_minute';

const NAMES = new Map<string, DatePart>();
function names(part: DatePart, list: string): void {
  for (const n of list.split(' ')) NAMES.set(n, part);
}
names('millennium', 'millennium millennia millenniums mil mils');
names('century', 'century centuries c cent cents');
names('decade', 'decade decades dec decs');
names('epoch', 'epoch');
names('year', 'year years y yr yrs');
names('quarter', 'quarter quarters qtr qtrs');
names('month', 'month months mon mons');
names('week', 'week weeks w');
names('dayofweek', 'dayofweek dow dw weekday');
names('dayofyear', 'dayofyear doy dy yearday');
names('day', 'day days d');
names('hour', 'hour hours h hr hrs');
names('minute', 'minute minutes m min mins');
names('second', 'second seconds s sec secs');
names('millisecond', 'millisecond milliseconds ms msec msecs msecond mseconds millisec millisecs millisecon');
names('microsecond', 'microsecond microseconds microsec microsecs usecond useconds us usec usecs');
names('timezone', 'timezone');
names('timezone_hour', 'timezone_hour');
names('timezone_minute', 'timezone_minute');

/** The date part a name denotes (case-insensitive, surrounding blanks ignored). Throws 22023 for unknown names. */
export function parseDatePart(text: string): DatePart {
  const part = NAMES.get(text) ?? NAMES.get(text.trim().toLowerCase());
  if (!part) throw new SqlError(SqlState.invalidParameterValue, `timestamp units "${text}" not recognized`);
  return part;
}

export function unsupportedPart(part: string, typeLabel: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${typeLabel} units "${part}" not supported`);
}

/** Calendar and clock fields of a timestamp (microseconds since the epoch). */
export interface TimestampFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** Days since the epoch. */
  readonly days: number;
  /** Microseconds into the day. */
  readonly timeOfDay: number;
}

export function timestampFields(micros: number): TimestampFields {
  const { days, timeOfDay } = splitMicros(micros);
  const { year, month, day } = civilFromDays(days);
  return { year, month, day, days, timeOfDay };
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** 1 = Monday .. 7 = Sunday. */
export function isoDayOfWeek(days: number): number {
  return dayOfWeek(days) || 7;
}

export function dayOfYear(f: { year: number; days: number }): number {
  return f.days - daysFromCivil(f.year, 1, 1) + 1;
}

/** Days since the epoch of the Monday starting ISO week 1 of `isoYear`. */
function isoWeekOneStart(isoYear: number): number {
  const jan4 = daysFromCivil(isoYear, 1, 4);
  return jan4 - isoDayOfWeek(jan4) + 1;
}

/** ISO 8601 year and week number (weeks start on Monday; week 1 holds January 4). */
export function isoWeek(days: number): { isoYear: number; week: number } {
  const { year } = civilFromDays(days);
  let isoYear = year;
  if (days >= isoWeekOneStart(year + 1)) isoYear = year + 1;
  else if (days < isoWeekOneStart(year)) isoYear = year - 1;
  return { isoYear, week: Math.floor((days - isoWeekOneStart(isoYear)) / 7) + 1 };
}

/** ISO day of the ISO year (1..371). */
export function isoDayOfYear(days: number): number {
  return days - isoWeekOneStart(isoWeek(days).isoYear) + 1;
}

/** Redshift's centuries start with year ###1: 2000 is in the 20th, 2001 in the 21st. */
export function centuryOf(year: number): number {
  return year > 0 ? Math.floor((year + 99) / 100) : -Math.floor((99 - (year - 1)) / 100);
}

export function millenniumOf(year: number): number {
  return year > 0 ? Math.floor((year + 999) / 1000) : -Math.floor((999 - (year - 1)) / 1000);
}

/** Decades count from year 0 (2000..2009 is decade 200) as PostgreSQL does. */
export function decadeOf(year: number): number {
  return year >= 0 ? Math.floor(year / 10) : -Math.floor((8 - (year - 1)) / 10);
}

/** The year as displayed: 1 BC is year 0 internally, -1 when extracted. */
export function displayYear(year: number): number {
  return year > 0 ? year : year - 1;
}

export function quarterOf(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/** Fractional microseconds of the second (0..999999). */
export function microsOfSecond(timeOfDay: number): number {
  return timeOfDay % MICROS_PER_SECOND;
}


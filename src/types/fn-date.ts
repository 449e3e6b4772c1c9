/**
 * Date/time functions: DATEADD, DATEDIFF, DATE_TRUNC, LAST_DAY, ADD_MONTHS, MONTHS_BETWEEN, NEXT_DAY.
 * (DATE_PART and EXTRACT are in fn-datepart.ts.) DATE arguments take the TIMESTAMP overloads by
 * the implicit DATE -> TIMESTAMP cast, which is why DATEADD on a DATE returns a TIMESTAMP.
 */
import { BIGINT, DATE, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  addMonthsToDays,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
} from './datetime.js';
import {
  centuryOf,
  dayOfWeek,
  decadeOf,
  isoDayOfWeek,
  millenniumOf,
  parseDatePart,
  quarterOf,
  timestampFields,
  unsupportedPart,
  type DatePart,
} from './dateparts.js';
import { defineFunction, type Overload, type Param } from './signatures.js';

/** Microseconds in one unit of the clock parts. */
const CLOCK_UNIT: Partial<Record<DatePart, number>> = {
  hour: MICROS_PER_HOUR,
  minute: MICROS_PER_MINUTE,
  second: MICROS_PER_SECOND,
  millisecond: 1000,
  microsecond: 1,
};

const YEARS_PER: Partial<Record<DatePart, number>> = { year: 1, decade: 10, century: 100, millennium: 1000 };

// ---------------------------------------------------------------- DATEADD

/**
 * timestamp + n parts. Months and quarters clamp the day to the target month's length
 * (2008-04-30 + 1 month = 2008-05-30, 2016-02-29 + 12 months = 2017-02-28), but years keep the
 * day and let it overflow into the next month (2016-02-29 + 1 year = 2017-03-01), as Redshift does.
 */
export function dateAdd(part: DatePart, n: number, ts: number): number {
  const clock = CLOCK_UNIT[part];
  if (clock !== undefined) return ts + n * clock;
  const f = timestampFields(ts);
  const years = YEARS_PER[part];
  if (years !== undefined) return (daysFromCivil(f.year + n * years, f.month, 1) + f.day - 1) * MICROS_PER_DAY + f.timeOfDay;
  switch (part) {
    case 'quarter':
      return addMonthsToDays(f.days, 3 * n) * MICROS_PER_DAY + f.timeOfDay;
    case 'month':
      return addMonthsToDays(f.days, n) * MICROS_PER_DAY + f.timeOfDay;
    case 'week':
      return ts + n * 7 * MICROS_PER_DAY;
    case 'day':
    case 'dayofweek':
    case 'dayofyear':
      return ts + n * MICROS_PER_DAY;
    default:
      throw unsupportedPart(part, 'timestamp');
  }
}

/** time + n clock parts, wrapping around midnight. */
function timeAdd(part: DatePart, n: number, time: number): number {
  const clock = CLOCK_UNIT[part];
  if (clock === undefined) throw unsupportedPart(part, '"time"');
  const r = (time + n * clock) % MICROS_PER_DAY;
  return r < 0 ? r + MICROS_PER_DAY : r;
}

const asNumber = (n: unknown): number => (typeof n === 'bigint' ? Number(n) : (n as number));

function dateAddOverloads(): Overload[] {
  const out: Overload[] = [];
  for (const count of ['int4', 'int8'] as const) {
    const ts = (p: unknown, n: unknown, t: unknown): unknown => dateAdd(parseDatePart(p as string), asNumber(n), t as number);
    // TIMESTAMP first: an untyped literal ('2008-02-28 10:00') keeps its time of day.
    out.push({ params: ['text', count, 'timestamp'], returns: TIMESTAMP, fn: ts });
    out.push({ params: ['text', count, 'timestamptz'], returns: TIMESTAMPTZ, fn: ts });
    out.push({ params: ['text', count, 'time'], returns: TIME, fn: (p, n, t) => timeAdd(parseDatePart(p as string), asNumber(n), t as number) });
  }
  return out;
}
defineFunction('dateadd', dateAddOverloads());

// ---------------------------------------------------------------- DATEDIFF

/** Monday-based week number: 1969-12-29 (a Monday) starts week 0. */
const weekIndex = (days: number): number => Math.floor((days + 3) / 7);

/** Which boundary of `part` a timestamp lies after, counted from a fixed origin. */
function boundaryIndex(part: DatePart, ts: number): number {
  const clock = CLOCK_UNIT[part];
  if (clock !== undefined) return Math.floor(ts / clock);
  const f = timestampFields(ts);
  switch (part) {
    case 'millennium': return millenniumOf(f.year);
    case 'century': return centuryOf(f.year);
    case 'decade': return decadeOf(f.year);
    case 'year': return f.year;
    case 'quarter': return f.year * 4 + quarterOf(f.month) - 1;
    case 'month': return f.year * 12 + f.month - 1;
    case 'week': return weekIndex(f.days);
    case 'day':
    case 'dayofweek':
    case 'dayofyear':
      return f.days;
    default:
      throw unsupportedPart(part, 'timestamp');
  }
}

/** DATEDIFF: the number of `part` boundaries crossed going from a to b (negative when b < a). */
export function dateDiff(part: DatePart, a: number, b: number): bigint {
  return BigInt(boundaryIndex(part, b) - boundaryIndex(part, a));
}

function timeDiff(part: DatePart, a: number, b: number): bigint {
  const clock = CLOCK_UNIT[part];
  if (clock === undefined) throw unsupportedPart(part, '"time"');
  return BigInt(Math.floor(b / clock) - Math.floor(a / clock));
}

defineFunction('datediff', [
  { params: ['text', 'timestamp', 'timestamp'], returns: BIGINT, fn: (p, a, b) => dateDiff(parseDatePart(p as string), a as number, b as number) },
  { params: ['text', 'timestamptz', 'timestamptz'], returns: BIGINT, fn: (p, a, b) => dateDiff(parseDatePart(p as string), a as number, b as number) },
  { params: ['text', 'time', 'time'], returns: BIGINT, fn: (p, a, b) => timeDiff(parseDatePart(p as string), a as number, b as number) },
]);

// ---------------------------------------------------------------- DATE_TRUNC

const atDay = (days: number): number => days * MICROS_PER_DAY;
const firstOfYear = (year: number): number => atDay(daysFromCivil(year, 1, 1));

/** The timestamp truncated to the start of its `part` (weeks start on Monday). */
export function dateTrunc(part: DatePart, ts: number): number {
  const clock = CLOCK_UNIT[part];
  if (clock !== undefined) return Math.floor(ts / clock) * clock;
  const f = timestampFields(ts);
  switch (part) {
    case 'day': return atDay(f.days);
    case 'week': return atDay(f.days - isoDayOfWeek(f.days) + 1);
    case 'month': return atDay(daysFromCivil(f.year, f.month, 1));
    case 'quarter': return atDay(daysFromCivil(f.year, (quarterOf(f.month) - 1) * 3 + 1, 1));
    case 'year': return firstOfYear(f.year);
    case 'decade': return firstOfYear(decadeOf(f.year) * 10);
    case 'century': {
      const c = centuryOf(f.year);
      return firstOfYear(c > 0 ? (c - 1) * 100 + 1 : c * 100 + 1);
    }
    case 'millennium': {
      const m = millenniumOf(f.year);
      return firstOfYear(m > 0 ? (m - 1) * 1000 + 1 : m * 1000 + 1);
    }
    default:
      throw unsupportedPart(part, 'timestamp');
  }
}

defineFunction('date_trunc', [
  { params: ['text', 'timestamp'], returns: TIMESTAMP, fn: (p, t) => dateTrunc(parseDatePart(p as string), t as number) },
  { params: ['text', 'timestamptz'], returns: TIMESTAMPTZ, fn: (p, t) => dateTrunc(parseDatePart(p as string), t as number) },
]);

// ---------------------------------------------------------------- month arithmetic

const dayOf = (ts: number): number => Math.floor(ts / MICROS_PER_DAY);

function lastDayOfMonth(days: number): number {
  const { year, month } = civilFromDays(days);
  return daysFromCivil(year, month, daysInMonth(year, month));
}

defineFunction('last_day', [
  { params: ['date'], returns: DATE, fn: (d) => lastDayOfMonth(d as number) },
  { params: ['timestamp'], returns: DATE, fn: (t) => lastDayOfMonth(dayOf(t as number)) },
  { params: ['timestamptz'], returns: DATE, fn: (t) => lastDayOfMonth(dayOf(t as number)) },
]);

/** ADD_MONTHS: like DATEADD(month) except that a month's last day maps to the target month's last day. */
export function addMonths(ts: number, n: number): number {
  const days = dayOf(ts);
  const timeOfDay = ts - days * MICROS_PER_DAY;
  const shifted = addMonthsToDays(days, n);
  return (days === lastDayOfMonth(days) ? lastDayOfMonth(shifted) : shifted) * MICROS_PER_DAY + timeOfDay;
}

defineFunction(
  'add_months',
  (['int4', 'int8'] as const).flatMap((count): Overload[] => [
    { params: ['timestamp', count], returns: TIMESTAMP, fn: (t, n) => addMonths(t as number, asNumber(n)) },
    { params: ['timestamptz', count], returns: TIMESTAMPTZ, fn: (t, n) => addMonths(t as number, asNumber(n)) },
  ]),
);

/**
 * MONTHS_BETWEEN (Oracle's rules): whole months from the year and month fields; when the days of
 * month differ (and are not both month ends) add the day and time difference over a 31-day month.
 */
export function monthsBetween(a: number, b: number): number {
  const fa = timestampFields(a);
  const fb = timestampFields(b);
  const months = (fa.year - fb.year) * 12 + (fa.month - fb.month);
  const bothMonthEnds = fa.days === lastDayOfMonth(fa.days) && fb.days === lastDayOfMonth(fb.days);
  if (fa.day === fb.day || bothMonthEnds) return months;
  const dayDifference = fa.day - fb.day + (fa.timeOfDay - fb.timeOfDay) / MICROS_PER_DAY;
  return months + dayDifference / 31;
}

defineFunction('months_between', [
  { params: ['timestamp', 'timestamp'], returns: DOUBLE, fn: (a, b) => monthsBetween(a as number, b as number) },
  { params: ['timestamptz', 'timestamptz'], returns: DOUBLE, fn: (a, b) => monthsBetween(a as number, b as number) },
]);

// ---------------------------------------------------------------- NEXT_DAY

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const dayNameCache = new Map<string, number>();

/** 0..6 (Sunday = 0) for a day name or an unambiguous abbreviation ('Tu', 'Tues', 'Thurs', 'M'). */
function parseDayName(text: string): number {
  const cached = dayNameCache.get(text);
  if (cached !== undefined) return cached;
  const s = text.trim().toLowerCase();
  const matches = s === '' ? [] : DAY_NAMES.flatMap((name, i) => (name.startsWith(s) ? [i] : []));
  if (matches.length !== 1) throw new SqlError(SqlState.invalidParameterValue, `invalid value for parameter "day": "${text}"`);
  if (dayNameCache.size > 100) dayNameCache.clear();
  dayNameCache.set(text, matches[0]!);
  return matches[0]!;
}

/** The first date after `days` that falls on the named day of the week (a week later when it is that day). */
export function nextDay(days: number, dayName: string): number {
  const target = parseDayName(dayName);
  const ahead = (target - dayOfWeek(days) + 7) % 7 || 7;
  return days + ahead;
}

const nextDayParams: readonly [Param, SqlType][] = [['date', DATE], ['timestamp', TIMESTAMP], ['timestamptz', TIMESTAMPTZ]];
defineFunction(
  'next_day',
  nextDayParams.map(([param, type]): Overload => ({
    params: [param, 'text'],
    returns: DATE,
    fn: type.kind === 'date' ? (d, name) => nextDay(d as number, name as string) : (t, name) => nextDay(dayOf(t as number), name as string),
  })),
);

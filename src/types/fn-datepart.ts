/**
 * DATE_PART (alias PGDATE_PART) and EXTRACT. The binder hands EXTRACT(part FROM x) over as
 * extract('part', x). They differ the way Redshift documents:
 * - DATE_PART returns DOUBLE PRECISION; `second` includes the fraction (3.189717), `millisecond`
 *   and `microsecond` are the fraction of the second in those units (.789 s -> 789 / 789000);
 * - EXTRACT returns INTEGER (DOUBLE PRECISION for TIMESTAMPTZ) and only the named part: `second`
 *   is whole seconds, `millisecond` whole milliseconds of the fraction.
 */
import { DOUBLE, INTEGER, type Interval } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './datetime.js';
import {
  centuryOf,
  dayOfWeek,
  dayOfYear,
  decadeOf,
  displayYear,
  isoWeek,
  microsOfSecond,
  millenniumOf,
  parseDatePart,
  quarterOf,
  timestampFields,
  unsupportedPart,
  type DatePart,
} from './dateparts.js';
import { DAYS_PER_MONTH } from './interval.js';
import { defineFunction } from './signatures.js';
import { integerOutOfRange } from './type-errors.js';

type Mode = 'date_part' | 'extract';

/** Seconds-and-below parts, shared by timestamps, times and intervals (`micros` within the minute). */
function subMinute(part: DatePart, microsOfMinute: number, mode: Mode): number | null {
  const fraction = microsOfSecond(microsOfMinute);
  const seconds = Math.floor(microsOfMinute / MICROS_PER_SECOND);
  switch (part) {
    case 'second': return mode === 'date_part' ? seconds + fraction / MICROS_PER_SECOND : seconds;
    case 'millisecond': return mode === 'date_part' ? fraction / 1000 : Math.floor(fraction / 1000);
    case 'microsecond': return fraction;
    default: return null;
  }
}

/** A part of a TIMESTAMP/TIMESTAMPTZ (`withZone`: the session zone is UTC, so its offsets are 0). */
function timestampPart(part: DatePart, ts: number, mode: Mode, withZone: boolean): number {
  const f = timestampFields(ts);
  const small = subMinute(part, f.timeOfDay % MICROS_PER_MINUTE, mode);
  if (small !== null) return small;
  switch (part) {
    case 'millennium': return millenniumOf(f.year);
    case 'century': return centuryOf(f.year);
    case 'decade': return decadeOf(f.year);
    case 'year': return displayYear(f.year);
    case 'quarter': return quarterOf(f.month);
    case 'month': return f.month;
    case 'week': return isoWeek(f.days).week;
    case 'dayofweek': return dayOfWeek(f.days);
    case 'dayofyear': return dayOfYear(f);
    case 'day': return f.day;
    case 'hour': return Math.floor(f.timeOfDay / MICROS_PER_HOUR);
    case 'minute': return Math.floor(f.timeOfDay / MICROS_PER_MINUTE) % 60;
    case 'epoch': return mode === 'date_part' ? ts / MICROS_PER_SECOND : Math.floor(ts / MICROS_PER_SECOND);
    case 'timezone':
    case 'timezone_hour':
    case 'timezone_minute':
      if (withZone) return 0;
      throw unsupportedPart(part, 'timestamp');
    default:
      throw unsupportedPart(part, 'timestamp');
  }
}

function timePart(part: DatePart, time: number, mode: Mode): number {
  const small = subMinute(part, time % MICROS_PER_MINUTE, mode);
  if (small !== null) return small;
  switch (part) {
    case 'hour': return Math.floor(time / MICROS_PER_HOUR);
    case 'minute': return Math.floor(time / MICROS_PER_MINUTE) % 60;
    case 'epoch': return mode === 'date_part' ? time / MICROS_PER_SECOND : Math.floor(time / MICROS_PER_SECOND);
    default:
      throw new SqlError(SqlState.invalidParameterValue, `"time" units "${part}" not recognized`);
  }
}

/** Parts of an INTERVAL, field by field as PostgreSQL reports them (signs follow the fields). */
function intervalPart(part: DatePart, v: Interval, mode: Mode): number {
  const small = subMinute(part, Math.abs(v.micros) % MICROS_PER_MINUTE, mode);
  if (small !== null) return (v.micros < 0 ? -small : small) || 0;
  const years = Math.trunc(v.months / 12);
  switch (part) {
    case 'millennium': return Math.trunc(years / 1000);
    case 'century': return Math.trunc(years / 100);
    case 'decade': return Math.trunc(years / 10);
    case 'year': return years;
    case 'quarter': return Math.trunc((v.months % 12) / 3) + 1;
    case 'month': return v.months % 12;
    case 'day': return v.days;
    case 'hour': return Math.trunc(v.micros / MICROS_PER_HOUR);
    case 'minute': return Math.trunc(v.micros / MICROS_PER_MINUTE) % 60;
    case 'epoch': {
      const micros = (v.months * DAYS_PER_MONTH + v.days) * MICROS_PER_DAY + v.micros;
      return mode === 'date_part' ? micros / MICROS_PER_SECOND : Math.trunc(micros / MICROS_PER_SECOND);
    }
    default:
      throw new SqlError(SqlState.invalidParameterValue, `interval units "${part}" not recognized`);
  }
}

const INT4_MAX = 2147483647;
function toInteger(x: number): number {
  if (x > INT4_MAX || x < -INT4_MAX - 1) throw integerOutOfRange('integer');
  return x;
}

const part = (p: unknown): DatePart => parseDatePart(p as string);

defineFunction('date_part,pgdate_part', [
  { params: ['text', 'timestamp'], returns: DOUBLE, fn: (p, t) => timestampPart(part(p), t as number, 'date_part', false) },
  { params: ['text', 'timestamptz'], returns: DOUBLE, fn: (p, t) => timestampPart(part(p), t as number, 'date_part', true) },
  { params: ['text', 'time'], returns: DOUBLE, fn: (p, t) => timePart(part(p), t as number, 'date_part') },
  { params: ['text', 'interval'], returns: DOUBLE, fn: (p, v) => intervalPart(part(p), v as Interval, 'date_part') },
]);

defineFunction('extract', [
  { params: ['text', 'timestamp'], returns: INTEGER, fn: (p, t) => toInteger(timestampPart(part(p), t as number, 'extract', false)) },
  { params: ['text', 'timestamptz'], returns: DOUBLE, fn: (p, t) => timestampPart(part(p), t as number, 'extract', true) },
  { params: ['text', 'time'], returns: INTEGER, fn: (p, t) => toInteger(timePart(part(p), t as number, 'extract')) },
  { params: ['text', 'interval'], returns: DOUBLE, fn: (p, v) => intervalPart(part(p), v as Interval, 'date_part') },
]);

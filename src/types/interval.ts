/**
 * INTERVAL values {months, days, micros} (expressions only; Redshift has no interval columns):
 * PostgreSQL-style text input and output, ordering, and arithmetic with dates and timestamps.
 */
import type { Interval } from './datatype.js';
import { SqlState } from './errors.js';
import { invalidSyntax, outOfRange } from './type-errors.js';
import {
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  addMonthsToDays,
  splitMicros,
} from './datetime.js';

/** Months count as 30 days when intervals are compared (as PostgreSQL does). */
export const DAYS_PER_MONTH = 30;

/** One number that orders intervals: months as 30 days, days as 24 hours. */
export function intervalSortKey(v: Interval): number {
  return (v.months * DAYS_PER_MONTH + v.days) * MICROS_PER_DAY + v.micros;
}

// ---------------------------------------------------------------- parsing

type Unit = 'micros' | 'days' | 'months';
const UNITS: Record<string, readonly [Unit, number]> = {};
function unit(names: string, u: Unit, factor: number): void {
  for (const n of names.split(' ')) UNITS[n] = [u, factor];
}
unit('microsecond microseconds us usec usecs', 'micros', 1);
unit('millisecond milliseconds ms msec msecs', 'micros', 1000);
unit('second seconds s sec secs', 'micros', MICROS_PER_SECOND);
unit('minute minutes m min mins', 'micros', MICROS_PER_MINUTE);
unit('hour hours h hr hrs', 'micros', MICROS_PER_HOUR);
unit('day days d', 'days', 1);
unit('week weeks w', 'days', 7);
unit('month months mon mons', 'months', 1);
unit('year years y yr yrs', 'months', 12);
unit('decade decades', 'months', 120);
unit('century centuries', 'months', 1200);
unit('millennium millennia millenniums', 'months', 12000);

const TOKEN = /\s*(?:([+-]?)(\d+):(\d+)(?::(\d+(?:\.\d*)?))?|([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([a-z]+)?|(ago)\b|@)/y;

/** '1 day', '2 hours 30 minutes', '1 year 2 mons', '-1 day', '1 day 02:00:00', '3 days ago'. */
export function parseInterval(text: string): Interval {
  const s = text.toLowerCase();
  let months = 0;
  let days = 0;
  let micros = 0;
  let matched = 0;
  let ago = false;
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < s.length && (m = TOKEN.exec(s)) !== null) {
    matched++;
    if (m[7]) ago = true;
    else if (m[2] !== undefined) {
      const sign = m[1] === '-' ? -1 : 1;
      const secs = m[4] === undefined ? 0 : Number(m[4]);
      micros += sign * (Number(m[2]) * MICROS_PER_HOUR + Number(m[3]) * MICROS_PER_MINUTE + Math.round(secs * MICROS_PER_SECOND));
    } else if (m[5] !== undefined) {
      const u = UNITS[m[6] ?? 'second']; // a bare number is seconds
      if (!u) throw invalidSyntax('type interval', text, SqlState.invalidDatetimeFormat);
      const amount = Number(m[5]) * u[1];
      // Fractions spill into the next smaller field, as PostgreSQL does ('1.5 days' = 1 day 12:00:00).
      if (u[0] === 'months') {
        const whole = Math.trunc(amount);
        months += whole;
        const fracDays = (amount - whole) * DAYS_PER_MONTH;
        days += Math.trunc(fracDays);
        micros += Math.round((fracDays - Math.trunc(fracDays)) * MICROS_PER_DAY);
      } else if (u[0] === 'days') {
        const whole = Math.trunc(amount);
        days += whole;
        micros += Math.round((amount - whole) * MICROS_PER_DAY);
      } else micros += Math.round(amount);
    }
  }
  if (matched === 0 || s.slice(TOKEN.lastIndex).trim() !== '' || !Number.isFinite(micros)) {
    throw invalidSyntax('type interval', text, SqlState.invalidDatetimeFormat);
  }
  return ago ? negateInterval({ months, days, micros }) : { months, days, micros };
}

// ---------------------------------------------------------------- formatting

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** PostgreSQL's default output: '1 year 2 mons 3 days 04:05:06', '-1 days', '00:00:01', '-1 days +02:00:00'. */
export function formatInterval(v: Interval): string {
  const parts: string[] = [];
  let previousNegative = false;
  const field = (n: number, word: string): void => {
    if (n === 0) return;
    parts.push((previousNegative && n > 0 ? '+' : '') + plural(n, word));
    previousNegative = n < 0;
  };
  const years = Math.trunc(v.months / 12);
  field(years, 'year');
  field(v.months - years * 12, 'mon');
  field(v.days, 'day');
  if (v.micros !== 0 || parts.length === 0) {
    const negative = v.micros < 0;
    const abs = Math.abs(v.micros);
    const hours = Math.floor(abs / MICROS_PER_HOUR);
    const rest = abs - hours * MICROS_PER_HOUR;
    const minutes = Math.floor(rest / MICROS_PER_MINUTE);
    const secMicros = rest - minutes * MICROS_PER_MINUTE;
    const secs = Math.floor(secMicros / MICROS_PER_SECOND);
    const frac = secMicros - secs * MICROS_PER_SECOND;
    const sign = negative ? '-' : previousNegative ? '+' : '';
    const hh = String(hours).padStart(2, '0');
    const base = `${sign}${hh}:${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}`;
    parts.push(frac === 0 ? base : `${base}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`);
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------- arithmetic

export function negateInterval(v: Interval): Interval {
  return { months: -v.months || 0, days: -v.days || 0, micros: -v.micros || 0 };
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return { months: a.months + b.months, days: a.days + b.days, micros: a.micros + b.micros };
}

export function subtractIntervals(a: Interval, b: Interval): Interval {
  return addIntervals(a, negateInterval(b));
}

/** Each field times `f`, fractions cascading down (months -> days -> microseconds), as PostgreSQL does. */
export function multiplyInterval(v: Interval, f: number): Interval {
  if (!Number.isFinite(f)) throw outOfRange('interval out of range');
  const monthsExact = v.months * f;
  const months = Math.trunc(monthsExact);
  const daysExact = v.days * f + (monthsExact - months) * DAYS_PER_MONTH;
  const days = Math.trunc(daysExact);
  const micros = Math.round(v.micros * f + (daysExact - days) * MICROS_PER_DAY);
  return { months: months || 0, days: days || 0, micros: micros || 0 };
}

/** timestamp + interval: months first (clamping the day), then days, then the time. */
export function addIntervalToTimestamp(ts: number, v: Interval): number {
  const { days, timeOfDay } = splitMicros(ts);
  const shiftedDays = addMonthsToDays(days, v.months) + v.days;
  return shiftedDays * MICROS_PER_DAY + timeOfDay + v.micros;
}

/** timestamp - timestamp: whole days plus the rest as time ('1 day 02:00:00'). */
export function timestampDifference(a: number, b: number): Interval {
  const diff = a - b;
  const days = Math.trunc(diff / MICROS_PER_DAY);
  return { months: 0, days: days || 0, micros: diff - days * MICROS_PER_DAY || 0 };
}

/** time +/- interval wraps around midnight (only the time fields of the interval count). */
export function addIntervalToTime(time: number, v: Interval): number {
  const r = (time + v.micros) % MICROS_PER_DAY;
  return r < 0 ? r + MICROS_PER_DAY : r;
}

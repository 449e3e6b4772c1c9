/**
 * Dates, times, timestamps and intervals between Redshift's text output and the PostgreSQL binary
 * format (integer_datetimes): DATE is Int32 days since 2000-01-01, TIME Int64 microseconds since
 * midnight, TIMESTAMP[TZ] Int64 microseconds since 2000-01-01 00:00 UTC, INTERVAL Int64
 * microseconds, Int32 days, Int32 months. Years BC are written 'YYYY-MM-DD BC' in text, and year
 * N BC is year 1 - N on the proleptic Gregorian calendar the binary form counts on.
 */

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;
/** 2000-01-01 in days since 1970-01-01. */
const PG_EPOCH_DAYS = 10_957;

/** Days since 1970-01-01 of a proleptic Gregorian date (astronomical year numbering). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number | bigint, width: number): string => String(n).padStart(width, '0');

const DATE = /^(\d+)-(\d\d)-(\d\d)/;
const TIME = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/;

function dateDays(m: RegExpExecArray, bc: boolean): number {
  const year = Number(m[1]);
  return daysFromCivil(bc ? 1 - year : year, Number(m[2]), Number(m[3]));
}

function timeMicros(m: RegExpExecArray): bigint {
  const seconds = (BigInt(m[1]!) * 60n + BigInt(m[2]!)) * 60n + BigInt(m[3]!);
  return seconds * MICROS_PER_SECOND + BigInt((m[4] ?? '').padEnd(6, '0'));
}

/** 'YYYY-MM-DD[ BC]' -> days since 2000-01-01. */
export function dateToPg(text: string): number {
  const m = DATE.exec(text);
  if (!m) throw new Error(`invalid date "${text}"`);
  return dateDays(m, text.endsWith(' BC')) - PG_EPOCH_DAYS;
}

/** 'HH:MI:SS[.ffffff]' -> microseconds since midnight. */
export function timeToPg(text: string): bigint {
  const m = TIME.exec(text);
  if (!m) throw new Error(`invalid time "${text}"`);
  return timeMicros(m);
}

/** 'YYYY-MM-DD HH:MI:SS[.ffffff][+HH[:MI]][ BC]' -> microseconds since 2000-01-01 00:00 UTC. */
export function timestampToPg(text: string): bigint {
  const date = DATE.exec(text);
  const time = date && text[date[0].length] === ' ' ? TIME.exec(text.slice(date[0].length + 1)) : null;
  if (!date || !time) throw new Error(`invalid timestamp "${text}"`);
  const rest = text.slice(date[0].length + 1 + time[0].length);
  const zone = /^([+-])(\d\d)(?::(\d\d))?/.exec(rest);
  const offsetMinutes = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3] ?? 0)) : 0;
  const days = BigInt(dateDays(date, rest.endsWith(' BC')) - PG_EPOCH_DAYS);
  return days * MICROS_PER_DAY + timeMicros(time) - BigInt(offsetMinutes) * 60n * MICROS_PER_SECOND;
}

/** Redshift's interval output ('1 year 2 mons -3 days +04:05:06.5') -> its three binary parts. */
export function intervalToPg(text: string): { micros: bigint; days: number; months: number } {
  let micros = 0n;
  let days = 0;
  let months = 0;
  for (const part of text.match(/[+-]?\d+ \w+|[+-]?\d+:\d\d:\d\d(?:\.\d+)?/g) ?? []) {
    const unit = /^([+-]?\d+) (\w+)$/.exec(part);
    if (!unit) {
      const m = /^([+-]?)(\d+):(\d\d):(\d\d)(?:\.(\d+))?$/.exec(part)!;
      const abs = ((BigInt(m[2]!) * 60n + BigInt(m[3]!)) * 60n + BigInt(m[4]!)) * MICROS_PER_SECOND + BigInt((m[5] ?? '').padEnd(6, '0'));
      micros += m[1] === '-' ? -abs : abs;
      continue;
    }
    const n = Number(unit[1]);
    if (unit[2]!.startsWith('year')) months += 12 * n;
    else if (unit[2]!.startsWith('mon')) months += n;
    else if (unit[2]!.startsWith('day')) days += n;
    else throw new Error(`invalid interval "${text}"`);
  }
  return { micros, days, months };
}

function dateText(pgDays: number): string {
  const c = civilFromDays(pgDays + PG_EPOCH_DAYS);
  const ymd = `${pad(c.year > 0 ? c.year : 1 - c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
  return c.year > 0 ? ymd : `${ymd} BC`;
}

function timeText(micros: bigint): string {
  const seconds = micros / MICROS_PER_SECOND;
  const frac = micros % MICROS_PER_SECOND;
  const base = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  return frac === 0n ? base : `${base}.${pad(frac, 6)}`;
}

/** Binary DATE -> text the engine reads. */
export function dateFromPg(pgDays: number): string {
  return dateText(pgDays);
}

export function timeFromPg(micros: bigint): string {
  return timeText(micros);
}

/** Binary TIMESTAMP[TZ] -> text the engine reads (UTC; '+00' for timestamptz). */
export function timestampFromPg(micros: bigint, withZone: boolean): string {
  let days = micros / MICROS_PER_DAY;
  let time = micros % MICROS_PER_DAY;
  if (time < 0n) {
    time += MICROS_PER_DAY;
    days -= 1n;
  }
  const date = dateText(Number(days));
  const bc = date.endsWith(' BC');
  const text = `${bc ? date.slice(0, -3) : date} ${timeText(time)}${withZone ? '+00' : ''}`;
  return bc ? `${text} BC` : text;
}

export function intervalFromPg(micros: bigint, days: number, months: number): string {
  const sign = micros < 0n ? '-' : '';
  return `${months} mons ${days} days ${sign}${timeText(micros < 0n ? -micros : micros)}`;
}

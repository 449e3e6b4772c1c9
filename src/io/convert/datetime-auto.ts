/**
 * DATEFORMAT / TIMEFORMAT 'auto' (dg:automatic-recognition.md), the slow path behind the default-format
 * fast path: the text is read the way the engine reads date/time literals (ISO 8601 with T and Z,
 * YYYY-MM-DD, MM/DD/YYYY, DD.MM.YYYY, month names, BC, offsets), then the extra forms the guide lists
 * — Julian `J2451187`, `YYYY.DDD`, `YYYYMMDD HHMISS`, `YYMMDD HHMISS`, `DD Mon HH:MI:SS YYYY TZ`,
 * `Mon-DD-YY BC` — and a trailing zone name (`PST`). epochsecs/epochmillisecs are not recognised.
 * A DATE drops any time; a TIMESTAMP ignores a zone; a TIMESTAMPTZ applies it (none means UTC).
 */
import { daysFromCivil, daysInMonth, isLeapYear, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, parseDate, parseTimestamp } from '../../types/datetime.js';
import { MONTH_NAMES } from '../../types/datetime-format.js';
import { localToUtc, resolveZone, type Zone } from '../../types/timezones.js';

export type AutoTarget = 'date' | 'timestamp' | 'timestamptz';

/** Days (DATE) or microseconds (TIMESTAMP/TIMESTAMPTZ), or null when the text is not recognised. */
export function parseAuto(text: string, target: AutoTarget): number | null {
  const s = text.trim();
  return engineForm(s, target) ?? extraForm(s, target, null) ?? zoneSuffixed(s, target);
}

function engineForm(s: string, target: AutoTarget): number | null {
  try {
    return target === 'date' ? parseDate(s) : parseTimestamp(s, target === 'timestamptz');
  } catch {
    return null;
  }
}

interface Moment {
  readonly days: number;
  readonly timeOfDay: number;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?`;
const JULIAN = new RegExp(String.raw`^j(\d+)(?:\s+${TIME})?$`, 'i');
const YEAR_DAY = /^(\d{4})\.(\d{3})$/;
const COMPACT = /^(\d{8}|\d{6})(?:\s+(\d{2})(\d{2})(\d{2})(?:\.(\d+))?)?$/;
const DAY_MONTH_TIME_YEAR = new RegExp(String.raw`^(\d{1,2})\s+([a-z]+)\.?\s+${TIME}\s+(\d{4})$`, 'i');
const MONTH_DAY_YEAR = /^([a-z]+)[-\s/](\d{1,2})[-\s/](\d{2}|\d{4})(?:\s+(bc|ad))?$/i;
const ZONE_SUFFIX = /^(.*\S)\s+([a-z][a-z0-9/_+-]*)$/i;

function timeOfDay(h: string | undefined, mi: string | undefined, ss: string | undefined, fraction: string | undefined): number {
  if (h === undefined) return 0;
  const micros = fraction === undefined ? 0 : Math.floor((Number((fraction + '0000000').slice(0, 7)) + 5) / 10);
  return Number(h) * MICROS_PER_HOUR + Number(mi) * MICROS_PER_MINUTE + Number(ss ?? 0) * MICROS_PER_SECOND + micros;
}

function twoDigitYear(y: string): number {
  const v = Number(y);
  return y.length <= 2 ? v + (v < 70 ? 2000 : 1900) : v;
}

function monthNumber(name: string): number {
  const lower = name.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m.toLowerCase() === lower || m.slice(0, 3).toLowerCase() === lower);
  return i + 1;
}

function civil(year: number, month: number, day: number, time: number): Moment | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { days: daysFromCivil(year, month, day), timeOfDay: time };
}

function matchExtra(s: string): Moment | null {
  let m = JULIAN.exec(s);
  if (m) return { days: Number(m[1]) - 2440588, timeOfDay: timeOfDay(m[2], m[3], m[4], m[5]) };
  m = YEAR_DAY.exec(s);
  if (m) {
    const day = Number(m[2]);
    const year = Number(m[1]);
    if (day < 1 || day > (isLeapYear(year) ? 366 : 365)) return null;
    return { days: daysFromCivil(year, 1, 1) + day - 1, timeOfDay: 0 };
  }
  m = COMPACT.exec(s);
  if (m) {
    const d = m[1]!;
    const year = d.length === 8 ? Number(d.slice(0, 4)) : twoDigitYear(d.slice(0, 2));
    const rest = d.slice(d.length - 4);
    return civil(year, Number(rest.slice(0, 2)), Number(rest.slice(2)), timeOfDay(m[2], m[3], m[4], m[5]));
  }
  m = DAY_MONTH_TIME_YEAR.exec(s);
  if (m) return civil(Number(m[7]), monthNumber(m[2]!), Number(m[1]), timeOfDay(m[3], m[4], m[5], m[6]));
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const year = twoDigitYear(m[3]!);
    return civil(m[4]?.toLowerCase() === 'bc' ? 1 - year : year, monthNumber(m[1]!), Number(m[2]), 0);
  }
  return null;
}

function extraForm(s: string, target: AutoTarget, zone: Zone | null): number | null {
  const moment = matchExtra(s);
  if (moment === null || moment.timeOfDay > MICROS_PER_DAY) return null;
  if (target === 'date') return moment.days;
  const local = moment.days * MICROS_PER_DAY + moment.timeOfDay;
  return target === 'timestamptz' && zone !== null ? localToUtc(zone, local) : local;
}

/** `<date/time> <zone name>`: the zone is applied to a TIMESTAMPTZ and ignored otherwise. */
function zoneSuffixed(s: string, target: AutoTarget): number | null {
  const m = ZONE_SUFFIX.exec(s);
  if (!m) return null;
  let zone: Zone;
  try {
    zone = resolveZone(m[2]!.toLowerCase());
  } catch {
    return null;
  }
  const prefix = m[1]!;
  if (target !== 'timestamptz') return engineForm(prefix, target) ?? extraForm(prefix, target, null);
  const local = engineForm(prefix, 'timestamp');
  return local !== null ? localToUtc(zone, local) : extraForm(prefix, target, zone);
}

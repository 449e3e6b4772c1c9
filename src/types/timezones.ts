/**
 * Time zones for CONVERT_TIMEZONE, TIMEZONE and AT TIME ZONE. A zone is written as
 * - an abbreviation with a fixed offset ('UTC', 'PST', 'CET' — abbreviations win over IANA names,
 *   as in PostgreSQL, so 'PST' never observes daylight saving time);
 * - an ISO-8601 offset ('+05:30', '-8'): positive east of Greenwich;
 * - a POSIX-style spec ('EST5', 'NEWZONE +2', 'GMT-2:15'): the offset is hours *west* of Greenwich;
 * - an IANA name ('America/New_York', 'US/Pacific', 'Europe/London'), daylight saving time included,
 *   through Intl.DateTimeFormat.
 * Offsets of named zones are cached per zone and UTC day, because these functions run per row.
 */
import { SqlError, SqlState } from './errors.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './datetime.js';

export type Zone =
  | { readonly kind: 'fixed'; readonly offsetMicros: number }
  | { readonly kind: 'named'; readonly format: Intl.DateTimeFormat; readonly offsets: Map<number, number> };

/** Abbreviations (PostgreSQL's default set, the common ones), in hours east of UTC. */
const ABBREVIATIONS: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, zulu: 0, ut: 0, wet: 0, west: 1, bst: 1, cet: 1, cest: 2, met: 1, mest: 2, eet: 2, eest: 3,
  msk: 3, ist: 5.5, pkt: 5, ict: 7, wib: 7, sgt: 8, hkt: 8, awst: 8, jst: 9, kst: 9, acst: 9.5, acdt: 10.5,
  aest: 10, aedt: 11, nzst: 12, nzdt: 13, hst: -10, akst: -9, akdt: -8, pst: -8, pdt: -7, mst: -7, mdt: -6,
  cst: -6, cdt: -5, est: -5, edt: -4, ast: -4, adt: -3, nst: -3.5, ndt: -2.5, brt: -3, art: -3,
};

const ISO_OFFSET = /^([+-])(\d{1,2})(?::?(\d{2}))?$/;
const POSIX_SPEC = /^([a-z][a-z_/]*?)\s*([+-]?)(\d{1,2})(?::(\d{2}))?([a-z]+)?$/;

const zones = new Map<string, Zone>();

function fixed(hours: number, minutes = 0): Zone {
  return { kind: 'fixed', offsetMicros: hours * MICROS_PER_HOUR + Math.sign(hours || 1) * minutes * MICROS_PER_MINUTE };
}

function named(name: string): Zone | null {
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      era: 'short',
    });
    return { kind: 'named', format, offsets: new Map() };
  } catch {
    return null;
  }
}

function parseZone(text: string): Zone {
  const s = text.trim().toLowerCase();
  const abbreviation = ABBREVIATIONS[s];
  if (abbreviation !== undefined) return fixed(abbreviation);
  const iso = ISO_OFFSET.exec(s);
  if (iso) {
    const sign = iso[1] === '-' ? -1 : 1;
    return fixed(sign * Number(iso[2]), Number(iso[3] ?? 0));
  }
  const iana = named(text.trim());
  if (iana) return iana;
  const posix = POSIX_SPEC.exec(s);
  if (posix) {
    // POSIX offsets count hours west of Greenwich: 'EST5' and 'NEWZONE +2' are behind UTC.
    const west = posix[2] === '-' ? -1 : 1;
    return fixed(-west * Number(posix[3]), Number(posix[4] ?? 0));
  }
  throw new SqlError(SqlState.invalidParameterValue, `time zone "${text}" not recognized`);
}

/** The zone a name denotes (cached). Throws 22023 `time zone "x" not recognized`. */
export function resolveZone(text: string): Zone {
  let zone = zones.get(text);
  if (!zone) {
    zone = parseZone(text);
    if (zones.size > 1000) zones.clear();
    zones.set(text, zone);
  }
  return zone;
}

/** Local wall-clock time minus UTC at a UTC instant, in microseconds. */
export function offsetAt(zone: Zone, utcMicros: number): number {
  if (zone.kind === 'fixed') return zone.offsetMicros;
  // Offsets change a couple of times a year at most: a UTC day whose first and last second agree
  // has one offset throughout. NaN marks a day with a change inside it (computed exactly each time).
  const day = Math.floor(utcMicros / MICROS_PER_DAY);
  let cached = zone.offsets.get(day);
  if (cached === undefined) {
    const start = computeOffset(zone.format, day * MICROS_PER_DAY);
    const end = computeOffset(zone.format, (day + 1) * MICROS_PER_DAY - MICROS_PER_SECOND);
    cached = start === end ? start : NaN;
    if (zone.offsets.size > 100_000) zone.offsets.clear();
    zone.offsets.set(day, cached);
  }
  return Number.isNaN(cached) ? computeOffset(zone.format, utcMicros) : cached;
}

function computeOffset(format: Intl.DateTimeFormat, utcMicros: number): number {
  const wholeSecondMs = Math.floor(utcMicros / MICROS_PER_SECOND) * 1000;
  const parts = format.formatToParts(wholeSecondMs);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  let year = get('year');
  if (era === 'BC' || era === 'B') year = 1 - year;
  const local = new Date(Date.UTC(2000, get('month') - 1, get('day'), get('hour'), get('minute'), get('second')));
  // Date.UTC maps years 0..99 to 1900..1999: set the year separately.
  local.setUTCFullYear(year, get('month') - 1, get('day'));
  return (local.getTime() - wholeSecondMs) * 1000;
}

/** A UTC instant as wall-clock time in `zone`. */
export function utcToLocal(zone: Zone, utcMicros: number): number {
  return utcMicros + offsetAt(zone, utcMicros);
}

/** Wall-clock time in `zone` as a UTC instant (in a DST gap or overlap, the offset before the change wins). */
export function localToUtc(zone: Zone, localMicros: number): number {
  if (zone.kind === 'fixed') return localMicros - zone.offsetMicros;
  const first = offsetAt(zone, localMicros);
  const guess = localMicros - first;
  const second = offsetAt(zone, guess);
  if (second === first) return guess;
  const retry = localMicros - second;
  return offsetAt(zone, retry) === second ? retry : guess;
}

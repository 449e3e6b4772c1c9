/**
 * CONVERT_TIMEZONE(['source',] 'target', timestamp) and TIMEZONE(zone, ts) — the function behind
 * `ts AT TIME ZONE zone`. TIMESTAMP values are wall-clock times; TIMESTAMPTZ values are instants
 * (shown in the session zone, UTC).
 */
import { TIMESTAMP, TIMESTAMPTZ } from './datatype.js';
import { defineFunction } from './signatures.js';
import { localToUtc, resolveZone, utcToLocal } from './timezones.js';

/** Wall-clock time in `source` -> wall-clock time in `target`. */
export function convertTimezone(source: string, target: string, ts: number): number {
  return utcToLocal(resolveZone(target), localToUtc(resolveZone(source), ts));
}

defineFunction('convert_timezone', [
  { params: ['text', 'timestamp'], returns: TIMESTAMP, fn: (target, ts) => utcToLocal(resolveZone(target as string), ts as number) },
  { params: ['text', 'timestamptz'], returns: TIMESTAMP, fn: (target, ts) => utcToLocal(resolveZone(target as string), ts as number) },
  { params: ['text', 'text', 'timestamp'], returns: TIMESTAMP, fn: (source, target, ts) => convertTimezone(source as string, target as string, ts as number) },
  // An instant has no source zone to apply: only the target counts.
  { params: ['text', 'text', 'timestamptz'], returns: TIMESTAMP, fn: (_source, target, ts) => utcToLocal(resolveZone(target as string), ts as number) },
]);

defineFunction('timezone', [
  // TIMESTAMP read as wall-clock time in the zone -> the instant (TIMESTAMPTZ).
  { params: ['text', 'timestamp'], returns: TIMESTAMPTZ, fn: (zone, ts) => localToUtc(resolveZone(zone as string), ts as number) },
  // An instant -> wall-clock time in the zone (TIMESTAMP).
  { params: ['text', 'timestamptz'], returns: TIMESTAMP, fn: (zone, ts) => utcToLocal(resolveZone(zone as string), ts as number) },
]);

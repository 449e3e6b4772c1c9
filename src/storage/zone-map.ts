/**
 * Zone maps: each column chunk's min and max (engine values, compared with the type's own order),
 * computed when the block is built and consulted by scans to skip blocks a range predicate excludes.
 */
import type { SqlType } from '../types/datatype.js';
import { compareValues } from '../types/index.js';
import type { ColumnChunk } from './block.js';

export interface ZoneMap {
  /** null when every value is null. */
  readonly min: unknown;
  readonly max: unknown;
}

/** Min and max of the non-null values in `values[start, start + length)`. */
export function computeZoneMap(type: SqlType, values: readonly unknown[], start: number, length: number): ZoneMap {
  let min: unknown = null;
  let max: unknown = null;
  const end = start + length;
  for (let i = start; i < end; i++) {
    let v = values[i];
    if (v === null || v === undefined) continue;
    // A REAL is stored as float32: the zone map must bound what a scan reads back.
    if (type.kind === 'real') v = Math.fround(v as number);
    if (min === null) {
      min = v;
      max = v;
    } else if (compareValues(type, v, min) < 0) {
      min = v;
    } else if (compareValues(type, v, max) > 0) {
      max = v;
    }
  }
  return { min, max };
}

/**
 * Whether a chunk may hold a value in the range (`min`, `max`), each bound inclusive or not;
 * a null/undefined bound is open. A chunk of only NULLs matches no range (a range predicate is
 * never true for NULL).
 */
export function zoneMapMayMatch(chunk: ColumnChunk, min: unknown, max: unknown, minInclusive: boolean, maxInclusive: boolean): boolean {
  if (chunk.min === null || chunk.min === undefined) return false;
  if (min !== null && min !== undefined) {
    const c = compareValues(chunk.type, chunk.max, min);
    if (c < 0 || (c === 0 && !minInclusive)) return false;
  }
  if (max !== null && max !== undefined) {
    const c = compareValues(chunk.type, chunk.min, max);
    if (c > 0 || (c === 0 && !maxInclusive)) return false;
  }
  return true;
}

/**
 * Keys for hash joins, grouping and DISTINCT: one Map/Set key per row such that rows whose values are
 * equal under Redshift equality get the same key (SameValueZero), whatever the columns' representation.
 * Integers are numbers when safe — a NumColumn's BIGINT/DECIMAL numbers and the engine's bigints for the
 * same value agree, as do INTEGER and BIGINT join keys — and bigints beyond 2^53 stay bigints.
 */
import { canonicalKey, type KeyPrimitive } from './value-keys.js';
import { NumColumn, type Column } from './vector.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The key of one non-null engine value. */
export function valueKey(v: unknown): KeyPrimitive {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  if (typeof v === 'boolean') return v ? 1 : 0; // as a boolean NumColumn holds it
  return canonicalKey(v);
}

/** Row -> its key over `columns`, or null when any of its values is NULL (NULL never equals anything). */
export type RowKey = (row: number) => KeyPrimitive | null;

export function rowKeys(columns: readonly Column[]): RowKey {
  if (columns.length === 1) {
    const c = columns[0]!;
    if (c instanceof NumColumn) {
      const { values, nulls } = c;
      return nulls === null ? (row) => values[row]! : (row) => (nulls[row] !== 0 ? null : values[row]!);
    }
    return (row) => {
      const v = c[row];
      return v === null ? null : valueKey(v);
    };
  }
  const parts = columns.map(keyPart);
  return (row) => {
    let key = '';
    for (const part of parts) {
      const p = part(row);
      if (p === null) return null;
      key += p;
    }
    return key;
  };
}

/**
 * One column's self-delimiting piece of a composite key (strings are length-prefixed), so a row's
 * concatenation is unambiguous. Integers are their decimal digits however they are held.
 */
function keyPart(c: Column): (row: number) => string | null {
  if (c instanceof NumColumn) {
    const { values, nulls } = c;
    return (row) => (nulls !== null && nulls[row] !== 0 ? null : `n${values[row]}|`);
  }
  return (row) => {
    const v = c[row];
    if (v === null) return null;
    const k = valueKey(v);
    return typeof k === 'string' ? `s${k.length}:${k}|` : `n${k}|`;
  };
}

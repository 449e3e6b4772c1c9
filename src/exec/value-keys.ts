/**
 * How exec/ treats engine values by type: which types compare with JS's native operators, and the
 * canonical forms that make Redshift-equal values equal as Map/Set keys (trailing blanks ignored;
 * in composite keys, integers of different widths alike). Grouping, joins, DISTINCT and IN lists all key on these.
 */
import { assertNever, compareValues, type SqlType } from '../types/index.js';

/**
 * How a type's values compare:
 * - 'int': numbers that are never NaN (SMALLINT, INTEGER, DATE, TIMESTAMP[TZ], TIME): native `<`;
 * - 'float': numbers that may be NaN (REAL, DOUBLE): native `<` unless NaN;
 * - 'big': bigints (BIGINT, DECIMAL scaled to the type's scale): native `<`;
 * - 'bool': booleans: native `<` (false < true);
 * - 'other': strings, intervals, untyped literals: types.compareValues.
 */
export type CompareClass = 'int' | 'float' | 'big' | 'bool' | 'other';

export function compareClass(t: SqlType): CompareClass {
  switch (t.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return 'int';
    case 'real':
    case 'double':
      return 'float';
    case 'bigint':
    case 'decimal':
      return 'big';
    case 'boolean':
      return 'bool';
    case 'char':
    case 'varchar':
    case 'interval':
    case 'unknown':
      return 'other';
    default:
      return assertNever(t);
  }
}

/** A total order on two non-null values of `t` (<0, 0, >0), with native fast paths. */
export function valueComparator(t: SqlType): (a: unknown, b: unknown) => number {
  switch (compareClass(t)) {
    case 'int':
    case 'big':
    case 'bool':
      return (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
    case 'float':
      return (a, b) => {
        const x = a as number;
        const y = b as number;
        if (x < y) return -1;
        if (x > y) return 1;
        if (x === y) return 0;
        return compareValues(t, x, y); // a NaN is involved: types/ decides where NaN sorts
      };
    case 'other':
      return (a, b) => (a === b ? 0 : compareValues(t, a, b));
  }
}

/** A string without its trailing blanks: Redshift ignores them when comparing CHAR and VARCHAR. */
function trimTrailingBlanks(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** A primitive for a Map/Set key: equal under Redshift equality <=> the same key (SameValueZero). */
export type KeyPrimitive = number | bigint | boolean | string;

/**
 * The canonical key of a non-null value: numbers, bigints and booleans are their own keys, strings
 * drop trailing blanks, intervals become a string of their fields.
 */
export function canonicalKey(v: unknown): KeyPrimitive {
  switch (typeof v) {
    case 'string':
      return trimTrailingBlanks(v);
    case 'object': {
      const i = v as { months: number; days: number; micros: number };
      return `${i.months}|${i.days}|${i.micros}`;
    }
    default:
      return v as KeyPrimitive;
  }
}

/**
 * Appends one value's encoding to a composite key. Each encoding is self-delimiting (strings are
 * length-prefixed), so the concatenation of a row's components is unambiguous. Integers encode as
 * their decimal digits whether stored as number or bigint, so INTEGER and BIGINT keys agree.
 */
function encodeKeyComponent(v: unknown): string {
  if (v === null) return 'N|';
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return `n${v}|`;
    case 'boolean':
      return v ? 't|' : 'f|';
    case 'string': {
      const s = trimTrailingBlanks(v);
      return `s${s.length}:${s}|`;
    }
    default: {
      const i = v as { months: number; days: number; micros: number };
      return `i${i.months},${i.days},${i.micros}|`;
    }
  }
}

/** The composite key of row `row` over key columns `cols`. */
export function compositeKey(cols: readonly unknown[][], row: number): string {
  let key = '';
  for (let c = 0; c < cols.length; c++) key += encodeKeyComponent(cols[c]![row]);
  return key;
}

import { assertNever, type Interval, type SqlType } from './datatype.js';
import { intervalSortKey } from './interval.js';
import { compareStrings } from './strings.js';

/** Floats: NaN equals NaN and sorts above every other value, as in PostgreSQL. */
export function compareFloats(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const aNaN = a !== a;
  const bNaN = b !== b;
  return aNaN === bNaN ? 0 : aNaN ? 1 : -1;
}

/** Total order of two non-null values of one type (<0, 0, >0), Redshift semantics (trailing blanks ignored). */
export function compareValues(type: SqlType, a: unknown, b: unknown): number {
  switch (type.kind) {
    case 'smallint':
    case 'integer':
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'time':
      return (a as number) - (b as number);
    case 'real':
    case 'double':
      return compareFloats(a as number, b as number);
    case 'bigint':
    case 'decimal':
      // DECIMAL operands share one scale (the binder casts both sides to one type).
      return (a as bigint) < (b as bigint) ? -1 : (a as bigint) > (b as bigint) ? 1 : 0;
    case 'boolean':
      return (a as boolean) === (b as boolean) ? 0 : a ? 1 : -1;
    case 'char':
    case 'varchar':
    case 'unknown':
      return compareStrings(a as string, b as string);
    case 'interval':
      return compareFloats(intervalSortKey(a as Interval), intervalSortKey(b as Interval));
    default:
      return assertNever(type);
  }
}

export function valuesEqual(type: SqlType, a: unknown, b: unknown): boolean {
  return compareValues(type, a, b) === 0;
}

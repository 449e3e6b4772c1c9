/** Ordering rows by ORDER BY keys: per-key direction and NULL placement, ties broken by position. */
import type { SortKey } from './spec.js';
import { compareClass, valueComparator } from './value-keys.js';

/**
 * A total order on row indices of a batch whose sort key values are `keyColumns` (one per key).
 * NULL placement follows `nullsFirst` regardless of direction; equal keys order by row index,
 * which makes any sort with it stable and top-N selection deterministic.
 */
export function rowComparator(keys: readonly SortKey[], keyColumns: readonly (readonly unknown[])[]): (i: number, j: number) => number {
  if (keys.length === 1 && isNativeOrder(keys[0]!)) return singleNativeKeyComparator(keys[0]!, keyColumns[0]!);
  const count = keys.length;
  const compares = keys.map((k) => valueComparator(k.expr.type));
  const descending = keys.map((k) => k.descending);
  const nullsFirst = keys.map((k) => k.nullsFirst);
  return (i, j) => {
    for (let k = 0; k < count; k++) {
      const col = keyColumns[k]!;
      const a = col[i];
      const b = col[j];
      if (a === b) continue;
      if (a === null) return nullsFirst[k] ? -1 : 1;
      if (b === null) return nullsFirst[k] ? 1 : -1;
      const c = compares[k]!(a, b);
      if (c !== 0) return descending[k] ? -c : c;
    }
    return i - j;
  };
}

function isNativeOrder(key: SortKey): boolean {
  const cls = compareClass(key.expr.type);
  return cls === 'int' || cls === 'big' || cls === 'bool';
}

/** The common ORDER BY of one number/bigint/boolean key, without per-comparison indirection. */
function singleNativeKeyComparator(key: SortKey, column: readonly unknown[]): (i: number, j: number) => number {
  const direction = key.descending ? -1 : 1;
  const nullOrder = key.nullsFirst ? -1 : 1;
  const values = column as readonly (number | null)[];
  return (i, j) => {
    const a = values[i]!;
    const b = values[j]!;
    if (a === b) return i - j;
    if (a === null) return nullOrder;
    if (b === null) return -nullOrder;
    return a < b ? -direction : a > b ? direction : i - j;
  };
}

/**
 * Which slice stores each row, by distribution style (reference §4.1, §1.14): EVEN deals rows
 * round-robin, KEY hashes the distribution key (equal values co-locate), ALL keeps a full copy on the
 * first slice of every node.
 */
import { assertNever, type SqlType } from '../types/datatype.js';
import { hashValue } from '../types/index.js';

export type Placement = { readonly kind: 'even' } | { readonly kind: 'key'; readonly column: number; readonly type: SqlType } | { readonly kind: 'all' };

export interface Topology {
  readonly sliceCount: number;
  readonly slicesPerNode: number;
}

/** The one mapping from a 32-bit hash to a slice: storage placement and exec's redistribution both use it. */
export function sliceForHash(hash: number, sliceCount: number): number {
  return (hash >>> 0) % sliceCount;
}

/**
 * The row indexes each slice receives (slices receiving none are absent). EVEN continues the
 * round-robin from `evenCursor` and returns where it stopped, so consecutive loads stay balanced.
 */
export function placeRows(
  placement: Placement, columns: readonly unknown[][], rowCount: number, topology: Topology, evenCursor: number,
): { perSlice: Map<number, number[]>; evenCursor: number } {
  const perSlice = new Map<number, number[]>();
  const add = (slice: number, row: number): void => {
    const rows = perSlice.get(slice);
    if (rows === undefined) perSlice.set(slice, [row]);
    else rows.push(row);
  };
  switch (placement.kind) {
    case 'even': {
      for (let row = 0; row < rowCount; row++) add((evenCursor + row) % topology.sliceCount, row);
      return { perSlice, evenCursor: (evenCursor + rowCount) % topology.sliceCount };
    }
    case 'key': {
      const keys = columns[placement.column]!;
      for (let row = 0; row < rowCount; row++) {
        const key = keys[row];
        // NULL keys hash to 0, so every NULL-keyed row lands on slice 0.
        const hash = key === null || key === undefined ? 0 : hashValue(key, placement.type);
        add(sliceForHash(hash, topology.sliceCount), row);
      }
      return { perSlice, evenCursor };
    }
    case 'all': {
      if (rowCount === 0) return { perSlice, evenCursor };
      for (let first = 0; first < topology.sliceCount; first += topology.slicesPerNode) {
        perSlice.set(first, Array.from({ length: rowCount }, (_, row) => row));
      }
      return { perSlice, evenCursor };
    }
    default:
      return assertNever(placement);
  }
}

/** The given rows of every column, in the given order. */
export function takeRows(columns: readonly unknown[][], rowIndexes: readonly number[]): unknown[][] {
  return columns.map((column) => {
    const out = new Array<unknown>(rowIndexes.length);
    for (let i = 0; i < rowIndexes.length; i++) out[i] = column[rowIndexes[i]!];
    return out;
  });
}

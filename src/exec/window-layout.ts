/**
 * The shape every window function of one OVER clause works on: the rows grouped into partitions
 * (hash grouping, then a counting sort by partition — no comparison sort across partitions), each
 * partition sorted once by the window ORDER BY, and, when a function needs them, peer groups (rows
 * equal on every ORDER BY key).
 */
import { GroupTable } from './group-table.js';
import { compileExpr } from './expr.js';
import { rowComparator } from './row-compare.js';
import type { Batch, PExpr, SortKey } from './spec.js';
import { compareClass, valueComparator } from './value-keys.js';

export interface WindowLayout {
  readonly rowCount: number;
  readonly partitionCount: number;
  /** Row indices, partition after partition, each partition in window ORDER BY order. */
  readonly order: Int32Array;
  /** Partition p occupies positions [bounds[p], bounds[p + 1]) of `order`. */
  readonly bounds: Int32Array;
  /** The partition of each row (by row index). */
  readonly partitionOfRow: Int32Array;
  /** For each position of `order`, the end (exclusive) of its peer group. */
  peerEnds(): Int32Array;
}

export function buildWindowLayout(batch: Batch, partitionBy: readonly PExpr[], orderBy: readonly SortKey[]): WindowLayout {
  const n = batch.rowCount;
  const { partitionOfRow, partitionCount } = assignPartitions(batch, partitionBy);

  // Counting sort by partition keeps each partition's rows in input order.
  const bounds = new Int32Array(partitionCount + 1);
  for (let i = 0; i < n; i++) bounds[partitionOfRow[i]! + 1]!++;
  for (let p = 0; p < partitionCount; p++) bounds[p + 1]! += bounds[p]!;
  const next = bounds.slice(0, partitionCount);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[partitionOfRow[i]!]!++] = i;

  const orderColumns = orderBy.map((k) => compileExpr(k.expr)(batch));
  if (orderBy.length > 0) {
    const compare = numericKeyComparator(orderBy, orderColumns, n) ?? rowComparator(orderBy, orderColumns);
    for (let p = 0; p < partitionCount; p++) sortSegment(order, bounds[p]!, bounds[p + 1]!, compare);
  }

  let peers: Int32Array | null = null;
  return {
    rowCount: n,
    partitionCount,
    order,
    bounds,
    partitionOfRow,
    peerEnds: () => (peers ??= computePeerEnds(order, bounds, partitionCount, orderBy, orderColumns)),
  };
}

/** Sort order[start, end) by `compare`, through a packed JS array (V8 sorts those far faster than typed arrays). */
function sortSegment(order: Int32Array, start: number, end: number, compare: (i: number, j: number) => number): void {
  if (end - start < 2) return;
  const segment: number[] = [];
  for (let q = start; q < end; q++) segment.push(order[q]!);
  segment.sort(compare);
  for (let q = start; q < end; q++) order[q] = segment[q - start]!;
}

function assignPartitions(batch: Batch, partitionBy: readonly PExpr[]): { partitionOfRow: Int32Array; partitionCount: number } {
  const n = batch.rowCount;
  if (partitionBy.length === 0) return { partitionOfRow: new Int32Array(n), partitionCount: n > 0 ? 1 : 0 };
  const groups = new GroupTable(partitionBy.length);
  const partitionOfRow = groups.assign(
    partitionBy.map((k) => compileExpr(k)(batch)),
    n,
  );
  return { partitionOfRow, partitionCount: groups.size };
}

/** Peer groups: runs of positions equal on every ORDER BY key (a whole partition when there are none). */
function computePeerEnds(
  order: Int32Array,
  bounds: Int32Array,
  partitionCount: number,
  orderBy: readonly SortKey[],
  orderColumns: readonly (readonly unknown[])[],
): Int32Array {
  const ends = new Int32Array(order.length);
  const equal = peerEquality(orderBy, orderColumns);
  for (let p = 0; p < partitionCount; p++) {
    const start = bounds[p]!;
    const end = bounds[p + 1]!;
    let groupEnd = end;
    for (let q = end - 1; q >= start; q--) {
      if (q + 1 < end && !equal(order[q]!, order[q + 1]!)) groupEnd = q + 1;
      ends[q] = groupEnd;
    }
  }
  return ends;
}

/** Whether two rows are equal on every ORDER BY key (NULLs equal each other). */
function peerEquality(orderBy: readonly SortKey[], columns: readonly (readonly unknown[])[]): (i: number, j: number) => boolean {
  const compares = orderBy.map((k) => valueComparator(k.expr.type));
  return (i, j) => {
    for (let k = 0; k < columns.length; k++) {
      const a = columns[k]![i];
      const b = columns[k]![j];
      if (a === b) continue;
      if (a === null || b === null || compares[k]!(a, b) !== 0) return false;
    }
    return true;
  };
}

/**
 * When every ORDER BY key is a NaN-free number type (integers, dates, timestamps), a comparator over
 * Float64Array copies of the keys: partitions sort in tight loops without per-value dispatch. Ties
 * break by row index, as in rowComparator.
 */
function numericKeyComparator(orderBy: readonly SortKey[], columns: readonly (readonly unknown[])[], n: number): ((i: number, j: number) => number) | null {
  if (!orderBy.every((k) => compareClass(k.expr.type) === 'int')) return null;
  const keys = orderBy.map((k, c) => {
    const column = columns[c]!;
    const values = new Float64Array(n);
    // NULLs become infinities on the side they sort to, which keeps them equal to each other.
    const nullValue = k.nullsFirst !== k.descending ? -Infinity : Infinity;
    for (let i = 0; i < n; i++) {
      const v = column[i] as number | null;
      values[i] = v === null ? nullValue : v;
    }
    return { values, direction: k.descending ? -1 : 1 };
  });
  if (keys.length === 1) {
    const { values, direction } = keys[0]!;
    return (i, j) => {
      const a = values[i]!;
      const b = values[j]!;
      return a < b ? -direction : a > b ? direction : i - j;
    };
  }
  return (i, j) => {
    for (const { values, direction } of keys) {
      const a = values[i]!;
      const b = values[j]!;
      if (a < b) return -direction;
      if (a > b) return direction;
    }
    return i - j;
  };
}

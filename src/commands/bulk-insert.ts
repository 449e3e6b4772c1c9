/**
 * Bulk inserts — INSERT ... SELECT, CREATE TABLE AS, SELECT INTO — write a query's rows the way COPY
 * writes a file's: the result arrives as column vectors (exec/batch-vectors.ts: no number boxed, no
 * string made per row), is dealt to its destination slices by the table's distribution style, and
 * each slice's rows are built into blocks on the slice's own node, sorted by the sort key
 * (build-slices.ts). Into an empty slice they form its sorted region, as Redshift's deep copy relies
 * on: "a deep copy recreates and repopulates a table by using a bulk insert, which automatically sorts
 * the table" (dg:performing-a-deep-copy.md). Into a slice that has rows they extend the unsorted region.
 *
 * Measured on TPC-H SF0.1 lineitem (600k rows, 2 x 2 slices): CREATE TABLE AS SELECT * took ~2-2.6 s
 * when the rows went through the leader as engine values (boxed numbers, a JS string per value, blocks
 * encoded one value at a time), ~0.6-1 s this way (BENCHMARKS.md, "Bulk inserts").
 */
import type { ColumnMeta, TableMeta } from '../catalog/relation.js';
import { releaseSharedMemory, sliceCount, type DbState, type StatementEnv } from '../leader/index.js';
import { dealVectors, valuesOfVector, vectorFromValues } from '../storage/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import { typesEqual, type SqlType } from '../types/index.js';
import type { CommandContext } from './context.js';
import { appendBuilt, buildSlices, rowGroupBytes } from './build-slices.js';
import { assignValues, identityValues, notNullViolation, placementOf } from './write.js';

/** Where a table column's values come from: a column of the query, a constant (its DEFAULT or NULL), or fresh IDENTITY values. */
export type ColumnFeed =
  | { readonly kind: 'query'; readonly column: number }
  | { readonly kind: 'constant'; readonly value: unknown }
  | { readonly kind: 'identity' };

/** The query's rows, as groups of column vectors of the query's output types. */
export interface BulkRows {
  readonly groups: readonly (readonly ColumnVector[])[];
  readonly types: readonly SqlType[];
}

/** The state with the rows appended to the table (one feed per table column); and how many rows that was. */
export async function bulkInsert(
  state: DbState,
  table: TableMeta,
  rows: BulkRows,
  feeds: readonly ColumnFeed[],
  ctx: CommandContext,
  env: StatementEnv,
): Promise<{ state: DbState; rowCount: number }> {
  const topology = { sliceCount: sliceCount(ctx.topology), slicesPerNode: ctx.topology.slicesPerNode };
  const placement = placementOf(table);
  const perDestination = new Map<number, ColumnVector[][]>();
  let evenCursor = ctx.counters.evenCursors.get(table.id) ?? 0;
  let rowCount = 0;
  try {
    for (const result of rows.groups) {
      const n = result[0]?.length ?? 0;
      if (n === 0) continue;
      const group = table.columns.map((col, c) => fedVector(feeds[c]!, result, rows.types, col, table, c, n, ctx));
      const dealt = dealVectors(placement, group, n, topology, evenCursor);
      evenCursor = dealt.evenCursor;
      for (const [slice, vectors] of dealt.perSlice) {
        const list = perDestination.get(slice);
        if (list === undefined) perDestination.set(slice, [vectors]);
        else list.push(vectors);
      }
      rowCount += n;
    }
    ctx.counters.evenCursors.set(table.id, evenCursor);
    if (rowCount === 0) return { state, rowCount };
    const built = await buildSlices(perDestination, table, ctx.topology, env.runner);
    return { state: appendBuilt(state, table, built, ctx.topology), rowCount };
  } finally {
    // The query's vectors and the dealt row groups are garbage once the blocks are built (or the insert failed).
    releaseSharedMemory(rowGroupBytes(rows.groups) + rowGroupBytes([...perDestination.values()].flat()));
  }
}

/** Column `c` of the table for the result group's `n` rows, as its feed gives it, of the column's type. */
function fedVector(feed: ColumnFeed, result: readonly ColumnVector[], types: readonly SqlType[], col: ColumnMeta, table: TableMeta, c: number, n: number, ctx: CommandContext): ColumnVector {
  switch (feed.kind) {
    case 'constant':
      if (feed.value === null && col.notNull) throw notNullViolation(col);
      return vectorFromValues(col.type, new Array<unknown>(n).fill(feed.value), true);
    case 'identity':
      return vectorFromValues(col.type, identityValues(table, c, n, ctx.counters), true);
    case 'query': {
      const from = types[feed.column]!;
      const v = result[feed.column]!;
      // Of the column's own type the values need no cast: only NOT NULL is checked.
      if (typesEqual(from, col.type)) {
        if (col.notNull && v.nullCount > 0) throw notNullViolation(col);
        return v;
      }
      return vectorFromValues(col.type, assignValues(valuesOfVector(v), from, col, n), true);
    }
  }
}

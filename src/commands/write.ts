/**
 * Writing rows into a table version: assignment casts and NOT NULL checks, placement on slices by the
 * table's distribution style, and deletion by row handle. Everything returns a new state; nothing is
 * visible until the statement's transaction installs it.
 */
import type { ColumnMeta, TableMeta } from '../catalog/relation.js';
import { ROW_HANDLE_SLICE_FACTOR } from '../leader/index.js';
import type { DbState, Topology } from '../leader/index.js';
import { appendRows, deleteRows, emptyTableData, placeRows, takeRows, withSlices, type Placement, type SliceData } from '../storage/index.js';
import { SqlError, SqlState, castValue, parseValue, type SqlType } from '../types/index.js';
import type { ClusterCounters } from './context.js';

/** Convert values of `from` types into the table's column types, as an assignment (INSERT, UPDATE). */
export function assignColumns(columns: readonly unknown[][], from: readonly SqlType[], table: TableMeta, rowCount: number): unknown[][] {
  return table.columns.map((col, c) => assignValues(columns[c]!, from[c]!, col, rowCount));
}

/** One column's values of type `fromType`, assigned to `col`: cast to its type, NULL refused when it is NOT NULL. */
export function assignValues(source: readonly unknown[], fromType: SqlType, col: ColumnMeta, rowCount: number): unknown[] {
  const out = new Array<unknown>(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const v = source[r];
    if (v === null || v === undefined) {
      if (col.notNull) throw notNullViolation(col);
      out[r] = null;
    } else if (fromType.kind === 'unknown') out[r] = parseValue(String(v), col.type);
    else out[r] = castValue(v, fromType, col.type, false);
  }
  return out;
}

export function notNullViolation(col: ColumnMeta): SqlError {
  return new SqlError(SqlState.notNullViolation, `Cannot insert a NULL value into column ${col.name}`);
}

export function placementOf(table: TableMeta): Placement {
  switch (table.effectiveDistStyle) {
    case 'even':
      return { kind: 'even' };
    case 'all':
      return { kind: 'all' };
    case 'key':
      return { kind: 'key', column: table.distKey!, type: table.columns[table.distKey!]!.type };
  }
}

/** Append rows (already of the column types) to the table in `state`. */
export function insertRows(state: DbState, table: TableMeta, columns: readonly unknown[][], rowCount: number, topology: Topology, counters: ClusterCounters): DbState {
  if (rowCount === 0) return state;
  const sliceCount = topology.nodes * topology.slicesPerNode;
  const data = state.tables.get(table.id) ?? emptyTableData(sliceCount);
  const cursor = counters.evenCursors.get(table.id) ?? 0;
  const placed = placeRows(placementOf(table), columns, rowCount, { sliceCount, slicesPerNode: topology.slicesPerNode }, cursor);
  counters.evenCursors.set(table.id, placed.evenCursor);
  const types = table.columns.map((c) => c.type);
  const changes = new Map<number, SliceData>();
  for (const [slice, rowIndexes] of placed.perSlice) {
    if (rowIndexes.length === 0) continue;
    const current = data.slices[slice]!;
    // A load into an empty table is stored as its sorted region (sort-on-load is COPY's, later).
    changes.set(slice, appendRows(current, types, takeRows(columns, rowIndexes), rowIndexes.length));
  }
  return withTable(state, table.id, withSlices(data, changes));
}

/** Mark rows deleted by their handles. DISTSTYLE ALL copies are kept identical on every node. */
export function deleteByHandles(state: DbState, table: TableMeta, handles: readonly number[], topology: Topology): DbState {
  if (handles.length === 0) return state;
  const data = state.tables.get(table.id)!;
  const bySlice = new Map<number, number[]>();
  for (const h of new Set(handles)) {
    const slice = Math.floor(h / ROW_HANDLE_SLICE_FACTOR);
    const ids = bySlice.get(slice) ?? [];
    ids.push(h - slice * ROW_HANDLE_SLICE_FACTOR);
    bySlice.set(slice, ids);
  }
  const changes = new Map<number, SliceData>();
  for (const [slice, ids] of bySlice) {
    const targets = table.effectiveDistStyle === 'all' ? Array.from({ length: topology.nodes }, (_, n) => n * topology.slicesPerNode) : [slice];
    for (const t of targets) changes.set(t, deleteRows(data.slices[t]!, ids));
  }
  return withTable(state, table.id, withSlices(data, changes));
}

export function withTable(state: DbState, id: number, data: ReturnType<typeof emptyTableData> | null): DbState {
  const tables = new Map(state.tables);
  if (data) tables.set(id, data);
  else tables.delete(id);
  return { catalog: state.catalog, tables };
}

/** Next IDENTITY values for a column (not transactional, as in Redshift: a rolled-back insert leaves a gap). */
export function identityValues(table: TableMeta, column: number, count: number, counters: ClusterCounters): unknown[] {
  const col = table.columns[column]!;
  const { seed, step } = col.identity!;
  const key = `${table.id}:${column}`;
  const next = counters.identities.get(key) ?? seed;
  counters.identities.set(key, next + step * count);
  const asType = (v: number): unknown => (col.type.kind === 'bigint' ? BigInt(v) : v);
  return Array.from({ length: count }, (_, i) => asType(next + step * i));
}

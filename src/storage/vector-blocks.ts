/**
 * COPY's last step on a slice: the row groups every reader dealt to it become stored blocks —
 * ordered by the sort key, cut into blocks of BLOCK_ROWS rows. Each column's chunks are filled
 * straight from the groups, a group at a time (only the sort-key columns are concatenated, for the
 * sort), and come out byte for byte as chunk-encoder would encode the same values (layout, validity,
 * `ascii`, zone maps), without decoding a value but the zone maps' bounds.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { BLOCK_ROWS, type Block, type ColumnChunk } from './block.js';
import { layoutOf } from '../types/column-vector.js';
import { allRows, concatRows, scatterStringVectors, scatterVectors, type RowSource, type ScatterPlan } from './vector-gather.js';
import { sortPermutation } from './vector-sort.js';
import { zoneMapOfVector } from './vector-zone-map.js';

/** The blocks of the groups' rows (each group: one vector per column, all of one length). */
export function buildBlocksFromVectors(types: readonly SqlType[], groups: readonly (readonly ColumnVector[])[], sortColumns: readonly number[] | null): Block[] {
  for (const group of groups) checkGroup(types, group);
  const rows = groups.map((g) => allRows(g[0]!.length));
  const rowCount = rows.reduce((n, r) => n + r.length, 0);
  if (rowCount === 0) return [];
  const sourcesOf = (c: number): RowSource[] => groups.map((g, k) => ({ vector: g[c]!, rows: rows[k]! }));
  const keys = sortColumns ?? [];
  const keyColumns = keys.map((c) => (groups.length === 1 ? groups[0]![c]! : concatRows(types[c]!, sourcesOf(c))));
  const order = sortPermutation(keyColumns, keyColumns.map((_, k) => k), rowCount);
  const plan = blockPlan(order);
  const columns = types.map((type, c) => chunksOf(type, sourcesOf(c), plan));
  return plan.lengths.map((rowCount, b) => ({ rowCount, columns: columns.map((chunks) => chunks[b]!) }));
}

function checkGroup(types: readonly SqlType[], group: readonly ColumnVector[]): void {
  if (group.length !== types.length) throw new Error(`buildBlocksFromVectors: a group of ${group.length} columns for ${types.length} types`);
  group.forEach((v, c) => {
    if (v.type.kind !== types[c]!.kind) throw new Error(`buildBlocksFromVectors: column ${c} is ${v.type.kind}, the table's is ${types[c]!.kind}`);
    if (v.length !== group[0]!.length) throw new Error('buildBlocksFromVectors: vectors of one group differ in length');
  });
}

/** Row `order[k]` (counting through the groups in order) goes to block k / BLOCK_ROWS, row k % BLOCK_ROWS. */
function blockPlan(order: Int32Array): ScatterPlan {
  const n = order.length;
  const target = new Int32Array(n);
  const at = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const row = order[k]!;
    const block = Math.floor(k / BLOCK_ROWS);
    target[row] = block;
    at[row] = k - block * BLOCK_ROWS;
  }
  const lengths: number[] = [];
  for (let start = 0; start < n; start += BLOCK_ROWS) lengths.push(Math.min(BLOCK_ROWS, n - start));
  return { target, at, lengths };
}

/** One column's chunk in every block. */
function chunksOf(type: SqlType, sources: readonly RowSource[], plan: ScatterPlan): ColumnChunk[] {
  if (layoutOf(type) !== 'utf8') return scatterVectors(type, sources, plan).map((v) => ({ ...chunkFields(v), ...zoneMapOfVector(v) }));
  const { vectors, ascii } = scatterStringVectors(type, sources, plan);
  return vectors.map((v, b) => ({ ...chunkFields(v), ascii: ascii[b]!, ...zoneMapOfVector(v) }));
}

function chunkFields(v: ColumnVector): Omit<ColumnChunk, 'min' | 'max'> {
  return { type: v.type, length: v.length, values: v.values, offsets: v.offsets, validity: v.validity, nullCount: v.nullCount };
}

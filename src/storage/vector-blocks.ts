/**
 * COPY's last step on a slice: the row groups every reader dealt to it become stored blocks —
 * ordered by the sort key, cut into blocks of BLOCK_ROWS rows. Each column is filled straight from the
 * groups, a group at a time (only the sort-key columns are concatenated, for the sort), and its
 * chunks hold the same values, validity, `ascii` flags and zone maps chunk-encoder would give the
 * same rows (vector-permute.ts), without decoding a value but the zone maps' bounds.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { BLOCK_ROWS, type Block } from './block.js';
import { concatVectors, permuteVector, type Piece } from './vector-permute.js';
import { sortPermutation } from './vector-sort.js';
import { zoneMapOfVector } from './vector-zone-map.js';

/** The blocks of the groups' rows (each group: one vector per column, all of one length). */
export function buildBlocksFromVectors(types: readonly SqlType[], groups: readonly (readonly ColumnVector[])[], sortColumns: readonly number[] | null): Block[] {
  for (const group of groups) checkGroup(types, group);
  const rowCount = groups.reduce((n, g) => n + g[0]!.length, 0);
  if (rowCount === 0) return [];
  const keys = sortColumns ?? [];
  const keyColumns = keys.map((c) => (groups.length === 1 ? groups[0]![c]! : concatVectors(types[c]!, groups.map((g) => g[c]!))));
  const positions = inverse(sortPermutation(keyColumns, keyColumns.map((_, k) => k), rowCount));
  const blocks: Piece[] = [];
  for (let start = 0; start < rowCount; start += BLOCK_ROWS) blocks.push({ start, length: Math.min(BLOCK_ROWS, rowCount - start) });
  // All blocks of a column share one buffer (vector-permute.ts); each chunk is a view, with its zone map.
  const columns = types.map((type, c) => permuteVector(type, groups.map((g) => g[c]!), positions, rowCount, blocks).map((v) => ({ ...v, ...zoneMapOfVector(v) })));
  return blocks.map(({ length }, b) => ({ rowCount: length, columns: columns.map((chunks) => chunks[b]!) }));
}

function checkGroup(types: readonly SqlType[], group: readonly ColumnVector[]): void {
  if (group.length !== types.length) throw new Error(`buildBlocksFromVectors: a group of ${group.length} columns for ${types.length} types`);
  group.forEach((v, c) => {
    if (v.type.kind !== types[c]!.kind) throw new Error(`buildBlocksFromVectors: column ${c} is ${v.type.kind}, the table's is ${types[c]!.kind}`);
    if (v.length !== group[0]!.length) throw new Error('buildBlocksFromVectors: vectors of one group differ in length');
  });
}

/** Where each row goes: row order[k] (counting through the groups in order) becomes row k. */
function inverse(order: Int32Array): Int32Array {
  const positions = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) positions[order[k]!] = k;
  return positions;
}

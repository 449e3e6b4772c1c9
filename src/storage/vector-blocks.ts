/**
 * COPY's last step on a slice: the row groups every reader dealt to it become stored blocks —
 * ordered by the sort key, cut into blocks of BLOCK_ROWS rows. Chunks are gathered straight from
 * the groups' buffers (only the sort-key columns are concatenated, for the sort) and come out byte
 * for byte as chunk-encoder would encode the same values (layout, validity, `ascii`, zone maps),
 * without decoding a value but the zone maps' bounds.
 */
import type { ColumnVector } from '../types/column-vector.js';
import type { SqlType } from '../types/datatype.js';
import { BLOCK_ROWS, type Block, type ColumnChunk } from './block.js';
import { concatVectors, gatherVector, type Take } from './vector-gather.js';
import { sortPermutation } from './vector-sort.js';
import { zoneMapOfVector } from './vector-zone-map.js';

export function buildBlocksFromVectors(types: readonly SqlType[], groups: readonly (readonly ColumnVector[])[], sortColumns: readonly number[] | null): Block[] {
  for (const group of groups) checkGroup(types, group);
  const rowCount = groups.reduce((n, g) => n + g[0]!.length, 0);
  if (rowCount === 0) return [];
  const keys = sortColumns ?? [];
  const keyColumns = keys.map((c) => concatVectors(types[c]!, groups.map((g) => g[c]!)));
  const order = sortPermutation(keyColumns, keyColumns.map((_, k) => k), rowCount);
  const plan = blockTakes(groups.map((g) => g[0]!.length), order);
  const blocks: Block[] = [];
  for (let b = 0; b * BLOCK_ROWS < rowCount; b++) {
    const length = Math.min(BLOCK_ROWS, rowCount - b * BLOCK_ROWS);
    const columns = types.map((type, c) => {
      const takes: Take[] = [];
      groups.forEach((g, i) => {
        const from = plan.starts[b * groups.length + i]!;
        const to = plan.starts[b * groups.length + i + 1]!;
        if (to > from) takes.push({ source: g[c]!, rows: plan.rows, at: plan.at, from, to });
      });
      return chunkOf(type, gatherVector(type, takes, length));
    });
    blocks.push({ rowCount: length, columns });
  }
  return blocks;
}

function checkGroup(types: readonly SqlType[], group: readonly ColumnVector[]): void {
  if (group.length !== types.length) throw new Error(`buildBlocksFromVectors: a group of ${group.length} columns for ${types.length} types`);
  group.forEach((v, c) => {
    if (v.type.kind !== types[c]!.kind) throw new Error(`buildBlocksFromVectors: column ${c} is ${v.type.kind}, the table's is ${types[c]!.kind}`);
    if (v.length !== group[0]!.length) throw new Error('buildBlocksFromVectors: vectors of one group differ in length');
  });
}

/**
 * Where every row of the sorted order comes from, bucketed by (block, group): bucket k = block *
 * groups + group holds `rows[starts[k], starts[k + 1])` (rows within the group, increasing) and
 * `at` (their positions within the block). Reading each group in row order and scattering into
 * the block (small enough to stay in cache) beats reading rows in sorted order, which after a sort
 * is random access all over the groups' buffers.
 */
function blockTakes(groupLengths: readonly number[], order: Int32Array): { rows: Int32Array; at: Int32Array; starts: Int32Array } {
  const groupCount = groupLengths.length;
  const n = order.length;
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]!] = i;
  const blockCount = Math.ceil(n / BLOCK_ROWS);
  const starts = new Int32Array(blockCount * groupCount + 1);
  let r = 0;
  for (let g = 0; g < groupCount; g++) {
    for (const end = r + groupLengths[g]!; r < end; r++) starts[Math.floor(position[r]! / BLOCK_ROWS) * groupCount + g + 1]!++;
  }
  for (let k = 0; k < blockCount * groupCount; k++) starts[k + 1]! += starts[k]!;
  const fill = starts.slice(0, blockCount * groupCount);
  const rows = new Int32Array(n);
  const at = new Int32Array(n);
  r = 0;
  for (let g = 0; g < groupCount; g++) {
    for (let local = 0; local < groupLengths[g]!; local++, r++) {
      const block = Math.floor(position[r]! / BLOCK_ROWS);
      const k = fill[block * groupCount + g]!++;
      rows[k] = local;
      at[k] = position[r]! - block * BLOCK_ROWS;
    }
  }
  return { rows, at, starts };
}

function chunkOf(type: SqlType, v: ColumnVector): ColumnChunk {
  const { min, max } = zoneMapOfVector(v);
  const chunk = { type, length: v.length, values: v.values, offsets: v.offsets, validity: v.validity, nullCount: v.nullCount };
  return v.offsets === null ? { ...chunk, min, max } : { ...chunk, ascii: isAscii(v.values as Uint8Array), min, max };
}

/** No byte above 0x7f, tested a 32-bit word at a time (the buffer starts 8-byte aligned). */
function isAscii(bytes: Uint8Array): boolean {
  const whole = bytes.length >> 2;
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, whole);
  for (let i = 0; i < whole; i++) if ((words[i]! & 0x80808080) !== 0) return false;
  for (let i = whole << 2; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

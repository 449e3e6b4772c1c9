/** Builds immutable blocks from columns of engine values, BLOCK_ROWS rows at most per block. */
import type { SqlType } from '../types/datatype.js';
import { BLOCK_ROWS, type Block } from './block.js';
import { encodeChunk } from './chunk-encoder.js';

/** Splits `rowCount` rows (one array per column, in `types` order) into blocks of at most BLOCK_ROWS rows. */
export function buildBlocks(types: readonly SqlType[], columns: readonly unknown[][], rowCount: number): Block[] {
  if (columns.length !== types.length) throw new Error(`buildBlocks: ${columns.length} columns for ${types.length} types`);
  const blocks: Block[] = [];
  for (let start = 0; start < rowCount; start += BLOCK_ROWS) {
    const length = Math.min(BLOCK_ROWS, rowCount - start);
    blocks.push({ rowCount: length, columns: types.map((type, c) => encodeChunk(type, columns[c]!, start, length)) });
  }
  return blocks;
}

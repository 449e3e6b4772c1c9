/** A result batch as an Apache Arrow table, built with the same column layout as table storage. */
import type { Table } from 'apache-arrow';
import type { Batch } from '../exec/spec.js';
import { blocksToArrowTable, buildBlocks } from '../storage/index.js';
import type { SqlType } from '../types/datatype.js';

export function batchToArrow(batch: Batch, names: readonly string[], types: readonly SqlType[]): Table {
  return blocksToArrowTable(names, types, buildBlocks(types, batch.columns, batch.rowCount));
}

/** storage/'s public surface: slice stores of column blocks in shared memory. */
export { BLOCK_ROWS, type Block, type ColumnChunk, type ValueBuffer } from './block.js';
export { buildBlocks } from './block-builder.js';
export { readColumn } from './block-reader.js';
export { arrowTypeFor, chunkToArrowData, blocksToArrowTable } from './arrow.js';
export { zoneMapMayMatch } from './zone-map.js';
export {
  type BlockRef, type SliceData, type TableData, COALESCE_BELOW_ROWS, EMPTY_SLICE,
  emptyTableData, appendRows, appendBlocks, deleteRows, liveRowCount, withSlices, addColumn, dropColumn, blockStarts,
} from './table-data.js';
export { liveBlocks, type LiveBlock } from './scan.js';
export { placeRows, sliceForHash, takeRows, type Placement, type Topology } from './placement.js';
export { valuesOfVector, vectorFromNumbers, vectorFromValues } from './vector-values.js';
export { allocateShared } from './shared-buffers.js';
export { dealVectors } from './vector-partition.js';
export { packVectorGroups, packedBytes, unpackVectorGroups, type PackedVectorGroups } from './vector-wire.js';
export { buildBlocksFromVectors } from './vector-blocks.js';
export { sliceStats, sliceBlockList, HIDDEN_COLUMNS, type SliceStats, type BlockListEntry } from './stats.js';

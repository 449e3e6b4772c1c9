import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS } from '../../src/storage/block.js';
import { HIDDEN_COLUMNS, sliceBlockList, sliceStats } from '../../src/storage/stats.js';
import { EMPTY_SLICE, appendRows, deleteRows } from '../../src/storage/table-data.js';
import { INTEGER, varcharType } from '../../src/types/datatype.js';

describe('sliceStats', () => {
  it('counts rows, live rows, sorted rows, blocks x columns and bytes', () => {
    const n = BLOCK_ROWS + 1;
    const ids = Array.from({ length: n }, (_, i) => i);
    let slice = appendRows(EMPTY_SLICE, [INTEGER, varcharType(5)], [ids, ids.map(() => 'ab')], n, { sorted: true });
    slice = appendRows(slice, [INTEGER, varcharType(5)], [[1, 2], [null, 'c']], 2);
    slice = deleteRows(slice, [0, 5]);
    const stats = sliceStats(slice);
    expect(stats).toMatchObject({ rows: n + 2, liveRows: n, sortedRows: n, blockCount: 2 * (2 + HIDDEN_COLUMNS) });
    const block0 = BLOCK_ROWS * 4 /* ints */ + (BLOCK_ROWS + 1) * 4 + 2 * BLOCK_ROWS /* offsets + 'ab' bytes */;
    const block1 = 3 * 4 /* ints */ + 1 + 4 * 4 + 3 /* validity, offsets, 'ab' + 'c' */;
    expect(stats.bytes).toBe(block0 + block1 + BLOCK_ROWS /* block 0's delete bitmap */);
    expect(sliceStats(EMPTY_SLICE)).toEqual({ rows: 0, liveRows: 0, sortedRows: 0, blockCount: 0, bytes: 0 });
  });

  it('lists every user-column block with its zone map and region', () => {
    // Two small appends merge into one block that spans the sorted and the unsorted region.
    const slice = appendRows(appendRows(EMPTY_SLICE, [INTEGER], [[3, 1]], 2, { sorted: true }), [INTEGER], [[9, 0]], 2);
    expect(sliceBlockList(slice)).toEqual([{ col: 0, blocknum: 0, numValues: 4, min: 0, max: 9, unsorted: true, deletedRows: 0 }]);
    const big = appendRows(EMPTY_SLICE, [INTEGER], [Array.from({ length: 5000 }, (_, i) => i)], 5000, { sorted: true });
    const grown = appendRows(big, [INTEGER], [[-1]], 1);
    expect(sliceBlockList(grown).map((e) => [e.blocknum, e.unsorted, e.min, e.max])).toEqual([[0, false, 0, 4999], [1, true, -1, -1]]);
  });
});

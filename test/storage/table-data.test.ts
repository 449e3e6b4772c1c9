import { describe, expect, it } from 'vitest';
import { readColumn } from '../../src/storage/block-reader.js';
import { BLOCK_ROWS } from '../../src/storage/block.js';
import {
  COALESCE_BELOW_ROWS, EMPTY_SLICE, addColumn, appendRows, deleteRows, dropColumn, emptyTableData, liveRowCount, withSlices,
  type SliceData,
} from '../../src/storage/table-data.js';
import { INTEGER, decimalType, varcharType } from '../../src/types/datatype.js';

const TYPES = [INTEGER, varcharType(20)];

function rows(from: number, count: number): unknown[][] {
  const ids = Array.from({ length: count }, (_, i) => from + i);
  return [ids, ids.map((i) => `r${i}`)];
}

function ids(slice: SliceData): unknown[] {
  return slice.blocks.flatMap((ref) => readColumn(ref.block.columns[0]!));
}

describe('appendRows', () => {
  it('returns a new version and leaves the old one unchanged', () => {
    const v1 = appendRows(EMPTY_SLICE, TYPES, rows(0, 3), 3);
    const v1Blocks = v1.blocks.slice();
    const v2 = appendRows(v1, TYPES, rows(3, 2), 2);
    expect(v1.rowCount).toBe(3);
    expect(v1.blocks).toEqual(v1Blocks);
    expect(ids(v1)).toEqual([0, 1, 2]);
    expect(ids(v2)).toEqual([0, 1, 2, 3, 4]);
    expect(v2.rowCount).toBe(5);
    expect(EMPTY_SLICE.rowCount).toBe(0);
  });

  it('coalesces small appends: a run of single-row inserts leaves a few blocks, sizes halving', () => {
    let slice = EMPTY_SLICE;
    for (let i = 0; i < 1000; i++) slice = appendRows(slice, TYPES, rows(i, 1), 1);
    // 1000 = 512 + 256 + 128 + 64 + 32 + 8: binary-counter merging
    expect(slice.blocks.map((r) => r.block.rowCount)).toEqual([512, 256, 128, 64, 32, 8]);
    expect(slice.rowCount).toBe(1000);
    expect(ids(slice)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(readColumn(slice.blocks[5]!.block.columns[1]!)[7]).toBe('r999');
    expect(slice.blocks[0]!.block.columns[0]!.max).toBe(511);
  });

  it('stops merging once blocks reach COALESCE_BELOW_ROWS', () => {
    let slice = appendRows(EMPTY_SLICE, TYPES, rows(0, COALESCE_BELOW_ROWS), COALESCE_BELOW_ROWS);
    slice = appendRows(slice, TYPES, rows(COALESCE_BELOW_ROWS, 1), 1);
    slice = appendRows(slice, TYPES, rows(COALESCE_BELOW_ROWS + 1, 1), 1);
    expect(slice.blocks.map((r) => r.block.rowCount)).toEqual([COALESCE_BELOW_ROWS, 2]);
    let grown = EMPTY_SLICE;
    for (let i = 0; i < 3 * COALESCE_BELOW_ROWS; i += 64) grown = appendRows(grown, TYPES, rows(i, 64), 64);
    expect(grown.blocks.map((r) => r.block.rowCount)).toEqual([COALESCE_BELOW_ROWS, COALESCE_BELOW_ROWS, COALESCE_BELOW_ROWS]);
  });

  it('does not merge a block with deleted rows', () => {
    let slice = appendRows(EMPTY_SLICE, TYPES, rows(0, 3), 3);
    slice = deleteRows(slice, [1]);
    slice = appendRows(slice, TYPES, rows(3, 1), 1);
    slice = appendRows(slice, TYPES, rows(4, 1), 1);
    expect(slice.blocks.map((r) => r.block.rowCount)).toEqual([3, 2]);
    expect(liveRowCount(slice)).toBe(4);
  });

  it('absorbs small blocks into a larger append, splitting at BLOCK_ROWS', () => {
    let slice = appendRows(EMPTY_SLICE, TYPES, rows(0, 10), 10);
    slice = appendRows(slice, TYPES, rows(10, BLOCK_ROWS), BLOCK_ROWS);
    expect(slice.blocks.map((r) => r.block.rowCount)).toEqual([10, BLOCK_ROWS]);
    slice = appendRows(EMPTY_SLICE, TYPES, rows(0, 10), 10);
    slice = appendRows(slice, TYPES, rows(10, 100), 100);
    expect(slice.blocks.map((r) => r.block.rowCount)).toEqual([110]);
    expect(ids(slice)).toEqual(Array.from({ length: 110 }, (_, i) => i));
  });

  it('marks a sorted load into an empty slice as the sorted region; later loads are unsorted', () => {
    const sorted = appendRows(EMPTY_SLICE, TYPES, rows(0, 5), 5, { sorted: true });
    expect(sorted.sortedRows).toBe(5);
    const more = appendRows(sorted, TYPES, rows(5, 5), 5, { sorted: true });
    expect(more.sortedRows).toBe(5);
    expect(more.rowCount).toBe(10);
    expect(appendRows(EMPTY_SLICE, TYPES, rows(0, 5), 5).sortedRows).toBe(0);
  });

  it('returns the same version for zero rows', () => {
    expect(appendRows(EMPTY_SLICE, TYPES, [[], []], 0)).toBe(EMPTY_SLICE);
  });
});

describe('deleteRows', () => {
  it('copies only the delete bitmaps it changes, into new shared memory', () => {
    const n = BLOCK_ROWS + 10;
    const v1 = appendRows(EMPTY_SLICE, TYPES, rows(0, n), n);
    const v2 = deleteRows(v1, [BLOCK_ROWS + 1, BLOCK_ROWS + 3]);
    expect(v1.blocks.every((r) => r.deleted === null && r.deletedCount === 0)).toBe(true);
    expect(v2.blocks[0]).toBe(v1.blocks[0]);
    expect(v2.blocks[1]!.block).toBe(v1.blocks[1]!.block);
    expect(v2.blocks[1]!.deletedCount).toBe(2);
    expect(v2.blocks[1]!.deleted!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(v2.blocks[1]!.deleted!)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(liveRowCount(v2)).toBe(n - 2);
    expect(v2.rowCount).toBe(n);

    const v3 = deleteRows(v2, [BLOCK_ROWS + 1, BLOCK_ROWS + 4, 0]);
    expect(v3.blocks[1]!.deletedCount).toBe(3);
    expect(v3.blocks[0]!.deletedCount).toBe(1);
    expect(Array.from(v2.blocks[1]!.deleted!)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(v3.blocks[1]!.deleted).not.toBe(v2.blocks[1]!.deleted);
  });

  it('rejects row ids outside the slice', () => {
    const slice = appendRows(EMPTY_SLICE, TYPES, rows(0, 3), 3);
    expect(() => deleteRows(slice, [3])).toThrow(/not in the slice/);
    expect(() => deleteRows(slice, [-1])).toThrow(/not in the slice/);
  });
});

describe('table versions', () => {
  it('emptyTableData has one empty slice per slice number', () => {
    const t = emptyTableData(4);
    expect(t.slices.length).toBe(4);
    expect(t.slices.every((s) => s.rowCount === 0 && s.blocks.length === 0)).toBe(true);
  });

  it('withSlices replaces only the changed slices', () => {
    const t1 = emptyTableData(3);
    const s1 = appendRows(EMPTY_SLICE, TYPES, rows(0, 2), 2);
    const t2 = withSlices(t1, new Map([[1, s1]]));
    expect(t2.slices[1]).toBe(s1);
    expect(t2.slices[0]).toBe(t1.slices[0]);
    expect(t1.slices[1]!.rowCount).toBe(0);
    expect(() => withSlices(t1, new Map([[3, s1]]))).toThrow();
  });

  it('addColumn gives every block a constant column; dropColumn removes one', () => {
    const n = BLOCK_ROWS + 2;
    let slice = appendRows(EMPTY_SLICE, TYPES, rows(0, n), n);
    slice = deleteRows(slice, [0]);
    const t1 = withSlices(emptyTableData(2), new Map([[0, slice]]));
    const t2 = addColumn(t1, decimalType(5, 2), 1234n);
    expect(t1.slices[0]!.blocks[0]!.block.columns.length).toBe(2);
    const blocks = t2.slices[0]!.blocks;
    expect(blocks.map((r) => r.block.columns.length)).toEqual([3, 3]);
    expect(readColumn(blocks[1]!.block.columns[2]!)).toEqual([1234n, 1234n]);
    expect(blocks[0]!.block.columns[2]!.min).toBe(1234n);
    expect(blocks[0]!.deleted).toBe(slice.blocks[0]!.deleted);
    expect(readColumn(addColumn(t1, INTEGER, null).slices[0]!.blocks[1]!.block.columns[2]!)).toEqual([null, null]);

    const t3 = dropColumn(t2, 0);
    expect(t3.slices[0]!.blocks[1]!.block.columns.map((c) => c.type.kind)).toEqual(['varchar', 'decimal']);
    expect(readColumn(t3.slices[0]!.blocks[1]!.block.columns[0]!)).toEqual([`r${BLOCK_ROWS}`, `r${BLOCK_ROWS + 1}`]);
    expect(t2.slices[0]!.blocks[1]!.block.columns.length).toBe(3);
  });
});

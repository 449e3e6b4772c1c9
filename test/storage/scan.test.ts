import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { BLOCK_ROWS } from '../../src/storage/block.js';
import { readSlice, zoneMapMayMatch } from '../../src/storage/scan.js';
import { EMPTY_SLICE, appendRows, deleteRows } from '../../src/storage/table-data.js';
import { INTEGER, varcharType } from '../../src/types/datatype.js';

const TYPES = [INTEGER, varcharType(20)];
const N = BLOCK_ROWS + 4;
const IDS = Array.from({ length: N }, (_, i) => i);
const slice = appendRows(EMPTY_SLICE, TYPES, [IDS, IDS.map((i) => `v${i}`)], N);

describe('readSlice', () => {
  it('returns one batch per block with the requested columns in order', () => {
    const batches = readSlice(slice, [1, 0], { withRowIds: false });
    expect(batches.map((b) => b.rowCount)).toEqual([BLOCK_ROWS, 4]);
    expect(batches[1]!.columns).toEqual([[`v${BLOCK_ROWS}`, `v${BLOCK_ROWS + 1}`, `v${BLOCK_ROWS + 2}`, `v${BLOCK_ROWS + 3}`], [BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS + 2, BLOCK_ROWS + 3]]);
    expect(batches[0]!.rowIds).toBeUndefined();
  });

  it('skips deleted rows and reports row ids as offsets within the slice', () => {
    const v2 = deleteRows(slice, [1, BLOCK_ROWS + 2]);
    const batches = readSlice(v2, [0], { withRowIds: true });
    expect(batches[0]!.rowCount).toBe(BLOCK_ROWS - 1);
    expect(batches[0]!.columns[0]!.slice(0, 3)).toEqual([0, 2, 3]);
    expect(batches[0]!.rowIds!.slice(0, 3)).toEqual([0, 2, 3]);
    expect(batches[1]!.columns[0]).toEqual([BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS + 3]);
    expect(batches[1]!.rowIds).toEqual([BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS + 3]);
  });

  it('omits blocks whose rows are all deleted', () => {
    const v2 = deleteRows(slice, [BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS + 2, BLOCK_ROWS + 3]);
    expect(readSlice(v2, [0], { withRowIds: false }).map((b) => b.rowCount)).toEqual([BLOCK_ROWS]);
  });

  it('skips blocks the filter rejects, by zone map', () => {
    const batches = readSlice(slice, [0], {
      withRowIds: true,
      blockFilter: (block) => zoneMapMayMatch(block.columns[0]!, BLOCK_ROWS + 1, null, true, false),
    });
    expect(batches.length).toBe(1);
    expect(batches[0]!.rowIds![0]).toBe(BLOCK_ROWS);
  });
});

describe('zoneMapMayMatch', () => {
  const [block] = buildBlocks([INTEGER, INTEGER], [[10, 20, null], [null, null, null]], 3);
  const chunk = block!.columns[0]!;
  it.each([
    [5, 9, true, true, false],
    [5, 10, true, true, true],
    [5, 10, true, false, false],
    [20, 30, true, true, true],
    [20, 30, false, true, false],
    [21, null, true, true, false],
    [null, 10, true, true, true],
    [12, 15, true, true, true],
    [null, null, true, true, true],
  ])('range (%s, %s) incl %s/%s -> %s', (min, max, minInc, maxInc, expected) => {
    expect(zoneMapMayMatch(chunk, min, max, minInc, maxInc)).toBe(expected);
  });
  it('never matches an all-null chunk', () => {
    expect(zoneMapMayMatch(block!.columns[1]!, null, null, true, true)).toBe(false);
  });
});

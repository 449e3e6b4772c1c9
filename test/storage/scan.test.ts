import { describe, expect, it } from 'vitest';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { BLOCK_ROWS } from '../../src/storage/block.js';
import { liveBlocks, zoneMapMayMatch } from '../../src/storage/scan.js';
import { EMPTY_SLICE, appendRows, deleteRows } from '../../src/storage/table-data.js';
import { INTEGER, varcharType } from '../../src/types/datatype.js';

const TYPES = [INTEGER, varcharType(20)];
const N = BLOCK_ROWS + 4;
const IDS = Array.from({ length: N }, (_, i) => i);
const slice = appendRows(EMPTY_SLICE, TYPES, [IDS, IDS.map((i) => `v${i}`)], N);

describe('liveBlocks', () => {
  it('yields each block with its first row; live rows are all of them without deletions', () => {
    const blocks = [...liveBlocks(slice)];
    expect(blocks.map((b) => [b.block.rowCount, b.firstRow, b.live])).toEqual([[BLOCK_ROWS, 0, null], [4, BLOCK_ROWS, null]]);
  });

  it('leaves deleted rows out of the live rows', () => {
    const v2 = deleteRows(slice, [1, BLOCK_ROWS + 2]);
    const blocks = [...liveBlocks(v2)];
    expect(Array.from(blocks[0]!.live!.subarray(0, 3))).toEqual([0, 2, 3]);
    expect(blocks[0]!.live!.length).toBe(BLOCK_ROWS - 1);
    expect(Array.from(blocks[1]!.live!)).toEqual([0, 1, 3]);
  });

  it('omits blocks whose rows are all deleted', () => {
    const v2 = deleteRows(slice, [BLOCK_ROWS, BLOCK_ROWS + 1, BLOCK_ROWS + 2, BLOCK_ROWS + 3]);
    expect([...liveBlocks(v2)].map((b) => b.block.rowCount)).toEqual([BLOCK_ROWS]);
  });

  it('skips blocks the filter rejects, by zone map', () => {
    const blocks = [...liveBlocks(slice, (block) => zoneMapMayMatch(block.columns[0]!, BLOCK_ROWS + 1, null, true, false))];
    expect(blocks.map((b) => b.firstRow)).toEqual([BLOCK_ROWS]);
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

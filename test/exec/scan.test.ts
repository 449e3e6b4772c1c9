/**
 * The scan over real blocks: deleted rows, row handles, a filter split into its cheap numeric
 * comparisons and the rest, and columns decoded only for the rows the filter keeps.
 */
import { describe, expect, it } from 'vitest';
import type { ExecContext } from '../../src/exec/context.js';
import type { PExpr, POp } from '../../src/exec/spec.js';
import { ROW_HANDLE_SLICE_FACTOR } from '../../src/exec/spec.js';
import { buildBlocks } from '../../src/storage/block-builder.js';
import type { BlockRef } from '../../src/storage/index.js';
import { BOOLEAN, decimalType, INTEGER, varcharType, type SqlType } from '../../src/types/index.js';
import { cmp, col, run } from './helpers.js';

const types: SqlType[] = [INTEGER, decimalType(12, 2), varcharType(8), INTEGER];
// (id, amount, name, limit): the NULL amounts and names say nothing matches them.
const rows = Array.from({ length: 200 }, (_, i) => [i, i % 17 === 0 ? null : BigInt(i * 125), i % 23 === 0 ? null : `n${i % 7}`, i % 50]);

/** Two blocks of 100 rows, every 9th row of the second one deleted. */
function context(): ExecContext {
  const blocks: BlockRef[] = [0, 100].map((start) => {
    const part = rows.slice(start, start + 100);
    const [block] = buildBlocks(types, types.map((_, c) => part.map((r) => r[c])), part.length);
    const deleted = start === 0 ? null : Uint8Array.from({ length: 100 }, (_, i) => (i % 9 === 0 ? 1 : 0));
    return { block: block!, deleted, deletedCount: deleted === null ? 0 : 12 };
  });
  return { scan: () => ({ slice: { blocks, sortedRows: 0, rowCount: 200 }, sliceNumber: 3 }), exchange: () => [] };
}

const live = (i: number): boolean => i < 100 || (i - 100) % 9 !== 0;
const scan = (filter: PExpr | null, withRowHandles = false): POp => ({
  kind: 'scan', tableId: 1, columns: [0, 1, 2, 3], types, filter, rangeFilters: [], allCopy: false, withRowHandles,
});

describe('scan over blocks', () => {
  it('reads the live rows, with their row handles', () => {
    const out = run(scan(null, true), context());
    expect(out.map((r) => r[0])).toEqual(rows.filter((r) => live(r[0] as number)).map((r) => r[0]));
    expect(out.every((r) => r[4] === 3 * ROW_HANDLE_SLICE_FACTOR + (r[0] as number))).toBe(true);
    expect(out[0]).toEqual([0, null, null, 0, 3 * ROW_HANDLE_SLICE_FACTOR]);
  });

  it('filters on strings, decimals and column comparisons together', () => {
    const filter: PExpr = {
      kind: 'and',
      type: BOOLEAN,
      args: [
        cmp('=', col(2, varcharType(8)), { kind: 'const', value: 'n3', type: varcharType(8) }),
        cmp('>', col(1, decimalType(12, 2)), { kind: 'const', value: 2000n, type: decimalType(12, 2) }),
        cmp('<', col(3), col(0)),
      ],
    };
    const expected = rows.filter((r) => live(r[0] as number) && r[2] === 'n3' && r[1] !== null && (r[1] as bigint) > 2000n && (r[3] as number) < (r[0] as number));
    expect(run(scan(filter, true), context())).toEqual(expected.map((r) => [...r, 3 * ROW_HANDLE_SLICE_FACTOR + (r[0] as number)]));
  });
});

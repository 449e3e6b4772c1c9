/** Building blocks for exec tests: batches from rows, a fake ExecContext, expression shorthands. */
import type { ExecContext } from '../../src/exec/context.js';
import { runOperator } from '../../src/exec/run.js';
import type { Batch, PExpr, POp } from '../../src/exec/spec.js';
import { boxColumn, type VBatch } from '../../src/exec/vector.js';
import type { BlockRef } from '../../src/storage/index.js';
import type { ColumnChunk } from '../../src/storage/block.js';
import { buildBlocks } from '../../src/storage/block-builder.js';
import { BIGINT, BOOLEAN, INTEGER, type SqlType } from '../../src/types/index.js';

export function batchOf(rows: readonly (readonly unknown[])[], width = rows[0]?.length ?? 0): Batch {
  const columns: unknown[][] = [];
  for (let c = 0; c < width; c++) columns.push(rows.map((r) => r[c]));
  return { columns, rowCount: rows.length };
}

export function rowsOf(batches: readonly VBatch[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const b of batches) {
    const columns = b.columns.map(boxColumn);
    for (let i = 0; i < b.rowCount; i++) rows.push(columns.map((c) => c[i]));
  }
  return rows;
}

/**
 * A context whose exchanges are given; table t's rows are `tables[t]`, stored in blocks of
 * `batchSize` rows (holding the columns a scan reads, with the scan's types).
 */
export function fakeContext(opts: { tables?: Record<number, unknown[][]>; exchanges?: Record<number, Batch[]>; batchSize?: number } = {}): ExecContext {
  return {
    scan(op) {
      const rows = opts.tables?.[op.tableId] ?? [];
      const size = opts.batchSize ?? 3;
      const blocks: BlockRef[] = [];
      for (let i = 0; i < rows.length; i += size) {
        const part = rows.slice(i, i + size);
        const [built] = buildBlocks(op.types, op.columns.map((c) => part.map((r) => r[c])), part.length);
        const columns: ColumnChunk[] = [];
        op.columns.forEach((c, k) => (columns[c] = built!.columns[k]!));
        blocks.push({ block: { rowCount: part.length, columns }, deleted: null, deletedCount: 0 });
      }
      return { slice: { blocks, sortedRows: 0, rowCount: rows.length }, sliceNumber: 0 };
    },
    exchange: (id) => opts.exchanges?.[id] ?? [],
  };
}

/** A 'rows' operator over literal rows. */
export function rowsOp(rows: readonly (readonly unknown[])[], types: readonly SqlType[]): POp {
  return { kind: 'rows', batch: batchOf(rows, types.length), types };
}

export function run(op: POp, ctx: ExecContext = fakeContext()): unknown[][] {
  return rowsOf(runOperator(op, ctx));
}

export const col = (index: number, type: SqlType = INTEGER): PExpr => ({ kind: 'col', index, type });
export const lit = (value: unknown, type: SqlType = INTEGER): PExpr => ({ kind: 'const', value, type });
export const cmp = (op: '=' | '<>' | '<' | '<=' | '>' | '>=', left: PExpr, right: PExpr): PExpr => ({ kind: 'compare', op, left, right, type: BOOLEAN });
export const and = (...args: PExpr[]): PExpr => ({ kind: 'and', args, type: BOOLEAN });
export const or = (...args: PExpr[]): PExpr => ({ kind: 'or', args, type: BOOLEAN });
export const not = (arg: PExpr): PExpr => ({ kind: 'not', arg, type: BOOLEAN });
export { BIGINT, BOOLEAN, INTEGER };

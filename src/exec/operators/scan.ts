/**
 * Table scan: the slice's live rows of the scanned columns, one batch per block, skipping blocks
 * whose zone maps exclude the range filters. With a filter — the scan's own, or runtime join
 * filters (runtime-filter.ts) — only the columns the filters read are decoded first; the other
 * columns are decoded just for the rows they keep. Numeric, date/time and boolean columns are read
 * as NumColumns, so no value is boxed on the way.
 */
import type { Block, ColumnChunk } from '../../storage/block.js';
import { readColumn, readNumbers } from '../../storage/block-reader.js';
import { liveBlocks, zoneMapMayMatch } from '../../storage/scan.js';
import { BOOLEAN } from '../../types/index.js';
import type { ExecContext } from '../context.js';
import { columnsUsed } from '../expr.js';
import { compilePredicate, type Selector } from '../predicate.js';
import type { KeyFilter } from '../runtime-filter.js';
import { ROW_HANDLE_SLICE_FACTOR, type PExpr, type POp } from '../spec.js';
import { gatherColumn, NumColumn, numericBoxing, type Column, type VBatch } from '../vector.js';

type ScanOp = Extract<POp, { kind: 'scan' }>;

export function* scan(op: ScanOp, ctx: ExecContext, keyFilters: readonly KeyFilter[]): Iterable<VBatch> {
  const { slice, sliceNumber } = ctx.scan(op);
  const { cheap, rest } = filterStages(op);
  const handleBase = sliceNumber * ROW_HANDLE_SLICE_FACTOR;
  for (const { block, firstRow, live } of liveBlocks(slice, (block) => rangesMayMatch(op, block))) {
    const chunks = op.columns.map((c) => block.columns[c]!);
    // Decoded columns (by scan column) and the block rows they hold (null = all).
    const decoded = new Map<number, Column>();
    let rows = live;
    let rowCount = live === null ? block.rowCount : live.length;

    /** Keep only `kept` (indices into the current rows) of the rows and of what is decoded. */
    const narrow = (kept: Int32Array): void => {
      if (kept.length === rowCount) return;
      for (const [k, column] of decoded) decoded.set(k, gatherColumn(column, kept));
      rows = rows === null ? kept : kept.map((i) => rows![i]!);
      rowCount = kept.length;
    };
    const decode = (columns: Iterable<number>): VBatch => {
      for (const k of columns) if (!decoded.has(k)) decoded.set(k, readChunk(chunks[k]!, rows));
      return { columns: chunks.map((_, k) => decoded.get(k) ?? EMPTY), rowCount };
    };

    // Join filters (a key column the output needs anyway), then cheap comparisons, then the rest of
    // the filter, each on what is left.
    for (const f of keyFilters) {
      if (rowCount === 0) break;
      const passing = f.select(decode([f.column]).columns[f.column]!, rowCount);
      if (passing !== null) narrow(passing);
    }
    if (cheap !== null && rowCount > 0) narrow(cheap.select(decode(cheap.columns), null));
    if (rest !== null && rowCount > 0) narrow(rest.select(decode(rest.columns), null));
    if (rowCount === 0) continue;
    const columns: Column[] = chunks.map((chunk, k) => decoded.get(k) ?? readChunk(chunk, rows));
    if (op.withRowHandles) columns.push(rowHandles(handleBase + firstRow, rows, rowCount));
    yield { columns, rowCount };
  }
}

interface FilterStage {
  readonly select: Selector;
  /** The scan columns it reads. */
  readonly columns: readonly number[];
}

/**
 * The scan's filter in two stages (either may be null): its conjuncts comparing numeric (NumColumn)
 * columns with constants or each other — cheap to decode and to evaluate, and unable to raise an
 * error, so they may run before the others — then the rest, in their order, on the rows the first
 * kept (strings are then decoded only for those rows).
 */
function filterStages(op: ScanOp): { cheap: FilterStage | null; rest: FilterStage | null } {
  if (op.filter === null) return { cheap: null, rest: null };
  const parts = op.filter.kind === 'and' ? op.filter.args : [op.filter];
  const isNumeric = (k: number): boolean => numericBoxing(op.types[k]!) !== null;
  const simple = (e: PExpr): boolean => e.kind === 'col' || e.kind === 'const';
  const cheap = parts.filter((p) => p.kind === 'compare' && simple(p.left) && simple(p.right) && columnsUsed(p).every(isNumeric));
  const rest = parts.filter((p) => !cheap.includes(p));
  const stage = (conjuncts: readonly PExpr[]): FilterStage | null => {
    if (conjuncts.length === 0) return null;
    const predicate: PExpr = conjuncts.length === 1 ? conjuncts[0]! : { kind: 'and', args: conjuncts, type: BOOLEAN };
    return { select: compilePredicate(predicate), columns: columnsUsed(predicate) };
  };
  return { cheap: stage(cheap), rest: stage(rest) };
}

const EMPTY: unknown[] = [];

function rangesMayMatch(op: ScanOp, block: Block): boolean {
  return op.rangeFilters.every((r) => zoneMapMayMatch(block.columns[r.column]!, r.min, r.max, r.minInclusive, r.maxInclusive));
}

/** A chunk's values at `rows` (null = all): numbers when the type allows, else engine values. */
function readChunk(chunk: ColumnChunk, rows: ArrayLike<number> | null): Column {
  const boxing = numericBoxing(chunk.type);
  const numbers = boxing === null ? null : readNumbers(chunk, rows);
  return numbers === null ? readColumn(chunk, rows) : new NumColumn(numbers.values, numbers.nulls, boxing!);
}

/** Row handles (see ROW_HANDLE_SLICE_FACTOR) of the output rows of a block starting at `base`. */
function rowHandles(base: number, rows: ArrayLike<number> | null, rowCount: number): NumColumn {
  const handles = new Float64Array(rowCount);
  for (let j = 0; j < rowCount; j++) handles[j] = base + (rows === null ? j : rows[j]!);
  return new NumColumn(handles, null, 'number');
}

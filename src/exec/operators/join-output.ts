/**
 * What hash and nested-loop joins share: filtering candidate (probe row, build row) pairs by the
 * residual condition, and shaping the output per join type — inner pairs, NULL-padded unmatched rows
 * for outer joins, probe rows alone for semi/anti joins.
 */
import { assertNever } from '../../types/index.js';
import { gatherUsedColumns } from '../batch.js';
import { columnsUsed } from '../expr.js';
import type { Pairs } from '../join-table.js';
import { compilePredicate, type Selector } from '../predicate.js';
import type { JoinType, PExpr } from '../spec.js';
import { gatherColumn, nullColumn, type Column, type VBatch } from '../vector.js';


/** Keeps the pairs whose concatenated row (probe columns, then build columns) satisfies `condition`. */
export class PairFilter {
  private readonly select: Selector;
  private readonly probeUsed: number[];
  private readonly buildUsed: number[];

  constructor(condition: PExpr, probeWidth: number) {
    this.select = compilePredicate(condition);
    const used = columnsUsed(condition);
    this.probeUsed = used.filter((c) => c < probeWidth);
    this.buildUsed = used.filter((c) => c >= probeWidth).map((c) => c - probeWidth);
  }

  apply(probe: VBatch, build: VBatch, pairs: Pairs): Pairs {
    if (pairs.probeRows.length === 0) return pairs;
    // Only the columns the condition reads are gathered for the candidate rows.
    const left = gatherUsedColumns(probe, pairs.probeRows, this.probeUsed);
    const right = gatherUsedColumns(build, pairs.buildRows, this.buildUsed);
    const candidates: VBatch = { columns: [...left.columns, ...right.columns], rowCount: pairs.probeRows.length };
    const keep = this.select(candidates, null);
    if (keep.length === pairs.probeRows.length) return pairs;
    const probeRows = new Int32Array(keep.length);
    const buildRows = new Int32Array(keep.length);
    for (let j = 0; j < keep.length; j++) {
      probeRows[j] = pairs.probeRows[keep[j]!]!;
      buildRows[j] = pairs.buildRows[keep[j]!]!;
    }
    return { probeRows, buildRows };
  }
}

/** Builds join output batches from the matching pairs of each probe batch. */
export class JoinEmitter {
  /** Build rows that matched some probe row (tracked for right and full joins). */
  private readonly buildMatched: Uint8Array | null;

  constructor(
    private readonly joinType: JoinType,
    private readonly build: VBatch,
    private readonly probeWidth: number,
  ) {
    this.buildMatched = joinType === 'right' || joinType === 'full' ? new Uint8Array(build.rowCount) : null;
  }

  /** The output for one probe batch, given all its matching pairs (probe rows ascending). */
  emitProbe(probe: VBatch, pairs: Pairs): VBatch | null {
    const { probeRows, buildRows } = pairs;
    if (this.buildMatched) for (const r of buildRows) this.buildMatched[r] = 1;
    switch (this.joinType) {
      case 'inner':
      case 'right':
        return this.joined(probe, probeRows, buildRows);
      case 'left':
      case 'full': {
        const unmatched = probeRowsMatched(probe.rowCount, probeRows, false);
        if (unmatched.length === 0) return this.joined(probe, probeRows, buildRows);
        const n = probeRows.length;
        const allProbe = new Int32Array(n + unmatched.length);
        allProbe.set(probeRows);
        allProbe.set(unmatched, n);
        const allBuild = new Int32Array(n + unmatched.length).fill(-1);
        allBuild.set(buildRows);
        return this.joined(probe, allProbe, allBuild);
      }
      case 'semi':
      case 'anti': {
        const rows = probeRowsMatched(probe.rowCount, probeRows, this.joinType === 'semi');
        if (rows.length === 0) return null;
        return { columns: probe.columns.map((c) => gatherColumn(c, rows)), rowCount: rows.length };
      }
      default:
        return assertNever(this.joinType);
    }
  }

  /** After the last probe batch: build rows that never matched, with NULL probe columns (right/full). */
  emitUnmatchedBuild(): VBatch | null {
    if (!this.buildMatched) return null;
    const rows: number[] = [];
    for (let r = 0; r < this.build.rowCount; r++) if (!this.buildMatched[r]) rows.push(r);
    if (rows.length === 0) return null;
    return this.joined(null, new Int32Array(rows.length).fill(-1), Int32Array.from(rows));
  }

  /** Probe columns then build columns of the pairs; row -1 (or no probe batch) stands for NULLs. */
  private joined(probe: VBatch | null, probeRows: Int32Array, buildRows: Int32Array): VBatch | null {
    const n = probeRows.length;
    if (n === 0) return null;
    const columns: Column[] = [];
    for (let c = 0; c < this.probeWidth; c++) columns.push(probe ? gatherColumn(probe.columns[c]!, probeRows) : nullColumn(n));
    for (const col of this.build.columns) columns.push(gatherColumn(col, buildRows));
    return { columns, rowCount: n };
  }
}

/** Probe rows (ascending) that do (`matched`) or do not appear among the pairs' probe rows. */
function probeRowsMatched(rowCount: number, probeRows: Int32Array, matched: boolean): Int32Array {
  const seen = new Uint8Array(rowCount);
  for (let k = 0; k < probeRows.length; k++) seen[probeRows[k]!] = 1;
  const rows = new Int32Array(rowCount);
  let n = 0;
  for (let r = 0; r < rowCount; r++) if ((seen[r] === 1) === matched) rows[n++] = r;
  return rows.subarray(0, n);
}

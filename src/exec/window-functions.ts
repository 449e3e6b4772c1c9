/**
 * Evaluating window functions over a WindowLayout: each returns one output value per input row (by
 * row index). Ranking functions walk peer groups; LAG/LEAD and FIRST/LAST/NTH_VALUE find their row by
 * position, and with IGNORE NULLS through the partition's list of non-NULL positions, so every
 * function is linear in the partition size. Framed aggregates are in window-aggregates.ts.
 */
import { assertNever } from '../types/index.js';
import { toDoubleConverter } from './aggregates-stats.js';
import { compileExpr } from './expr.js';
import type { Batch, PExpr, WindowFrame, WindowFunctionSpec } from './spec.js';
import { evaluateWindowAggregate } from './window-aggregates.js';
import type { WindowLayout } from './window-layout.js';

export function evaluateWindowFunction(spec: WindowFunctionSpec, batch: Batch, layout: WindowLayout): unknown[] {
  const out = new Array<unknown>(layout.rowCount).fill(null);
  switch (spec.kind) {
    case 'rank':
      rankFunction(spec.fn, layout, out);
      break;
    case 'ntile':
      ntile(spec.buckets, layout, out);
      break;
    case 'offset':
      offsetFunction(spec, batch, layout, out);
      break;
    case 'value':
      valueFunction(spec, batch, layout, out);
      break;
    case 'aggregate':
      evaluateWindowAggregate(spec.aggregate, spec.frame, batch, layout, out);
      break;
    case 'ratioToReport':
      ratioToReport(spec, batch, layout, out);
      break;
    default:
      assertNever(spec);
  }
  return out;
}

/** The expressions a window function evaluates over its input rows. */
export function windowFunctionExprs(spec: WindowFunctionSpec): PExpr[] {
  switch (spec.kind) {
    case 'rank':
    case 'ntile':
      return [];
    case 'offset':
      return spec.default ? [spec.arg, spec.default] : [spec.arg];
    case 'value':
    case 'ratioToReport':
      return [spec.arg];
    case 'aggregate':
      return [...(spec.aggregate.arg ? [spec.aggregate.arg] : []), ...(spec.aggregate.orderBy ?? []).map((k) => k.expr)];
    default:
      return assertNever(spec);
  }
}

/** Positions [lo, hi] (inclusive) of the frame of position q in partition [start, end); lo > hi when empty. */
function frameAt(frame: WindowFrame, q: number, start: number, end: number): [number, number] {
  const lo = frame.start === null ? start : Math.max(start, q + frame.start);
  const hi = frame.end === null ? end - 1 : Math.min(end - 1, q + frame.end);
  return [lo, hi];
}

function rankFunction(fn: Extract<WindowFunctionSpec, { kind: 'rank' }>['fn'], layout: WindowLayout, out: unknown[]): void {
  const { order, bounds } = layout;
  if (fn === 'row_number') {
    const numbers = new BigintCache();
    for (let p = 0; p < layout.partitionCount; p++) {
      const start = bounds[p]!;
      for (let q = start; q < bounds[p + 1]!; q++) out[order[q]!] = numbers.get(q - start + 1);
    }
    return;
  }
  const peerEnds = layout.peerEnds();
  for (let p = 0; p < layout.partitionCount; p++) {
    const start = bounds[p]!;
    const end = bounds[p + 1]!;
    const size = end - start;
    let dense = 0;
    for (let q = start; q < end; q = peerEnds[q]!) {
      const groupEnd = peerEnds[q]!;
      const rank = q - start + 1;
      dense++;
      let value: unknown;
      switch (fn) {
        case 'rank': value = rank; break;
        case 'dense_rank': value = dense; break;
        case 'percent_rank': value = size > 1 ? (rank - 1) / (size - 1) : 0; break;
        case 'cume_dist': value = (groupEnd - start) / size; break;
        default: assertNever(fn);
      }
      for (let r = q; r < groupEnd; r++) out[order[r]!] = value;
    }
  }
}

/** BIGINT results repeat across partitions (1, 2, 3, ...): one bigint per number, not per row. */
class BigintCache {
  private readonly values: bigint[] = [];
  get(n: number): bigint {
    return (this.values[n] ??= BigInt(n));
  }
}

/** NTILE(k): buckets differ in size by at most one row, the larger ones first. */
function ntile(buckets: number, layout: WindowLayout, out: unknown[]): void {
  const { order, bounds } = layout;
  const numbers = new BigintCache();
  for (let p = 0; p < layout.partitionCount; p++) {
    const start = bounds[p]!;
    const size = bounds[p + 1]! - start;
    const small = Math.floor(size / buckets);
    const larger = size % buckets; // how many buckets get small + 1 rows
    const inLarger = larger * (small + 1);
    for (let i = 0; i < size; i++) {
      const bucket = i < inLarger ? Math.floor(i / (small + 1)) : larger + Math.floor((i - inLarger) / small);
      out[order[start + i]!] = numbers.get(bucket + 1);
    }
  }
}

/** Per partition: positions of non-NULL values, and how many precede each position. */
class NonNullIndex {
  readonly positions: number[] = [];
  /** before[q - start] = number of non-NULL positions in [start, q). */
  readonly before: Int32Array;

  constructor(values: readonly unknown[], order: Int32Array, start: number, end: number) {
    this.before = new Int32Array(end - start + 1);
    for (let q = start; q < end; q++) {
      this.before[q - start] = this.positions.length;
      if (values[order[q]!] !== null) this.positions.push(q);
    }
    this.before[end - start] = this.positions.length;
  }
}

function offsetFunction(spec: Extract<WindowFunctionSpec, { kind: 'offset' }>, batch: Batch, layout: WindowLayout, out: unknown[]): void {
  const { order, bounds } = layout;
  const values = compileExpr(spec.arg)(batch);
  const defaults = spec.default ? compileExpr(spec.default)(batch) : null;
  const k = spec.offset;
  const lag = spec.fn === 'lag';
  for (let p = 0; p < layout.partitionCount; p++) {
    const start = bounds[p]!;
    const end = bounds[p + 1]!;
    const index = spec.ignoreNulls && k > 0 ? new NonNullIndex(values, order, start, end) : null;
    for (let q = start; q < end; q++) {
      const row = order[q]!;
      let target = -1;
      if (!index) {
        const t = lag ? q - k : q + k;
        if (t >= start && t < end) target = t;
      } else {
        // The k-th non-NULL value before (LAG) or after (LEAD) the current row.
        const before = index.before[q - start]!;
        const upTo = index.before[q - start + 1]!; // non-NULLs up to and including q
        const i = lag ? before - k : upTo + k - 1;
        if (i >= 0 && i < index.positions.length) target = index.positions[i]!;
      }
      out[row] = target >= 0 ? values[order[target]!] : (defaults?.[row] ?? null);
    }
  }
}

function valueFunction(spec: Extract<WindowFunctionSpec, { kind: 'value' }>, batch: Batch, layout: WindowLayout, out: unknown[]): void {
  const { order, bounds } = layout;
  const values = compileExpr(spec.arg)(batch);
  for (let p = 0; p < layout.partitionCount; p++) {
    const start = bounds[p]!;
    const end = bounds[p + 1]!;
    const index = spec.ignoreNulls ? new NonNullIndex(values, order, start, end) : null;
    for (let q = start; q < end; q++) {
      const [lo, hi] = frameAt(spec.frame, q, start, end);
      if (lo > hi) continue;
      let target = -1;
      if (!index) target = spec.fromEnd ? hi : lo + spec.n - 1;
      else if (spec.fromEnd) {
        const i = index.before[hi + 1 - start]! - 1; // the last non-NULL at or before hi
        if (i >= 0) target = index.positions[i]!;
      } else {
        const i = index.before[lo - start]! + spec.n - 1; // the n-th non-NULL at or after lo
        if (i < index.positions.length) target = index.positions[i]!;
      }
      if (target >= lo && target <= hi) out[order[q]!] = values[order[target]!];
    }
  }
}

/** RATIO_TO_REPORT(x): x / SUM(x) over the partition (NULL for NULL x or a zero sum). */
function ratioToReport(spec: Extract<WindowFunctionSpec, { kind: 'ratioToReport' }>, batch: Batch, layout: WindowLayout, out: unknown[]): void {
  const values = compileExpr(spec.arg)(batch);
  const toDouble = toDoubleConverter(spec.arg.type);
  const sums = new Float64Array(layout.partitionCount);
  const partitionOf = layout.partitionOfRow;
  for (let i = 0; i < layout.rowCount; i++) if (values[i] !== null) sums[partitionOf[i]!]! += toDouble(values[i]);
  for (let i = 0; i < layout.rowCount; i++) {
    const sum = sums[partitionOf[i]!]!;
    out[i] = values[i] === null || sum === 0 ? null : toDouble(values[i]) / sum;
  }
}

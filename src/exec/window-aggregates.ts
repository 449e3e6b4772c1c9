/**
 * Aggregates over window frames. A frame covering the whole partition is plain grouped aggregation
 * with partitions as groups (any aggregate, through the ordinary accumulators). A moving ROWS frame
 * slides: both ends only move forward as the current row advances, so each row enters and leaves
 * the running state once — sums and counts add and subtract, STDDEV/VARIANCE undo Welford steps,
 * MIN/MAX keep a monotonic queue of candidate positions.
 */
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import { compileAggregateInput, createAccumulator, updateAccumulator } from './aggregates.js';
import { addExact, finishSum, type Exact } from './aggregates-sum.js';
import { addMoment, emptyMoments, momentsResult, removeMoment, toDoubleConverter, type Moments } from './aggregates-stats.js';
import { compileExpr } from './expr.js';
import type { AggregateSpec, Batch, WindowFrame } from './spec.js';
import { compareClass, valueComparator } from './value-keys.js';
import type { WindowLayout } from './window-layout.js';

export function evaluateWindowAggregate(spec: AggregateSpec, frame: WindowFrame, batch: Batch, layout: WindowLayout, out: unknown[]): void {
  if (frame.start === null && frame.end === null) {
    wholePartition(spec, batch, layout, out);
    return;
  }
  const values = spec.arg ? compileExpr(spec.arg)(batch) : null;
  const state = slidingState(spec, values, layout.order);
  const { order, bounds } = layout;
  for (let p = 0; p < layout.partitionCount; p++) {
    const start = bounds[p]!;
    const end = bounds[p + 1]!;
    state.reset();
    // The running state holds positions [a, b).
    let a = start;
    let b = start;
    for (let q = start; q < end; q++) {
      const lo = frame.start === null ? start : Math.max(start, q + frame.start);
      const hiExclusive = Math.max(lo, frame.end === null ? end : Math.min(end, q + frame.end + 1));
      for (; a < lo; a++) if (a < b) state.remove(a);
      if (b < a) b = a;
      for (; b < hiExclusive; b++) state.add(b);
      out[order[q]!] = state.result(hiExclusive - lo);
    }
  }
}

function wholePartition(spec: AggregateSpec, batch: Batch, layout: WindowLayout, out: unknown[]): void {
  const acc = createAccumulator(spec);
  acc.grow(layout.partitionCount);
  updateAccumulator(acc, layout.partitionOfRow, compileAggregateInput(spec)(batch), layout.rowCount);
  const results = new Array<unknown>(layout.partitionCount);
  for (let p = 0; p < layout.partitionCount; p++) results[p] = acc.result(p);
  for (let i = 0; i < layout.rowCount; i++) out[i] = results[layout.partitionOfRow[i]!];
}

/** A running aggregate over frame positions (values are looked up through `order`). */
interface SlidingState {
  reset(): void;
  add(position: number): void;
  /** Remove a position added earlier; always the oldest one still in the frame. */
  remove(position: number): void;
  /** The aggregate of the current frame, which holds `frameRows` rows. */
  result(frameRows: number): unknown;
}

function slidingState(spec: AggregateSpec, values: readonly unknown[] | null, order: Int32Array): SlidingState {
  const valueAt = (position: number): unknown => values![order[position]!];
  switch (spec.fn) {
    case 'count_star':
      return { reset() {}, add() {}, remove() {}, result: (frameRows) => BigInt(frameRows) };
    case 'count':
    case 'sum':
    case 'avg':
      return new SlidingSum(spec, valueAt);
    case 'min':
    case 'max':
      return new SlidingExtreme(spec.arg!.type, spec.fn === 'max', valueAt);
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
      return new SlidingMoments(spec, valueAt);
    default:
      throw new SqlError(SqlState.featureNotSupported, `${spec.fn} over a moving window frame is not supported`);
  }
}

/** COUNT, SUM and AVG: a running count and sum (exact for integers and decimals). */
class SlidingSum implements SlidingState {
  private sum: Exact | null = null;
  private count = 0;
  private readonly isFloat: boolean;

  constructor(private readonly spec: AggregateSpec, private readonly valueAt: (position: number) => unknown) {
    this.isFloat = compareClass(spec.arg!.type) === 'float';
  }

  reset(): void {
    this.sum = null;
    this.count = 0;
  }

  add(position: number): void {
    const v = this.valueAt(position) as Exact | null;
    if (v === null) return;
    this.count++;
    if (this.spec.fn === 'count') return;
    this.sum = this.sum === null ? v : this.isFloat ? (this.sum as number) + (v as number) : addExact(this.sum, v);
  }

  remove(position: number): void {
    const v = this.valueAt(position) as Exact | null;
    if (v === null) return;
    this.count--;
    if (this.spec.fn === 'count') return;
    if (this.count === 0) this.sum = null; // start afresh: no float drift carries over
    else this.sum = this.isFloat ? (this.sum as number) - (v as number) : addExact(this.sum!, -v);
  }

  result(): unknown {
    if (this.spec.fn === 'count') return BigInt(this.count);
    return finishSum(this.sum, this.spec.fn === 'avg' ? this.count : null, this.spec.arg!.type, this.spec.type);
  }
}

/** MIN/MAX: positions whose values could still be the extreme, best first (a monotonic queue). */
class SlidingExtreme implements SlidingState {
  private queue: number[] = [];
  private head = 0;
  private readonly compare: (a: unknown, b: unknown) => number;

  constructor(type: SqlType, private readonly isMax: boolean, private readonly valueAt: (position: number) => unknown) {
    this.compare = valueComparator(type);
  }

  reset(): void {
    this.queue = [];
    this.head = 0;
  }

  add(position: number): void {
    const v = this.valueAt(position);
    if (v === null) return;
    // Drop candidates strictly worse than v; equal older ones stay (the first of equals wins).
    while (this.queue.length > this.head) {
      const c = this.compare(this.valueAt(this.queue[this.queue.length - 1]!), v);
      if (this.isMax ? c >= 0 : c <= 0) break;
      this.queue.pop();
    }
    this.queue.push(position);
  }

  remove(position: number): void {
    if (this.queue.length > this.head && this.queue[this.head] === position) this.head++;
  }

  result(): unknown {
    return this.queue.length > this.head ? this.valueAt(this.queue[this.head]!) : null;
  }
}

/**
 * STDDEV/VARIANCE over a moving frame. Exact types (integers, DECIMAL) keep an exact count, sum and
 * sum of squares, so the variance has one rounding however many rows came and went (a frame of equal
 * values gives exactly 0); floats undo Welford steps.
 */
class SlidingMoments implements SlidingState {
  private moments: Moments = emptyMoments();
  private count = 0;
  private sum = 0n;
  private sumOfSquares = 0n;
  private readonly exact: boolean;
  private readonly scaleDivisor: number;
  private readonly toDouble: (v: unknown) => number;

  constructor(private readonly spec: AggregateSpec, private readonly valueAt: (position: number) => unknown) {
    const type = spec.arg!.type;
    const cls = compareClass(type);
    this.exact = cls === 'int' || cls === 'big';
    this.scaleDivisor = 10 ** (2 * (type.kind === 'decimal' ? type.scale : 0));
    this.toDouble = toDoubleConverter(type);
  }

  reset(): void {
    this.moments = emptyMoments();
    this.count = 0;
    this.sum = 0n;
    this.sumOfSquares = 0n;
  }

  add(position: number): void {
    this.step(position, 1);
  }

  remove(position: number): void {
    this.step(position, -1);
  }

  private step(position: number, direction: 1 | -1): void {
    const v = this.valueAt(position);
    if (v === null) return;
    if (!this.exact) {
      if (direction === 1) addMoment(this.moments, this.toDouble(v));
      else removeMoment(this.moments, this.toDouble(v));
      return;
    }
    const x = BigInt(v as number | bigint);
    this.count += direction;
    this.sum += direction === 1 ? x : -x;
    this.sumOfSquares += direction === 1 ? x * x : -(x * x);
  }

  result(): unknown {
    if (!this.exact) return momentsResult(this.spec.fn, this.moments);
    const n = this.count;
    if (n === 0) return null;
    // Sum of squared deviations = (n * sum(x^2) - sum(x)^2) / n, exact up to the final division.
    const m2 = Number(BigInt(n) * this.sumOfSquares - this.sum * this.sum) / n / this.scaleDivisor;
    return momentsResult(this.spec.fn, [n, 0, m2]);
  }
}

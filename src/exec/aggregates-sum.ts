/**
 * COUNT, SUM and AVG accumulators, and the exact arithmetic they share with window aggregates.
 * Per-group counts and sums live in Float64Arrays: an exact sum stays a double while it is a safe
 * integer (where double addition is exact) and moves to a bigint for that group only when it grows
 * beyond 2^53, so the common case adds numbers without allocating. NumColumn arguments (vector.ts)
 * are summed straight from their typed array.
 *
 * Partial states: count -> number; sum -> number | bigint | null; avg -> [sum, count].
 */
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import type { Accumulator } from './aggregates.js';
import type { AggregateSpec } from './spec.js';
import { compareClass } from './value-keys.js';
import { NumColumn, type Column } from './vector.js';

export type Exact = number | bigint;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const MAX_SAFE_BIG = BigInt(MAX_SAFE);

/** a + b exactly: numbers while the sum is a safe integer, bigint beyond. */
export function addExact(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    // Inputs are safe integers, so an unsafe float sum means the exact sum left the safe range.
    return Number.isSafeInteger(s) ? s : BigInt(a) + BigInt(b);
  }
  return BigInt(a) + BigInt(b);
}

const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

function checkedBigint(v: bigint): bigint {
  if (v < INT8_MIN || v > INT8_MAX) throw new SqlError(SqlState.numericValueOutOfRange, 'bigint out of range');
  return v;
}

function checkedDecimal(v: bigint, precision: number): bigint {
  const limit = 10n ** BigInt(precision);
  if (v >= limit || v <= -limit) throw new SqlError(SqlState.numericValueOutOfRange, 'Numeric data overflow (result precision)');
  return v;
}

function scaleOf(t: SqlType): number {
  return t.kind === 'decimal' ? t.scale : 0;
}

/** n / d rounded half away from zero (d > 0). */
function divideRounded(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= d) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * The final value of SUM (count === null) or AVG over `count` values, given their sum in the
 * argument's representation (exact for integers/decimals, a number for floats).
 */
export function finishSum(sum: Exact | null, count: number | null, argType: SqlType, resultType: SqlType): unknown {
  if (sum === null || count === 0) return null;
  const exact = compareClass(argType) !== 'float';
  const argScale = scaleOf(argType);
  switch (resultType.kind) {
    case 'real':
    case 'double': {
      const total = exact ? Number(sum) / 10 ** argScale : (sum as number);
      return count === null ? total : total / count;
    }
    case 'bigint':
    case 'decimal': {
      if (!exact) throw new SqlError(SqlState.internalError, `exact ${resultType.kind} result for a float aggregate`);
      const resultScale = scaleOf(resultType);
      // value = sum / 10^argScale / count, expressed at resultScale.
      const numerator = BigInt(sum) * 10n ** BigInt(Math.max(0, resultScale - argScale));
      let denominator = 10n ** BigInt(Math.max(0, argScale - resultScale));
      if (count !== null) denominator *= BigInt(count);
      if (resultType.kind === 'bigint') return checkedBigint(numerator / denominator); // integer AVG truncates toward zero
      return checkedDecimal(divideRounded(numerator, denominator), resultType.precision);
    }
    default:
      throw new SqlError(SqlState.internalError, `unexpected aggregate result type ${resultType.kind}`);
  }
}

/** A Float64Array indexed by group that grows by doubling. */
function grown(a: Float64Array, count: number): Float64Array {
  if (a.length >= count) return a;
  const out = new Float64Array(Math.max(count, a.length * 2, 16));
  out.set(a);
  return out;
}

// ---------------------------------------------------------------- COUNT

export class CountAccumulator implements Accumulator {
  private counts: Float64Array = new Float64Array(0);

  grow(count: number): void {
    this.counts = grown(this.counts, count);
  }
  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    const counts = this.counts;
    if (values === null) {
      for (let i = 0; i < n; i++) counts[groups[i]!]!++;
    } else {
      for (let i = 0; i < n; i++) if (values[i] !== null) counts[groups[i]!]!++;
    }
  }
  updateNumbers(groups: Int32Array, column: NumColumn, n: number): void {
    const counts = this.counts;
    const nulls = column.nulls;
    for (let i = 0; i < n; i++) if (nulls === null || nulls[i] === 0) counts[groups[i]!]!++;
  }
  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) this.counts[groups[i]!]! += states[i] as number;
  }
  state(group: number): unknown {
    return this.counts[group]!;
  }
  result(group: number): unknown {
    return BigInt(this.counts[group]!);
  }
  stateColumn(count: number): Column {
    return new NumColumn(this.counts.slice(0, count), null, 'number');
  }
  resultColumn(count: number): Column {
    return new NumColumn(this.counts.slice(0, count), null, 'bigint');
  }
}

// ---------------------------------------------------------------- SUM and AVG

/** SUM, or AVG when `withCount`: a sum per group (exact or float by argument type) and a count. */
export class SumAccumulator implements Accumulator {
  /** Per group: how many values were added (a sum is NULL while it is 0). */
  private counts: Float64Array = new Float64Array(0);
  /** Per group: the sum, when it is a number. */
  private sums: Float64Array = new Float64Array(0);
  /** Per group: the exact sum once it left the safe integers (else undefined). */
  private readonly bigSums: (bigint | undefined)[] = [];
  private readonly exact: boolean;

  constructor(private readonly spec: AggregateSpec, private readonly argType: SqlType, private readonly withCount: boolean) {
    const cls = compareClass(argType);
    if (cls !== 'int' && cls !== 'big' && cls !== 'float') {
      throw new SqlError(SqlState.undefinedFunction, `function ${spec.fn}(${argType.kind}) does not exist`);
    }
    this.exact = cls !== 'float';
  }

  grow(count: number): void {
    this.counts = grown(this.counts, count);
    this.sums = grown(this.sums, count);
  }

  /** Adds `v` (a number, or for exact sums a bigint) to group g's sum, `count` values at once. */
  private add(g: number, v: Exact, count: number): void {
    const first = this.counts[g] === 0;
    this.counts[g]! += count;
    if (!this.exact) {
      // The first value is the sum as it is (-0 stays -0).
      this.sums[g] = first ? (v as number) : this.sums[g]! + (v as number);
      return;
    }
    const big = this.bigSums[g];
    if (big !== undefined) {
      this.bigSums[g] = big + BigInt(v);
      return;
    }
    const x = typeof v === 'bigint' && v <= MAX_SAFE_BIG && v >= -MAX_SAFE_BIG ? Number(v) : v;
    if (typeof x === 'number') {
      const s = this.sums[g]! + x;
      if (s <= MAX_SAFE && s >= -MAX_SAFE) {
        this.sums[g] = s;
        return;
      }
    }
    this.bigSums[g] = BigInt(this.sums[g]!) + BigInt(x);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    for (let i = 0; i < n; i++) {
      const v = values[i] as Exact | null;
      if (v !== null) this.add(groups[i]!, v, 1);
    }
  }

  updateNumbers(groups: Int32Array, column: NumColumn, n: number): void {
    const { values, nulls } = column;
    const counts = this.counts;
    const sums = this.sums;
    if (!this.exact) {
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] !== 0) continue;
        const g = groups[i]!;
        sums[g] = counts[g] === 0 ? values[i]! : sums[g]! + values[i]!;
        counts[g]!++;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] !== 0) continue;
      const g = groups[i]!;
      const s = sums[g]! + values[i]!;
      // Leaving the safe range (or any group past it already) takes the exact path.
      if (s <= MAX_SAFE && s >= -MAX_SAFE && this.bigSums.length === 0) {
        sums[g] = s;
        counts[g]!++;
      } else {
        this.add(g, values[i]!, 1);
      }
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) {
      const state = states[i];
      const [sum, count] = this.withCount ? (state as [Exact | null, number]) : [state as Exact | null, 1];
      if (sum !== null) this.add(groups[i]!, sum, count);
    }
  }

  private sumOf(group: number): Exact | null {
    if (this.counts[group] === 0) return null;
    return this.bigSums[group] ?? this.sums[group]!;
  }

  state(group: number): unknown {
    const sum = this.sumOf(group);
    return this.withCount ? [sum, this.counts[group]!] : sum;
  }

  result(group: number): unknown {
    return finishSum(this.sumOf(group), this.withCount ? this.counts[group]! : null, this.argType, this.spec.type);
  }

  /** SUM's states while every sum is a number: the sums, NULL where no value was added. */
  stateColumn(count: number): Column | null {
    if (this.withCount || this.bigSums.length > 0) return null;
    return new NumColumn(this.sums.slice(0, count), this.emptyGroups(count), 'number');
  }

  /** finishSum for every group at once, computed in doubles where that is exact; null otherwise. */
  resultColumn(count: number): Column | null {
    if (this.bigSums.length > 0) return null;
    const nulls = this.emptyGroups(count);
    const out = new Float64Array(count);
    const resultType = this.spec.type;
    const argScale = scaleOf(this.argType);
    if (resultType.kind === 'real' || resultType.kind === 'double') {
      const divisor = this.exact ? 10 ** argScale : 1;
      for (let g = 0; g < count; g++) {
        const total = this.exact ? this.sums[g]! / divisor : this.sums[g]!;
        out[g] = this.withCount ? total / this.counts[g]! : total;
      }
      return new NumColumn(out, nulls, 'number');
    }
    if ((resultType.kind !== 'bigint' && resultType.kind !== 'decimal') || !this.exact || argScale > 15) return null;
    const resultScale = scaleOf(resultType);
    if (Math.abs(resultScale - argScale) > 15) return null;
    const up = 10 ** Math.max(0, resultScale - argScale);
    const down = 10 ** Math.max(0, argScale - resultScale);
    const bound = resultType.kind === 'bigint' || resultType.precision >= 16 ? MAX_SAFE : 10 ** resultType.precision - 1;
    for (let g = 0; g < count; g++) {
      if (nulls !== null && nulls[g] !== 0) continue;
      // value = sum * up / (down * count), truncated (integer AVG) or rounded half away from zero.
      const n = this.sums[g]! * up;
      const d = this.withCount ? down * this.counts[g]! : down;
      if (!(n <= MAX_SAFE && n >= -MAX_SAFE && d <= MAX_SAFE)) return null;
      const r = n % d;
      let q = (n - r) / d;
      if (resultType.kind === 'decimal' && 2 * Math.abs(r) >= d) q += n < 0 ? -1 : 1;
      if (!(q <= bound && q >= -bound)) return null;
      out[g] = q + 0;
    }
    return new NumColumn(out, nulls, 'bigint');
  }

  /** NULL bytes of the groups no value was added to, or null when every group has one. */
  private emptyGroups(count: number): Uint8Array | null {
    let nulls: Uint8Array | null = null;
    for (let g = 0; g < count; g++) if (this.counts[g] === 0) (nulls ??= new Uint8Array(count))[g] = 1;
    return nulls;
  }
}

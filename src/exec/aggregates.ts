/**
 * Aggregate accumulators: per-group state kept as arrays indexed by group id so the update loops run
 * over whole batches. COUNT/SUM/AVG/MIN/MAX (optionally DISTINCT) live here; the statistical and
 * bit-wise ones in aggregates-stats.ts, LISTAGG and the percentiles in aggregates-ordered.ts,
 * APPROXIMATE COUNT(DISTINCT) in hyperloglog.ts.
 *
 * Partial states are plain data that survive structured clone (compute node -> leader):
 *   count            number of rows counted
 *   sum              number | bigint | null (exact sums of integers/decimals; floats as number)
 *   avg              [sum, count]
 *   min/max          the value or null
 *   DISTINCT count/sum/avg/stddev/variance   Set of canonical values (merged across slices by union)
 * Results follow AggregateSpec.type (Redshift rules): COUNT -> bigint, SUM(int) -> bigint, SUM(decimal)
 * keeps the scale, AVG(int) -> bigint truncated toward zero, AVG(decimal) rounds half away from zero to
 * the result scale, float aggregates -> number.
 */
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import { ListAggAccumulator, PercentileAccumulator, listAggRows } from './aggregates-ordered.js';
import {
  AnyValueAccumulator,
  BitAccumulator,
  BoolAccumulator,
  MomentsAccumulator,
  addMoment,
  emptyMoments,
  isMomentsFunction,
  momentsResult,
  toDoubleConverter,
} from './aggregates-stats.js';
import { compileExpr } from './expr.js';
import { ApproxDistinctAccumulator } from './hyperloglog.js';
import type { AggregateSpec, Batch } from './spec.js';
import { canonicalKey, compareClass, valueComparator, type KeyPrimitive } from './value-keys.js';
import { ValueAccumulator } from './value-accumulator.js';

export interface Accumulator {
  /** Make room for groups up to `count` (new groups start empty). */
  grow(count: number): void;
  /** Fold `n` rows' argument values into their groups (`values` is null for COUNT(*)). */
  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void;
  /** Fold `n` partial states into their groups. */
  merge(groups: Int32Array, states: readonly unknown[], n: number): void;
  /** The group's partial state. */
  state(group: number): unknown;
  /** The group's final value. */
  result(group: number): unknown;
}

export function createAccumulator(spec: AggregateSpec): Accumulator {
  const argType = spec.arg?.type ?? null;
  if (spec.fn === 'count_star') return new CountAccumulator();
  if (argType === null) throw new SqlError(SqlState.internalError, `aggregate ${spec.fn} needs an argument`);
  switch (spec.fn) {
    case 'count':
    case 'sum':
    case 'avg':
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
      if (spec.distinct) return new DistinctAccumulator(spec, argType);
      break;
    default:
      break; // DISTINCT changes nothing for MIN/MAX/BOOL_*/BIT_*/ANY_VALUE; LISTAGG handles its own
  }
  switch (spec.fn) {
    case 'count': return new CountAccumulator();
    case 'sum': return new SumAccumulator(spec, argType, false);
    case 'avg': return new SumAccumulator(spec, argType, true);
    case 'min': return new MinMaxAccumulator(argType, false);
    case 'max': return new MinMaxAccumulator(argType, true);
    case 'stddev_samp':
    case 'stddev_pop':
    case 'var_samp':
    case 'var_pop':
      return new MomentsAccumulator(spec.fn, argType);
    case 'bool_and': return new BoolAccumulator(true);
    case 'bool_or': return new BoolAccumulator(false);
    case 'bit_and': return new BitAccumulator(true);
    case 'bit_or': return new BitAccumulator(false);
    case 'any_value': return new AnyValueAccumulator();
    case 'approx_count_distinct': return new ApproxDistinctAccumulator(argType);
    case 'listagg': return new ListAggAccumulator(spec);
    case 'percentile_cont':
    case 'percentile_disc':
      return new PercentileAccumulator(spec, argType);
  }
}

/**
 * What an aggregate's update() consumes per batch: the argument's values (null for COUNT(*)); for an
 * ordered LISTAGG, [value, ...WITHIN GROUP keys] rows.
 */
export function compileAggregateInput(spec: AggregateSpec): (batch: Batch) => readonly unknown[] | null {
  if (!spec.arg) return () => null;
  const arg = compileExpr(spec.arg);
  const orderBy = spec.fn === 'listagg' ? (spec.orderBy ?? []) : [];
  if (orderBy.length === 0) return arg;
  const keys = orderBy.map((k) => compileExpr(k.expr));
  return (batch) => listAggRows(arg(batch), keys.map((k) => k(batch)), batch.rowCount);
}

// ---------------------------------------------------------------- exact arithmetic

export type Exact = number | bigint;

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

// ---------------------------------------------------------------- COUNT

class CountAccumulator implements Accumulator {
  private readonly counts: number[] = [];
  grow(count: number): void {
    while (this.counts.length < count) this.counts.push(0);
  }
  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    const counts = this.counts;
    if (values === null) {
      for (let i = 0; i < n; i++) counts[groups[i]!]!++;
    } else {
      for (let i = 0; i < n; i++) if (values[i] !== null) counts[groups[i]!]!++;
    }
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
}

// ---------------------------------------------------------------- SUM and AVG

/** SUM, or AVG when `withCount`: a sum per group (exact or float by argument type) and a count. */
class SumAccumulator implements Accumulator {
  private readonly sums: (Exact | null)[] = [];
  private readonly counts: number[] = [];
  private readonly kind: 'int' | 'big' | 'float';

  constructor(private readonly spec: AggregateSpec, private readonly argType: SqlType, private readonly withCount: boolean) {
    const cls = compareClass(argType);
    if (cls === 'int' || cls === 'big' || cls === 'float') this.kind = cls;
    else throw new SqlError(SqlState.undefinedFunction, `function ${spec.fn}(${argType.kind}) does not exist`);
  }

  grow(count: number): void {
    while (this.sums.length < count) {
      this.sums.push(null);
      this.counts.push(0);
    }
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const sums = this.sums;
    const counts = this.counts;
    switch (this.kind) {
      case 'float':
        for (let i = 0; i < n; i++) {
          const v = values[i] as number | null;
          if (v === null) continue;
          const g = groups[i]!;
          const s = sums[g] as number | null;
          sums[g] = s === null ? v : s + v;
          counts[g]!++;
        }
        return;
      case 'big':
        for (let i = 0; i < n; i++) {
          const v = values[i] as bigint | null;
          if (v === null) continue;
          const g = groups[i]!;
          const s = sums[g] as bigint | null;
          sums[g] = s === null ? v : s + v;
          counts[g]!++;
        }
        return;
      case 'int':
        for (let i = 0; i < n; i++) {
          const v = values[i] as number | null;
          if (v === null) continue;
          const g = groups[i]!;
          const s = sums[g]!;
          if (s === null) sums[g] = v;
          else if (typeof s === 'number') {
            const t = s + v;
            sums[g] = Number.isSafeInteger(t) ? t : BigInt(s) + BigInt(v);
          } else sums[g] = s + BigInt(v);
          counts[g]!++;
        }
        return;
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) {
      const state = states[i];
      const [sum, count] = this.withCount ? (state as [Exact | null, number]) : [state as Exact | null, 0];
      const g = groups[i]!;
      this.counts[g]! += count;
      if (sum === null) continue;
      const s = this.sums[g]!;
      this.sums[g] = s === null ? sum : this.kind === 'float' ? (s as number) + (sum as number) : addExact(s, sum);
    }
  }

  state(group: number): unknown {
    const sum = this.sums[group]!;
    return this.withCount ? [sum, this.counts[group]!] : sum;
  }

  result(group: number): unknown {
    return finishSum(this.sums[group]!, this.withCount ? this.counts[group]! : null, this.argType, this.spec.type);
  }
}

// ---------------------------------------------------------------- MIN and MAX

class MinMaxAccumulator extends ValueAccumulator<unknown> {
  private readonly native: boolean;
  private readonly compare: (a: unknown, b: unknown) => number;

  constructor(argType: SqlType, private readonly isMax: boolean) {
    super();
    const cls = compareClass(argType);
    this.native = cls === 'int' || cls === 'big' || cls === 'bool';
    this.compare = valueComparator(argType);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const best = this.values;
    if (this.native) {
      for (let i = 0; i < n; i++) {
        const v = values[i] as number | null;
        if (v === null) continue;
        const g = groups[i]!;
        const cur = best[g] as number | null;
        if (cur === null || (this.isMax ? v > cur : v < cur)) best[g] = v;
      }
      return;
    }
    // Strings keep the first value among those equal ignoring trailing blanks: the one actually stored.
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      const g = groups[i]!;
      const cur = best[g];
      if (cur === null) best[g] = v;
      else {
        const c = this.compare(v, cur);
        if (this.isMax ? c > 0 : c < 0) best[g] = v;
      }
    }
  }

}

// ---------------------------------------------------------------- DISTINCT

/** COUNT/SUM/AVG/STDDEV/VARIANCE(DISTINCT x): the set of canonical values per group; the result folds the set. */
class DistinctAccumulator implements Accumulator {
  private readonly sets: (Set<KeyPrimitive> | null)[] = [];

  constructor(private readonly spec: AggregateSpec, private readonly argType: SqlType) {
    if (spec.fn !== 'count' && compareClass(argType) === 'other') {
      throw new SqlError(SqlState.undefinedFunction, `function ${spec.fn}(${argType.kind}) does not exist`);
    }
  }

  grow(count: number): void {
    while (this.sets.length < count) this.sets.push(null);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      this.setOf(groups[i]!).add(canonicalKey(v));
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) {
      const set = this.setOf(groups[i]!);
      for (const v of states[i] as Set<KeyPrimitive>) set.add(v);
    }
  }

  private setOf(group: number): Set<KeyPrimitive> {
    let set = this.sets[group];
    if (!set) {
      set = new Set();
      this.sets[group] = set;
    }
    return set;
  }

  state(group: number): unknown {
    return this.sets[group] ?? new Set();
  }

  result(group: number): unknown {
    const set = this.sets[group] ?? new Set<KeyPrimitive>();
    if (this.spec.fn === 'count') return BigInt(set.size);
    if (isMomentsFunction(this.spec.fn)) {
      const moments = emptyMoments();
      const toDouble = toDoubleConverter(this.argType);
      for (const v of set) addMoment(moments, toDouble(v));
      return momentsResult(this.spec.fn, moments);
    }
    // Numeric types are their own canonical keys, so the set holds the distinct values themselves.
    let sum: Exact | null = null;
    const isFloat = compareClass(this.argType) === 'float';
    for (const v of set) {
      const x = v as Exact;
      sum = sum === null ? x : isFloat ? (sum as number) + (x as number) : addExact(sum, x);
    }
    return finishSum(sum, this.spec.fn === 'avg' ? set.size : null, this.argType, this.spec.type);
  }
}

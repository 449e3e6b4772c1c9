/**
 * Aggregate accumulators: per-group state kept as arrays indexed by group id so the update loops run
 * over whole batches. MIN/MAX and the DISTINCT forms live here; COUNT/SUM/AVG in aggregates-sum.ts,
 * the statistical and bit-wise ones in aggregates-stats.ts, LISTAGG and the percentiles in
 * aggregates-ordered.ts, APPROXIMATE COUNT(DISTINCT) in hyperloglog.ts.
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
import { addExact, CountAccumulator, finishSum, SumAccumulator, type Exact } from './aggregates-sum.js';
import { compileVector } from './expr.js';
import { ApproxDistinctAccumulator } from './hyperloglog.js';
import type { AggregateSpec } from './spec.js';
import { canonicalKey, compareClass, valueComparator, type KeyPrimitive } from './value-keys.js';
import { ValueAccumulator } from './value-accumulator.js';
import { boxColumn, NumColumn, type Column, type VBatch } from './vector.js';

export interface Accumulator {
  /** Make room for groups up to `count` (new groups start empty). */
  grow(count: number): void;
  /** Fold `n` rows' argument values into their groups (`values` is null for COUNT(*)). */
  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void;
  /** update() for a NumColumn argument, for accumulators that read numbers without boxing them. */
  updateNumbers?(groups: Int32Array, column: NumColumn, n: number): void;
  /** Fold `n` partial states into their groups. */
  merge(groups: Int32Array, states: readonly unknown[], n: number): void;
  /** The group's partial state. */
  state(group: number): unknown;
  /** The group's final value. */
  result(group: number): unknown;
  /** Every group's partial state (groups 0 .. count-1) as one column when it can, without boxing each. */
  stateColumn?(count: number): Column | null;
  /** Every group's final value as one column when it can (e.g. exact sums that are safe integers). */
  resultColumn?(count: number): Column | null;
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

/** Folds a batch's argument column into the accumulator, as numbers when it can read them. */
export function updateAccumulator(acc: Accumulator, groups: Int32Array, column: Column | null, n: number): void {
  if (column instanceof NumColumn && acc.updateNumbers) acc.updateNumbers(groups, column, n);
  else acc.update(groups, column === null ? null : boxColumn(column), n);
}

/**
 * What an aggregate's update() consumes per batch: the argument's values (null for COUNT(*)); for an
 * ordered LISTAGG, [value, ...WITHIN GROUP keys] rows.
 */
export function compileAggregateInput(spec: AggregateSpec, compiledArg?: (batch: VBatch) => Column): (batch: VBatch) => Column | null {
  if (!spec.arg) return () => null;
  const arg = compiledArg ?? compileVector(spec.arg);
  const orderBy = spec.fn === 'listagg' ? (spec.orderBy ?? []) : [];
  if (orderBy.length === 0) return arg;
  const keys = orderBy.map((k) => compileVector(k.expr));
  return (batch) => listAggRows(boxColumn(arg(batch)), keys.map((k) => boxColumn(k(batch))), batch.rowCount);
}

// ---------------------------------------------------------------- MIN and MAX

class MinMaxAccumulator extends ValueAccumulator<unknown> {
  private readonly native: boolean;
  private readonly compare: (a: unknown, b: unknown) => number;
  /** BIGINT/DECIMAL: values may be held as numbers (from NumColumns) and box to bigints. */
  private readonly bigints: boolean;

  constructor(argType: SqlType, private readonly isMax: boolean) {
    super();
    const cls = compareClass(argType);
    this.native = cls === 'int' || cls === 'big' || cls === 'bool';
    this.bigints = cls === 'big';
    this.compare = valueComparator(argType);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const best = this.values;
    if (this.native) {
      // Numbers and bigints compare exactly with each other: a mix from typed and boxed batches is fine.
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

  updateNumbers(groups: Int32Array, column: NumColumn, n: number): void {
    if (!this.native) {
      this.update(groups, column.boxed(), n);
      return;
    }
    const { values, nulls } = column;
    const best = this.values;
    const asBoolean = column.boxing === 'boolean';
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] !== 0) continue;
      const v = values[i]!;
      const g = groups[i]!;
      const cur = best[g] as number | boolean | null;
      if (cur === null || (this.isMax ? v > (cur as number) : v < (cur as number))) best[g] = asBoolean ? v !== 0 : v;
    }
  }

  override state(group: number): unknown {
    const v = this.values[group];
    return this.bigints && typeof v === 'number' ? BigInt(v) : v;
  }

  override result(group: number): unknown {
    return this.state(group);
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

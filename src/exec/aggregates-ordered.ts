/**
 * Aggregates that need all their values at once: LISTAGG and the inverse distributions
 * PERCENTILE_CONT (MEDIAN) and PERCENTILE_DISC. Partial states are plain arrays (structured-clone-safe)
 * that partials concatenate; the result sorts them once.
 *   listagg        array of values, or of [value, ...WITHIN GROUP key values] rows when ordered
 *   percentile_*   array of the non-null argument values
 */
import { divideRounded, pow10 } from '../types/decimal.js';
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import type { Accumulator } from './aggregates.js';
import { rowComparator } from './row-compare.js';
import type { AggregateSpec } from './spec.js';
import { canonicalKey, valueComparator, type KeyPrimitive } from './value-keys.js';

/** LISTAGG's result is a VARCHAR(MAX): at most this many bytes. */
const LISTAGG_MAX_BYTES = 65535;

/** Per-group arrays that partial states concatenate. */
abstract class CollectingAccumulator implements Accumulator {
  protected readonly lists: unknown[][] = [];

  grow(count: number): void {
    while (this.lists.length < count) this.lists.push([]);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (this.keeps(v)) this.lists[groups[i]!]!.push(v);
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) {
      const list = this.lists[groups[i]!]!;
      for (const v of states[i] as unknown[]) list.push(v);
    }
  }

  state(group: number): unknown {
    return this.lists[group]!;
  }

  /** Whether an input value (or row) takes part at all. */
  protected abstract keeps(v: unknown): boolean;
  abstract result(group: number): unknown;
}

// ---------------------------------------------------------------- LISTAGG

/**
 * The input of an ordered LISTAGG: per row, the value followed by its WITHIN GROUP key values
 * (NULL and empty-string values are dropped at once: LISTAGG ignores them).
 */
export function listAggRows(values: readonly unknown[], keyColumns: readonly (readonly unknown[])[], n: number): unknown[] {
  const rows = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === '') rows[i] = null;
    else {
      const row: unknown[] = [v];
      for (const col of keyColumns) row.push(col[i]);
      rows[i] = row;
    }
  }
  return rows;
}

export class ListAggAccumulator extends CollectingAccumulator {
  private readonly ordered: boolean;

  constructor(private readonly spec: AggregateSpec) {
    super();
    this.ordered = (spec.orderBy?.length ?? 0) > 0;
  }

  protected keeps(v: unknown): boolean {
    return v !== null && v !== '';
  }

  result(group: number): unknown {
    let values = this.lists[group]!;
    if (values.length === 0) return null;
    if (this.ordered) values = this.sortedValues(values as unknown[][]);
    if (this.spec.distinct) values = firstOfEach(values);
    const text = values.join(this.spec.delimiter ?? '');
    if (Buffer.byteLength(text, 'utf8') > LISTAGG_MAX_BYTES) {
      throw new SqlError(SqlState.internalError, 'Result size exceeds LISTAGG limit');
    }
    return text;
  }

  /** The values of [value, ...keys] rows in WITHIN GROUP order (ties keep arrival order). */
  private sortedValues(rows: readonly unknown[][]): unknown[] {
    const keys = this.spec.orderBy!;
    const keyColumns = keys.map((_, k) => rows.map((r) => r[k + 1]));
    const order = rows.map((_, i) => i).sort(rowComparator(keys, keyColumns));
    return order.map((i) => rows[i]![0]);
  }
}

/** Distinct values (trailing blanks ignored), keeping the first of each in order. */
function firstOfEach(values: readonly unknown[]): unknown[] {
  const seen = new Set<KeyPrimitive>();
  const out: unknown[] = [];
  for (const v of values) {
    const key = canonicalKey(v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

// ---------------------------------------------------------------- PERCENTILE_CONT / PERCENTILE_DISC

/** A percentile given as decimal text, as the exact fraction numerator / denominator. */
function parseFraction(text: string): { numerator: bigint; denominator: bigint } {
  const [whole = '0', frac = ''] = text.split('.');
  return { numerator: BigInt(whole + frac), denominator: pow10(frac.length) };
}

export class PercentileAccumulator extends CollectingAccumulator {
  private readonly compare: (a: unknown, b: unknown) => number;
  private readonly numerator: bigint;
  private readonly denominator: bigint;

  constructor(private readonly spec: AggregateSpec, private readonly argType: SqlType) {
    super();
    const base = valueComparator(argType);
    const descending = spec.orderBy?.[0]?.descending ?? false;
    this.compare = descending ? (a, b) => base(b, a) : base;
    ({ numerator: this.numerator, denominator: this.denominator } = parseFraction(spec.percentile ?? '0.5'));
  }

  protected keeps(v: unknown): boolean {
    return v !== null;
  }

  result(group: number): unknown {
    const values = this.lists[group]!;
    const n = values.length;
    if (n === 0) return null;
    values.sort(this.compare);
    const { numerator, denominator } = this;
    if (this.spec.fn === 'percentile_disc') {
      // The first value whose cumulative distribution (i + 1) / n reaches P: i = ceil(P * n) - 1.
      const scaled = numerator * BigInt(n);
      const ceil = (scaled + denominator - 1n) / denominator;
      return values[Math.max(0, Number(ceil) - 1)];
    }
    // Row number RN = 1 + P * (n - 1) (1-based): interpolate between rows floor(RN) and ceil(RN).
    const offset = numerator * BigInt(n - 1);
    const lowIndex = Number(offset / denominator);
    const remainder = offset % denominator; // the fraction is remainder / denominator
    const low = values[lowIndex]!;
    if (remainder === 0n) return this.promote(low);
    return this.interpolate(low, values[lowIndex + 1]!, remainder, denominator);
  }

  /** A value in the result's representation (integers become DECIMAL with scale 1). */
  private promote(v: unknown): unknown {
    const resultType = this.spec.type;
    if (resultType.kind !== 'decimal') return v;
    const argScale = this.argType.kind === 'decimal' ? this.argType.scale : 0;
    return BigInt(v as number | bigint) * pow10(resultType.scale - argScale);
  }

  /** low + (high - low) * fraction, exact for DECIMAL results (rounded half away from zero). */
  private interpolate(low: unknown, high: unknown, num: bigint, den: bigint): unknown {
    const resultType = this.spec.type;
    if (resultType.kind === 'decimal') {
      const a = this.promote(low) as bigint;
      const b = this.promote(high) as bigint;
      const v = a + divideRounded((b - a) * num, den, 'round');
      if (v >= pow10(resultType.precision) || v <= -pow10(resultType.precision)) {
        throw new SqlError(SqlState.numericValueOutOfRange, 'Numeric data overflow (result precision)');
      }
      return v;
    }
    const fraction = Number(num) / Number(den);
    const a = low as number;
    const v = a + ((high as number) - a) * fraction;
    // DATE and TIMESTAMP interpolate to the nearest day / microsecond.
    return resultType.kind === 'real' || resultType.kind === 'double' ? v : Math.round(v);
  }
}

/**
 * Statistical and bit-wise aggregates: STDDEV/VARIANCE (sample and population), BOOL_AND/BOOL_OR,
 * BIT_AND/BIT_OR and ANY_VALUE. Partial states (structured-clone-safe):
 *   stddev/variance  [count, mean, m2] (Welford; partials combine with Chan's formula)
 *   bool_*           boolean | null
 *   bit_*            number | bigint | null (BIGINT arguments stay bigint)
 *   any_value        the first non-null value seen, or null
 */
import type { SqlType } from '../types/index.js';
import type { Accumulator } from './aggregates.js';
import type { AggregateFunction } from './spec.js';
import { ValueAccumulator } from './value-accumulator.js';

/** A numeric engine value as a double (DECIMALs are scaled bigints). */
export function toDoubleConverter(argType: SqlType): (v: unknown) => number {
  if (argType.kind === 'decimal') {
    const divisor = 10 ** argType.scale;
    return (v) => Number(v as bigint) / divisor;
  }
  return (v) => Number(v as number | bigint);
}

/** Welford's running moments: how many values, their mean, and the sum of squared deviations. */
export type Moments = [count: number, mean: number, m2: number];

export function emptyMoments(): Moments {
  return [0, 0, 0];
}

export function addMoment(m: Moments, x: number): void {
  const count = m[0] + 1;
  const delta = x - m[1];
  const mean = m[1] + delta / count;
  m[0] = count;
  m[1] = mean;
  m[2] += delta * (x - mean);
}

/** Undo addMoment(m, x) (sliding window frames). */
export function removeMoment(m: Moments, x: number): void {
  const count = m[0] - 1;
  if (count === 0) {
    m[0] = 0;
    m[1] = 0;
    m[2] = 0;
    return;
  }
  const mean = (m[0] * m[1] - x) / count;
  m[2] -= (x - m[1]) * (x - mean);
  if (m[2] < 0) m[2] = 0; // cancellation can leave a tiny negative
  m[0] = count;
  m[1] = mean;
}

function mergeMoments(into: Moments, other: Moments): void {
  const [n2, mean2, m2b] = other;
  if (n2 === 0) return;
  const n1 = into[0];
  if (n1 === 0) {
    into[0] = n2;
    into[1] = mean2;
    into[2] = m2b;
    return;
  }
  const n = n1 + n2;
  const delta = mean2 - into[1];
  into[2] += m2b + (delta * delta * n1 * n2) / n;
  into[1] += (delta * n2) / n;
  into[0] = n;
}

/** The STDDEV/VARIANCE result of the moments: sample forms of one value are NULL, not 0. */
export function momentsResult(fn: AggregateFunction, m: Moments): number | null {
  const [count, , m2] = m;
  const sample = fn === 'stddev_samp' || fn === 'var_samp';
  if (count === 0 || (sample && count === 1)) return null;
  const variance = m2 / (sample ? count - 1 : count);
  return fn === 'stddev_samp' || fn === 'stddev_pop' ? Math.sqrt(variance) : variance;
}

export function isMomentsFunction(fn: AggregateFunction): boolean {
  return fn === 'stddev_samp' || fn === 'stddev_pop' || fn === 'var_samp' || fn === 'var_pop';
}

// ---------------------------------------------------------------- STDDEV / VARIANCE

export class MomentsAccumulator implements Accumulator {
  private readonly moments: Moments[] = [];
  private readonly toDouble: (v: unknown) => number;

  constructor(private readonly fn: AggregateFunction, argType: SqlType) {
    this.toDouble = toDoubleConverter(argType);
  }

  grow(count: number): void {
    while (this.moments.length < count) this.moments.push(emptyMoments());
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null) addMoment(this.moments[groups[i]!]!, this.toDouble(v));
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) mergeMoments(this.moments[groups[i]!]!, states[i] as Moments);
  }

  state(group: number): unknown {
    return this.moments[group]!.slice();
  }

  result(group: number): unknown {
    return momentsResult(this.fn, this.moments[group]!);
  }
}

// ---------------------------------------------------------------- BOOL_AND / BOOL_OR

export class BoolAccumulator extends ValueAccumulator<boolean> {
  constructor(private readonly isAnd: boolean) {
    super();
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const acc = this.values;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null) continue;
      // Integer arguments count as true when non-zero.
      const b = typeof v === 'boolean' ? v : v !== 0 && v !== 0n;
      const g = groups[i]!;
      const cur = acc[g]!;
      acc[g] = cur === null ? b : this.isAnd ? cur && b : cur || b;
    }
  }

}

// ---------------------------------------------------------------- BIT_AND / BIT_OR

export class BitAccumulator extends ValueAccumulator<number | bigint> {
  constructor(private readonly isAnd: boolean) {
    super();
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const acc = this.values;
    for (let i = 0; i < n; i++) {
      const v = values[i] as number | bigint | null;
      if (v === null) continue;
      const g = groups[i]!;
      const cur = acc[g]!;
      if (cur === null) acc[g] = v;
      else if (typeof v === 'bigint') acc[g] = this.isAnd ? (cur as bigint) & v : (cur as bigint) | v;
      else acc[g] = this.isAnd ? (cur as number) & v : (cur as number) | v;
    }
  }

}

// ---------------------------------------------------------------- ANY_VALUE

export class AnyValueAccumulator extends ValueAccumulator<unknown> {
  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    const acc = this.values;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null && acc[groups[i]!] === null) acc[groups[i]!] = v;
    }
  }

}


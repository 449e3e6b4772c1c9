/** The shared shape of aggregates whose partial state is their value. */
import type { Accumulator } from './aggregates.js';

/**
 * An aggregate whose partial state is already its value (MIN/MAX, BOOL_*, BIT_*, ANY_VALUE): one
 * value per group, NULL until a row arrives; merging partial states is folding them like rows.
 */
export abstract class ValueAccumulator<V> implements Accumulator {
  protected readonly values: (V | null)[] = [];

  grow(count: number): void {
    while (this.values.length < count) this.values.push(null);
  }

  abstract update(groups: Int32Array, values: readonly unknown[] | null, n: number): void;

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    this.update(groups, states, n);
  }

  state(group: number): unknown {
    return this.values[group];
  }

  result(group: number): unknown {
    return this.values[group];
  }
}

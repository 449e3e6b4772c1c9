/**
 * APPROXIMATE COUNT(DISTINCT x): HyperLogLog over 32-bit value hashes (types/hash: equal values hash
 * equally, so 'a' and 'a ' count once). A group starts sparse — the set of distinct hashes, exact up
 * to hash collisions — and switches to 2^14 registers (standard error ~0.8%) once the set grows past
 * SPARSE_LIMIT, so many small groups stay cheap. Partial states: an array of hashes (sparse) or a
 * Uint8Array of registers (dense); both survive structured clone and merge by union / register max.
 */
import { hashValue, type SqlType } from '../types/index.js';
import type { Accumulator } from './aggregates.js';

const INDEX_BITS = 14;
const REGISTER_COUNT = 1 << INDEX_BITS;
/** Past this many distinct hashes a sparse set costs more than the registers. */
const SPARSE_LIMIT = 2048;
const TWO_32 = 2 ** 32;

type Sketch = Set<number> | Uint8Array;

export class ApproxDistinctAccumulator implements Accumulator {
  private readonly sketches: (Sketch | null)[] = [];

  constructor(private readonly argType: SqlType) {}

  grow(count: number): void {
    while (this.sketches.length < count) this.sketches.push(null);
  }

  update(groups: Int32Array, values: readonly unknown[] | null, n: number): void {
    if (values === null) return;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v !== null) this.addHash(groups[i]!, hashValue(v, this.argType));
    }
  }

  merge(groups: Int32Array, states: readonly unknown[], n: number): void {
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      const state = states[i] as number[] | Uint8Array;
      if (Array.isArray(state)) for (const h of state) this.addHash(g, h);
      else {
        const registers = this.dense(g);
        for (let r = 0; r < REGISTER_COUNT; r++) if (state[r]! > registers[r]!) registers[r] = state[r]!;
      }
    }
  }

  state(group: number): unknown {
    const sketch = this.sketches[group];
    if (!sketch) return [];
    return sketch instanceof Set ? [...sketch] : sketch;
  }

  result(group: number): unknown {
    const sketch = this.sketches[group];
    if (!sketch) return 0n;
    return BigInt(sketch instanceof Set ? sketch.size : estimate(sketch));
  }

  private addHash(group: number, h: number): void {
    let sketch = this.sketches[group];
    if (!sketch) {
      sketch = new Set();
      this.sketches[group] = sketch;
    }
    if (sketch instanceof Set) {
      sketch.add(h);
      if (sketch.size > SPARSE_LIMIT) this.dense(group);
    } else addToRegisters(sketch, h);
  }

  /** The group's registers, converting a sparse set first. */
  private dense(group: number): Uint8Array {
    const sketch = this.sketches[group];
    if (sketch instanceof Uint8Array) return sketch;
    const registers = new Uint8Array(REGISTER_COUNT);
    if (sketch) for (const h of sketch) addToRegisters(registers, h);
    this.sketches[group] = registers;
    return registers;
  }
}

/** Register = top INDEX_BITS bits; rank = position of the first 1 bit in the remaining bits. */
function addToRegisters(registers: Uint8Array, h: number): void {
  const index = h >>> (32 - INDEX_BITS);
  const rest = (h << INDEX_BITS) >>> 0;
  const rank = rest === 0 ? 32 - INDEX_BITS + 1 : Math.clz32(rest) + 1;
  if (rank > registers[index]!) registers[index] = rank;
}

/** The HyperLogLog estimate with the small-range (linear counting) and 32-bit large-range corrections. */
function estimate(registers: Uint8Array): number {
  const m = REGISTER_COUNT;
  let sum = 0;
  let zeros = 0;
  for (let r = 0; r < m; r++) {
    sum += 2 ** -registers[r]!;
    if (registers[r] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  let e = (alpha * m * m) / sum;
  if (e <= 2.5 * m && zeros > 0) e = m * Math.log(m / zeros);
  else if (e > TWO_32 / 30) e = -TWO_32 * Math.log(1 - e / TWO_32);
  return Math.round(e);
}

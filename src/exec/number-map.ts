/**
 * A map from numbers to non-negative integers (group ids, dictionary codes) over typed arrays:
 * open addressing with linear probing, growing by doubling. Grouping looks a key up per row, and a
 * Map with number keys costs a hash-table entry per key and a boxed heap number per non-Smi key;
 * this costs two array slots. Keys compare with ===, so NaN is never found: callers keep NaN out.
 */

/** Mixes a number's integer part (fractions truncate: equal keys still hash alike). */
export function hashNumber(x: number): number {
  let h = Math.imul((x | 0) ^ Math.imul((x / 4294967296) | 0, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class NumberMap {
  /** Per slot: the key, then its value (-1 = empty slot). */
  private slots = new Float64Array(0);
  private mask = -1;
  private count = 0;

  constructor(expected = 16) {
    this.resize(Math.max(16, expected * 2));
  }

  get size(): number {
    return this.count;
  }

  /** The key's value, or -1. */
  get(x: number): number {
    const slots = this.slots;
    let s = hashNumber(x) & this.mask;
    for (;;) {
      const value = slots[2 * s + 1]!;
      if (value === -1 || slots[2 * s] === x) return value;
      s = (s + 1) & this.mask;
    }
  }

  /** Sets the value of a key not in the map. */
  add(x: number, value: number): void {
    // Growing fourfold: a map that grows keeps growing (many groups), and each rehash costs a pass.
    if (2 * (this.count + 1) > this.mask + 1) this.resize(4 * (this.mask + 1));
    this.place(x, value);
    this.count++;
  }

  private place(x: number, value: number): void {
    const slots = this.slots;
    let s = hashNumber(x) & this.mask;
    while (slots[2 * s + 1] !== -1) s = (s + 1) & this.mask;
    slots[2 * s] = x;
    slots[2 * s + 1] = value;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    let size = 16;
    while (size < capacity) size *= 2;
    this.slots = new Float64Array(2 * size);
    for (let s = 1; s < this.slots.length; s += 2) this.slots[s] = -1;
    this.mask = size - 1;
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== -1) this.place(old[s]!, old[s + 1]!);
  }
}

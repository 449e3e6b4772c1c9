/**
 * The segments of one builder's value array: the sealed (full) ones in order, and spares — full-size
 * segments whose rows were already copied out by finish(), reused before any new allocation. A builder
 * that is finished and refilled (a converter whose vectors are taken every so many rows) therefore
 * writes into memory it already touched, instead of fresh pages.
 */
type Segment = ArrayBufferView & { readonly length: number };

export class Segments<T extends Segment> {
  readonly sealed: T[] = [];
  private readonly spare: T[] = [];

  constructor(private readonly make: (length: number) => T) {}

  /** Seals `current` and returns the next segment, of `length` elements. */
  next(current: T, length: number): T {
    this.sealed.push(current);
    const spare = this.spare[this.spare.length - 1];
    if (spare !== undefined && spare.length === length) return this.spare.pop()!;
    return this.make(length);
  }

  /** Unseals the last sealed segment (a truncate went back into it). */
  previous(): T {
    return this.sealed.pop()!;
  }

  /** The rows were copied out: sealed segments of `fullLength` elements become spares, the rest go. */
  recycle(fullLength: number): void {
    for (const segment of this.sealed) if (segment.length === fullLength) this.spare.push(segment);
    this.sealed.length = 0;
  }
}

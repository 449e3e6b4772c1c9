/**
 * A growable byte array: the splitters' carry (the unfinished record at the end of a chunk) and their
 * scratch buffer (fields that had to be rewritten: escapes, doubled quotes, JSON strings).
 */
export class ByteBuffer {
  /** The backing array; valid bytes are [0, length). Replaced when the buffer grows. */
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
  }

  /** Appends src[start, end). */
  append(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (n <= 0) return;
    this.reserve(n);
    // Short runs (most fields) copy faster by hand than through a view; the view is a plain Uint8Array
    // because subarray() of a Node Buffer builds a Buffer, which costs more.
    if (n <= 64) {
      const dst = this.bytes;
      let at = this.length;
      for (let i = start; i < end; i++) dst[at++] = src[i]!;
    } else {
      this.bytes.set(new Uint8Array(src.buffer, src.byteOffset + start, n), this.length);
    }
    this.length += n;
  }

  push(byte: number): void {
    if (this.length === this.bytes.length) this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  /** Makes room for n more bytes. */
  reserve(n: number): void {
    const needed = this.length + n;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

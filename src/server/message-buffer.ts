/**
 * The output side of a connection: backend messages are written straight into one growing byte
 * buffer (type byte, length back-patched when the message ends), and `take()` hands the finished
 * bytes to the socket. A round trip of `select 1` writes six messages; building them in place
 * instead of one Buffer each keeps the server's share of the latency small.
 */

const INITIAL_CAPACITY = 16 * 1024;

export class MessageBuffer {
  private buf = Buffer.allocUnsafe(INITIAL_CAPACITY);
  /** Bytes written so far. */
  private end = 0;
  /** Bytes already handed out by take(); the socket may still hold them, so they are never rewritten. */
  private taken = 0;
  /** Offset of the open message's length field, or -1. */
  private lengthAt = -1;

  /** Bytes written and not yet taken. */
  get pending(): number {
    return this.end - this.taken;
  }

  /** Start a message of type `type` (an ASCII letter); close it with finish(). */
  begin(type: string): this {
    if (this.lengthAt !== -1) throw new Error('MessageBuffer: message already open');
    this.reserve(5);
    this.buf[this.end] = type.charCodeAt(0);
    this.lengthAt = this.end + 1;
    this.end += 5;
    return this;
  }

  finish(): this {
    if (this.lengthAt === -1) throw new Error('MessageBuffer: no open message');
    this.buf.writeInt32BE(this.end - this.lengthAt, this.lengthAt);
    this.lengthAt = -1;
    return this;
  }

  /** Drop a message begun but not finished (its writer failed half way). */
  abandon(): void {
    if (this.lengthAt === -1) return;
    this.end = this.lengthAt - 1;
    this.lengthAt = -1;
  }

  byte(n: number): this {
    this.reserve(1);
    this.buf[this.end++] = n;
    return this;
  }

  int16(n: number): this {
    this.reserve(2);
    this.buf.writeInt16BE(n, this.end);
    this.end += 2;
    return this;
  }

  int32(n: number): this {
    this.reserve(4);
    this.buf.writeInt32BE(n, this.end);
    this.end += 4;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.reserve(b.length);
    this.buf.set(b, this.end);
    this.end += b.length;
    return this;
  }

  /** UTF-8 text without a terminator; returns its byte length. */
  text(s: string): number {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    this.reserve(s.length * 3);
    const n = this.buf.write(s, this.end, 'utf8');
    this.end += n;
    return n;
  }

  /** UTF-8 text and a NUL terminator (the protocol's String). */
  cstring(s: string): this {
    this.text(s);
    return this.byte(0);
  }

  /** A length-prefixed UTF-8 value (DataRow field, Bind-style): Int32 length, then the bytes. */
  lengthPrefixedText(s: string): this {
    // Reserve for both at once: growing between the two writes would move `at`.
    this.reserve(4 + s.length * 3);
    const at = this.end;
    this.end += 4;
    const n = this.text(s);
    this.buf.writeInt32BE(n, at);
    return this;
  }

  /** Reserve `n` bytes at the write position and return a view of them to fill in. */
  slot(n: number): Buffer {
    this.reserve(n);
    const view = this.buf.subarray(this.end, this.end + n);
    this.end += n;
    return view;
  }

  /** The finished bytes since the last take(); an open message stays behind. */
  take(): Buffer {
    const upTo = this.lengthAt === -1 ? this.end : this.lengthAt - 1;
    const out = this.buf.subarray(this.taken, upTo);
    this.taken = upTo;
    return out;
  }

  private reserve(n: number): void {
    if (this.end + n <= this.buf.length) return;
    // Bytes before `taken` belong to the socket now: move only the rest to a fresh buffer.
    const keepFrom = this.taken;
    const keep = this.end - keepFrom;
    const next = Buffer.allocUnsafe(Math.max(INITIAL_CAPACITY, (keep + n) * 2));
    this.buf.copy(next, 0, keepFrom, this.end);
    this.buf = next;
    this.end = keep;
    if (this.lengthAt !== -1) this.lengthAt -= keepFrom;
    this.taken = 0;
  }
}

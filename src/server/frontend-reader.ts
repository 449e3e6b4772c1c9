/**
 * Cuts the bytes a client sends into frames. A connection starts with untyped packets (Int32
 * length, then the body: SSLRequest, GSSENCRequest, CancelRequest, StartupMessage) and, once a
 * StartupMessage has arrived, continues with typed messages (Byte1 type, Int32 length, body).
 *
 * Lengths and types are checked as soon as a header arrives, so garbage ends the connection at
 * once (SQLSTATE 08P01) instead of waiting for a gigabyte that will never come. The limits are
 * PostgreSQL's: 10,000 bytes for a startup packet and for the small message types, 1 GB for those
 * that carry SQL text or data.
 */
import { SqlError, SqlState } from '../index.js';

export type Frame =
  | { readonly kind: 'startup'; readonly code: number; readonly body: Buffer }
  | { readonly kind: 'message'; readonly type: string; readonly body: Buffer };

/** Request codes in a startup packet's first Int32 (the protocol version for a StartupMessage). */
export const StartupCode = {
  protocol3: 3 << 16,
  cancelRequest: 80877102,
  sslRequest: 80877103,
  gssEncRequest: 80877104,
} as const;

const MAX_STARTUP_PACKET = 10_000;
const SMALL_MESSAGE_LIMIT = 10_000;
const LARGE_MESSAGE_LIMIT = 0x3fffffff;

/** Typed frontend messages we know, with the largest body each may have. */
const MESSAGE_LIMITS: ReadonlyMap<string, number> = new Map([
  ['Q', LARGE_MESSAGE_LIMIT], // Query
  ['P', LARGE_MESSAGE_LIMIT], // Parse
  ['B', LARGE_MESSAGE_LIMIT], // Bind
  ['d', LARGE_MESSAGE_LIMIT], // CopyData
  ['F', LARGE_MESSAGE_LIMIT], // FunctionCall
  ['p', SMALL_MESSAGE_LIMIT], // PasswordMessage / SASL responses
  ['D', SMALL_MESSAGE_LIMIT], // Describe
  ['E', SMALL_MESSAGE_LIMIT], // Execute
  ['C', SMALL_MESSAGE_LIMIT], // Close
  ['S', SMALL_MESSAGE_LIMIT], // Sync
  ['H', SMALL_MESSAGE_LIMIT], // Flush
  ['X', SMALL_MESSAGE_LIMIT], // Terminate
  ['c', SMALL_MESSAGE_LIMIT], // CopyDone
  ['f', SMALL_MESSAGE_LIMIT], // CopyFail
]);

function protocolViolation(message: string): SqlError {
  return new SqlError(SqlState.protocolViolation, message, { severity: 'FATAL' });
}

export class FrontendReader {
  /** Received bytes not yet framed; merged only once a whole frame is there, so a large message is copied once. */
  private chunks: Buffer[] = [];
  private total = 0;
  private typed = false;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** Bytes received and not yet framed. */
  get buffered(): number {
    return this.total;
  }

  /** The next complete frame, or null until more bytes arrive. Throws a FATAL 08P01 SqlError on garbage. */
  next(): Frame | null {
    return this.typed ? this.nextMessage() : this.nextStartupPacket();
  }

  /** The first `n` bytes in one Buffer (which may hold more), or null while fewer have arrived. */
  private peek(n: number): Buffer | null {
    if (this.total < n) return null;
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!;
  }

  private consume(n: number): void {
    const first = this.chunks[0]!;
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.total -= n;
  }

  private nextStartupPacket(): Frame | null {
    const head = this.peek(4);
    if (!head) return null;
    const length = head.readInt32BE(0);
    if (length < 8 || length > MAX_STARTUP_PACKET) throw protocolViolation('invalid length of startup packet');
    const packet = this.peek(length);
    if (!packet) return null;
    const code = packet.readInt32BE(4);
    const body = packet.subarray(8, length);
    this.consume(length);
    // Only a StartupMessage moves the connection on to typed messages; after an SSL or GSS
    // request (answered 'N') the client sends another startup packet.
    if (code !== StartupCode.sslRequest && code !== StartupCode.gssEncRequest) this.typed = true;
    return { kind: 'startup', code, body };
  }

  private nextMessage(): Frame | null {
    if (this.total === 0) return null;
    // Reject an unknown type byte without waiting for a length that may never come.
    const type = String.fromCharCode(this.chunks[0]![0]!);
    const limit = this.checkType(type);
    const head = this.peek(5);
    if (!head) return null;
    const length = head.readInt32BE(1);
    if (length < 4 || length - 4 > limit) throw protocolViolation(`invalid message length ${length} for message type "${type}"`);
    const message = this.peek(length + 1);
    if (!message) return null;
    const body = message.subarray(5, length + 1);
    this.consume(length + 1);
    return { kind: 'message', type, body };
  }

  private checkType(type: string): number {
    const limit = MESSAGE_LIMITS.get(type);
    if (limit === undefined) throw protocolViolation(`invalid frontend message type ${type.charCodeAt(0)}`);
    return limit;
  }
}

/**
 * A connection's way out: messages accumulate in a MessageBuffer and go to the socket in one write
 * per protocol exchange (ReadyForQuery, Flush, or a full buffer while rows stream). drain() waits
 * while the socket's own buffer is full, so a slow client holds back a large result instead of
 * the server copying all of it into memory at once.
 */
import type { Socket } from 'node:net';
import { MessageBuffer } from './message-buffer.js';

/** Rows stream out in writes of about this many bytes. */
const STREAM_CHUNK = 256 * 1024;

export class Output {
  readonly buffer = new MessageBuffer();

  constructor(private readonly socket: Socket) {}

  get closed(): boolean {
    return this.socket.destroyed || !this.socket.writable;
  }

  /** Send everything buffered. */
  flush(): void {
    if (this.buffer.pending === 0) return;
    const bytes = this.buffer.take();
    if (!this.closed) this.socket.write(bytes);
  }

  /** True when enough is buffered that rows streaming out should be sent now (see streamed()). */
  get full(): boolean {
    return this.buffer.pending >= STREAM_CHUNK;
  }

  /** While rows stream: send what is buffered, and wait if the client reads slowly. */
  async streamed(): Promise<void> {
    this.flush();
    if (!this.socket.writableNeedDrain || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Send what is buffered and close the connection. */
  end(): void {
    const bytes = this.buffer.take();
    if (!this.closed) this.socket.end(bytes);
  }
}

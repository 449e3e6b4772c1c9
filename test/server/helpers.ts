/**
 * Test helpers for the wire server: an in-process server on a free port, pg clients for it, and
 * a raw protocol client that sends exact bytes (pg-protocol's serializer, or hand-made garbage)
 * and reads backend messages as bytes — pg itself decodes binary DataRow values through a UTF-8
 * string (lossy for bytes >= 0x80), so exact binary checks need their own reader.
 */
import { connect, type Socket } from 'node:net';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { Cluster } from '../../src/index.js';
import { startServer, type AuthOptions, type RunningServer } from '../../src/server/index.js';

export interface TestServer {
  readonly cluster: Cluster;
  readonly server: RunningServer;
  /** A connected pg client (`binary: true` asks for binary results: pg supports it, its types omit it). */
  client(config?: Partial<pg.ClientConfig> & { binary?: boolean }): Promise<pg.Client>;
  close(): Promise<void>;
}

export async function startTestServer(auth?: AuthOptions): Promise<TestServer> {
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  const server = await startServer({ cluster, host: '127.0.0.1', port: 0, auth });
  const clients: pg.Client[] = [];
  return {
    cluster,
    server,
    async client(config = {}) {
      const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'awsuser', database: 'dev', ...config });
      c.on('error', () => undefined);
      await c.connect();
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await server.close();
      await cluster.close();
    },
  };
}

/** A pg error's fields, for toMatchObject. */
export async function pgError(p: Promise<unknown>): Promise<{ code?: string; message: string; position?: string; severity?: string; detail?: string; hint?: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the query to fail');
}

export interface BackendMessage {
  readonly type: string;
  readonly body: Buffer;
}

/** ErrorResponse / NoticeResponse fields by code letter. */
export function responseFields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < body.length && body[i] !== 0) {
    const code = String.fromCharCode(body[i]!);
    const end = body.indexOf(0, i + 1);
    out[code] = body.toString('utf8', i + 1, end);
    i = end + 1;
  }
  return out;
}

/** DataRow values as raw bytes (null for NULL). */
export function dataRowValues(body: Buffer): (Buffer | null)[] {
  const n = body.readInt16BE(0);
  const out: (Buffer | null)[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const len = body.readInt32BE(at);
    at += 4;
    if (len === -1) out.push(null);
    else {
      out.push(body.subarray(at, at + len));
      at += len;
    }
  }
  return out;
}

/** A protocol client that speaks bytes. */
export class RawClient {
  private buffer = Buffer.alloc(0);
  private readonly queue: BackendMessage[] = [];
  private waiter: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Open and complete a trust startup (up to the first ReadyForQuery). */
  static async ready(port: number): Promise<{ client: RawClient; startup: BackendMessage[] }> {
    const client = await RawClient.open(port);
    client.send(serialize.startup({ user: 'awsuser', database: 'dev' }));
    return { client, startup: await client.until('Z') };
  }

  send(bytes: Buffer | Uint8Array): void {
    this.socket.write(bytes);
  }

  /** Raw bytes received before any message framing (the one-byte answer to SSLRequest). */
  async rawBytes(n: number): Promise<Buffer> {
    while (this.buffer.length < n && !this.closed) await this.wait();
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** Messages up to and including the first of type `type`; throws if the connection closes first. */
  async until(type: string, timeoutMs = 10_000): Promise<BackendMessage[]> {
    const out: BackendMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.queue.shift();
      if (m) {
        out.push(m);
        if (m.type === type) return out;
        continue;
      }
      if (this.closed) throw new Error(`connection closed before "${type}"; got ${out.map((x) => x.type).join('')}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for "${type}"; got ${out.map((x) => x.type).join('')}`);
      await this.wait(deadline - Date.now());
    }
  }

  /** Everything until the server closes the connection. */
  async rest(timeoutMs = 10_000): Promise<BackendMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the server to close the connection');
      await this.wait(deadline - Date.now());
    }
    return this.queue.splice(0);
  }

  end(): void {
    this.socket.destroy();
  }

  /** Frame typed messages; the framing starts once parse is told bytes are typed (after startup). */
  private parse(): void {
    for (;;) {
      if (this.buffer.length < 5) return;
      const type = String.fromCharCode(this.buffer[0]!);
      // A lone 'N' / 'S' answer to SSLRequest is not framed; rawBytes() takes it first.
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < length + 1) return;
      this.queue.push({ type, body: this.buffer.subarray(5, length + 1) });
      this.buffer = this.buffer.subarray(length + 1);
    }
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private wait(ms = 10_000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, Math.max(1, ms));
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

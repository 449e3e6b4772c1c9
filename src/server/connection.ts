/**
 * One client connection, from the first byte to the last: the startup packets (SSLRequest answered
 * 'S' and the connection carried on over TLS when the server has a certificate, else 'N';
 * GSSENCRequest 'N'; CancelRequest; StartupMessage), authentication, then queries on a session of
 * its own. Messages are handled strictly in the order they arrive, one at a time,
 * so a client may pipeline as much as it likes.
 *
 * A protocol violation ends this connection with a FATAL ErrorResponse (08P01) and nothing else.
 * When the client goes away mid-statement, the session closes once the statement ends, rolling
 * back an open transaction block; no other connection notices. An autocommit statement runs to
 * its end and commits (as Redshift's COPY does when its client disconnects) — unless it came by the
 * extended protocol, whose statements commit only at the Sync that never comes (PostgreSQL's rule);
 * a statement inside a transaction block is cancelled, since the block's rollback would discard its
 * work anyway.
 */
import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { SqlError, SqlState, type Cluster, type Session } from '../index.js';
import type { AuthConversation, Authenticator } from './auth.js';
import { AuthRequest, authentication, backendKeyData, errorResponse, negotiateProtocolVersion, parameterStatus, readyForQuery } from './backend-messages.js';
import { errorFields } from './error-fields.js';
import { ExtendedQuery } from './extended-query.js';
import { decodeMessage, decodeStartupParameters, malformed, type FrontendMessage, type StartupParameters } from './frontend-messages.js';
import { FrontendReader, StartupCode, type Frame } from './frontend-reader.js';
import { Output } from './output.js';
import { initialParameterStatus } from './parameter-status.js';
import { runSimpleQuery, type QueryContext } from './simple-query.js';

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly cluster: Cluster;
  readonly authenticator: Authenticator;
  /** The certificate and key clients may ask TLS for (SSLRequest), or null: then they may not. */
  readonly secureContext: SecureContext | null;
  /** A CancelRequest arrived for backend `pid` with `secret`. */
  cancel(pid: number, secret: number): void;
  /** The connection is authenticated and can be cancelled by its key. */
  registered(connection: Connection): void;
  /** The connection is gone and its session closed. */
  closed(connection: Connection): void;
}

type Phase = 'startup' | 'authenticating' | 'ready' | 'closed';

export class Connection {
  private readonly reader = new FrontendReader();
  /** The client's socket: the TCP one, or the TLS one over it once the client asked for encryption. */
  private socket: Socket;
  private output: Output;
  /** Frames waiting to be handled; a SqlError stands where the bytes stopped making sense. */
  private readonly inbox: (Frame | SqlError)[] = [];
  private processing = false;
  private ended = false;
  private phase: Phase = 'startup';
  private client: StartupParameters | null = null;
  private auth: AuthConversation | null = null;
  private query: (QueryContext & { readonly extended: ExtendedQuery }) | null = null;
  /** BackendKeyData's secret: a CancelRequest must quote it. */
  readonly secret = randomInt(0, 2 ** 31);

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    socket.setNoDelay(true);
    this.socket = socket;
    this.output = new Output(socket);
    this.listen(socket);
  }

  private listen(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    socket.on('error', () => this.shutDown());
    socket.on('close', () => this.shutDown());
  }

  /** The backend pid clients see (pg_backend_pid()); 0 before authentication. */
  get pid(): number {
    return this.query?.session.id ?? 0;
  }

  get session(): Session | null {
    return this.query?.session ?? null;
  }

  /** End the connection from the server's side (shutdown): a FATAL message, then close. */
  terminate(err: SqlError): void {
    if (this.phase === 'closed') return;
    errorResponse(this.output.buffer, errorFields(err));
    this.output.end();
    this.shutDown();
  }

  private received(chunk: Buffer): void {
    if (this.phase === 'closed') return;
    this.reader.push(chunk);
    try {
      for (let frame = this.reader.next(); frame; frame = this.reader.next()) this.inbox.push(frame);
    } catch (err) {
      // Garbage on the wire: what was framed before it is still answered, then the error ends the connection.
      this.inbox.push(err as SqlError);
      this.socket.pause();
    }
    void this.process();
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.inbox.length > 0 && this.phase !== 'closed') {
        const item = this.inbox.shift()!;
        try {
          if (item instanceof SqlError) throw item;
          await this.handle(item);
        } catch (err) {
          this.terminate(err instanceof SqlError ? err : new SqlError(SqlState.internalError, String(err), { severity: 'FATAL' }));
        }
      }
      // One write per batch of messages: a pipelined Parse/Bind/Execute/Sync goes out as one packet.
      if (this.phase !== 'closed') this.output.flush();
    } finally {
      this.processing = false;
    }
  }

  private async handle(frame: Frame): Promise<void> {
    if (frame.kind === 'startup') return this.startup(frame.code, frame.body);
    const message = decodeMessage(frame.type, frame.body);
    if (this.phase === 'authenticating') return this.authenticate(message);
    return this.serve(message);
  }

  private startup(code: number, body: Buffer): void {
    switch (code) {
      case StartupCode.sslRequest:
        if (this.host.secureContext !== null) return this.startTls(this.host.secureContext);
        this.output.buffer.byte(0x4e);
        return;
      case StartupCode.gssEncRequest:
        // No encryption: 'N', then the client continues in the clear (or gives up).
        this.output.buffer.byte(0x4e);
        return;
      case StartupCode.cancelRequest: {
        if (body.length !== 8) throw malformed('invalid length of cancel request packet');
        this.host.cancel(body.readInt32BE(0), body.readInt32BE(4));
        // The protocol answers a CancelRequest with nothing: just close.
        this.shutDown();
        return;
      }
    }
    if (code >>> 16 !== 3) {
      throw new SqlError(SqlState.featureNotSupported, `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}: server supports 3.0 to 3.0`, { severity: 'FATAL' });
    }
    const client = decodeStartupParameters(body);
    this.client = client;
    if ((code & 0xffff) > 0 || client.protocolOptions.length > 0) negotiateProtocolVersion(this.output.buffer, 0, client.protocolOptions);
    this.auth = this.host.authenticator.begin({ user: client.user, database: client.database, address: this.socket.remoteAddress });
    this.phase = 'authenticating';
    if (this.auth.start(this.output.buffer) === 'ok') this.authenticated();
  }

  /**
   * 'S' in the clear, then everything else over TLS on the same socket. Bytes the client sent after
   * its SSLRequest and before the handshake would be plaintext smuggled into the encrypted session
   * (CVE-2021-23214 in PostgreSQL): they end the connection instead.
   */
  private startTls(context: SecureContext): void {
    if (this.reader.buffered > 0 || this.inbox.length > 0) throw malformed('received unencrypted data after SSL request');
    const plain = this.socket;
    this.output.flush();
    plain.write(Buffer.of(0x53));
    plain.removeAllListeners('data');
    const secure = new TLSSocket(plain, { isServer: true, secureContext: context });
    this.socket = secure;
    this.output = new Output(secure);
    this.listen(secure);
  }

  private authenticate(message: FrontendMessage): void {
    if (message.kind === 'terminate') return this.shutDown();
    if (message.kind !== 'password') throw malformed(`expected password response, got message type ${message.kind}`);
    if (this.auth!.receive(message.body, this.output.buffer) === 'ok') this.authenticated();
  }

  private authenticated(): void {
    const client = this.client!;
    const session = this.host.cluster.session({ user: client.user });
    const context = { session, output: this.output };
    this.query = { ...context, extended: new ExtendedQuery(context) };
    this.phase = 'ready';
    const out = this.output.buffer;
    authentication(out, AuthRequest.ok);
    for (const [name, value] of initialParameterStatus(client)) parameterStatus(out, name, value);
    backendKeyData(out, session.id, this.secret);
    readyForQuery(out, 'I');
    this.host.registered(this);
  }

  private async serve(message: FrontendMessage): Promise<void> {
    const query = this.query!;
    switch (message.kind) {
      case 'query':
        if (query.extended.skippingToSync) return;
        return runSimpleQuery(query, message.sql);
      case 'parse':
      case 'bind':
      case 'describe':
      case 'execute':
      case 'close':
      case 'sync':
      case 'flush':
        return query.extended.handle(message);
      case 'terminate':
        return this.shutDown();
      case 'copy':
        // CopyData/CopyDone/CopyFail outside COPY: ignored, as the protocol says (no COPY FROM STDIN here).
        return;
      case 'functionCall':
        errorResponse(this.output.buffer, errorFields(new SqlError(SqlState.featureNotSupported, 'function call messages are not supported')));
        readyForQuery(this.output.buffer, query.session.transactionStatus);
        return;
      case 'password':
        throw malformed('unexpected password message');
    }
  }

  /** The socket is gone or going: stop reading, and close the session once its statement ends. */
  private shutDown(): void {
    if (this.ended) return;
    this.ended = true;
    this.phase = 'closed';
    this.inbox.length = 0;
    // destroySoon: whatever is written (a FATAL message, say) still goes out first.
    if (!this.socket.destroyed) this.socket.destroySoon();
    const session = this.query?.session;
    if (this.query && this.query.session.transactionStatus !== 'I') this.query.session.cancel();
    this.query = null;
    if (!session) {
      this.host.closed(this);
      return;
    }
    void session.close().finally(() => this.host.closed(this));
  }
}

/**
 * Decoding the bodies of frontend messages (after FrontendReader has framed them). A body that
 * does not match its message's layout is a protocol violation (FATAL 08P01), as in PostgreSQL.
 */
import { SqlError, SqlState } from '../index.js';

/** Result or parameter format code: 0 text, 1 binary. */
export type FormatCode = 0 | 1;

export type FrontendMessage =
  | { readonly kind: 'query'; readonly sql: string }
  | { readonly kind: 'parse'; readonly name: string; readonly sql: string; readonly parameterTypes: readonly number[] }
  | {
      readonly kind: 'bind';
      readonly portal: string;
      readonly statement: string;
      readonly parameterFormats: readonly FormatCode[];
      readonly parameters: readonly (Buffer | null)[];
      readonly resultFormats: readonly FormatCode[];
    }
  | { readonly kind: 'describe'; readonly target: 'statement' | 'portal'; readonly name: string }
  | { readonly kind: 'execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'close'; readonly target: 'statement' | 'portal'; readonly name: string }
  | { readonly kind: 'sync' }
  | { readonly kind: 'flush' }
  | { readonly kind: 'terminate' }
  /** PasswordMessage, SASLInitialResponse or SASLResponse: which one depends on the auth exchange. */
  | { readonly kind: 'password'; readonly body: Buffer }
  /** CopyData / CopyDone / CopyFail outside a COPY: ignored, as the protocol says. */
  | { readonly kind: 'copy' }
  | { readonly kind: 'functionCall' };

export function malformed(what = 'invalid message format'): SqlError {
  return new SqlError(SqlState.protocolViolation, what, { severity: 'FATAL' });
}

/** Sequential reads from one message body, each bounds-checked. */
export class BodyReader {
  private offset = 0;

  constructor(private readonly body: Buffer) {}

  int16(): number {
    this.need(2);
    const v = this.body.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    this.need(4);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  bytes(n: number): Buffer {
    if (n < 0) throw malformed();
    this.need(n);
    const v = this.body.subarray(this.offset, this.offset + n);
    this.offset += n;
    return v;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(): string {
    const end = this.body.indexOf(0, this.offset);
    if (end === -1) throw malformed('invalid string in message');
    const v = this.body.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return v;
  }

  get remaining(): number {
    return this.body.length - this.offset;
  }

  /** The whole body must have been read. */
  done(): void {
    if (this.offset !== this.body.length) throw malformed();
  }

  private need(n: number): void {
    if (this.offset + n > this.body.length) throw malformed();
  }
}

function formatCode(n: number): FormatCode {
  if (n !== 0 && n !== 1) throw malformed(`unsupported format code: ${n}`);
  return n;
}

function formatCodes(r: BodyReader): FormatCode[] {
  const n = r.int16();
  if (n < 0) throw malformed();
  return Array.from({ length: n }, () => formatCode(r.int16()));
}

function describeTarget(r: BodyReader): 'statement' | 'portal' {
  const t = r.bytes(1)[0];
  if (t === 0x53 /* S */) return 'statement';
  if (t === 0x50 /* P */) return 'portal';
  throw malformed(`invalid DESCRIBE/CLOSE message subtype ${t}`);
}

function decodeBind(r: BodyReader): FrontendMessage {
  const portal = r.cstring();
  const statement = r.cstring();
  const parameterFormats = formatCodes(r);
  const count = r.int16();
  if (count < 0) throw malformed();
  const parameters = Array.from({ length: count }, () => {
    const length = r.int32();
    return length === -1 ? null : r.bytes(length);
  });
  const resultFormats = formatCodes(r);
  return { kind: 'bind', portal, statement, parameterFormats, parameters, resultFormats };
}

/** Decode one typed frontend message. */
export function decodeMessage(type: string, body: Buffer): FrontendMessage {
  const r = new BodyReader(body);
  let m: FrontendMessage;
  switch (type) {
    case 'Q':
      m = { kind: 'query', sql: r.cstring() };
      break;
    case 'P': {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      if (n < 0) throw malformed();
      m = { kind: 'parse', name, sql, parameterTypes: Array.from({ length: n }, () => r.int32() >>> 0) };
      break;
    }
    case 'B':
      m = decodeBind(r);
      break;
    case 'D':
      m = { kind: 'describe', target: describeTarget(r), name: r.cstring() };
      break;
    case 'E':
      m = { kind: 'execute', portal: r.cstring(), maxRows: r.int32() };
      break;
    case 'C':
      m = { kind: 'close', target: describeTarget(r), name: r.cstring() };
      break;
    case 'S':
      m = { kind: 'sync' };
      break;
    case 'H':
      m = { kind: 'flush' };
      break;
    case 'X':
      m = { kind: 'terminate' };
      break;
    case 'p':
      return { kind: 'password', body };
    case 'd':
    case 'c':
    case 'f':
      return { kind: 'copy' };
    case 'F':
      return { kind: 'functionCall' };
    default:
      throw malformed(`invalid frontend message type ${type.charCodeAt(0)}`);
  }
  r.done();
  return m;
}

export interface StartupParameters {
  readonly user: string;
  readonly database: string;
  readonly applicationName: string;
  /** Protocol options (`_pq_.name`) the client asked for; we support none. */
  readonly protocolOptions: readonly string[];
}

/** The key/value pairs of a StartupMessage body (after the version). */
export function decodeStartupParameters(body: Buffer): StartupParameters {
  const r = new BodyReader(body);
  const params = new Map<string, string>();
  for (;;) {
    const key = r.cstring();
    if (key === '') break;
    params.set(key, r.cstring());
  }
  r.done();
  const user = params.get('user');
  if (user === undefined || user === '') {
    throw new SqlError('28000', 'no PostgreSQL user name specified in startup packet', { severity: 'FATAL' });
  }
  return {
    user,
    database: params.get('database') || user,
    applicationName: params.get('application_name') ?? '',
    protocolOptions: [...params.keys()].filter((k) => k.startsWith('_pq_.')),
  };
}

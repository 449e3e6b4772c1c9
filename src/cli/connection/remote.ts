/**
 * The REPL's connection to a Slicewise (or any PostgreSQL-protocol) server through the `pg`
 * driver. Values come back as the server's text, untouched, so the REPL prints exactly what the
 * server sent; errors become SqlErrors so they render like the embedded ones.
 */
import { connect as connectSocket } from 'node:net';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import type { NoticeMessage } from 'pg-protocol/dist/messages.js';
import { SqlError } from '../../index.js';
import type { Connection, StatementHooks, StatementResult } from './connection.js';
import { promptPassword } from './password-prompt.js';

export interface RemoteOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password: string | undefined;
}

/** Every type as its text: no parsing into JavaScript values. */
const TEXT_ONLY: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** The error fields a server sends (pg's DatabaseError), as a SqlError. Position is 1-based on the wire. */
function toSqlError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  const position = error.position === undefined ? undefined : Number(error.position) - 1;
  return new SqlError(error.code ?? 'XX000', error.message, {
    position: position !== undefined && Number.isInteger(position) ? position : undefined,
    detail: error.detail,
    hint: error.hint,
    severity: error.severity === 'FATAL' || error.severity === 'PANIC' ? 'FATAL' : 'ERROR',
  });
}

/** The backend key the server sent at startup, which a CancelRequest must quote. */
function backendKey(client: pg.Client): { processID: number; secretKey: number } | undefined {
  const { processID, secretKey } = client as unknown as { processID: unknown; secretKey: unknown };
  return typeof processID === 'number' && typeof secretKey === 'number' ? { processID, secretKey } : undefined;
}

export class RemoteConnection implements Connection {
  readonly copyProgress = false;
  readonly description: string;
  private running = false;
  /** The last CommandComplete tag: pg keeps only its first word ("CREATE"), psql prints it whole. */
  private lastTag = '';
  private lost: Error | undefined;

  private constructor(
    private readonly client: pg.Client,
    private readonly options: RemoteOptions,
  ) {
    this.description = `server ${options.host}:${options.port}`;
    client.connection.on('commandComplete', (msg: { text?: string }) => {
      this.lastTag = msg.text ?? '';
    });
    // A connection dropped between statements must not crash the REPL; the next statement reports it.
    client.on('error', (error) => {
      this.lost = error;
    });
  }

  get user(): string {
    return this.options.user;
  }

  get database(): string {
    return this.options.database;
  }

  /** Connect; without a password, one is asked for on the terminal if the server wants it (as psql does). */
  static async connect(options: RemoteOptions): Promise<RemoteConnection> {
    const password = options.password ?? (process.stdin.isTTY ? () => promptPassword(options.user) : undefined);
    const client = new pg.Client({ host: options.host, port: options.port, user: options.user, database: options.database, password });
    try {
      await client.connect();
    } catch (error) {
      // A failure pg detects itself (no password for SCRAM) leaves the socket open: close it.
      client.connection.stream.destroy();
      // pg's words for a missing password ("SASL: ... client password must be a string") become libpq's.
      if (error instanceof Error && /password must be a string/.test(error.message)) throw new Error('no password supplied');
      throw error;
    }
    return new RemoteConnection(client, options);
  }

  async query(sql: string, hooks: StatementHooks = {}): Promise<StatementResult> {
    if (this.lost) throw new SqlError('08006', `no connection to the server (${this.lost.message})`, { severity: 'FATAL' });
    const onNotice = (n: NoticeMessage): void => {
      hooks.onNotice?.({ severity: n.severity ?? 'NOTICE', message: n.message ?? '', detail: n.detail, hint: n.hint });
    };
    this.client.on('notice', onNotice);
    this.running = true;
    this.lastTag = '';
    try {
      type Answer = pg.QueryArrayResult<(string | null)[]>;
      // One statement is sent at a time, but a server answers a text holding several with a list.
      const results = (await this.client.query({ text: sql, rowMode: 'array', types: TEXT_ONLY })) as Answer | Answer[];
      const result: Answer = Array.isArray(results) ? results[results.length - 1]! : results;
      return {
        commandTag: this.lastTag,
        columns: result.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID })),
        rows: result.fields.length > 0 ? result.rows : [],
      };
    } catch (error) {
      throw toSqlError(error);
    } finally {
      this.running = false;
      this.client.off('notice', onNotice);
    }
  }

  /** node-postgres keeps ReadyForQuery's status to itself, so the prompt cannot show it. */
  readonly transactionStatus = null;

  /** Send a CancelRequest on a new connection, as libpq's PQcancel does. */
  cancel(): boolean {
    const key = backendKey(this.client);
    if (!this.running || !key) return false;
    const socket = connectSocket(this.options.port, this.options.host, () => {
      socket.end(serialize.cancel(key.processID, key.secretKey));
    });
    socket.on('error', () => socket.destroy());
    return true;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}

/**
 * Client authentication, as pg_hba.conf's methods behave: trust, password (cleartext), md5 and
 * scram-sha-256. Users and passwords come from the server's options; SCRAM verifiers are computed
 * once at start-up, as PostgreSQL stores them, so a connection costs no key derivation.
 * Every failure is FATAL: 28P01 for a wrong password or unknown user (the same message for both,
 * so probing reveals nothing), 28000 for a client the configuration does not admit.
 */
import { createHash, randomBytes } from 'node:crypto';
import { SqlError, SqlState } from '../index.js';
import { AuthRequest, authentication, authenticationSasl } from './backend-messages.js';
import { BodyReader, malformed } from './frontend-messages.js';
import type { MessageBuffer } from './message-buffer.js';
import { ScramError, ScramExchange, scramVerifier, type ScramVerifier } from './scram.js';

export type AuthMethod = 'trust' | 'password' | 'md5' | 'scram-sha-256';
export const AUTH_METHODS: readonly AuthMethod[] = ['trust', 'password', 'md5', 'scram-sha-256'];

export interface AuthOptions {
  readonly method: AuthMethod;
  /** User name -> password, for the password methods. */
  readonly users?: Readonly<Record<string, string>>;
  /** Under 'trust', admit clients from other hosts too (default: loopback only). */
  readonly trustRemote?: boolean;
}

/** Who is connecting. */
export interface ClientIdentity {
  readonly user: string;
  readonly database: string;
  /** The peer's address, e.g. '127.0.0.1' or '::ffff:10.0.0.5'. */
  readonly address: string | undefined;
}

/** 'ok' when the client is authenticated; 'continue' when we wait for its next password message. */
export type AuthProgress = 'ok' | 'continue';

export interface AuthConversation {
  /** Write the first authentication request (nothing for trust). */
  start(out: MessageBuffer): AuthProgress;
  /** Take one password/SASL message and write what comes next; throws a FATAL SqlError on failure. */
  receive(body: Buffer, out: MessageBuffer): AuthProgress;
}

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

function passwordFailed(user: string): SqlError {
  return new SqlError(SqlState.invalidPassword, `password authentication failed for user "${user}"`, { severity: 'FATAL' });
}

/** A PasswordMessage: one String. */
function passwordOf(body: Buffer): string {
  const r = new BodyReader(body);
  const password = r.cstring();
  r.done();
  return password;
}

function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

export class Authenticator {
  private readonly passwords: ReadonlyMap<string, string>;
  private readonly verifiers = new Map<string, ScramVerifier>();

  constructor(private readonly options: AuthOptions) {
    this.passwords = new Map(Object.entries(options.users ?? {}));
    if (options.method !== 'trust' && this.passwords.size === 0) {
      throw new SqlError(SqlState.invalidParameterValue, `authentication method ${options.method} needs at least one user with a password`);
    }
    if (options.method === 'scram-sha-256') {
      for (const [user, password] of this.passwords) this.verifiers.set(user, scramVerifier(password));
    }
  }

  begin(client: ClientIdentity): AuthConversation {
    switch (this.options.method) {
      case 'trust':
        return this.trust(client);
      case 'password':
        return this.cleartext(client.user);
      case 'md5':
        return this.md5(client.user);
      case 'scram-sha-256':
        return this.scram(client.user);
    }
  }

  private trust(client: ClientIdentity): AuthConversation {
    return {
      start: () => {
        if (!this.options.trustRemote && !isLoopback(client.address)) {
          throw new SqlError(
            '28000',
            `no pg_hba.conf entry for host "${client.address ?? 'unknown'}", user "${client.user}", database "${client.database}", no encryption`,
            { severity: 'FATAL', hint: 'trust admits only loopback clients; start the server with a password method or with trustRemote (--trust-remote)' },
          );
        }
        return 'ok';
      },
      receive: () => {
        throw malformed('unexpected password message');
      },
    };
  }

  private cleartext(user: string): AuthConversation {
    return {
      start: (out) => {
        authentication(out, AuthRequest.cleartextPassword);
        return 'continue';
      },
      receive: (body) => {
        const expected = this.passwords.get(user);
        if (expected === undefined || passwordOf(body) !== expected) throw passwordFailed(user);
        return 'ok';
      },
    };
  }

  private md5(user: string): AuthConversation {
    const salt = randomBytes(4);
    return {
      start: (out) => {
        authentication(out, AuthRequest.md5Password, salt);
        return 'continue';
      },
      receive: (body) => {
        const expected = this.passwords.get(user);
        const sent = passwordOf(body);
        // The client sends 'md5' + md5(md5(password + user) + salt).
        if (expected === undefined || sent !== `md5${md5Hex(Buffer.concat([Buffer.from(md5Hex(expected + user)), salt]))}`) {
          throw passwordFailed(user);
        }
        return 'ok';
      },
    };
  }

  private scram(user: string): AuthConversation {
    const exchange = new ScramExchange(this.verifiers.get(user) ?? null);
    let round: 'initial' | 'final' = 'initial';
    const fail = (err: unknown): never => {
      if (err instanceof ScramError) throw malformed(err.message);
      throw err;
    };
    return {
      start: (out) => {
        authenticationSasl(out, ['SCRAM-SHA-256']);
        return 'continue';
      },
      receive: (body, out) => {
        const r = new BodyReader(body);
        try {
          if (round === 'initial') {
            // SASLInitialResponse: mechanism, Int32 length, client-first-message.
            const mechanism = r.cstring();
            if (mechanism !== 'SCRAM-SHA-256') throw malformed('client selected an invalid SASL authentication mechanism');
            const length = r.int32();
            const clientFirst = r.bytes(length).toString('utf8');
            r.done();
            authentication(out, AuthRequest.saslContinue, Buffer.from(exchange.first(clientFirst)));
            round = 'final';
            return 'continue';
          }
          // SASLResponse: the client-final-message, the whole body.
          const serverFinal = exchange.final(body.toString('utf8'));
          if (serverFinal === null) throw passwordFailed(user);
          authentication(out, AuthRequest.saslFinal, Buffer.from(serverFinal));
          return 'ok';
        } catch (err) {
          return fail(err);
        }
      },
    };
  }
}

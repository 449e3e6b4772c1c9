/**
 * SCRAM-SHA-256 on the server side (RFC 5802 / RFC 7677, as PostgreSQL uses it): the stored
 * verifier per user, and the two-round exchange that checks the client's proof without the
 * password crossing the wire. No channel binding: we offer only SCRAM-SHA-256, not -PLUS.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** PostgreSQL's default iteration count. */
const ITERATIONS = 4096;

/** What the server keeps instead of the password (pg_authid's SCRAM secret). */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = ITERATIONS): ScramVerifier {
  // SASLprep of the password is left out: it only changes passwords with unusual Unicode
  // (non-ASCII spaces, compatibility characters), and NFKC covers the common part.
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  return {
    salt,
    iterations,
    storedKey: createHash('sha256').update(clientKey).digest(),
    serverKey: hmac(salted, 'Server Key'),
  };
}

/** Parse "a=1,b=2" SCRAM attributes, keeping their order. */
function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(',')) {
    const m = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!m) throw new ScramError('malformed SCRAM message');
    out.set(m[1]!, m[2]!);
  }
  return out;
}

/** A malformed exchange (a protocol violation), as opposed to a wrong password. */
export class ScramError extends Error {}

/**
 * One SCRAM exchange. `first()` takes the client-first-message and returns the server-first-
 * message; `final()` takes the client-final-message and returns the server-final-message, or null
 * when the proof is wrong. A verifier of null (unknown user) runs the exchange with a made-up salt
 * and always fails at the end, so the answer does not reveal which users exist.
 */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';
  private readonly verifier: ScramVerifier;
  private readonly known: boolean;

  constructor(verifier: ScramVerifier | null) {
    this.verifier = verifier ?? scramVerifier(randomBytes(16).toString('base64'));
    this.known = verifier !== null;
  }

  first(clientFirst: string): string {
    // gs2-header: "n,," (no channel binding) or "y,," (client could but thinks we can't); "p=" asks for binding we don't offer.
    const m = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(clientFirst);
    if (!m) throw new ScramError(clientFirst.startsWith('p=') ? 'channel binding is not supported' : 'malformed SCRAM message');
    this.gs2Header = `${m[1]},${m[2] ?? ''},`;
    this.clientFirstBare = m[3]!;
    const attrs = attributes(this.clientFirstBare);
    const clientNonce = attrs.get('r');
    if (clientNonce === undefined || clientNonce === '' || !attrs.has('n')) throw new ScramError('malformed SCRAM message');
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  final(clientFinal: string): string | null {
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt === -1) throw new ScramError('malformed SCRAM message');
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get('c') !== Buffer.from(this.gs2Header).toString('base64')) throw new ScramError('SCRAM channel binding check failed');
    if (attrs.get('r') !== this.nonce) throw new ScramError('SCRAM nonce mismatch');
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.verifier.storedKey, authMessage);
    if (proof.length !== clientSignature.length) return null;
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i]! ^ clientSignature[i]!;
    const storedKey = createHash('sha256').update(clientKey).digest();
    if (!this.known || !timingSafeEqual(storedKey, this.verifier.storedKey)) return null;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}`;
  }
}

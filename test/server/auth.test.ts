/**
 * Authentication through node-postgres for every method (trust, cleartext password, md5,
 * SCRAM-SHA-256), wrong passwords and unknown users (28P01), trust for loopback clients only, and
 * the SCRAM exchange against RFC 7677's test vector.
 */
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { Authenticator, isLoopback, type AuthMethod } from '../../src/server/auth.js';
import { MessageBuffer } from '../../src/server/message-buffer.js';
import { ScramExchange, scramVerifier } from '../../src/server/scram.js';
import { pgError, startTestServer, type TestServer } from './helpers.js';

const users = { awsuser: 'Secret-1', alice: 'wonder land:42' };
const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function serverWith(method: AuthMethod): Promise<TestServer> {
  const s = await startTestServer({ method, users });
  servers.push(s);
  return s;
}

describe.each(['password', 'md5', 'scram-sha-256'] as const)('%s authentication', (method) => {
  test('the right password connects, as each configured user', async () => {
    const s = await serverWith(method);
    for (const [user, password] of Object.entries(users)) {
      const c = await s.client({ user, password });
      expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
    }
  });

  test('a wrong password, an unknown user: FATAL 28P01', async () => {
    const s = await serverWith(method);
    for (const [user, password] of [
      ['awsuser', 'wrong'],
      ['mallory', 'Secret-1'],
    ]) {
      const e = await pgError(s.client({ user, password }));
      expect(e).toMatchObject({ code: '28P01', severity: 'FATAL', message: `password authentication failed for user "${user}"` });
    }
    // The server keeps serving.
    const c = await s.client({ user: 'awsuser', password: 'Secret-1' });
    expect((await c.query('select 2 as ok')).rows).toEqual([{ ok: 2 }]);
  });
});

describe('trust', () => {
  test('loopback clients connect without a password', async () => {
    const s = await startTestServer({ method: 'trust' });
    servers.push(s);
    const c = await s.client({ user: 'anyone' });
    expect((await c.query('select 1 as ok')).rows).toEqual([{ ok: 1 }]);
  });

  test('clients from other hosts are refused unless trustRemote', () => {
    const out = new MessageBuffer();
    const remote = { user: 'u', database: 'dev', address: '10.1.2.3' };
    expect(() => new Authenticator({ method: 'trust' }).begin(remote).start(out)).toThrow(/no pg_hba.conf entry for host "10.1.2.3"/);
    expect(new Authenticator({ method: 'trust', trustRemote: true }).begin(remote).start(out)).toBe('ok');
    expect(new Authenticator({ method: 'trust' }).begin({ ...remote, address: '::ffff:127.0.0.1' }).start(out)).toBe('ok');
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('127.9.9.9'), isLoopback('192.168.0.1'), isLoopback(undefined)]).toEqual([true, true, true, false, false]);
  });

  test('password methods need users', () => {
    expect(() => new Authenticator({ method: 'md5' })).toThrow(/needs at least one user/);
  });
});

describe('SCRAM-SHA-256 exchange', () => {
  test("RFC 7677's example: user 'user', password 'pencil'", () => {
    const verifier = scramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    const exchange = new ScramExchange(verifier);
    const serverFirst = exchange.first('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const nonce = /^r=([^,]+),s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096$/.exec(serverFirst)![1]!;
    expect(nonce.startsWith('rOprNGfwEbeRWgbNEkqO')).toBe(true);
    // The RFC's proof is for its own server nonce; recompute the client side for ours.
    const final = clientFinal('pencil', 'n=user,r=rOprNGfwEbeRWgbNEkqO', serverFirst, nonce);
    expect(exchange.final(final.message)).toBe(`v=${final.serverSignature}`);
    const wrong = new ScramExchange(verifier);
    const sf = wrong.first('n,,n=user,r=abc');
    const bad = clientFinal('crayon', 'n=user,r=abc', sf, /r=([^,]+)/.exec(sf)![1]!);
    expect(wrong.final(bad.message)).toBeNull();
  });

  test('the stored verifier matches the RFC (StoredKey / ServerKey)', () => {
    const v = scramVerifier('pencil', Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'), 4096);
    // From RFC 7677 section 3: the server signature of its example exchange.
    const auth =
      'n=user,r=rOprNGfwEbeRWgbNEkqO,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
    expect(hmac(v.serverKey, auth).toString('base64')).toBe('6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
  });
});

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text).digest();
}

/** The client's side of SCRAM's second round. */
function clientFinal(password: string, clientFirstBare: string, serverFirst: string, nonce: string): { message: string; serverSignature: string } {
  const salt = Buffer.from(/s=([^,]+)/.exec(serverFirst)![1]!, 'base64');
  const iterations = Number(/i=(\d+)/.exec(serverFirst)![1]);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = hmac(salted, 'Client Key');
  const storedKey = createHash('sha256').update(clientKey).digest();
  const withoutProof = `c=biws,r=${nonce}`;
  const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
  const signature = hmac(storedKey, authMessage);
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
  return { message: `${withoutProof},p=${proof.toString('base64')}`, serverSignature: hmac(hmac(salted, 'Server Key'), authMessage).toString('base64') };
}

/**
 * TLS: a server given a certificate answers SSLRequest with 'S' and carries the connection on over
 * TLS — node-postgres verifying the certificate, psql with sslmode=require (where psql is installed)
 * — while one without a certificate declines ('N'). Bytes a client sends after its SSLRequest, before
 * the handshake, end the connection (they would be plaintext inside the encrypted session).
 *
 * tls/localhost.crt and tls/localhost.key: a self-signed test certificate for localhost and
 * 127.0.0.1, valid to 2126, made with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout localhost.key
 *     -out localhost.crt -days 36500 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { TLSSocket } from 'node:tls';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { RawClient, responseFields } from './helpers.js';

const CERT = readFileSync(new URL('./tls/localhost.crt', import.meta.url));
const KEY = readFileSync(new URL('./tls/localhost.key', import.meta.url));
const PSQL = '/usr/bin/psql';

let cluster: Cluster;
let server: RunningServer;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  server = await startServer({ cluster, host: '127.0.0.1', port: 0, tls: { cert: CERT, key: KEY } });
});

afterAll(async () => {
  await server?.close();
  await cluster?.close();
});

async function connect(ssl: pg.ClientConfig['ssl']): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'awsuser', database: 'dev', ssl });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('TLS', () => {
  test('node-postgres connects over TLS, verifying the certificate, and queries', async () => {
    const client = await connect({ ca: CERT, servername: 'localhost' });
    try {
      const stream = (client as unknown as { connection: { stream: unknown } }).connection.stream;
      expect(stream).toBeInstanceOf(TLSSocket);
      expect((stream as TLSSocket).encrypted).toBe(true);
      expect((await client.query('select 40 + 2 as answer')).rows).toEqual([{ answer: 42 }]);
      // Long results stream through the encrypted socket as through the plain one.
      const big = await client.query('select a.n from (select 1 as n union all select 2) a, stv_slices b, stv_slices c');
      expect(big.rowCount).toBe(2 * 4 * 4);
    } finally {
      await client.end();
    }
  });

  test('a client that trusts another certificate authority is refused by its own check', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'awsuser', database: 'dev', ssl: { rejectUnauthorized: true } });
    client.on('error', () => undefined);
    await expect(client.connect()).rejects.toThrow(/self[- ]signed/);
  });

  test('plain clients still connect when the server has a certificate', async () => {
    const client = await connect(false);
    try {
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });

  test('bytes sent after SSLRequest, before the handshake, end the connection', async () => {
    const client = await RawClient.open(server.port);
    client.send(Buffer.concat([serialize.requestSsl(), serialize.startup({ user: 'awsuser', database: 'dev' })]));
    const answer = await client.rest();
    expect(answer.map((m) => m.type)).toEqual(['E']);
    expect(responseFields(answer[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01', M: 'received unencrypted data after SSL request' });
  });

  test('a server without a certificate declines SSLRequest, and ssl-requiring clients give up', async () => {
    const plain = await startServer({ cluster, host: '127.0.0.1', port: 0 });
    try {
      const client = new pg.Client({ host: '127.0.0.1', port: plain.port, user: 'awsuser', database: 'dev', ssl: { rejectUnauthorized: false } });
      client.on('error', () => undefined);
      await expect(client.connect()).rejects.toThrow(/does not support SSL/);
    } finally {
      await plain.close();
    }
  });

  test.skipIf(!existsSync(PSQL))('psql with sslmode=require', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      execFile(PSQL, ['-X', '-A', '-t', '-c', 'select 7 * 6'], { env: { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(server.port), PGUSER: 'awsuser', PGDATABASE: 'dev', PGSSLMODE: 'require' } }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    expect(out.trim()).toBe('42');
  });

  test('SCRAM-SHA-256 over TLS: the password exchange runs inside the encrypted connection', async () => {
    const secured = await startServer({ cluster, host: '127.0.0.1', port: 0, tls: { cert: CERT, key: KEY }, auth: { method: 'scram-sha-256', users: { alice: 'Secret-1' } } });
    try {
      const ssl = { ca: CERT, servername: 'localhost' };
      const good = new pg.Client({ host: '127.0.0.1', port: secured.port, user: 'alice', database: 'dev', password: 'Secret-1', ssl });
      await good.connect();
      expect((await good.query('select current_user as u')).rows).toEqual([{ u: 'alice' }]);
      await good.end();
      const bad = new pg.Client({ host: '127.0.0.1', port: secured.port, user: 'alice', database: 'dev', password: 'wrong', ssl });
      bad.on('error', () => undefined);
      await expect(bad.connect()).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await secured.close();
    }
  });

  test('a certificate that does not match its key is refused when the server starts', async () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await expect(startServer({ cluster, host: '127.0.0.1', port: 0, tls: { cert: CERT, key: otherKey } })).rejects.toThrow(/key values mismatch/);
  });
});

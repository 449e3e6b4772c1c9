/**
 * The protocol at the byte level: startup and its ParameterStatus values, SSL/GSS requests,
 * pipelined extended-query messages, row limits with PortalSuspended, Describe, Close, errors
 * that skip to Sync, ReadyForQuery's transaction status, and malformed input that closes only the
 * offending connection.
 */
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dataRowValues, RawClient, responseFields, startTestServer, type BackendMessage, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await t.cluster.query('create table p1 (n integer, s varchar(10))');
  await t.cluster.query(`insert into p1 values (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')`);
});
afterAll(() => t.close());

const types = (ms: readonly BackendMessage[]): string => ms.map((m) => m.type).join('');
const readyStatus = (ms: readonly BackendMessage[]): string => String.fromCharCode(ms.at(-1)!.body[0]!);
const text = (ms: readonly BackendMessage[]): string[][] =>
  ms.filter((m) => m.type === 'D').map((m) => dataRowValues(m.body).map((v) => (v === null ? 'NULL' : v.toString('utf8'))));
const tag = (m: BackendMessage): string => m.body.toString('utf8', 0, m.body.length - 1);

async function expectServing(): Promise<void> {
  const c = await t.client();
  expect((await c.query('select count(*) as n from p1')).rows).toEqual([{ n: '5' }]);
}

describe('startup', () => {
  test('AuthenticationOk, Redshift-like ParameterStatus values, BackendKeyData, ReadyForQuery(I)', async () => {
    const { client, startup } = await RawClient.ready(t.server.port);
    expect(startup[0]!.type).toBe('R');
    expect(startup[0]!.body.readInt32BE(0)).toBe(0);
    const params = Object.fromEntries(
      startup.filter((m) => m.type === 'S').map((m) => {
        const [k, v] = m.body.toString('utf8').split('\0');
        return [k, v];
      }),
    );
    expect(params).toMatchObject({
      server_version: '8.0.2',
      server_encoding: 'UNICODE',
      client_encoding: 'UTF8',
      DateStyle: 'ISO, MDY',
      TimeZone: 'UTC',
      integer_datetimes: 'on',
      is_superuser: 'on',
      session_authorization: 'awsuser',
    });
    const key = startup.find((m) => m.type === 'K')!;
    expect(key.body.readInt32BE(0)).toBeGreaterThan(0);
    expect(types(startup).endsWith('KZ')).toBe(true);
    expect(readyStatus(startup)).toBe('I');
    client.end();
  });

  test("SSLRequest and GSSENCRequest are answered 'N', then the startup proceeds in the clear", async () => {
    const client = await RawClient.open(t.server.port);
    client.send(serialize.requestSsl());
    expect((await client.rawBytes(1)).toString()).toBe('N');
    const gss = Buffer.alloc(8);
    gss.writeInt32BE(8, 0);
    gss.writeInt32BE(80877104, 4);
    client.send(gss);
    expect((await client.rawBytes(1)).toString()).toBe('N');
    client.send(serialize.startup({ user: 'awsuser', database: 'dev' }));
    expect(readyStatus(await client.until('Z'))).toBe('I');
    client.end();
  });

  test('a protocol 3.1 client gets NegotiateProtocolVersion and carries on with 3.0', async () => {
    const client = await RawClient.open(t.server.port);
    const body = Buffer.from('user\0awsuser\0_pq_.future\0x\0\0');
    const packet = Buffer.alloc(8 + body.length);
    packet.writeInt32BE(packet.length, 0);
    packet.writeInt32BE((3 << 16) | 1, 4);
    body.copy(packet, 8);
    client.send(packet);
    const ms = await client.until('Z');
    const v = ms.find((m) => m.type === 'v')!;
    expect(v.body.readInt32BE(0)).toBe(3 << 16);
    expect(v.body.readInt32BE(4)).toBe(1);
    expect(v.body.toString('utf8', 8, v.body.length - 1)).toBe('_pq_.future');
    client.end();
  });
});

describe('extended query protocol', () => {
  test('pipelined Parse/Bind/Describe/Execute/Sync answered in order in one batch', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(
      Buffer.concat([
        serialize.parse({ text: 'select n, s from p1 where n > $1 order by n', types: [23] }),
        serialize.bind({ values: ['3'] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const ms = await client.until('Z');
    expect(types(ms)).toBe('12TDDCZ');
    expect(text(ms)).toEqual([
      ['4', 'd'],
      ['5', 'e'],
    ]);
    expect(tag(ms[5]!)).toBe('SELECT 2');
    client.end();
  });

  test('row limits: PortalSuspended, then the rest of the rows on the next Execute', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.concat([serialize.query('begin')]));
    await client.until('Z');
    client.send(
      Buffer.concat([
        serialize.parse({ name: 'all', text: 'select n from p1 order by n' }),
        serialize.bind({ portal: 'cur', statement: 'all' }),
        serialize.execute({ portal: 'cur', rows: 2 }),
        serialize.execute({ portal: 'cur', rows: 2 }),
        serialize.sync(),
      ]),
    );
    const first = await client.until('Z');
    expect(types(first)).toBe('12DDsDDsZ');
    expect(readyStatus(first)).toBe('T');
    // The named portal lives on in the transaction block.
    client.send(Buffer.concat([serialize.execute({ portal: 'cur', rows: 10 }), serialize.sync()]));
    const rest = await client.until('Z');
    expect(types(rest)).toBe('DCZ');
    expect(text(rest)).toEqual([['5']]);
    expect(tag(rest[1]!)).toBe('SELECT 1');
    client.send(serialize.query('commit'));
    expect(readyStatus(await client.until('Z'))).toBe('I');
    client.end();
  });

  test('Describe statement: ParameterDescription and RowDescription; NoData for DML', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(
      Buffer.concat([
        serialize.parse({ name: 'd1', text: 'select n, s from p1 where n = $1', types: [23] }),
        serialize.describe({ type: 'S', name: 'd1' }),
        serialize.parse({ name: 'd2', text: 'insert into p1 values ($1, $2)' }),
        serialize.describe({ type: 'S', name: 'd2' }),
        serialize.sync(),
      ]),
    );
    const ms = await client.until('Z');
    expect(types(ms)).toBe('1tT1tnZ');
    const paramDesc = ms[1]!.body;
    expect([paramDesc.readInt16BE(0), paramDesc.readInt32BE(2)]).toEqual([1, 23]);
    expect(ms[4]!.body.readInt16BE(0)).toBe(2);
    client.end();
  });

  test('the statements executed before a Sync share one transaction: the Sync commits it, an error rolls it back', async () => {
    const { client } = await RawClient.ready(t.server.port);
    const other = await t.client();
    const rows = async (): Promise<string> => (await other.query('select count(*) as n from p2')).rows[0].n;
    client.send(serialize.query('create table p2 (n integer)'));
    await client.until('Z');
    const insert = (n: number): Buffer[] => [serialize.parse({ text: `insert into p2 values (${n})` }), serialize.bind({}), serialize.execute({})];
    client.send(Buffer.concat([...insert(1), ...insert(2)]));
    await client.until('C');
    await client.until('C');
    // Executed, not yet synced: invisible to everyone else.
    expect(await rows()).toBe('0');
    client.send(serialize.sync());
    expect(readyStatus(await client.until('Z'))).toBe('I');
    expect(await rows()).toBe('2');
    client.send(Buffer.concat([...insert(3), serialize.parse({ text: 'select 1/0' }), serialize.bind({}), serialize.execute({}), ...insert(4), serialize.sync()]));
    const failed = await client.until('Z');
    expect(types(failed)).toBe('12C12EZ');
    expect(responseFields(failed[5]!.body).C).toBe('22012');
    expect(readyStatus(failed)).toBe('I');
    expect(await rows()).toBe('2');
    client.end();
  });

  test('an error skips every message up to Sync; the next exchange works', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(
      Buffer.concat([
        serialize.parse({ text: 'select nope from p1' }),
        serialize.bind({}),
        serialize.execute({}),
        serialize.sync(),
        serialize.parse({ text: 'select 7 as x' }),
        serialize.bind({}),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const first = await client.until('Z');
    expect(types(first)).toBe('EZ');
    expect(responseFields(first[0]!.body)).toMatchObject({ S: 'ERROR', C: '42703', P: '8' });
    const second = await client.until('Z');
    expect(types(second)).toBe('12DCZ');
    expect(text(second)).toEqual([['7']]);
    client.end();
  });

  test('prepared-statement and portal errors: duplicate, missing, wrong parameter count', async () => {
    const { client } = await RawClient.ready(t.server.port);
    const exchange = async (...msgs: Buffer[]): Promise<BackendMessage[]> => {
      client.send(Buffer.concat([...msgs, serialize.sync()]));
      return client.until('Z');
    };
    expect(types(await exchange(serialize.parse({ name: 's1', text: 'select 1' })))).toBe('1Z');
    const dup = await exchange(serialize.parse({ name: 's1', text: 'select 2' }));
    expect(responseFields(dup[0]!.body).C).toBe('42P05');
    const missing = await exchange(serialize.bind({ statement: 'nope' }));
    expect(responseFields(missing[0]!.body).C).toBe('26000');
    const noPortal = await exchange(serialize.execute({ portal: 'nope' }));
    expect(responseFields(noPortal[0]!.body).C).toBe('34000');
    const count = await exchange(serialize.bind({ statement: 's1', values: ['1'] }));
    expect(responseFields(count[0]!.body)).toMatchObject({ C: '08P01', S: 'ERROR' });
    const multi = await exchange(serialize.parse({ text: 'select 1; select 2' }));
    expect(responseFields(multi[0]!.body)).toMatchObject({ C: '42601', M: 'cannot insert multiple commands into a prepared statement' });
    // Close is answered even for names that do not exist; afterwards the name is free again.
    expect(types(await exchange(serialize.close({ type: 'S', name: 's1' }), serialize.close({ type: 'P', name: 'nope' })))).toBe('33Z');
    expect(types(await exchange(serialize.parse({ name: 's1', text: 'select 3' })))).toBe('1Z');
    // The connection still serves after all of that.
    expect(types(await exchange(serialize.bind({ statement: 's1' }), serialize.execute({})))).toBe('2DCZ');
    client.end();
  });

  test('an empty statement answers EmptyQueryResponse in both protocols', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.concat([serialize.parse({ text: '' }), serialize.bind({}), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]));
    expect(types(await client.until('Z'))).toBe('12nIZ');
    client.send(serialize.query('  ;  '));
    expect(types(await client.until('Z'))).toBe('IZ');
    client.end();
  });

  test('ReadyForQuery reports I, T and E as a transaction block opens, fails and ends', async () => {
    const { client } = await RawClient.ready(t.server.port);
    const status = async (sql: string): Promise<string> => {
      client.send(serialize.query(sql));
      return readyStatus(await client.until('Z'));
    };
    expect(await status('begin')).toBe('T');
    expect(await status('select 1')).toBe('T');
    expect(await status('select 1/0')).toBe('E');
    expect(await status('select 1')).toBe('E');
    expect(await status('rollback')).toBe('I');
    expect(await status('begin; select 1')).toBe('T');
    expect(await status('commit')).toBe('I');
    expect(await status('select 1/0')).toBe('I');
    client.end();
  });
});

describe('a client that reads slowly', () => {
  test('holds back its own large result while others are served', async () => {
    await t.cluster.query('create table slow1 (n integer)');
    await t.cluster.query(`insert into slow1 values ${Array.from({ length: 1000 }, (_, i) => `(${i})`).join(', ')}`);
    const { client } = await RawClient.ready(t.server.port);
    client.socket.pause();
    client.send(serialize.query('select a.n, b.n, a.n * b.n from slow1 a, slow1 b where b.n < 400'));
    await new Promise((r) => setTimeout(r, 500));
    await expectServing();
    client.socket.resume();
    const ms = await client.until('Z', 30_000);
    expect(ms.filter((m) => m.type === 'D').length).toBe(400_000);
    expect(tag(ms.at(-2)!)).toBe('SELECT 400000');
    client.end();
  }, 60_000);
});

describe('malformed input closes that connection only', () => {
  const garbage: Record<string, Buffer> = {
    'an HTTP request instead of a startup packet': Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
    'a startup packet with a bad length': Buffer.from([0, 0, 0, 2, 0, 3, 0, 0]),
  };
  for (const [name, bytes] of Object.entries(garbage)) {
    test(name, async () => {
      const client = await RawClient.open(t.server.port);
      client.send(bytes);
      const ms = await client.rest();
      expect(types(ms)).toBe('E');
      expect(responseFields(ms[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01' });
      await expectServing();
    });
  }

  test('an unsupported protocol version', async () => {
    const client = await RawClient.open(t.server.port);
    const packet = Buffer.alloc(8);
    packet.writeInt32BE(8, 0);
    packet.writeInt32BE(2 << 16, 4);
    client.send(packet);
    const ms = await client.rest();
    expect(responseFields(ms[0]!.body)).toMatchObject({ S: 'FATAL', C: '0A000' });
  });

  test('an unknown message type after startup', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.from([0x7a, 0, 0, 0, 4]));
    const ms = await client.rest();
    expect(types(ms)).toBe('E');
    expect(responseFields(ms[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01', M: 'invalid frontend message type 122' });
    await expectServing();
  });

  test('a message whose length is impossible', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.from([0x51, 0, 0, 0, 2]));
    expect(responseFields((await client.rest())[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await expectServing();
  });

  test('a message whose body does not match its layout (Bind cut short)', async () => {
    const { client } = await RawClient.ready(t.server.port);
    const body = Buffer.from('\0\0\0\x05', 'binary');
    const msg = Buffer.alloc(5 + body.length);
    msg.write('B', 0);
    msg.writeInt32BE(4 + body.length, 1);
    body.copy(msg, 5);
    client.send(msg);
    expect(responseFields((await client.rest())[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01' });
    await expectServing();
  });

  test('messages before the garbage are still answered', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.concat([serialize.query('select 1 as x'), Buffer.from([0xff, 0, 0, 0, 4])]));
    const ms = await client.rest();
    expect(types(ms)).toBe('TDCZE');
  });

  test('a password message where none was asked for', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(serialize.password('x'));
    expect(responseFields((await client.rest())[0]!.body)).toMatchObject({ S: 'FATAL', C: '08P01' });
  });
});

/**
 * Binary format: results for every type Slicewise returns, checked byte for byte against the
 * PostgreSQL binary layouts, and through node-postgres with `binary: true`; binary parameters;
 * and the NUMERIC / date-time conversions on their own.
 */
import { serialize } from 'pg-protocol';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { numericFromPg, numericToPg } from '../../src/server/binary-numeric.js';
import { dateFromPg, dateToPg, intervalFromPg, intervalToPg, timestampFromPg, timestampToPg } from '../../src/server/binary-temporal.js';
import { dataRowValues, RawClient, responseFields, startTestServer, type BackendMessage, type TestServer } from './helpers.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** Run `sql` with all results in binary; the values of the single row, as bytes. */
async function binaryRow(sql: string, params: Buffer[] = [], paramTypes: number[] = []): Promise<(Buffer | null)[]> {
  const { client } = await RawClient.ready(t.server.port);
  try {
    client.send(
      Buffer.concat([
        serialize.parse({ text: sql, types: paramTypes }),
        serialize.bind({ values: params, binary: true }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
    const ms = await client.until('Z');
    const error = ms.find((m) => m.type === 'E');
    if (error) throw new Error(JSON.stringify(responseFields(error.body)));
    const rows = ms.filter((m: BackendMessage) => m.type === 'D');
    expect(rows.length).toBe(1);
    return dataRowValues(rows[0]!.body);
  } finally {
    client.end();
  }
}

const hex = (b: Buffer | null): string | null => (b === null ? null : b.toString('hex'));

describe('binary results, byte for byte', () => {
  test('integers, floats, booleans, strings, NULL', async () => {
    const row = await binaryRow(
      `select 200::smallint, -2::integer, 3000000000::bigint, 1.5::double precision, 0.25::real, true, false, 'héllo'::varchar(10), 'ab'::char(4), null::integer`,
    );
    expect(row.map(hex)).toEqual([
      '00c8',
      'fffffffe',
      '00000000b2d05e00',
      '3ff8000000000000',
      '3e800000',
      '01',
      '00',
      Buffer.from('héllo').toString('hex'),
      Buffer.from('ab  ').toString('hex'),
      null,
    ]);
  });

  test('NUMERIC: base-10000 digits, weight, sign and display scale', async () => {
    const row = await binaryRow(`select 12.50::decimal(10,2), -0.0001::decimal(10,4), 0::decimal(5,2), 123456789.123::decimal(20,3)`);
    expect(row.map(hex)).toEqual([
      // ndigits 2, weight 0, sign +, dscale 2; digits 12 | 5000
      '0002' + '0000' + '0000' + '0002' + '000c' + '1388',
      // ndigits 1, weight -1, sign -, dscale 4; digit 0001
      '0001' + 'ffff' + '4000' + '0004' + '0001',
      // zero: no digits, dscale 2
      '0000' + '0000' + '0000' + '0002',
      // ndigits 4, weight 2, dscale 3; digits 1 | 2345 | 6789 | 1230
      '0004' + '0002' + '0000' + '0003' + '0001' + '0929' + '1a85' + '04ce',
    ]);
  });

  test('DATE, TIME, TIMESTAMP, TIMESTAMPTZ, INTERVAL', async () => {
    const row = await binaryRow(
      `select '2000-01-02'::date, '1999-12-31'::date, '12:00:00.5'::time, '2000-01-01 00:00:01.25'::timestamp, '2000-01-01 00:00:00'::timestamptz, interval '1 year 2 months 3 days 04:05:06'`,
    );
    expect(row.map(hex)).toEqual([
      '00000001',
      'ffffffff',
      (12n * 3600n * 1_000_000n + 500_000n).toString(16).padStart(16, '0'),
      (1_250_000n).toString(16).padStart(16, '0'),
      '0000000000000000',
      ((4n * 3600n + 5n * 60n + 6n) * 1_000_000n).toString(16).padStart(16, '0') + '00000003' + '0000000e',
    ]);
  });

  test('node-postgres with binary: true reads the values it can decode (it passes bytes through a UTF-8 string)', async () => {
    const c = await t.client({ binary: true });
    const r = await c.query(
      `select $1::integer as a, 12::smallint as s, true as b, 'héllo'::varchar(10) as v, null::integer as z, '2020-01-02 03:04:05'::timestamp as ts`,
      [5],
    );
    expect(r.fields.every((f) => f.format === 'binary')).toBe(true);
    expect(r.rows[0]).toMatchObject({ a: 5, s: 12, b: true, v: 'héllo', z: null });
    expect(r.rows[0].ts).toBeInstanceOf(Date);
    // Text results on the same connection are unaffected.
    const text = await t.client();
    expect((await text.query('select 12.5::decimal(4,1) as d')).rows[0].d).toBe('12.5');
  });
});

describe('binary parameters', () => {
  test('int4, int8, float8, bool, text, numeric, date and timestamp arrive as their values', async () => {
    // Parameters bind as untyped literals (as Describe planned them), so casts give bare ones their type.
    const int4 = Buffer.alloc(4);
    int4.writeInt32BE(-7);
    const int8 = Buffer.alloc(8);
    int8.writeBigInt64BE(9007199254740993n);
    const f8 = Buffer.alloc(8);
    f8.writeDoubleBE(2.5);
    const date = Buffer.alloc(4);
    date.writeInt32BE(-1);
    const ts = Buffer.alloc(8);
    ts.writeBigInt64BE(1_500_000n);
    const numeric = Buffer.from('0002000000000002000c1388', 'hex'); // 12.50
    const row = await binaryRow(
      `select $1 + 1, $2::bigint, $3::float8 * 2, $4::boolean, $5 || '!', $6::decimal(6,2), $7::date, $8::timestamp`,
      [int4, int8, f8, Buffer.from([1]), Buffer.from('hi'), numeric, date, ts],
      [23, 20, 701, 16, 25, 1700, 1082, 1114],
    );
    expect(row[0]!.readInt32BE(0)).toBe(-6);
    expect(row[1]!.readBigInt64BE(0)).toBe(9007199254740993n);
    expect(row[2]!.readDoubleBE(0)).toBe(5);
    expect(row[3]![0]).toBe(1);
    expect(row[4]!.toString()).toBe('hi!');
    expect(numericFromPg(decodeNumeric(row[5]!))).toBe('12.50');
    expect(row[6]!.readInt32BE(0)).toBe(-1);
    expect(row[7]!.readBigInt64BE(0)).toBe(1_500_000n);
  });

  test('a binary parameter of the wrong size is rejected with 22P03', async () => {
    await expect(binaryRow('select $1', [Buffer.from([1, 2])], [23])).rejects.toThrow(/22P03/);
  });

  test('declared text parameters are typed: integer text must be an integer', async () => {
    const { client } = await RawClient.ready(t.server.port);
    client.send(Buffer.concat([serialize.parse({ text: 'select $1', types: [23] }), serialize.bind({ values: ['x1'] }), serialize.execute({}), serialize.sync()]));
    const ms = await client.until('Z');
    expect(responseFields(ms.find((m) => m.type === 'E')!.body)).toMatchObject({ C: '22P02', M: 'invalid input syntax for integer: "x1"' });
    client.end();
  });
});

function decodeNumeric(b: Buffer): { weight: number; sign: number; dscale: number; digits: number[] } {
  const n = b.readInt16BE(0);
  return { weight: b.readInt16BE(2), sign: b.readUInt16BE(4), dscale: b.readInt16BE(6), digits: Array.from({ length: n }, (_, i) => b.readInt16BE(8 + 2 * i)) };
}

describe('conversions', () => {
  test('NUMERIC text <-> binary round trips', () => {
    for (const v of ['0', '0.00', '1', '-1', '12.50', '-0.0001', '10000', '99999999999999999999.999999999999999999', '0.1', '-123456789012345678901234567890.12345678', 'NaN']) {
      expect(numericFromPg(numericToPg(v))).toBe(v);
    }
    expect(numericToPg('10000')).toEqual({ weight: 1, sign: 0, dscale: 0, digits: [1] });
    expect(numericToPg('-0.00')).toEqual({ weight: 0, sign: 0, dscale: 2, digits: [] });
  });

  test('dates and timestamps, BC included, round trip through days and microseconds since 2000-01-01', () => {
    for (const d of ['2000-01-01', '1970-01-01', '2024-02-29', '0001-01-01', '0001-12-31 BC', '0044-03-15 BC', '9999-12-31']) {
      expect(dateFromPg(dateToPg(d))).toBe(d);
    }
    expect(dateToPg('1970-01-01')).toBe(-10957);
    expect(timestampToPg('2000-01-01 00:00:00+00')).toBe(0n);
    expect(timestampToPg('2000-01-01 05:30:00+05:30')).toBe(0n);
    for (const ts of ['2000-01-01 00:00:00', '1969-12-31 23:59:59.999999', '0044-03-15 12:00:00 BC', '2262-04-11 23:47:16.854775']) {
      expect(timestampFromPg(timestampToPg(ts), false)).toBe(ts);
    }
  });

  test('intervals in Redshift text round trip', () => {
    expect(intervalToPg('1 year 2 mons -3 days +04:05:06.5')).toEqual({ months: 14, days: -3, micros: 14_706_500_000n });
    expect(intervalToPg('-1 years -2 mons +3 days -04:05:06')).toEqual({ months: -14, days: 3, micros: -14_706_000_000n });
    expect(intervalToPg('00:00:00')).toEqual({ months: 0, days: 0, micros: 0n });
    expect(intervalFromPg(-1_500_000n, 2, 13)).toBe('13 mons 2 days -00:00:01.500000');
  });
});

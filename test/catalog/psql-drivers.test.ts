/**
 * What drivers send around connecting, beside psql's describe queries: session settings (pgjdbc's
 * `SET extra_float_digits = 3`, `SET application_name`), SHOWs, and type lookups by name and oid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type Session } from '../../src/index.js';

let cluster: Cluster;
let session: Session;
beforeAll(async () => {
  cluster = await Cluster.start();
  session = cluster.session();
});
afterAll(async () => {
  await session.close();
  await cluster.close();
});

async function text(sql: string): Promise<(string | null)[][]> {
  return (await session.query(sql)).toTextArrays();
}

describe('connect-time statements', () => {
  it('takes the settings drivers send', async () => {
    for (const sql of ['SET extra_float_digits = 3', "SET application_name = 'PostgreSQL JDBC Driver'", "SET client_encoding = 'UTF8'", "SET DateStyle = 'ISO'"]) {
      expect((await session.query(sql)).command).toBe('SET');
    }
    expect(await text('SHOW transaction_isolation')).toEqual([['serializable']]);
    expect(await text('select current_schema(), pg_catalog.version() like \'PostgreSQL 8.0.2 %\'')).toEqual([['public', 't']]);
  });

  it('looks types up by name and by oid', async () => {
    expect(await text("select oid, typname from pg_catalog.pg_type where typname in ('int4', 'varchar', 'numeric') order by oid")).toEqual([
      ['23', 'int4'],
      ['1043', 'varchar'],
      ['1700', 'numeric'],
    ]);
    expect(await text("SELECT typinput='pg_catalog.array_in'::regproc, typtype FROM pg_catalog.pg_type WHERE typname = 'int4'")).toEqual([['f', 'b']]);
    expect(await text('SELECT pg_catalog.format_type(1043, 24), 1184::pg_catalog.regtype::text')).toEqual([['character varying(20)', 'timestamp with time zone']]);
  });
});

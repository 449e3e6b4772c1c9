/**
 * psql 15's `\d name` and `\d+ name` against Slicewise: the exact catalog queries it sends to an
 * 8.0.2 server (psql-queries.ts), run in order as psql does, over TICKIT-like DDL — KEY/ALL tables
 * with sort keys, defaults and an IDENTITY column, a view, a comment, a temp table, a second schema.
 * Values are checked as the wire protocol sends them (toTextArrays), which is what psql reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type Session } from '../../src/index.js';
import { TICKIT_DDL } from '../helpers/tickit.js';
import { SALES_DDL, USERS_DDL } from './tickit-ddl.js';
import * as psql from './psql-queries.js';

let cluster: Cluster;
let session: Session;

beforeAll(async () => {
  cluster = await Cluster.start();
  session = cluster.session();
  for (const ddl of [USERS_DDL, SALES_DDL, TICKIT_DDL.date]) await session.query(ddl);
  await session.query('create table ev (x bigint identity(1,1), y decimal(10,3) default 7 + 1, z char(4)) diststyle all');
  await session.query('create view sales_v as select salesid, pricepaid from sales');
  await session.query("comment on table users is 'TICKIT users'");
  await session.query("comment on column users.userid is 'the key'");
  await session.query('create temp table scratch (k integer not null)');
  await session.query('create schema s2');
  await session.query('create table s2.hidden (k integer)');
});
afterAll(async () => {
  await session.close();
  await cluster.close();
});

async function text(sql: string): Promise<(string | null)[][]> {
  return (await session.query(sql)).toTextArrays();
}

/** Step 1 of `\d name`: the oid psql passes on, as the text it reads. */
async function oidOf(name: string): Promise<string> {
  const rows = await text(psql.findRelation(`^(${name})$`));
  expect(rows).toHaveLength(1);
  return rows[0]![0]!;
}

describe('\\d name: finding the relation', () => {
  it('finds a table on the search path by its exact name, with its schema', async () => {
    const rows = await text(psql.findRelation('^(users)$'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slice(1)).toEqual(['public', 'users']);
    const [oid] = (await session.query("select oid from pg_class where relname = 'users'")).toArrays()[0]!;
    expect(rows[0]![0]).toBe(String(oid));
  });

  it('reads psql patterns as regular expressions and skips relations off the search path', async () => {
    const rows = (await text(psql.findRelation('^(s.*)$'))).map((r) => r.slice(1));
    // As in PostgreSQL, a pattern reaches pg_catalog too (Redshift's STL/STV/SVV relations).
    expect(rows).toContainEqual(['pg_catalog', 'stv_slices']);
    const user = rows.filter((r) => r[0] !== 'pg_catalog');
    expect(user).toEqual([[expect.stringMatching(/^pg_temp_\d+$/), 'scratch'], ['public', 'sales'], ['public', 'sales_v']]);
    expect(await text(psql.findRelation('^(hidden)$'))).toEqual([]);
    expect(await text(psql.findRelation('^(nosuch)$'))).toEqual([]);
  });

  it('lists a schema pattern without the visibility test (`\\d s2.*`)', async () => {
    const rows = await text(psql.findRelationsInSchema('^(s2)$'));
    expect(rows.map((r) => r.slice(1))).toEqual([['s2', 'hidden']]);
  });
});

describe('\\d table', () => {
  it('reports a plain table: no checks, indexes, rules, triggers, options, tablespace or type', async () => {
    const oid = await oidOf('users');
    expect(await text(psql.tableInfo(oid))).toEqual([['0', 'r', 'f', 'f', 'f', 'f', 'f', 'f', 'f', '', '0', '', 'p']]);
  });

  it('marks a temp table temporary', async () => {
    const oid = await oidOf('scratch');
    const [info] = await text(psql.tableInfo(oid));
    expect(info![1]).toBe('r');
    expect(info![12]).toBe('t');
  });

  it('lists the columns with format_type names, NOT NULL and no collation', async () => {
    const rows = await text(psql.columns(await oidOf('users')));
    expect(rows.slice(0, 4)).toEqual([
      ['userid', 'integer', null, 't', null, ' ', ' '],
      ['username', 'character(8)', null, 'f', null, ' ', ' '],
      ['firstname', 'character varying(30)', null, 'f', null, ' ', ' '],
      ['lastname', 'character varying(30)', null, 'f', null, ' ', ' '],
    ]);
    expect(rows).toHaveLength(18);
    expect(rows[8]!.slice(0, 2)).toEqual(['likesports', 'boolean']);
  });

  it('shows defaults, including an IDENTITY column as Redshift renders it', async () => {
    const oid = await oidOf('ev');
    const rows = await text(psql.columns(oid));
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['x', 'bigint', `"identity"(${oid}, 0, '1,1'::text)`, 't'],
      ['y', 'numeric(10,3)', '7 + 1', 'f'],
      ['z', 'character(4)', null, 'f'],
    ]);
    const date = await text(psql.columns(await oidOf('date')));
    expect(date[7]!.slice(0, 4)).toEqual(['holiday', 'boolean', "'N'", 'f']);
  });

  it('finds no parent or child tables', async () => {
    const oid = await oidOf('sales');
    expect(await text(psql.inheritedFrom(oid))).toEqual([]);
    expect(await text(psql.childTables(oid))).toEqual([]);
  });
});

describe('\\d+ table', () => {
  it('answers the storage-options expression (ARRAY over unnest of the TOAST table options) with no options', async () => {
    const oid = await oidOf('users');
    const [info] = await text(psql.tableInfo(oid, true));
    expect(info!.slice(0, 2)).toEqual(['0', 'r']);
    expect(info![9]).toBe('');
  });

  it('adds storage, statistics target and the column comments', async () => {
    const rows = await text(psql.columns(await oidOf('users'), 'table'));
    expect(rows[0]!.slice(7)).toEqual(['p', null, 'the key']);
    expect(rows[1]!.slice(7)).toEqual(['x', null, null]);
  });
});

describe('\\d view and \\d+ view', () => {
  it('describes a view: kind v, with rules, its columns', async () => {
    const oid = await oidOf('sales_v');
    const [info] = await text(psql.tableInfo(oid, true));
    expect(info!.slice(0, 4)).toEqual(['0', 'v', 'f', 't']);
    const cols = await text(psql.columns(oid, 'view'));
    expect(cols.map((r) => r.slice(0, 2))).toEqual([
      ['salesid', 'integer'],
      ['pricepaid', 'numeric(8,2)'],
    ]);
  });

  it('shows the definition, and no rules besides _RETURN', async () => {
    const oid = await oidOf('sales_v');
    expect(await text(psql.viewDefinition(oid))).toEqual([['select salesid, pricepaid from sales']]);
    expect(await text(psql.viewRules(oid))).toEqual([]);
    const rule = await text(`select rulename, pg_get_ruledef(oid, true) from pg_rewrite where ev_class = ${oid}`);
    expect(rule).toEqual([['_RETURN', 'CREATE RULE "_RETURN" AS ON SELECT TO sales_v DO INSTEAD select salesid, pricepaid from sales;']]);
  });
});

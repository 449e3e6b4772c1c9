/**
 * psql 15's listing commands against Slicewise — `\d`, `\dt`, `\dv`, `\dt+`, `\dn`, `\dn+`, `\l`,
 * `\du`, `\dp`, `\df`, `\df+` — and its tab completion, with their exact catalog queries for an
 * 8.0.2 server (psql-queries.ts), checked as the text psql receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type Session } from '../../src/index.js';
import { TICKIT_DDL } from '../helpers/tickit.js';
import { SALES_DDL, USERS_DDL } from './tickit-ddl.js';
import * as psql from './psql-queries.js';

const ALL_KINDS = "'r','p','v','m','S','f',''";
const TABLES = "'r','p',''";
const VIEWS = "'v',''";

let cluster: Cluster;
let session: Session;

beforeAll(async () => {
  cluster = await Cluster.start();
  session = cluster.session();
  for (const ddl of [USERS_DDL, SALES_DDL, TICKIT_DDL.category]) await session.query(ddl);
  await session.query("insert into category values (1, 'Sports', 'MLB', 'Major League Baseball'), (2, 'Shows', 'Opera', 'All opera')");
  await session.query('create view sales_v as select salesid from sales');
  await session.query("comment on table users is 'TICKIT users'");
  await session.query("comment on schema public is 'where TICKIT lives'");
  await session.query('create schema s2');
  await session.query('create table s2.hidden (k integer)');
  await session.query('create temp table scratch (k integer)');
});
afterAll(async () => {
  await session.close();
  await cluster.close();
});

async function text(sql: string): Promise<(string | null)[][]> {
  return (await session.query(sql)).toTextArrays();
}

describe('\\d, \\dt, \\dv', () => {
  it('\\d lists the relations on the search path, the session temp table first, with their owners', async () => {
    const rows = await text(psql.listRelations(ALL_KINDS));
    expect(rows).toEqual([
      [expect.stringMatching(/^pg_temp_\d+$/), 'scratch', 'table', 'awsuser'],
      ['public', 'category', 'table', 'awsuser'],
      ['public', 'sales', 'table', 'awsuser'],
      ['public', 'sales_v', 'view', 'awsuser'],
      ['public', 'users', 'table', 'awsuser'],
    ]);
  });

  it('\\dt lists tables only and \\dv views only', async () => {
    const tables = (await text(psql.listRelations(TABLES))).map((r) => r[1]);
    expect(tables).toEqual(['scratch', 'category', 'sales', 'users']);
    expect(await text(psql.listRelations(VIEWS))).toEqual([['public', 'sales_v', 'view', 'awsuser']]);
  });

  it('\\dt s* matches names by regular expression', async () => {
    const rows = (await text(psql.listTablesMatching('^(s.*)$'))).filter((r) => r[0] !== 'pg_catalog');
    expect(rows.map((r) => r[1])).toEqual(['scratch', 'sales']);
  });

  it('\\dt+ adds persistence, size in 1 MB blocks and the comment', async () => {
    const rows = await text(psql.listRelations(TABLES, true));
    expect(rows.map((r) => [r[1], r[4], r[6]])).toEqual([
      ['scratch', 'temporary', null],
      ['category', 'permanent', null],
      ['sales', 'permanent', null],
      ['users', 'permanent', 'TICKIT users'],
    ]);
    const sizes = Object.fromEntries(rows.map((r) => [r[1], r[5]]));
    expect(sizes.sales).toBe('0 bytes');
    // The table's blocks on all slices, 1 MB each.
    const [[blocks]] = (await session.query("select sum(block_count) from stv_tbl_perm where name = 'category'")).toArrays() as [[bigint]];
    expect(Number(blocks)).toBeGreaterThan(0);
    // PostgreSQL's pg_size_pretty shows up to 20479 kB in kB.
    expect(sizes.category).toBe(`${Number(blocks) * 1024} kB`);
  });
});

describe('\\dn and \\dn+', () => {
  it('lists user schemas with owners, leaving out pg_* and information_schema', async () => {
    expect(await text(psql.listSchemas())).toEqual([
      ['public', 'rdsdb'],
      ['s2', 'awsuser'],
    ]);
  });

  it('adds privileges (none recorded: a NULL ACL) and comments', async () => {
    expect(await text(psql.listSchemas(true))).toEqual([
      ['public', 'rdsdb', null, 'where TICKIT lives'],
      ['s2', 'awsuser', null, null],
    ]);
  });
});

describe('\\l, \\du, \\dp', () => {
  it('\\l lists the database and the templates, in Redshift\'s UNICODE encoding', async () => {
    expect(await text(psql.LIST_DATABASES)).toEqual([
      ['dev', 'rdsdb', 'UNICODE', 'C', 'C', null, 'libc', null],
      ['template0', 'rdsdb', 'UNICODE', 'C', 'C', null, 'libc', null],
      ['template1', 'rdsdb', 'UNICODE', 'C', 'C', null, 'libc', null],
    ]);
  });

  it('\\du lists the users as superusers without group memberships', async () => {
    expect(await text(psql.LIST_ROLES)).toEqual([
      ['awsuser', 't', 't', 't', 't', 't', '-1', null, '{}', 'f'],
      ['rdsdb', 't', 't', 't', 't', 't', '-1', null, '{}', 'f'],
    ]);
  });

  it('\\dp lists the visible relations with no privileges recorded', async () => {
    const rows = await text(psql.LIST_PRIVILEGES);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['public', 'category', 'table'],
      ['public', 'sales', 'table'],
      ['public', 'sales_v', 'view'],
      ['public', 'users', 'table'],
    ]);
    // No table ACL (NULL); the column ACLs, an ARRAY() over none, join to ''.
    expect(rows.every((r) => r[3] === null && r[4] === '')).toBe(true);
  });
});

describe('\\df and \\df+', () => {
  it('list no functions: there are no user-defined ones, and the built-ins are not in pg_proc', async () => {
    expect(await text(psql.listFunctions())).toEqual([]);
    expect(await text(psql.listFunctions(true))).toEqual([]);
    expect((await session.query(psql.listFunctions(true))).fields.map((f) => f.name)).toEqual([
      'schema', 'name', 'result data type', 'argument data types', 'type', 'volatility', 'owner', 'security', 'access privileges', 'language', 'source code', 'description',
    ]);
  });

  it("the 'trigger' pseudo-type and the built-in languages are in the catalogs", async () => {
    expect(await text("select 'pg_catalog.trigger'::pg_catalog.regtype::pg_catalog.oid, typtype from pg_type where typname = 'trigger'")).toEqual([['2279', 'p']]);
    expect(await text('select oid, lanname from pg_language order by oid')).toEqual([['12', 'internal'], ['13', 'c'], ['14', 'sql']]);
  });
});

describe('tab completion', () => {
  it('completes table names (and schemas) by prefix, leaving pg_catalog out', async () => {
    expect(await text(psql.completeRelation("'r', 'S', 'v', 'm', 'f', 'p'", 'sa'))).toEqual([
      ['sales', null],
      ['sales_v', null],
    ]);
    const all = await text(psql.completeRelation("'r', 'p'", ''));
    expect(all.filter((r) => r[0] !== null).map((r) => r[0]).sort()).toEqual(['category', 'sales', 'scratch', 'users']);
    expect(all.filter((r) => r[0] === null).map((r) => r[1]).sort()).toEqual(['information_schema', 'public', 's2']);
  });

  it('completes column names of the table in the statement', async () => {
    expect(await text(psql.completeColumn('users', 'like'))).toHaveLength(10);
    expect(await text(psql.completeColumn('users', 'user'))).toEqual([
      ['userid', null],
      ['username', null],
    ]);
  });
});

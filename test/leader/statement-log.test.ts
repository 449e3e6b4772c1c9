/**
 * STL_DDLTEXT, STL_UTILITYTEXT, STL_QUERYTEXT and SVL_STATEMENTTEXT: every statement's text, in
 * 200-character pieces numbered by `sequence`, by its kind (dg:r_STL_DDLTEXT.md and neighbours).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type Session } from '../../src/index.js';

describe('statement text logs', () => {
  let cluster: Cluster;
  let session: Session;
  const longView = `create view v as select a as ${'a'.repeat(120)}, a as ${'b'.repeat(120)} from t`;
  const rows = async (sql: string): Promise<unknown[][]> => (await session.query(sql)).toArrays().map((r) => r.map((v) => (typeof v === 'string' ? v.trimEnd() : v)));

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 1, slicesPerNode: 1 });
    session = cluster.session();
    await session.query('create table t (a int)');
    await session.query('set search_path to public');
    await session.query('begin');
    await session.query(longView);
    await session.query('commit');
    await session.query('truncate t');
    await session.query('select * from t');
    await session.query('drop table nope').catch(() => undefined);
  });
  afterAll(async () => {
    await session?.close();
    await cluster?.close();
  });

  it('STL_DDLTEXT: CREATE, DROP (failed ones too), long text in 200-character pieces, each with its transaction', async () => {
    const ddl = await rows('select xid, sequence, text from stl_ddltext order by starttime, sequence');
    expect(ddl.map((r) => r.slice(1))).toEqual([
      [0, 'create table t (a int)'],
      [0, longView.slice(0, 200)],
      [1, longView.slice(200)],
      [0, 'drop table nope'],
    ]);
    expect(new Set(ddl.map((r) => r[0])).size).toBe(3);
    // The guide's way to put a long statement back together.
    const rebuilt = await rows(
      "SELECT xid, LISTAGG(CASE WHEN LEN(RTRIM(text)) = 0 THEN text ELSE RTRIM(text) END, '') WITHIN GROUP (ORDER BY sequence) AS query_statement FROM stl_ddltext GROUP BY xid ORDER BY xid",
    );
    expect(rebuilt.map((r) => r[1])).toContain(longView);
  });

  it('STL_UTILITYTEXT: SET, transaction control, TRUNCATE', async () => {
    expect((await rows('select text from stl_utilitytext order by starttime')).map((r) => r[0])).toEqual(['set search_path to public', 'begin', 'commit', 'truncate t']);
  });

  it('SVL_STATEMENTTEXT: all of them, typed DDL, QUERY or UTILITY; STL_QUERYTEXT the queries', async () => {
    const all = await rows("select type, text from svl_statementtext where sequence = 0 and text not like '%stl_%' and text not like '%svl_%' order by starttime");
    expect(all).toEqual([
      ['DDL', 'create table t (a int)'],
      ['UTILITY', 'set search_path to public'],
      ['UTILITY', 'begin'],
      ['DDL', longView.slice(0, 200)],
      ['UTILITY', 'commit'],
      ['UTILITY', 'truncate t'],
      ['QUERY', 'select * from t'],
      ['DDL', 'drop table nope'],
    ]);
    expect(await rows("select sequence, text from stl_querytext where text like 'select * from t%'")).toEqual([[0, 'select * from t']]);
  });

  it('STL_QUERY and STL_QUERYTEXT carry the transaction a query ran in', async () => {
    await session.query('begin');
    await session.query('create table tx (a int)');
    await session.query('select count(*) from tx');
    await session.query('commit');
    const [[ddlXid]] = (await rows("select xid from stl_ddltext where text like 'create table tx%'")) as [[unknown]];
    expect(ddlXid).not.toBe(0);
    expect(await rows("select xid from stl_query where querytxt like 'select count(*) from tx%'")).toEqual([[ddlXid]]);
    expect(await rows("select xid from stl_querytext where text like 'select count(*) from tx%'")).toEqual([[ddlXid]]);
  });
});

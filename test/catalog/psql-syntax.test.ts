/**
 * The SQL pieces psql's and the drivers' catalog queries need, one by one: OPERATOR(pg_catalog.op),
 * pg_catalog-qualified type names, COLLATE, casts to oid/regclass/regtype/regnamespace/regproc/name,
 * correlated scalar subqueries without an aggregate, ARRAY(subquery), the array functions over
 * PostgreSQL's array text, unnest() in FROM, and the catalog helpers (pg_encoding_to_char,
 * pg_size_pretty, pg_table_size, pg_type_is_visible).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { parseStatement } from '../../src/sql/index.js';
import { deparseExpr } from '../../src/sql/deparse.js';
import { errorOf } from '../helpers/results.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query('create table t1 (a integer, b varchar(10)) diststyle even');
  await cluster.query("insert into t1 values (1, 'one'), (2, 'two'), (3, null), (4, 'four')");
  await cluster.query('create table t2 (k integer, v varchar(10)) distkey(k)');
  await cluster.query("insert into t2 values (1, 'x'), (2, 'y'), (2, 'z'), (3, 'w')");
  await cluster.query('create schema s2');
  await cluster.query('create table s2.off_path (i integer)');
  await cluster.query('create view t1_v as select a from t1');
});
afterAll(async () => {
  await cluster.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await cluster.query(sql)).toArrays();
}

async function one(sql: string): Promise<unknown> {
  return (await rows(sql))[0]![0];
}

async function oidOf(name: string): Promise<number> {
  return (await one(`select oid from pg_class where relname = '${name}'`)) as number;
}

describe('operators and type names as psql writes them', () => {
  it('OPERATOR(pg_catalog.op) is the operator itself', async () => {
    expect(await rows("select b from t1 where b OPERATOR(pg_catalog.~) '^t' order by 1")).toEqual([['two']]);
    expect(await one('select 2 OPERATOR(pg_catalog.+) 3 OPERATOR(=) 5')).toBe(true);
    expect(await one("select 'abc' operator(!~) 'b'")).toBe(false);
    expect((await errorOf(cluster.query("select 'a' OPERATOR(public.~) 'a'"))).message).toBe('syntax error at or near "public"');
  });

  it('pg_catalog-qualified type names are the built-in types', async () => {
    expect(await one("select '12'::pg_catalog.int4 + 1")).toBe(13);
    expect(await one("select ''::pg_catalog.char")).toBe(' ');
    expect(await one('select cast(1 as pg_catalog.text)')).toBe('1');
  });

  it('COLLATE default / "C" / POSIX leave values as they are (byte order)', async () => {
    expect(await rows("select b collate pg_catalog.default from t1 where b collate \"C\" > 'o' order by b collate posix")).toEqual([['one'], ['two']]);
    await cluster.query('create table collated (s varchar(10) default \'x\' collate case_insensitive)').catch((e: unknown) => {
      // Whether Slicewise takes case_insensitive or not, DEFAULT must not swallow the COLLATE clause.
      expect((e as Error).message).not.toMatch(/syntax error at or near "collate"/i);
    });
  });
});

describe('casts to catalog types', () => {
  it('::oid and ::name', async () => {
    expect(await one("select '16384'::pg_catalog.oid + 1")).toBe(16385);
    expect(await one("select 'users'::name")).toBe('users');
    expect((await errorOf(cluster.query("select 'pg_class'::oid"))).code).toBe('22P02');
  });

  it('text::regclass is the relation\'s oid, on the search path or qualified', async () => {
    expect(await one("select 'pg_catalog.pg_class'::pg_catalog.regclass")).toBe(1259);
    expect(await one("select 't1'::regclass")).toBe(await oidOf('t1'));
    expect(await one("select 's2.off_path'::regclass")).toBe(await oidOf('off_path'));
    expect(await one("select count(*) from pg_description where classoid = 'pg_catalog.pg_class'::pg_catalog.regclass")).toBe(0n);
    const missing = await errorOf(cluster.query("select 'nosuch'::regclass"));
    expect(missing).toMatchObject({ code: '42P01', message: 'relation "nosuch" does not exist', position: 7 });
  });

  it('oid::regclass prints the name, qualified when not on the search path, the number when unknown', async () => {
    const t1 = await oidOf('t1');
    const off = await oidOf('off_path');
    expect(await one(`select ${t1}::regclass`)).toBe('t1');
    expect(await one(`select ${off}::regclass::pg_catalog.text`)).toBe('s2.off_path');
    expect(await one('select 1259::regclass')).toBe('pg_class');
    expect(await one('select 999999::regclass')).toBe('999999');
    expect(await one('select null::integer::regclass')).toBe(null);
    expect(await rows("select c.oid::regclass from pg_class c where relname in ('t2', 't1') order by c.oid::regclass::text")).toEqual([['t1'], ['t2']]);
  });

  it('regtype both ways, regnamespace and regproc', async () => {
    expect(await one("select 'int4'::regtype")).toBe(23);
    expect(await one("select 'character varying'::pg_catalog.regtype")).toBe(1043);
    expect(await one('select 1700::regtype::text')).toBe('numeric');
    expect(await one("select 'pg_catalog.trigger'::regtype")).toBe(2279);
    expect((await errorOf(cluster.query("select 'pg_catalog.no_such_type'::regtype"))).code).toBe('42704');
    expect(await one("select 'public'::regnamespace")).toBe(await one("select oid from pg_namespace where nspname = 'public'"));
    expect(await one('select 11::regnamespace')).toBe('pg_catalog');
    expect(await one("select 'pg_catalog.array_in'::regproc")).toBe('array_in');
    expect(await one("select count(*) from pg_type where typinput = 'int4in'::regproc")).toBe(1n);
  });
});

describe('correlated scalar subqueries without an aggregate', () => {
  it('give the one matching value, or NULL when none matches', async () => {
    expect(await rows('select a, (select v from t2 where t2.k = t1.a and t2.k <> 2) from t1 order by a')).toEqual([
      [1, 'x'],
      [2, null],
      [3, 'w'],
      [4, null],
    ]);
  });

  it('fail with 21000 when two rows match an outer row', async () => {
    const e = await errorOf(cluster.query('select a, (select v from t2 where t2.k = t1.a) from t1'));
    expect(e).toMatchObject({ code: '21000', message: 'more than one row returned by a subquery used as an expression' });
  });

  it('apply conditions on the outer row alone, and mixed ones rewritten through the key equality', async () => {
    // t1.a > 1 is on the outer row; (v <> 'y' or t1.a <> 2) becomes (v <> 'y' or t2.k <> 2), leaving one row for a = 2.
    expect(await rows("select a, (select v from t2 where t2.k = t1.a and t1.a > 1 and (t2.v <> 'y' or t1.a <> 2)) from t1 order by a")).toEqual([
      [1, null],
      [2, 'z'],
      [3, 'w'],
      [4, null],
    ]);
    const e = await errorOf(cluster.query('select (select v from t2 where t2.v > t1.b) from t1'));
    expect(e.code).toBe('0A000');
  });
});

describe('ARRAY(subquery) and array functions', () => {
  it('builds PostgreSQL array text, quoting where needed, {} for no rows', async () => {
    expect(await one('select array(select b from t1 order by a)')).toBe('{one,two,NULL,four}');
    expect(await one('select array(select b from t1 where a > 10)')).toBe('{}');
    expect(await one(`select array(select x from unnest('{"a b","x\\"y","",NULL}') x)`)).toBe('{"a b","x\\"y","",NULL}');
    expect(await one("select array(select quote_array_element(v) from t2 where k = 1)")).toBe('{x}');
    expect(await rows(`select quote_array_element('a b'), quote_array_element(''), quote_array_element('null'), quote_array_element(null), quote_array_element('x"\\y')`)).toEqual([
      ['"a b"', '""', '"null"', 'NULL', '"x\\"\\\\y"'],
    ]);
  });

  it('orders by the subquery ORDER BY, by position or alias', async () => {
    expect(await one('select array(select v from t2 order by 1 desc)')).toBe('{z,y,x,w}');
    expect(await one('select array(select v as w from t2 order by w)')).toBe('{w,x,y,z}');
  });

  it('is correlated like a scalar subquery with an aggregate', async () => {
    expect(await rows('select a, array(select v from t2 where t2.k = t1.a order by v) from t1 order by a')).toEqual([
      [1, '{x}'],
      [2, '{y,z}'],
      [3, '{w}'],
      [4, '{}'],
    ]);
  });

  it('rejects the forms it cannot build', async () => {
    expect((await errorOf(cluster.query('select array(select k from t2 group by k)'))).code).toBe('0A000');
    expect((await errorOf(cluster.query('select array(select k, v from t2)'))).code).toBe('0A000');
  });

  it('array_to_string, array_cat and || with ARRAY()', async () => {
    expect(await rows(`select array_to_string('{a,"b c",NULL}', '/'), array_to_string('{a,NULL}', ',', '*'), array_to_string('{}', ',')`)).toEqual([['a/b c', 'a,*', '']]);
    expect(await one("select array_cat('{a}', '{\"b c\"}')")).toBe('{a,"b c"}');
    expect(await one("select array_cat(null, '{b}')")).toBe('{b}');
    expect(await one("select array_to_string(null || array(select v from t2 where k = 2 order by v), ', ')")).toBe('y, z');
    expect((await errorOf(cluster.query("select array_to_string('a,b', ',')"))).code).toBe('22P02');
  });
});

describe('unnest() in FROM', () => {
  it('unnests a constant array, with the alias naming the column', async () => {
    expect(await rows("select x from unnest('{p,\"q r\",NULL}') x")).toEqual([['p'], ['q r'], [null]]);
    expect(await rows("select e from pg_catalog.unnest('{1,2}') as s(e) where e <> '1'")).toEqual([['2']]);
  });

  it('unnests a system-table column of the enclosing query, row by row', async () => {
    // pg_class.reloptions is NULL for every relation: no elements, so psql's options expression is {}.
    const r = await rows("select relname, array(select 'toast.' || x from pg_catalog.unnest(c.reloptions) x) from pg_class c where relname = 't1'");
    expect(r).toEqual([['t1', '{}']]);
    const ok = await rows("select nspname, (select count(*) from unnest(n.nspacl) x) from pg_namespace n where nspname = 'public'");
    expect(ok).toEqual([['public', 0n]]);
  });

  it('refuses other arguments', async () => {
    const e = await errorOf(cluster.query('select (select count(*) from unnest(t1.b) x) from t1'));
    expect(e.code).toBe('0A000');
  });
});

describe('catalog helpers', () => {
  it('pg_encoding_to_char names Redshift\'s encodings', async () => {
    expect(await rows('select pg_encoding_to_char(6), pg_encoding_to_char(0), pg_encoding_to_char(99)')).toEqual([['UNICODE', 'SQL_ASCII', '']]);
  });

  it('pg_size_pretty rounds as PostgreSQL does', async () => {
    expect(await rows('select pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(7340032::bigint), pg_size_pretty(21474836480::bigint), pg_size_pretty(-10240::bigint)')).toEqual([
      ['10239 bytes', '10 kB', '7168 kB', '20 GB', '-10 kB'],
    ]);
  });

  it('pg_table_size and friends count 1 MB blocks; views 0; unknown oids NULL', async () => {
    const t1 = await oidOf('t1');
    const blocks = Number(await one(`select sum(block_count) from stv_tbl_perm where id = ${t1}`));
    expect(blocks).toBeGreaterThan(0);
    expect(await rows(`select pg_table_size(${t1}), pg_relation_size(${t1}), pg_total_relation_size(${t1})`)).toEqual([[BigInt(blocks) * 1048576n, BigInt(blocks) * 1048576n, BigInt(blocks) * 1048576n]]);
    expect(await one(`select pg_table_size(${await oidOf('t1_v')})`)).toBe(0n);
    expect(await one('select pg_table_size(1)')).toBe(null);
  });

  it('pg_type_is_visible is true for the built-in types', async () => {
    expect(await rows('select pg_type_is_visible(23), pg_type_is_visible(42)')).toEqual([[true, false]]);
  });
});

describe('deparsing', () => {
  it('prints ARRAY(subquery) so that it parses back', () => {
    const stmt = parseStatement('select array(select a from t1 order by a)');
    if (stmt.kind !== 'query' || stmt.query.kind !== 'select') throw new Error('expected a select');
    const text = deparseExpr(stmt.query.items[0]!.expr);
    expect(text).toMatch(/^ARRAY\(select/i);
    const again = parseStatement(`select ${text}`);
    expect(again.kind).toBe('query');
  });
});

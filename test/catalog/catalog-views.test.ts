/**
 * pg_catalog, information_schema and SVV_ catalog views: what they list, for whom (search_path, temp
 * tables), and the engine values of their columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { TICKIT_DDL } from '../helpers/tickit.js';
import { SALES_DDL } from './tickit-ddl.js';
import { errorOf } from '../helpers/results.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query(TICKIT_DDL.date);
  await cluster.query(SALES_DDL);
  await cluster.query('create table ks (a integer, b varchar(5), c decimal(10,3), d char(4)) diststyle key distkey(b) interleaved sortkey(a, b, c)');
  await cluster.query('create table ev (x integer identity(1,1), y bigint default 7 + 1) diststyle even');
  await cluster.query('create table al (x real, y double precision, z time, w timestamptz) diststyle all');
  await cluster.query('create view sales_v as select salesid, pricepaid from sales');
  await cluster.query('create schema s2');
  await cluster.query('create table s2.hidden (k integer not null)');
});
afterAll(async () => {
  await cluster.close();
});


describe('pg_namespace and pg_class', () => {
  it('lists the system schemas, public, user schemas and the session temp schema only', async () => {
    const a = cluster.session();
    const b = cluster.session();
    await a.query('create temp table ta (i integer)');
    await b.query('create temp table tb (i integer)');
    const names = (await a.query('select nspname from pg_namespace order by oid')).toArrays().map((r) => r[0]);
    expect(names.slice(0, 3)).toEqual(['pg_catalog', 'public', 'information_schema']);
    expect(names).toContain('s2');
    const temps = names.filter((n) => String(n).startsWith('pg_temp_'));
    expect(temps).toHaveLength(1);
    const tables = (await a.query("select relname from pg_class where relname in ('ta', 'tb')")).toArrays();
    expect(tables).toEqual([['ta']]);
    const info = await a.query("select table_type from information_schema.tables where table_name = 'ta'");
    expect(info.toArrays()).toEqual([['LOCAL TEMPORARY']]);
    await a.close();
    await b.close();
  });

  it('reports kinds, column counts and Redshift distribution codes', async () => {
    const r = await cluster.query(
      "select relname, relkind, relnatts, reldiststyle from pg_class where relname in ('sales', 'ks', 'ev', 'al', 'date', 'sales_v') order by relname",
    );
    expect(r.toArrays()).toEqual([
      ['al', 'r', 4, 8],
      ['date', 'r', 8, 1],
      ['ev', 'r', 2, 0],
      ['ks', 'r', 4, 1],
      ['sales', 'r', 10, 1],
      ['sales_v', 'v', 2, 0],
    ]);
    await cluster.query('create table au (i integer)');
    const info = await cluster.query("select releffectivediststyle, relcreationtime is not null as created from pg_class_info where relname = 'au'");
    expect(info.toArrays()).toEqual([[10, true]]);
  });

  it('lists pg_catalog relations in pg_class and pg_tables, but not in the documented user-table join', async () => {
    const r = await cluster.query("select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pg_catalog' and c.relname in ('pg_class', 'stv_slices')");
    expect(r.toArrays().sort()).toEqual([
      ['pg_class', 'r'],
      ['stv_slices', 'v'],
    ]);
    const t = await cluster.query("select schemaname, tableowner from pg_tables where tablename = 'sales'");
    expect(t.toArrays()).toEqual([['public', 'awsuser']]);
  });
});

describe('pg_attribute, pg_type and format_type', () => {
  it('gives type oids, typmods, lengths and Redshift key columns', async () => {
    const r = await cluster.query(
      "select attname, atttypid, atttypmod, attlen, attnum, attnotnull, attisdistkey, attsortkeyord, format_encoding(attencodingtype) as enc from pg_attribute a join pg_class c on a.attrelid = c.oid where c.relname = 'ks' order by attnum",
    );
    expect(r.toArrays()).toEqual([
      ['a', 23, -1, 4, 1, false, false, 1, 'none'],
      ['b', 1043, 9, -1, 2, false, true, -2, 'none'],
      ['c', 1700, (10 << 16) + 3 + 4, -1, 3, false, false, 3, 'none'],
      ['d', 1042, 8, -1, 4, false, false, 0, 'lzo'],
    ]);
  });

  it('format_type over pg_attribute agrees with PG_TABLE_DEF for every column type', async () => {
    await cluster.query('set search_path to public, s2');
    try {
      const r = await cluster.query(
        'select d.type, format_type(a.atttypid, a.atttypmod) as formatted from pg_table_def d join pg_class c on c.relname = d.tablename ' +
          "join pg_attribute a on a.attrelid = c.oid and a.attname = d.\"column\" where d.schemaname <> 'pg_catalog'",
      );
      expect(r.rowCount).toBeGreaterThan(20);
      for (const [type, formatted] of r.toArrays()) expect(formatted).toBe(type);
      const types = new Set(r.toArrays().map((x) => x[0]));
      for (const t of ['real', 'double precision', 'time without time zone', 'timestamp with time zone', 'bigint', 'character(4)', 'numeric(10,3)']) {
        expect(types).toContain(t);
      }
    } finally {
      await cluster.query('reset search_path');
    }
  });

  it('formats constant arguments as PostgreSQL does', async () => {
    const r = await cluster.query(
      'select format_type(1043, 14) as a, format_type(1042, -1) as b, format_type(1042, null) as c, format_type(1700, 524294) as d, ' +
        'format_type(23, -1) as e, format_type(99999, -1) as f, format_type(null, 1) as g, format_type(1043, null) as h',
    );
    expect(r.rows).toEqual([{ a: 'character varying(10)', b: 'bpchar', c: 'character', d: 'numeric(8,2)', e: 'integer', f: '???', g: null, h: 'character varying' }]);
  });

  it('lists the built-in types in pg_type', async () => {
    const r = await cluster.query("select oid, typname, typlen, typtype from pg_type where typname in ('int4', 'varchar', 'bpchar', 'numeric', 'timestamp', 'bool') order by oid");
    expect(r.toArrays()).toEqual([
      [16, 'bool', 1, 'b'],
      [23, 'int4', 4, 'b'],
      [1042, 'bpchar', -1, 'b'],
      [1043, 'varchar', -1, 'b'],
      [1114, 'timestamp', 8, 'b'],
      [1700, 'numeric', -1, 'b'],
    ]);
  });
});

describe('PG_TABLE_DEF and the search path', () => {
  it('shows only tables in schemas on search_path, and signed interleaved sort key ordinals', async () => {
    const before = await cluster.query("select count(*) as n from pg_table_def where tablename = 'hidden'");
    expect(before.rows).toEqual([{ n: 0n }]);
    await cluster.query("set search_path to '$user', public, s2");
    try {
      const after = await cluster.query("select schemaname, \"column\", \"notnull\" from pg_table_def where tablename = 'hidden'");
      expect(after.toArrays()).toEqual([['s2', 'k', true]]);
    } finally {
      await cluster.query('reset search_path');
    }
    const ks = await cluster.query("select \"column\", distkey, sortkey from pg_table_def where tablename = 'ks'");
    expect(ks.toArrays()).toEqual([
      ['a', false, 1],
      ['b', true, -2],
      ['c', false, 3],
      ['d', false, 0],
    ]);
  });

  it('hides a table shadowed by one of the same name earlier on the path (pg_table_is_visible)', async () => {
    await cluster.query('create table s2.sales (z integer)');
    await cluster.query('set search_path to public, s2');
    try {
      const r = await cluster.query("select distinct schemaname from pg_table_def where tablename = 'sales'");
      expect(r.toArrays()).toEqual([['public']]);
      const v = await cluster.query(
        "select n.nspname, pg_table_is_visible(c.oid) as visible from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = 'sales' order by 1",
      );
      expect(v.toArrays()).toEqual([
        ['public', true],
        ['s2', false],
      ]);
    } finally {
      await cluster.query('reset search_path');
      await cluster.query('drop table s2.sales');
    }
  });
});

describe('defaults', () => {
  it('renders DEFAULT expressions and IDENTITY in pg_attrdef and information_schema', async () => {
    const r = await cluster.query(
      "select c.relname, d.adnum, d.adsrc from pg_attrdef d join pg_class c on c.oid = d.adrelid where c.relname in ('date', 'ev') order by 1, 2",
    );
    const evOid = (await cluster.query("select oid from pg_class where relname = 'ev'")).toArrays()[0]![0];
    expect(r.toArrays()).toEqual([
      ['date', 8, "'N'"],
      ['ev', 1, `"identity"(${evOid}, 0, '1,1'::text)`],
      ['ev', 2, '7 + 1'],
    ]);
    const c = await cluster.query("select column_name, column_default, is_nullable, is_identity from information_schema.columns where table_name = 'ev' order by ordinal_position");
    expect(c.toArrays()).toEqual([
      ['x', `"identity"(${evOid}, 0, '1,1'::text)`, 'NO', 'YES'],
      ['y', '7 + 1', 'YES', 'NO'],
    ]);
    const has = await cluster.query("select attname, atthasdef from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relname = 'date' and attnum in (1, 8) order by attnum");
    expect(has.toArrays()).toEqual([
      ['dateid', false],
      ['holiday', true],
    ]);
  });
});

describe('information_schema and SVV_ views', () => {
  it('describes columns as dbt reads them', async () => {
    const r = await cluster.query(
      'select column_name, data_type, character_maximum_length, numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision ' +
        "from information_schema.\"columns\" where table_schema = 'public' and table_name = 'ks' order by ordinal_position",
    );
    expect(r.toArrays()).toEqual([
      ['a', 'integer', null, 32, 2, 0, null],
      ['b', 'character varying', 5, null, null, null, null],
      ['c', 'numeric', null, 10, 10, 3, null],
      ['d', 'character', 4, null, null, null, null],
    ]);
    const t = await cluster.query("select data_type, datetime_precision from information_schema.columns where table_name = 'al' order by ordinal_position");
    expect(t.toArrays()).toEqual([
      ['real', null],
      ['double precision', null],
      ['time without time zone', 6],
      ['timestamp with time zone', 6],
    ]);
  });

  it('lists tables, views and schemata', async () => {
    const t = await cluster.query("select table_name, table_type from information_schema.tables where table_schema = 'public' and table_name in ('sales', 'sales_v') order by 1");
    expect(t.toArrays()).toEqual([
      ['sales', 'BASE TABLE'],
      ['sales_v', 'VIEW'],
    ]);
    const v = await cluster.query("select table_name, view_definition from information_schema.views where table_schema = 'public'");
    expect(v.toArrays()).toEqual([['sales_v', 'select salesid, pricepaid from sales']]);
    const pv = await cluster.query("select viewname, definition = pg_get_viewdef('sales_v') as same from pg_views where schemaname = 'public'");
    expect(pv.toArrays()).toEqual([['sales_v', true]]);
    const s = await cluster.query("select schema_name, schema_owner from information_schema.schemata where schema_name in ('public', 's2') order by 1");
    expect(s.toArrays()).toEqual([
      ['public', 'rdsdb'],
      ['s2', 'awsuser'],
    ]);
  });

  it('answers SVV_TABLES, SVV_COLUMNS, SVV_ALL_COLUMNS and SVV_REDSHIFT_COLUMNS', async () => {
    const t = await cluster.query("select table_catalog, table_schema, table_type from svv_tables where table_name = 'sales'");
    expect(t.toArrays()).toEqual([['dev', 'public', 'BASE TABLE']]);
    const c = await cluster.query("select column_name, data_type, numeric_precision, numeric_scale from svv_columns where table_name = 'sales' and ordinal_position in (1, 8)");
    expect(c.toArrays()).toEqual([
      ['salesid', 'integer', 32, 0],
      ['pricepaid', 'numeric', 8, 2],
    ]);
    const a = await cluster.query("select database_name, column_name, is_nullable from svv_all_columns where table_name = 'sales' and ordinal_position = 2");
    expect(a.toArrays()).toEqual([['dev', 'listid', 'NO']]);
    const rs = await cluster.query("select column_name, encoding, distkey, sortkey from svv_redshift_columns where table_name = 'sales' and ordinal_position in (2, 6) order by 1");
    expect(rs.toArrays()).toEqual([
      ['dateid', 'none', false, 1],
      ['listid', 'az64', true, 0],
    ]);
  });
});

describe('users, privileges and the search path functions', () => {
  it('names owners and users', async () => {
    const r = await cluster.query("select pg_get_userbyid(relowner) as owner, pg_get_userbyid(12345) as nobody from pg_class where relname = 'sales'");
    expect(r.rows).toEqual([{ owner: 'awsuser', nobody: 'unknown (UID=12345)' }]);
    const u = await cluster.query('select usename, usesysid, usesuper from pg_user order by usesysid');
    expect(u.toArrays()).toEqual([
      ['rdsdb', 1, true],
      ['awsuser', 100, true],
    ]);
    const d = await cluster.query('select datname from pg_database where not datistemplate');
    expect(d.toArrays()).toEqual([['dev']]);
  });

  it('checks privileges on existing objects and rejects unknown ones', async () => {
    const r = await cluster.query(
      "select has_table_privilege('sales', 'select') as a, has_table_privilege(current_user, 'svv_table_info', 'SELECT') as b, " +
        "has_table_privilege('public.sales', 'insert, update') as c, has_schema_privilege('s2', 'usage') as d, has_database_privilege('dev', 'temp') as e",
    );
    expect(r.rows).toEqual([{ a: true, b: true, c: true, d: true, e: true }]);
    const perRow = await cluster.query("select count(*) as n from pg_tables where has_table_privilege(schemaname || '.' || tablename, 'select')");
    expect((perRow.rows[0] as { n: bigint }).n).toBeGreaterThan(0n);
    const missing = await errorOf(cluster.query("select has_table_privilege('nosuch', 'select')"));
    expect(missing.code).toBe('42P01');
    expect(missing.position).toBe(27);
    expect((await errorOf(cluster.query("select has_table_privilege('sales', 'fly')"))).code).toBe('22023');
    expect((await errorOf(cluster.query("select has_schema_privilege('nosuch', 'usage')"))).code).toBe('3F000');
    expect((await errorOf(cluster.query("select has_table_privilege('bob', 'sales', 'select')"))).code).toBe('42704');
  });

  it('prints current_schemas as Redshift does', async () => {
    const r = await cluster.query('select current_schemas(false) as explicit, current_schemas(true) as implicit');
    expect(r.rows).toEqual([{ explicit: '{public}', implicit: '{pg_catalog,public}' }]);
  });

  it('answers current_schema with the first existing schema of the path ($user only once it exists)', async () => {
    const s = cluster.session();
    await s.query('create temp table tmp (i integer)');
    expect((await s.query('select current_schema() as a, current_schema as b')).rows).toEqual([{ a: 'public', b: 'public' }]);
    await s.query('create schema awsuser');
    try {
      expect((await s.query('select current_schema() as a')).rows).toEqual([{ a: 'awsuser' }]);
    } finally {
      await s.query('drop schema awsuser');
      await s.close();
    }
  });
});

describe('pg_constraint and pg_get_constraintdef', () => {
  // The same DDL on PostgreSQL 15 gave the same names, types, keys and definitions (but for the
  // quoted "CatName", which Redshift folds to lower case, and the last foreign key, which PostgreSQL
  // refuses without a unique key over the referenced columns and Redshift, enforcing none, accepts).
  it('lists primary, unique and foreign keys as PostgreSQL names and shows them', async () => {
    const s = cluster.session();
    await s.query('create table k_cats (catid integer primary key, "CatName" varchar(10) unique)');
    await s.query('create table k_items (itemid integer not null, catid integer references k_cats, code char(4), primary key (itemid), unique (code, catid))');
    await s.query('create table k_sales (saleid integer, itemid integer, catid integer, constraint sale_item_fk foreign key (itemid, catid) references k_items (itemid, catid))');
    const rows = await s.query(`
      select c.relname, k.conname, k.contype, k.conkey, k.confkey, (select relname from pg_class where oid = k.confrelid) as ref,
             k.confupdtype, k.confmatchtype, pg_get_constraintdef(k.oid) as def, pg_get_constraintdef(k.oid, true) = pg_get_constraintdef(k.oid) as same
        from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = k.connamespace
       where c.relname like 'k\\_%' and n.nspname = 'public' order by c.relname, k.conname`);
    expect(rows.toArrays()).toEqual([
      ['k_cats', 'k_cats_catname_key', 'u', '{2}', null, null, ' ', ' ', 'UNIQUE (catname)', true],
      ['k_cats', 'k_cats_pkey', 'p', '{1}', null, null, ' ', ' ', 'PRIMARY KEY (catid)', true],
      ['k_items', 'k_items_catid_fkey', 'f', '{2}', '{1}', 'k_cats', 'a', 'u', 'FOREIGN KEY (catid) REFERENCES k_cats(catid)', true],
      ['k_items', 'k_items_code_catid_key', 'u', '{3,2}', null, null, ' ', ' ', 'UNIQUE (code, catid)', true],
      ['k_items', 'k_items_pkey', 'p', '{1}', null, null, ' ', ' ', 'PRIMARY KEY (itemid)', true],
      ['k_sales', 'sale_item_fk', 'f', '{2,3}', '{1,2}', 'k_items', 'a', 'u', 'FOREIGN KEY (itemid, catid) REFERENCES k_items(itemid, catid)', true],
    ]);
    // The migration tools' existence check.
    expect((await s.query("select 1 as found from pg_constraint where conname = 'k_items_pkey'")).rows).toEqual([{ found: 1 }]);
    // Dropped with its table; an oid that is no constraint shows NULL.
    await s.query('drop table k_sales');
    expect((await s.query("select count(*) as n from pg_constraint where conname = 'sale_item_fk'")).rows).toEqual([{ n: 0n }]);
    expect((await s.query('select pg_get_constraintdef(12345) as def')).rows).toEqual([{ def: null }]);
  });
});

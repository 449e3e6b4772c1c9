/**
 * SHOW TABLE and SHOW VIEW (dg:r_SHOW_TABLE.md, r_SHOW_VIEW.md): the text recreates the relation —
 * checked by running it in another schema and comparing what PG_TABLE_DEF and SVV_TABLE_INFO say.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { expectSqlError } from '../helpers/results.js';
import { TICKIT_DDL, TICKIT_TABLES } from '../helpers/tickit.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start();
  for (const t of TICKIT_TABLES) await cluster.query(TICKIT_DDL[t]);
  await cluster.query(
    "create table rich (id int identity(1,2), a int primary key, b varchar(5) default 'x' encode zstd, c decimal(8,2) not null, \"Mixed Name\" date, d bigint unique) " +
      'diststyle even interleaved sortkey(a, c) backup no',
  );
  await cluster.query('create table copies (k int references rich(a), v boolean) distkey(k) compound sortkey(k, v)');
  await cluster.query('create table keyed (k int references rich)');
  await cluster.query('create schema again');
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function shown(object: 'table' | 'view', name: string): Promise<string> {
  const r = await cluster.query(`show ${object} ${name}`);
  expect(r.fields.map((f) => f.name)).toEqual([object === 'table' ? 'Show Table DDL statement' : 'Show View DDL statement']);
  return String(r.rows[0]![r.fields[0]!.name]);
}

async function described(schema: string, table: string): Promise<unknown[][]> {
  await cluster.query(`set search_path to ${schema}`);
  try {
    const columns = await cluster.query(`select "column", type, encoding, distkey, sortkey, "notnull" from pg_table_def where schemaname = '${schema}' and tablename = '${table}'`);
    const info = await cluster.query(`select diststyle, sortkey1, sortkey_num from svv_table_info where "schema" = '${schema}' and "table" = '${table}'`);
    return [...columns.toArrays(), ...info.toArrays()];
  } finally {
    await cluster.query('set search_path to default');
  }
}

describe('SHOW TABLE', () => {
  test("the guide's layout: a column a line, ENCODE left out for RAW, distkey, then DISTSTYLE and SORTKEY", async () => {
    expect(await shown('table', 'public.category')).toBe(
      [
        'CREATE TABLE public.category (',
        'catid smallint NOT NULL distkey,',
        'catgroup character varying(10) ENCODE lzo,',
        'catname character varying(10) ENCODE lzo,',
        'catdesc character varying(50) ENCODE lzo',
        ')',
        'DISTSTYLE KEY SORTKEY ( catid );',
      ].join('\n'),
    );
  });

  test.each([...TICKIT_TABLES, 'rich', 'copies', 'keyed'])('%s recreated from its text is the same table', async (table) => {
    const text = await shown('table', table);
    await cluster.query(text.replace(`CREATE TABLE public.${table === 'date' ? 'date' : table} (`, `CREATE TABLE again.${table} (`));
    expect(await described('again', table)).toEqual(await described('public', table));
  });

  test('defaults, identity, constraints and BACKUP NO are in the text', async () => {
    const text = await shown('table', 'rich');
    expect(text).toContain("b character varying(5) DEFAULT 'x' ENCODE zstd,");
    expect(text).toContain('id integer NOT NULL IDENTITY(1,2) ENCODE az64,');
    expect(text).toContain('"mixed name" date ENCODE az64,'); // folded to lower case, as Redshift folds quoted names
    expect(text).toContain('PRIMARY KEY (a),\nUNIQUE (d)\n) BACKUP NO\nDISTSTYLE EVEN INTERLEAVED SORTKEY ( a, c );');
  });

  test('a foreign key written without columns references the primary key, as written', async () => {
    expect(await shown('table', 'keyed')).toContain('FOREIGN KEY (k) REFERENCES rich\n)');
  });

  test('a view, a missing relation', async () => {
    await cluster.query('create view sports as select catid from category');
    await expectSqlError(cluster.query('show table sports'), { code: '42809', message: '"sports" is not a table' });
    await expectSqlError(cluster.query('show table nosuch'), { code: '42P01', message: 'relation "nosuch" does not exist' });
    await cluster.query('drop view sports');
  });
});

describe('SHOW VIEW', () => {
  test('the query as written; a late-binding view keeps WITH NO SCHEMA BINDING; the text recreates it', async () => {
    await cluster.query("create view sports_v as select catid, catname from category where catgroup = 'Sports'");
    await cluster.query('create view late_v as select catid from public.category with no schema binding');
    expect(await shown('view', 'sports_v')).toBe("select catid, catname from category where catgroup = 'Sports';");
    const late = await shown('view', 'public.late_v');
    expect(late).toBe('select catid from public.category WITH NO SCHEMA BINDING;');
    await cluster.query(`create view again.late_v as ${late}`);
    expect((await cluster.query("select count(*) as n from svv_columns where table_schema = 'again' and table_name = 'late_v'")).rows).toEqual([{ n: 1n }]);
    await expectSqlError(cluster.query('show view category'), { code: '42809', message: '"category" is not a view' });
  });
});

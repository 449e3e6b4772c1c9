/**
 * Issue 3's acceptance tests for the catalog: the documented pg_catalog join returns the TICKIT
 * column counts, and PG_TABLE_DEF shows the Getting Started DDL's keys exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { TICKIT_DDL, TICKIT_TABLES } from '../helpers/tickit.js';
import { LISTING_DDL, SALES_DDL, USERS_DDL } from './tickit-ddl.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start();
  for (const t of TICKIT_TABLES) await cluster.query(TICKIT_DDL[t]);
  for (const ddl of [USERS_DDL, LISTING_DDL, SALES_DDL]) await cluster.query(ddl);
});
afterAll(async () => {
  await cluster.close();
});

describe('the documented catalog queries (dg:c_join_PG_examples.md)', () => {
  it('counts the columns of every TICKIT table through pg_attribute, pg_namespace and pg_class', async () => {
    const r = await cluster.query(
      'select nspname, relname, max(attnum) as num_cols from pg_attribute a, pg_namespace n, pg_class c ' +
        "where n.oid = c.relnamespace and a.attrelid = c.oid and c.relname not like '%pkey' and n.nspname not like 'pg%' " +
        'group by 1, 2 order by 1, 2;',
    );
    expect(r.rows).toEqual([
      { nspname: 'public', relname: 'category', num_cols: 4 },
      { nspname: 'public', relname: 'date', num_cols: 8 },
      { nspname: 'public', relname: 'event', num_cols: 6 },
      { nspname: 'public', relname: 'listing', num_cols: 8 },
      { nspname: 'public', relname: 'sales', num_cols: 10 },
      { nspname: 'public', relname: 'users', num_cols: 18 },
      { nspname: 'public', relname: 'venue', num_cols: 5 },
    ]);
  });

  it("shows SALES' types, encodings, distkey, sortkey and NOT NULL in PG_TABLE_DEF", async () => {
    const r = await cluster.query("select * from pg_table_def where tablename = 'sales'");
    expect(r.fields.map((f) => f.name)).toEqual(['schemaname', 'tablename', 'column', 'type', 'encoding', 'distkey', 'sortkey', 'notnull']);
    const rows = r.toArrays().map(([schema, table, column, type, encoding, distkey, sortkey, notnull]) => [
      schema,
      table,
      column,
      type,
      String(encoding).trimEnd(),
      distkey,
      sortkey,
      notnull,
    ]);
    expect(rows).toEqual([
      ['public', 'sales', 'salesid', 'integer', 'az64', false, 0, true],
      ['public', 'sales', 'listid', 'integer', 'az64', true, 0, true],
      ['public', 'sales', 'sellerid', 'integer', 'az64', false, 0, true],
      ['public', 'sales', 'buyerid', 'integer', 'az64', false, 0, true],
      ['public', 'sales', 'eventid', 'integer', 'az64', false, 0, true],
      ['public', 'sales', 'dateid', 'smallint', 'none', false, 1, true],
      ['public', 'sales', 'qtysold', 'smallint', 'az64', false, 0, true],
      ['public', 'sales', 'pricepaid', 'numeric(8,2)', 'az64', false, 0, false],
      ['public', 'sales', 'commission', 'numeric(8,2)', 'az64', false, 0, false],
      ['public', 'sales', 'saletime', 'timestamp without time zone', 'az64', false, 0, false],
    ]);
    // encoding is CHAR(32): blank-padded like every CHAR value.
    expect(String(r.toArrays()[0]![4]).length).toBe(32);
  });

  it('renders USERS and DATE types as Redshift prints them', async () => {
    const r = await cluster.query(
      "select tablename, \"column\", type from pg_table_def where tablename in ('users', 'date') and \"column\" in ('username', 'firstname', 'likesports', 'caldate', 'day') order by 1, 2",
    );
    expect(r.toArrays()).toEqual([
      ['date', 'caldate', 'date'],
      ['date', 'day', 'character(3)'],
      ['users', 'firstname', 'character varying(30)'],
      ['users', 'likesports', 'boolean'],
      ['users', 'username', 'character(8)'],
    ]);
  });
});

/**
 * Late-binding views (CREATE VIEW ... WITH NO SCHEMA BINDING, dg:r_CREATE_VIEW.md) and the catalog
 * queries dbt-redshift sends about relations and their columns: PG_GET_LATE_BINDING_VIEW_COLS with a
 * column definition list (dg:PG_GET_LATE_BINDING_VIEW_COLS.md), information_schema, SVV_EXTERNAL_COLUMNS
 * and pg_proc — the text of dbt-redshift's get_columns_in_relation (legacy) and
 * list_relations_without_caching macros, rendered for a relation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { expectSqlError, values } from '../helpers/results.js';

/** dbt-redshift's redshift__get_columns_in_relation_legacy, rendered for schema.identifier. */
function dbtGetColumns(schema: string, identifier: string): string {
  const typeFacts = (col: string, varchar: string): string => `
        case when ${col} like 'character%'${varchar} then nullif(REGEXP_SUBSTR(${col}, '[0-9]+'), '')::int else null end as character_maximum_length,
        case when ${col} like 'numeric%' then nullif(SPLIT_PART(REGEXP_SUBSTR(${col}, '[0-9,]+'), ',', 1), '')::int else null end as numeric_precision,
        case when ${col} like 'numeric%' then nullif(SPLIT_PART(REGEXP_SUBSTR(${col}, '[0-9,]+'), ',', 2), '')::int else null end as numeric_scale`;
  return `
      with bound_views as (
        select ordinal_position, table_schema, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
        from information_schema."columns"
        where table_name = '${identifier}'
    ),
    unbound_views as (
      select ordinal_position, view_schema, col_name,
        case when col_type ilike 'character varying%' then 'character varying'
          when col_type ilike 'numeric%' then 'numeric'
          else col_type end as col_type,${typeFacts('col_type', '')}
      from pg_get_late_binding_view_cols()
      cols(view_schema name, view_name name, col_name name,
           col_type varchar, ordinal_position int)
      where view_name = '${identifier}'
    ),
    external_views as (
      select columnnum, schemaname, columnname,
        case when external_type ilike 'character varying%' or external_type ilike 'varchar%' then 'character varying'
          when external_type ilike 'numeric%' then 'numeric'
          else external_type end as external_type,${typeFacts('external_type', " or external_type like 'varchar%'")}
      from pg_catalog.svv_external_columns
      where schemaname = '${schema}' and tablename = '${identifier}'
    ),
    unioned as (
      select * from bound_views
      union all
      select * from unbound_views
      union all
      select * from external_views
    )
    select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale
    from unioned
    where table_schema = '${schema}'
    order by ordinal_position`;
}

/** dbt-redshift's redshift__list_relations_without_caching (without SHOW APIs), rendered for a schema. */
function dbtListRelations(database: string, schema: string): string {
  return `
      select table_catalog as database, table_name as name, table_schema as schema, 'table' as type
      from information_schema.tables
      where table_schema ilike '${schema}' and table_type = 'BASE TABLE'
      union all
      select table_catalog as database, table_name as name, table_schema as schema,
        case when view_definition ilike '%create materialized view%' then 'materialized_view' else 'view' end as type
      from information_schema.views
      where table_schema ilike '${schema}'
      union all
      select distinct '${database}' as database, proname as name, ns.nspname as schema, 'function' as type
      from pg_proc
      join pg_namespace as ns on pronamespace = ns.oid
      where ns.nspname ilike '${schema}'`;
}

const LATE_COLS = 'select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)';

describe('late-binding views and the catalog queries dbt sends', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 1, slicesPerNode: 2 });
    await cluster.query('create schema analytics');
    await cluster.query('create table analytics.orders (id int, amount decimal(12,2), note varchar(40), placed date, at timestamp)');
    await cluster.query('create view analytics.v_bound as select id, note from analytics.orders');
    await cluster.query('create view analytics.v_late as select id, amount, at from analytics.orders with no schema binding');
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it("PG_GET_LATE_BINDING_VIEW_COLS lists each late-binding view's columns as the guide shows them", async () => {
    expect(values(await cluster.query(LATE_COLS))).toEqual([
      ['analytics', 'v_late', 'id', 'integer', 1],
      ['analytics', 'v_late', 'amount', 'numeric(12,2)', 2],
      ['analytics', 'v_late', 'at', 'timestamp without time zone', 3],
    ]);
    // `AS (...)` without an alias, and the definitions' names, are what the query sees.
    const r = await cluster.query("select c, n from pg_get_late_binding_view_cols() as (s name, v name, c name, t varchar, n int) where t like 'numeric%'");
    expect(values(r)).toEqual([['amount', 2]]);
  });

  it('the function needs a column definition list of its five columns', async () => {
    await expectSqlError(cluster.query('select * from pg_get_late_binding_view_cols()'), { code: '42601', message: 'a column definition list is required for functions returning "record"' });
    await expectSqlError(cluster.query('select * from pg_get_late_binding_view_cols() c(a name, b name)'), {
      code: '42804',
      message: 'function return row and query-specified return row do not match',
    });
  });

  it('dbt: get_columns_in_relation finds the columns of a table, a view and a late-binding view', async () => {
    expect(values(await cluster.query(dbtGetColumns('analytics', 'orders')))).toEqual([
      ['id', 'integer', null, 32, 0],
      ['amount', 'numeric', null, 12, 2],
      ['note', 'character varying', 40, null, null],
      ['placed', 'date', null, null, null],
      ['at', 'timestamp without time zone', null, null, null],
    ]);
    expect(values(await cluster.query(dbtGetColumns('analytics', 'v_bound')))).toEqual([
      ['id', 'integer', null, 32, 0],
      ['note', 'character varying', 40, null, null],
    ]);
    // Only through the function: information_schema.columns does not list a late-binding view's columns.
    expect(values(await cluster.query(dbtGetColumns('analytics', 'v_late')))).toEqual([
      ['id', 'integer', null, null, null],
      ['amount', 'numeric', null, 12, 2],
      ['at', 'timestamp without time zone', null, null, null],
    ]);
  });

  it('dbt: list_relations_without_caching lists the tables and views of a schema, and no functions', async () => {
    expect(values(await cluster.query(dbtListRelations('dev', 'analytics')))).toEqual([
      ['dev', 'orders', 'analytics', 'table'],
      ['dev', 'v_bound', 'analytics', 'view'],
      ['dev', 'v_late', 'analytics', 'view'],
    ]);
  });

  it('the catalogs keep no columns of a late-binding view; SVV_COLUMNS lists them, as the guide says', async () => {
    const count = async (sql: string): Promise<number> => values(await cluster.query(sql)).length;
    expect(await count("select attname from pg_attribute a join pg_class c on a.attrelid = c.oid where c.relname = 'v_late'")).toBe(0);
    expect(await count("select column_name from information_schema.columns where table_name = 'v_late'")).toBe(0);
    expect(await count("select column_name from svv_columns where table_name = 'v_late'")).toBe(3);
    expect(await count("select column_name from information_schema.columns where table_name = 'v_bound'")).toBe(2);
  });

  it('a late-binding view may read what does not exist yet, but names it with its schema, in a schema that exists', async () => {
    await cluster.query('create view analytics.v_future as select k, label from analytics.later with no schema binding');
    await expectSqlError(cluster.query('select * from analytics.v_future'), { code: '42P01', message: 'relation "analytics.later" does not exist' });
    // Not listed while its query does not bind; listed once the table is there, with its types.
    expect(values(await cluster.query(`${LATE_COLS} where view_name = 'v_future'`))).toEqual([]);
    await cluster.query('create table analytics.later (k bigint, label char(3))');
    await cluster.query("insert into analytics.later values (7, 'abc')");
    expect(values(await cluster.query('select k, label from analytics.v_future'))).toEqual([[7n, 'abc']]);
    expect(values(await cluster.query(`${LATE_COLS} where view_name = 'v_future'`))).toEqual([
      ['analytics', 'v_future', 'k', 'bigint', 1],
      ['analytics', 'v_future', 'label', 'character(3)', 2],
    ]);

    await expectSqlError(cluster.query('create view analytics.v_bad as select * from orders with no schema binding'), {
      code: '42601',
      message: 'relation "orders" in a view WITH NO SCHEMA BINDING must be qualified with a schema name',
    });
    await expectSqlError(cluster.query('create view analytics.v_bad as select * from nowhere.t with no schema binding'), { code: '3F000', message: 'schema "nowhere" does not exist' });
    // A CTE's name needs no schema; a plain view still checks what it reads.
    await cluster.query('create view analytics.v_cte as with w as (select id from analytics.orders) select id from w with no schema binding');
    await expectSqlError(cluster.query('create view analytics.v_plain as select * from analytics.later2'), { code: '42P01', message: 'relation "analytics.later2" does not exist' });
  });

  it("a late-binding view's columns follow its tables: SELECT * after a column is renamed", async () => {
    await cluster.query('create table analytics.ev (eventid int, eventname varchar(200))');
    await cluster.query('create view analytics.ev_vw as select * from analytics.ev with no schema binding');
    await cluster.query('alter table analytics.ev rename column eventname to title');
    expect((await cluster.query('select * from analytics.ev_vw')).fields.map((f) => f.name)).toEqual(['eventid', 'title']);
    expect(values(await cluster.query(`select col_name from (${LATE_COLS}) x where view_name = 'ev_vw'`))).toEqual([['eventid'], ['title']]);
  });
});

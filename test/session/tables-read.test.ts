/**
 * The tables a statement reads (session/tables-read.ts), which LOCK's readers wait for: FROM clauses
 * anywhere in the statement, views read through (recursively, each once), names along the search
 * path, schema-qualified names, and nothing for names that are no relation.
 */
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/catalog.js';
import type { RelationMeta } from '../../src/catalog/relation.js';
import { tablesRead } from '../../src/session/tables-read.js';
import { parse } from '../../src/sql/index.js';

/** Only what tablesRead looks at: kind, id, schema, name, and a view's text. */
const table = (id: number, schema: string, name: string): RelationMeta => ({ kind: 'table', id, schema, name }) as unknown as RelationMeta;
const view = (id: number, name: string, queryText: string): RelationMeta => ({ kind: 'view', id, schema: 'public', name, queryText }) as unknown as RelationMeta;

const catalog = [
  table(1, 'public', 'sales'),
  table(2, 'public', 'event'),
  table(3, 'public', 'venue'),
  table(4, 'etl', 'sales'),
  view(10, 'sales_v', 'select * from sales join v2 on true'),
  view(11, 'v2', 'select eventid from event where exists (select 1 from sales_v)'),
].reduce((c, r) => c.withRelation(r), Catalog.initial().withSchema({ id: 3000, name: 'etl', owner: 'rdsdb', remarks: null }));

const read = (sql: string, searchPath = ['public']): number[] => tablesRead(parse(sql)[0]!.statement, catalog, searchPath).sort((a, b) => a - b);

describe('tablesRead', () => {
  it('finds tables in FROM, joins, subqueries and set operations', () => {
    expect(read('select 1')).toEqual([]);
    expect(read('select * from sales s join event e on s.eventid = e.eventid')).toEqual([1, 2]);
    expect(read('select * from venue where venueid in (select venueid from event) union select * from sales')).toEqual([1, 2, 3]);
    expect(read('select (select max(x) from venue) from (select * from event) d')).toEqual([2, 3]);
  });

  it('follows the search path and schema-qualified names', () => {
    expect(read('select * from sales')).toEqual([1]);
    expect(read('select * from sales', ['etl', 'public'])).toEqual([4]);
    expect(read('select * from etl.sales, public.sales')).toEqual([1, 4]);
    expect(read('select * from nosuch')).toEqual([]);
  });

  it('reads through views, each once, however they refer to each other', () => {
    expect(read('select * from sales_v')).toEqual([1, 2]);
    expect(read('select * from v2')).toEqual([1, 2]);
  });

  it('counts what other statements read, not the table they write', () => {
    expect(read('insert into sales select * from event')).toEqual([2]);
    expect(read('update sales set qty = 1 from venue where sales.venueid = venue.venueid')).toEqual([3]);
    expect(read('create table t as select * from venue')).toEqual([3]);
    expect(read('lock sales')).toEqual([]);
  });

  it('takes a common table expression named like a table for that table (waiting once too often is harmless)', () => {
    expect(read('with event as (select 1 as x) select * from event')).toEqual([2]);
  });
});

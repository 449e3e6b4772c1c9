/**
 * WITH RECURSIVE (dg:r_WITH_clause.md): the guide's example, recursion joined with distributed
 * tables, several recursive CTEs, and Redshift's rules. Expected rows and error texts were checked
 * against PostgreSQL 15 running the same statements.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { expectSqlError } from '../helpers/results.js';
import { rowsOf } from './helpers.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  // The guide's sample table, distributed on a column the recursion does not join on.
  await cluster.query('create table employee (id int, name varchar (20), manager_id int) distkey(id)');
  await cluster.query(`insert into employee(id, name, manager_id) values
    (100, 'Carlos', null), (101, 'John', 100), (102, 'Jorge', 101), (103, 'Kwaku', 101), (110, 'Liu', 101), (106, 'Mateo', 102),
    (110, 'Nikki', 103), (104, 'Paulo', 103), (105, 'Richard', 103), (120, 'Saanvi', 104), (200, 'Shirley', 104), (201, 'Sofía', 102), (205, 'Zhang', 104)`);
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return rowsOf(await cluster.query(sql));
}

const JOHN_ORG = `with recursive john_org(id, name, manager_id, level) as
  ( select id, name, manager_id, 1 as level from employee where name = 'John'
    union all
    select e.id, e.name, e.manager_id, level + 1 as next_level from employee e, john_org j where e.manager_id = j.id and level < 4 )`;

describe('WITH RECURSIVE', () => {
  test("the guide's example: everyone who reports to John, directly or not", async () => {
    expect(await rows(`${JOHN_ORG} select distinct id, name, manager_id from john_org order by manager_id, id`)).toEqual([
      [101, 'John', 100],
      [102, 'Jorge', 101],
      [103, 'Kwaku', 101],
      [110, 'Liu', 101],
      [106, 'Mateo', 102],
      [201, 'Sofía', 102],
      [104, 'Paulo', 103],
      [105, 'Richard', 103],
      [110, 'Nikki', 103],
      [120, 'Saanvi', 104],
      [200, 'Shirley', 104],
      [205, 'Zhang', 104],
    ]);
  });

  test('paths down the whole chart: the seed fixes the types, GROUP BY and ORDER BY on the result', async () => {
    const sql = `with recursive chain(id, name, depth, path) as (
        select id, name, 0, name::varchar(200) from employee where manager_id is null
        union all
        select e.id, e.name, c.depth + 1, (c.path || '/' || e.name)::varchar(200) from employee e join chain c on e.manager_id = c.id)
      select depth, count(*), max(path) from chain group by depth order by depth`;
    expect(await rows(sql)).toEqual([
      [0, 1, 'Carlos'],
      [1, 1, 'Carlos/John'],
      [2, 3, 'Carlos/John/Liu'],
      [3, 5, 'Carlos/John/Kwaku/Richard'],
      [4, 3, 'Carlos/John/Kwaku/Paulo/Zhang'],
    ]);
    const types = (await cluster.query(`${sql.replace(/select depth, count.*$/s, 'select * from chain')}`)).fields.map((f) => f.type);
    expect(types).toEqual(['integer', 'character varying(20)', 'integer', 'character varying(200)']);
  });

  test('a series, a recursive CTE reading another, and a non-recursive one among them', async () => {
    expect(await rows('with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select sum(n) from r')).toEqual([[15]]);
    const sql = `with recursive a(n) as (select 1 union all select n + 1 from a where n < 3),
        tens(t) as (select 10),
        b(m) as (select n from a union all select m * t from b, tens where m < 100)
      select * from b order by 1`;
    expect(await rows(sql)).toEqual([[1], [2], [3], [10], [20], [30], [100], [200], [300]]);
  });

  test('CREATE TABLE AS and INSERT ... SELECT store what the recursion returns', async () => {
    await cluster.query('create table reports as with recursive r(id, depth) as (select 101, 0 union all select e.id, r.depth + 1 from employee e join r on e.manager_id = r.id) select * from r');
    await cluster.query('insert into reports with recursive s(n) as (select 1 union all select n + 1 from s where n < 3) select 0, n from s');
    expect(await rows('select count(*), max(depth) from reports')).toEqual([[15, 3]]);
    await cluster.query('with recursive s(n) as (select 1 union all select n * 2 from s where n < 512) select n into powers from s');
    expect(await rows('select count(*), sum(n) from powers')).toEqual([[10, 1023]]);
    await cluster.query('drop table reports, powers');
  });

  test("a client's Describe gets the columns without running the recursion", async () => {
    const session = cluster.session();
    const described = await session.describe('with recursive r(n, label) as (select 1, \'a\'::varchar(5) union all select n + 1, label from r where n < 3) select * from r');
    expect(described.fields.map((f) => [f.name, f.type])).toEqual([['n', 'integer'], ['label', 'character varying(5)']]);
    await session.close();
  });

  test("Redshift's rules, with PostgreSQL's words where it has the same rule", async () => {
    await expectSqlError(cluster.query('with recursive r as (select 1 union all select n + 1 from r where n < 5) select * from r'), {
      code: '42601',
      message: 'the recursive WITH query "r" needs a column list: r(column, ...)',
    });
    await expectSqlError(cluster.query('with recursive r(n) as (select 1 union select n + 1 from r where n < 5) select * from r'), {
      code: '0A000',
      message: /UNION without ALL in the recursive query "r"/,
    });
    await expectSqlError(cluster.query('with recursive r(n) as (select n from r union all select 1) select * from r'), {
      code: '42P19',
      message: 'recursive reference to query "r" must not appear within its non-recursive term',
      position: 38,
    });
    await expectSqlError(cluster.query('with recursive r(n) as (select 1 union all select n + 1 from r where n < 3 order by 1) select * from r'), {
      code: '0A000',
      message: 'ORDER BY in a recursive query is not implemented',
    });
    await expectSqlError(cluster.query('select * from (with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r) x'), {
      code: '0A000',
      message: /WITH RECURSIVE inside a subquery/,
    });
    await expectSqlError(cluster.query('create view rv as with recursive r(n) as (select 1 union all select n + 1 from r where n < 5) select * from r'), {
      code: '0A000',
      message: /WITH RECURSIVE in a view/,
    });
  });

  test('a recursion without an end stops at the row limit, and the session goes on', async () => {
    // Doubles every round: past a million rows in twenty rounds.
    const endless = 'with recursive r(n) as (select 1 union all select n + 1 from r cross join (select 1 union all select 2) d) select count(*) from r';
    const err = await expectSqlError(cluster.query(endless), { code: '54000', message: /^Exceeded recursive CTE max rows limit/ });
    expect(err.hint).toMatch(/WHERE condition/);
    expect(await rows('select count(*) from employee')).toEqual([[13]]);
    // A row a round: the rounds stop it long before the rows would.
    await expectSqlError(cluster.query('with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r'), {
      code: '54000',
      message: 'Exceeded recursive CTE max rows limit (20000 rounds) in "r"',
    });
  });
});

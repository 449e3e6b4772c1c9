import { describe, expect, it } from 'vitest';
import { parse, parseStatement } from '../../src/sql/index.js';
import { selectOf } from './helpers.js';
import { TPCH_QUERIES } from './tpch-queries.js';

describe('TPC-H', () => {
  it.each(TPCH_QUERIES.map((q, i) => [i + 1, q] as const))('Q%i parses', (_n, sql) => {
    const [statement, ...rest] = parse(sql);
    expect(rest).toEqual([]);
    expect(statement?.statement.kind).toBe('query');
  });

  it('Q13: outer join inside a derived table with column aliases', () => {
    const s = selectOf(TPCH_QUERIES[12] as string);
    expect(s.from[0]).toMatchObject({
      kind: 'subqueryRef', alias: 'c_orders', columnAliases: ['c_custkey', 'c_count'],
      query: { from: [{ kind: 'join', type: 'left', on: { op: 'and', right: { kind: 'like', not: true } } }] },
    });
  });

  it('Q22: substring ... from ... for in an IN list and NOT EXISTS', () => {
    const inner = selectOf(TPCH_QUERIES[21] as string).from[0];
    if (inner?.kind !== 'subqueryRef' || inner.query.kind !== 'select') throw new Error();
    expect(inner.query.items[0]?.expr).toMatchObject({ kind: 'func', name: 'substring', args: [{ name: 'c_phone' }, { value: '1' }, { value: '2' }] });
    expect(inner.query.where).toMatchObject({ op: 'and', right: { kind: 'unary', op: 'not', operand: { kind: 'exists' } } });
  });
});

describe('TICKIT sample queries', () => {
  it.each([
    "SELECT * FROM pg_table_def WHERE tablename = 'sales';",
    "SELECT sum(qtysold) FROM sales, date WHERE sales.dateid = date.dateid AND caldate = '2008-01-05';",
    `SELECT firstname, lastname, total_quantity FROM (SELECT buyerid, sum(qtysold) total_quantity FROM sales
      GROUP BY buyerid ORDER BY total_quantity desc limit 10) Q, users WHERE Q.buyerid = userid ORDER BY Q.total_quantity desc;`,
    `SELECT eventname, total_price FROM (SELECT eventid, total_price, ntile(1000) over(order by total_price desc) as percentile
      FROM (SELECT eventid, sum(pricepaid) total_price FROM sales GROUP BY eventid)) Q, event E
      WHERE Q.eventid = E.eventid AND percentile = 1 ORDER BY total_price desc;`,
    `select top 10 buyerid, sum(qtysold) from sales group by buyerid order by 2 desc`,
    `select listagg(sellerid, ', ') within group (order by sellerid) from sales where eventid = 4337`,
    `select venuestate, venuename, rank() over (partition by venuestate order by venueseats desc) from venue qualify rank() over (partition by venuestate order by venueseats desc) <= 2`,
    `select salesid, sellerid, qty, sum(qty) over (order by sellerid rows between unbounded preceding and unbounded following) from winsales`,
    `select dateadd(month, 1, '2008-04-30'), datediff(week, '2009-01-01', '2009-12-31'), date_trunc('week', saletime), to_char(saletime, 'YYYY-MM-DD HH24:MI') from sales`,
    `select approximate percentile_disc(0.5) within group (order by pricepaid) from sales`,
    `select median(pricepaid), percentile_cont(0.5) within group (order by pricepaid) over (partition by eventid) from sales`,
    `select catgroup, count(*) from category group by catgroup having count(*) > 1`,
    `select * from users where likerock is unknown`,
    `select nvl(venueseats, 0), decode(venueseats, null, 0, 1), coalesce(a, b), nullif(a, b) from venue`,
    `select count(distinct venueid) from event where eventname ~ '^[A-Z]' and eventname !~* 'x' and eventname similar to '%(b|d)%'`,
    `select caldate, lag(caldate) ignore nulls over (order by caldate), first_value(caldate ignore nulls) over (order by caldate rows unbounded preceding) from date`,
  ])('%s', (sql) => {
    expect(() => parseStatement(sql)).not.toThrow();
  });

  it('derived tables without an alias', () => {
    const from = selectOf('select * from (select 1)').from;
    expect(from).toMatchObject([{ kind: 'subqueryRef', pos: 14, query: { pos: 15 } }]);
    expect(from[0]?.kind === 'subqueryRef' && from[0].alias).toBeUndefined();
  });
});

/** Misplaced and malformed window functions: Redshift's rules, with messages and positions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, SqlError } from '../../src/index.js';
import { createWinsales } from './winsales.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 1, slicesPerNode: 2 });
  await createWinsales(cluster);
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

/** The error `sql` raises, with the position of `at` (its first occurrence) expected. */
async function expectError(sql: string, message: string, at: string, code?: string): Promise<void> {
  let error: unknown;
  try {
    await cluster.query(sql);
  } catch (err) {
    error = err;
  }
  expect(error, sql).toBeInstanceOf(SqlError);
  const e = error as SqlError;
  expect(e.message).toBe(message);
  expect(e.position, `position in: ${sql}`).toBe(sql.indexOf(at));
  if (code) expect(e.code).toBe(code);
}

describe('where window functions may appear', () => {
  it('not in WHERE, GROUP BY, HAVING, aggregate arguments, or another window call', async () => {
    await expectError('select salesid from winsales where rank() over (order by qty) = 1', 'window functions are not allowed in WHERE', 'rank', '42P20');
    await expectError('select count(*) from winsales group by row_number() over ()', 'window functions are not allowed in GROUP BY', 'row_number');
    await expectError('select sellerid from winsales group by sellerid having max(qty) > avg(qty) over ()', 'window functions are not allowed in HAVING', 'avg');
    await expectError('select sum(rank() over (order by qty)) from winsales', 'window functions are not allowed in arguments of aggregate functions', 'rank');
    await expectError('select rank() over (order by lag(qty) over (order by salesid)) from winsales', 'window function calls cannot be nested', 'lag');
  });

  it('window arguments above GROUP BY must be grouped', async () => {
    await expectError(
      'select sellerid, rank() over (order by qty) from winsales group by sellerid',
      'column "qty" must appear in the GROUP BY clause or be used in an aggregate function',
      'qty',
    );
  });
});

describe('OVER clauses', () => {
  it('aggregates and FIRST/LAST_VALUE with ORDER BY need a frame', async () => {
    const message = 'Aggregate window functions with an ORDER BY clause require a frame clause';
    await expectError('select sum(qty) over (partition by sellerid order by salesid) from winsales', message, 'sum');
    await expectError('select first_value(qty) over (order by salesid) from winsales', message, 'first_value');
  });

  it('ranking, LAG/LEAD and NTILE take no frame; MEDIAN, LISTAGG, RATIO_TO_REPORT take no ORDER BY', async () => {
    await expectError('select rank() over (order by qty rows unbounded preceding) from winsales', 'the OVER clause of rank cannot contain a frame clause', 'over');
    await expectError('select lag(qty) over (order by qty rows 2 preceding) from winsales', 'the OVER clause of lag cannot contain a frame clause', 'over');
    await expectError('select median(qty) over (order by qty) from winsales', 'the OVER clause of median cannot contain ORDER BY or a frame clause', 'over');
    await expectError('select ratio_to_report(qty) over (partition by sellerid order by qty) from winsales', 'the OVER clause of ratio_to_report cannot contain ORDER BY or a frame clause', 'over');
  });

  it('checks frames, offsets and options', async () => {
    await expectError('select sum(qty) over (order by salesid range unbounded preceding) from winsales', 'RANGE frames are not supported; use ROWS', 'over');
    await expectError('select sum(qty) over (order by salesid rows between 2 following and 1 following) from winsales', 'the frame cannot start after it ends', 'over');
    await expectError('select sum(qty) over (order by salesid rows between current row and unbounded preceding) from winsales', 'frame end cannot be UNBOUNDED PRECEDING', 'over');
    await expectError('select count(distinct qty) over () from winsales', 'DISTINCT is not implemented for window functions', 'count');
    await expectError('select rank() ignore nulls over (order by qty) from winsales', 'IGNORE NULLS is not allowed for rank', 'rank');
    await expectError('select ntile(0) over (order by qty) from winsales', 'the NTILE argument must be an integer constant of at least 1', '0)');
    await expectError('select lag(qty, salesid) over (order by qty) from winsales', 'the LAG offset must be an integer constant of at least 0', 'salesid)');
    await expectError('select nth_value(qty, 0) over () from winsales', 'the NTH_VALUE offset must be an integer constant of at least 1', '0)');
    await expectError('select bool_and(qty > 1) over () from winsales', 'bool_and is not supported as a window function', 'bool_and');
  });
});

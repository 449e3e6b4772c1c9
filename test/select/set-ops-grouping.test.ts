/** INTERSECT / EXCEPT / MINUS, ROLLUP / CUBE / GROUPING SETS with GROUPING(). */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cluster } from '../../src/index.js';
import { rowsOf, startWithFixtures } from './helpers.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startWithFixtures();
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return rowsOf(await cluster.query(sql));
}

describe('set operations', () => {
  test('INTERSECT is distinct and treats NULLs as equal', async () => {
    expect(await rows('select a from t intersect select a from u order by 1')).toEqual([[1], [2], [null]]);
  });
  test('EXCEPT and MINUS', async () => {
    expect(await rows('select a from t except select a from u order by 1')).toEqual([[3]]);
    expect(await rows('select a from t minus select a from u where a is not null order by 1')).toEqual([[3], [null]]);
  });
  test('INTERSECT binds tighter than UNION; ORDER BY and LIMIT apply to the whole', async () => {
    expect(await rows('select 5 union select a from t intersect select a from u order by 1 limit 3')).toEqual([[1], [2], [5]]);
  });
  test('column types are unified across branches', async () => {
    expect(await rows("select b from t where a = 1 intersect select 'x'")).toEqual([['x']]);
  });
  test('column count mismatch', async () => {
    await expect(cluster.query('select a, b from t except select a from u')).rejects.toMatchObject({ code: '42601' });
  });
});

describe('grouping sets', () => {
  test('ROLLUP adds subtotals and a grand total', async () => {
    expect(await rows('select a, count(*) as n, grouping(a) as g from u group by rollup(a) order by g, a')).toEqual([
      [1, 1, 0], [2, 2, 0], [null, 1, 0], [null, 4, 1],
    ]);
  });
  test('GROUPING(a, b) is a bit mask, first argument most significant', async () => {
    expect(await rows('select a, b, grouping(a, b) as g, count(*) from t where a = 2 group by cube(a, b) order by g, b')).toEqual([
      [2, 'w', 0, 1], [2, 'y', 0, 1], [2, null, 1, 2], [null, 'w', 2, 1], [null, 'y', 2, 1], [null, null, 3, 2],
    ]);
  });
  test('GROUPING SETS with a plain key', async () => {
    expect(await rows('select a, c, sum(c) from u where a is not null group by a, grouping sets ((c), ()) order by a, c')).toEqual([
      [1, 10, 10], [1, null, 10], [2, 20, 20], [2, 21, 21], [2, null, 41],
    ]);
  });
});

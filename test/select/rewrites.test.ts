/**
 * Results of the query shapes the optimizer rewrites: filters a disjunction implies for one join
 * input, ON conjuncts pushed into an input, aggregates reduced by the keys their join can use, and
 * semi/anti joins moved above inner joins. Whatever plan is chosen, the rows must be these.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Cluster } from '../../src/index.js';
import { rowsOf, startWithFixtures } from './helpers.js';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startWithFixtures();
  // big: 300 rows, k = 0..29 ten times each, v = row number: large enough for the reductions to pay off.
  await cluster.query('create table big (k int, v int) distkey(v)');
  const values = Array.from({ length: 300 }, (_, i) => `(${i % 30}, ${i})`).join(', ');
  await cluster.query(`insert into big values ${values}`);
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return rowsOf(await cluster.query(sql));
}

describe('filters implied by a disjunction', () => {
  test('each input keeps what some branch allows; the pairs still follow the branches', async () => {
    expect(await rows("select t.a, u.c from t, u where (t.b = 'x' and u.c = 10) or (t.b = 'y' and u.c = 21) order by 1, 2")).toEqual([[1, 10], [2, 21]]);
  });
  test('a branch without a condition on an input implies nothing for it', async () => {
    expect(await rows("select t.a, u.c from t, u where (t.b = 'x' and u.c = 10) or u.c = 30 order by 1, 2")).toEqual([
      [1, 10], [1, 30], [2, 30], [2, 30], [3, 30], [null, 30],
    ]);
  });
  test('over a LEFT JOIN only the preserved input is filtered early', async () => {
    expect(await rows("select t.b, u.c from t left join u on t.a = u.a where (t.b = 'y' and u.c = 20) or (t.b = 'z' and u.c is null) order by 1")).toEqual([
      ['y', 20], ['z', null],
    ]);
  });
});

describe('ON conjuncts on one input', () => {
  test('LEFT JOIN: a condition on the inner input filters it, outer rows stay', async () => {
    expect(await rows('select t.a, u.c from t left join u on t.a = u.a and u.c > 20 order by 1, 2')).toEqual([
      [1, null], [2, 21], [2, 21], [3, null], [null, null],
    ]);
  });
  test('LEFT JOIN: a condition on the outer input decides matching only', async () => {
    expect(await rows("select t.a, u.c from t left join u on t.a = u.a and t.b = 'w' order by 1, 2")).toEqual([
      [1, null], [2, 20], [2, 21], [2, null], [3, null], [null, null],
    ]);
  });
  test('RIGHT JOIN mirrors it', async () => {
    expect(await rows("select t.b, u.c from t right join u on t.a = u.a and t.b = 'y' order by 2")).toEqual([
      [null, 10], ['y', 20], ['y', 21], [null, 30],
    ]);
  });
  test('EXISTS and NOT EXISTS with conditions on either side', async () => {
    expect(await rows("select a, b from t where exists (select 1 from u where u.a = t.a and t.b = 'w')")).toEqual([[2, 'w']]);
    expect(await rows('select a from t where not exists (select 1 from u where u.a = t.a and u.c > 20) order by a')).toEqual([[1], [3], [null]]);
    expect(await rows("select a from t where not exists (select 1 from u where u.a = t.a and t.b = 'y') order by a")).toEqual([[1], [2], [3], [null]]);
  });
});

describe('aggregates reduced to the keys their join uses', () => {
  test('a correlated scalar aggregate per outer row (NULL where there is no group)', async () => {
    expect(await rows("select t.a, (select count(*) from big where big.k = t.a) as n from t where t.b in ('x', 'y', 'z') order by 1")).toEqual([
      [1, 10], [2, 10], [null, 0],
    ]);
    expect(await rows("select t.a, (select sum(v) from big where big.k = t.a) as s from t where t.b = 'y'")).toEqual([[2, 2 * 10 + 30 * 45]]);
  });
  test('the aggregate compared in the WHERE clause (TPC-H Q17 shape)', async () => {
    // t.b is NULL for a = 3: not <> 'x'.
    expect(await rows("select t.a from t where t.b <> 'x' and t.a * 15 < (select avg(v) from big where big.k = t.a) order by 1")).toEqual([[2], [2]]);
    expect(await rows('select t.a from t where t.a * 50 > (select avg(v) from big where big.k = t.a) order by 1')).toEqual([[3]]);
  });
});

describe('semi and anti joins among inner joins', () => {
  test('EXISTS and NOT EXISTS on one input of a join (TPC-H Q21 shape)', async () => {
    expect(
      await rows(
        'select t.a, u.c from t, u where t.a = u.a ' +
          'and exists (select 1 from big b1 where b1.k = t.a and b1.v <> u.c) ' +
          'and not exists (select 1 from big b2 where b2.k = t.a and b2.v > 200) order by 1, 2',
      ),
    ).toEqual([]);
    expect(
      await rows(
        'select t.a, u.c from t, u where t.a = u.a ' +
          'and exists (select 1 from big b1 where b1.k = t.a and b1.v <> u.c) ' +
          'and not exists (select 1 from big b2 where b2.k = t.a and b2.v > 299) order by 1, 2',
      ),
    ).toEqual([[1, 10], [2, 20], [2, 20], [2, 21], [2, 21]]);
  });
});

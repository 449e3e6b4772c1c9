/** Subqueries: IN / NOT IN / EXISTS as semi and anti joins, mark joins, scalar and correlated subqueries. */
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

async function error(sql: string): Promise<{ code: string; message: string; position?: number }> {
  try {
    await cluster.query(sql);
  } catch (e) {
    return e as { code: string; message: string; position?: number };
  }
  throw new Error(`no error from ${sql}`);
}

describe('IN and NOT IN (subquery)', () => {
  test('IN keeps rows with a match; NULL probes never match', async () => {
    expect(await rows('select a from t where a in (select a from u) order by a')).toEqual([[1], [2], [2]]);
  });
  test('NOT IN is never true when the subquery yields a NULL', async () => {
    expect(await rows('select a from t where a not in (select a from u) order by a')).toEqual([]);
  });
  test('NOT IN without NULLs in the subquery: a NULL probe is still not kept', async () => {
    expect(await rows('select a from t where a not in (select a from u where a is not null) order by a')).toEqual([[3]]);
  });
  test('NOT IN an empty subquery keeps every row, NULL probes included', async () => {
    expect(await rows('select a from t where a not in (select a from empty_t) order by a')).toEqual([[1], [2], [2], [3], [null]]);
  });
  test('NOT (x IN ...) is NOT IN', async () => {
    expect(await rows('select a from t where not (a in (select a from u where a is not null)) order by a')).toEqual([[3]]);
  });
  test('correlated NOT IN follows the NULL rules per outer row', async () => {
    // a = 1 and 2 find their a*10 among their c values; a = 3 and a NULL a have an empty inner set.
    expect(await rows('select a from t where a * 10 not in (select c from u where u.a = t.a) order by a')).toEqual([[3], [null]]);
    // Every inner set contains the row with c = 30, whose a is NULL: NOT IN is never TRUE.
    expect(await rows('select a from t where a not in (select u.a from u where u.c = t.a * 10 or u.c = 30) order by a')).toEqual([]);
    expect(await rows('select a from t where a not in (select u.a from u where u.c = t.a * 10 + 1 or u.c = 10) order by a')).toEqual([[3]]);
  });
  test('IN as a value is TRUE, FALSE or NULL', async () => {
    expect(await rows('select a, a in (select a from u where a is not null) as i from t order by a')).toEqual([
      [1, true], [2, true], [2, true], [3, false], [null, null],
    ]);
    expect(await rows('select a, a in (select a from u) as i from t order by a')).toEqual([[1, true], [2, true], [2, true], [3, null], [null, null]]);
    expect(await rows('select a, a not in (select a from empty_t) as i from t where a = 1')).toEqual([[1, true]]);
  });
  test('IN with an aggregating subquery (TPC-H Q18 shape)', async () => {
    expect(await rows('select a, c from u where a in (select a from u group by a having count(*) > 1) order by c')).toEqual([[2, 20], [2, 21]]);
  });
});

describe('EXISTS', () => {
  test('correlated EXISTS and NOT EXISTS become semi and anti joins', async () => {
    expect(await rows('select a from t where exists (select 1 from u where u.a = t.a) order by a')).toEqual([[1], [2], [2]]);
    expect(await rows('select a from t where not exists (select 1 from u where u.a = t.a) order by a')).toEqual([[3], [null]]);
  });
  test('a non-equality correlation becomes the join residual (TPC-H Q21 shape)', async () => {
    expect(await rows('select a, c from u u1 where exists (select * from u u2 where u2.a = u1.a and u2.c <> u1.c) order by c')).toEqual([[2, 20], [2, 21]]);
  });
  test('uncorrelated EXISTS over an empty and a non-empty subquery', async () => {
    expect(await rows('select count(*) from t where exists (select 1 from empty_t)')).toEqual([[0]]);
    expect(await rows('select count(*) from t where not exists (select 1 from empty_t)')).toEqual([[5]]);
    expect(await rows('select count(*) from t where exists (select 1 from u)')).toEqual([[5]]);
  });
  test('EXISTS as a value, and inside OR', async () => {
    expect(await rows('select a, exists (select 1 from u where u.a = t.a) as e from t order by a')).toEqual([
      [1, true], [2, true], [2, true], [3, false], [null, false],
    ]);
    expect(await rows('select a from t where a = 3 or exists (select 1 from u where u.a = t.a) order by a')).toEqual([[1], [2], [2], [3]]);
  });
});

describe('scalar subqueries', () => {
  test('uncorrelated: one value joined to every row', async () => {
    expect(await rows('select a, (select max(c) from u) as m from t where a = 1')).toEqual([[1, 30]]);
    expect(await rows('select a from t where a > (select min(a) from u) order by a')).toEqual([[2], [2], [3]]);
  });
  test('no row gives NULL', async () => {
    expect(await rows('select (select c from u where c > 100) as v')).toEqual([[null]]);
  });
  test('two rows are error 21000', async () => {
    const e = await error('select a, (select c from u) from t');
    expect(e.code).toBe('21000');
    expect(e.message).toBe('more than one row returned by a subquery used as an expression');
  });
  test('correlated COUNT is 0 where nothing matches (also for NULL keys)', async () => {
    expect(await rows('select a, (select count(*) from u where u.a = t.a) as n from t order by a')).toEqual([
      [1, 1], [2, 2], [2, 2], [3, 0], [null, 0],
    ]);
  });
  test('correlated MAX is NULL where nothing matches', async () => {
    expect(await rows('select a, (select max(c) from u where u.a = t.a) as m from t order by a')).toEqual([
      [1, 10], [2, 21], [2, 21], [3, null], [null, null],
    ]);
  });
  test('correlated aggregate in WHERE (TPC-H Q17 shape)', async () => {
    expect(await rows('select a, c from u u1 where c > (select avg(c) from u u2 where u2.a = u1.a) order by c')).toEqual([[2, 21]]);
  });
  test('scalar subquery in HAVING', async () => {
    expect(await rows('select a, count(*) from u group by a having count(*) > (select count(*) from empty_t) + 1 order by a')).toEqual([[2, 2]]);
  });
  test('more than one column is an error', async () => {
    expect((await error('select (select a, c from u limit 1)')).code).toBe('42601');
  });
  test('correlated without an aggregate: the one matching row (NULL for none), 21000 for two', async () => {
    expect(await rows('select a, (select c from u where u.c = t.a * 10) as c from t order by a')).toEqual([[1, 10], [2, 20], [2, 20], [3, 30], [null, null]]);
    expect((await error('select a, (select c from u where u.a = t.a) from t')).code).toBe('21000');
  });
});

describe('what is not decorrelated is refused, with a position', () => {
  test('correlation outside the subquery WHERE', async () => {
    const e = await error('select (select max(c) + t.a from u) from t');
    expect(e.code).toBe('0A000');
    expect(e.position).toBe(24);
  });
  test('a non-equality correlation on an aggregate', async () => {
    expect((await error('select (select count(*) from u where u.c > t.a) from t')).code).toBe('0A000');
  });
});

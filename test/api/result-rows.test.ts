/** A result's rows as objects, arrays and text: the same values each way, whatever the column names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query('create table rr (id int, amount decimal(10,3), day date, note varchar(10))');
  await cluster.query("insert into rr values (1, -0.5, '2024-02-29', 'a'), (2, null, null, null), (3, 123456.789, '1999-12-31', 'c')");
});

afterAll(async () => {
  await cluster.close();
});

describe('rows of a result', () => {
  it('objects, arrays and text hold the same values, NULL as null', async () => {
    const r = await cluster.query('select id, amount, day, note from rr order by id');
    expect(r.rows).toEqual([
      { id: 1, amount: '-0.500', day: '2024-02-29', note: 'a' },
      { id: 2, amount: null, day: null, note: null },
      { id: 3, amount: '123456.789', day: '1999-12-31', note: 'c' },
    ]);
    expect(r.toArrays()).toEqual(r.rows.map((row) => Object.values(row)));
    expect(r.toTextArrays()).toEqual([
      ['1', '-0.500', '2024-02-29', 'a'],
      ['2', null, null, null],
      ['3', '123456.789', '1999-12-31', 'c'],
    ]);
    // Read twice, the same objects.
    expect(r.rows).toBe(r.rows);
  });

  it('a repeated name keeps its first place and the last value; arrays keep both', async () => {
    const r = await cluster.query('select 1 as a, 2 as b, 3 as a');
    expect(r.rows).toEqual([{ a: 3, b: 2 }]);
    expect(Object.keys(r.rows[0]!)).toEqual(['a', 'b']);
    expect(r.toArrays()).toEqual([[1, 2, 3]]);
  });

  it('any name is an own property: quotes, backslashes, non-ASCII, __proto__', async () => {
    const r = await cluster.query(`select 1 as "__proto__", 2 as "it's ""quoted""", 3 as "back\\slash", 4 as "ünïcødé", 5 as "constructor"`);
    const row = r.rows[0]!;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.keys(row)).toEqual(['__proto__', 'it\'s "quoted"', 'back\\slash', 'ünïcødé', 'constructor']);
    expect(Object.values(row)).toEqual([1, 2, 3, 4, 5]);
  });
});

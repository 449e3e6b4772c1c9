/**
 * SLICE_NUM() (dg:r_SLICE_NUM.md): the slice a row is on — the same counts STV_TBL_PERM gives per
 * slice, under KEY and EVEN distribution; NULL where nothing runs on a slice (no table).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { rowsOf } from './helpers.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await cluster.query('create table by_key (a int) distkey(a)');
  await cluster.query('create table spread (a int) diststyle even');
  await cluster.query('create table everywhere (a int) diststyle all');
  for (const t of ['by_key', 'spread', 'everywhere']) {
    await cluster.query(`insert into ${t} values ${Array.from({ length: 40 }, (_, i) => `(${i})`).join(', ')}`);
  }
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return rowsOf(await cluster.query(sql));
}

describe('SLICE_NUM()', () => {
  test.each(['by_key', 'spread'])('rows per slice of %s agree with STV_TBL_PERM', async (table) => {
    const bySliceNum = await rows(`select slice_num() as slice, count(*) from ${table} group by 1 order by 1`);
    const byPerm = await rows(`select slice, rows from stv_tbl_perm where name = '${table}' and rows > 0 order by slice`);
    expect(bySliceNum).toEqual(byPerm);
    expect(bySliceNum.length).toBeGreaterThan(1);
  });

  test('a row keeps its slice through a filter and a join with an ALL table; one key, one slice', async () => {
    const keyed = await rows('select k.a, slice_num() from by_key k join everywhere e on k.a = e.a where k.a < 10 order by 1');
    const direct = await rows('select a, slice_num() from by_key where a < 10 order by 1');
    expect(keyed).toEqual(direct);
    expect(await rows('select count(distinct slice_num()) from by_key where a = 7')).toEqual([[1]]);
  });

  test('a DISTSTYLE ALL table is read from the copy on slice 0; without a table it is NULL', async () => {
    expect(await rows('select slice_num(), count(*) from everywhere group by 1')).toEqual([[0, 40]]);
    expect(await rows('select distinct slice_num() from everywhere')).toEqual([[0]]);
    expect(await rows('select slice_num()')).toEqual([[null]]);
  });
});

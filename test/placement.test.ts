/**
 * Where rows land: VENUE loaded as KEY (venuestate), EVEN and ALL on a 2 x 2 cluster, read back
 * through STV_TBL_PERM, SVV_TABLE_INFO and STV_SLICES.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { count, values } from './helpers/results.js';
import { loadTickitTable, readTickitRows, tickitDdl } from './helpers/tickit.js';

const SLICES = 4;
const VENUE_ROWS = 202;

describe('placement by distribution style', () => {
  let cluster: Cluster;

  /** Rows per slice of a table, from STV_TBL_PERM (slices without a row count as 0). */
  async function rowsPerSlice(table: string): Promise<number[]> {
    const r = await cluster.query(`select slice, rows from stv_tbl_perm where name = '${table}' order by slice`);
    const perSlice = new Array<number>(SLICES).fill(0);
    for (const [slice, rows] of values(r)) perSlice[Number(slice)] = Number(rows);
    return perSlice;
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query(tickitDdl('venue', { name: 'venue_key', distribution: { key: 'venuestate' } }));
    await cluster.query(tickitDdl('venue', { name: 'venue_even', distribution: 'even' }));
    await cluster.query(tickitDdl('venue', { name: 'venue_all', distribution: 'all' }));
    for (const name of ['venue_key', 'venue_even', 'venue_all']) await loadTickitTable(cluster, 'venue', name);
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  test('STV_SLICES maps slices to nodes', async () => {
    const r = await cluster.query('select node, slice, localslice from stv_slices order by slice');
    expect(values(r)).toEqual([
      [0, 0, 0],
      [0, 1, 1],
      [1, 2, 0],
      [1, 3, 1],
    ]);
  });

  test('every style holds all rows once, as queries see them', async () => {
    for (const name of ['venue_key', 'venue_even', 'venue_all']) {
      expect(count(await cluster.query(`select count(*) from ${name}`)), name).toBe(VENUE_ROWS);
    }
  });

  test('KEY: skewed by the data', async () => {
    const perSlice = await rowsPerSlice('venue_key');
    expect(perSlice.reduce((a, b) => a + b, 0)).toBe(VENUE_ROWS);
    expect(Math.max(...perSlice) / Math.min(...perSlice)).toBeGreaterThan(1.2);
  });

  test('KEY: all rows of one state land on one slice, the same slice on every load', async () => {
    await cluster.query(tickitDdl('venue', { name: 'venue_by_state', distribution: { key: 'venuestate' } }));
    const venuesPerState = new Map<string, number>();
    for (const row of readTickitRows('venue')) venuesPerState.set(String(row[3]), (venuesPerState.get(String(row[3])) ?? 0) + 1);
    let before = await rowsPerSlice('venue_by_state');
    for (const [state, venues] of venuesPerState) {
      await cluster.query(`insert into venue_by_state select * from venue_key where venuestate = '${state}'`);
      const after = await rowsPerSlice('venue_by_state');
      const grown = after.map((n, slice) => n - (before[slice] ?? 0)).filter((delta) => delta !== 0);
      expect(grown, `state ${state}`).toEqual([venues]);
      before = after;
    }
    expect(before).toEqual(await rowsPerSlice('venue_key'));
  });

  test('EVEN: round-robin, counts differ by at most one', async () => {
    const perSlice = await rowsPerSlice('venue_even');
    expect(perSlice.reduce((a, b) => a + b, 0)).toBe(VENUE_ROWS);
    expect(Math.max(...perSlice) - Math.min(...perSlice)).toBeLessThanOrEqual(1);
  });

  test('ALL: a full copy on the first slice of each node only', async () => {
    expect(await rowsPerSlice('venue_all')).toEqual([VENUE_ROWS, 0, VENUE_ROWS, 0]);
  });

  test('SVV_TABLE_INFO reports style, sort key, rows and skew', async () => {
    const r = await cluster.query(
      'select "table", diststyle, sortkey1, tbl_rows, skew_rows from svv_table_info ' +
        "where \"table\" in ('venue_key', 'venue_even', 'venue_all') order by 1",
    );
    const byName = new Map(values(r).map((row) => [String(row[0]), row]));
    expect([...byName.keys()]).toEqual(['venue_all', 'venue_even', 'venue_key']);
    expect(byName.get('venue_key')?.slice(1, 4)).toEqual(['KEY(venuestate)', 'venueid', String(VENUE_ROWS)]);
    expect(byName.get('venue_even')?.slice(1, 4)).toEqual(['EVEN', 'venueid', String(VENUE_ROWS)]);
    expect(byName.get('venue_all')?.slice(1, 3)).toEqual(['ALL', 'venueid']);

    const perSlice = await rowsPerSlice('venue_key');
    const skew = Number(byName.get('venue_key')?.[4]);
    expect(skew).toBeCloseTo(Math.max(...perSlice) / Math.min(...perSlice), 2);
  });
});

/**
 * STV_BLOCKLIST and SVV_DISKUSAGE (leader/system-rows/blocks.ts): the guide's sample queries over
 * TICKIT's VENUE, block counts that agree with STV_TBL_PERM, and zone maps as Redshift's BIGINT bounds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../src/index.js';
import { zoneBound } from '../src/leader/system-rows/blocks.js';
import { BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, TIMESTAMP, charType, decimalType, varcharType } from '../src/types/datatype.js';
import { values } from './helpers/results.js';
import { loadTickitTable, tickitDdl } from './helpers/tickit.js';

describe('STV_BLOCKLIST and SVV_DISKUSAGE', () => {
  let cluster: Cluster;
  const rows = async (sql: string): Promise<unknown[][]> => values(await cluster.query(sql)).map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query(tickitDdl('venue'));
    await loadTickitTable(cluster, 'venue');
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  it("the guide's blocks per column of VENUE: each column, the three hidden ones too, a block on every slice holding rows", async () => {
    const slicesWithRows = (await rows("select count(*) from stv_tbl_perm where name = 'venue' and rows > 0"))[0]![0];
    const perColumn = await rows(
      "select col, count(*) from stv_blocklist, stv_tbl_perm where stv_blocklist.tbl = stv_tbl_perm.id and stv_blocklist.slice = stv_tbl_perm.slice and stv_tbl_perm.name = 'venue' group by col order by col",
    );
    // VENUE has 5 columns, then INSERT_XID, DELETE_XID and ROW_ID.
    expect(perColumn).toEqual(Array.from({ length: 8 }, (_, col) => [col, slicesWithRows]));
  });

  it("the guide's distribution check lists each slice holding VENUE rows, with STV_TBL_PERM's count", async () => {
    const fromBlocks = await rows(
      "select trim(name) as table, stv_blocklist.slice, stv_tbl_perm.rows from stv_blocklist, stv_tbl_perm where stv_blocklist.tbl = stv_tbl_perm.id and stv_tbl_perm.slice = stv_blocklist.slice and name = 'venue' group by name, stv_blocklist.slice, stv_tbl_perm.rows order by 2",
    );
    const fromPerm = await rows("select 'venue', slice, rows from stv_tbl_perm where name = 'venue' and rows > 0 order by slice");
    expect(fromBlocks).toEqual(fromPerm);
  });

  it('as many rows as STV_TBL_PERM.block_count counts; SVV_DISKUSAGE is the same blocks by table name', async () => {
    const [[blocks]] = (await rows("select sum(block_count) from stv_tbl_perm where name = 'venue'")) as [[number]];
    expect(blocks).toBeGreaterThan(0);
    expect(await rows("select count(*) from stv_blocklist b join stv_tbl_perm p on b.tbl = p.id and b.slice = p.slice where p.name = 'venue'")).toEqual([[blocks]]);
    expect(await rows("select count(*) from svv_diskusage where trim(name) = 'venue'")).toEqual([[blocks]]);
    // Each block's values: a slice's rows, split into blocks.
    expect(await rows("select sum(num_values) from svv_diskusage where trim(name) = 'venue' and col = 0")).toEqual([[202]]);
  });

  it("zone maps: a sorted table's blocks are in key order and marked sorted; ROW_ID counts the slice's rows", async () => {
    await cluster.query('create table nums (k int, label varchar(10)) diststyle even sortkey(k)');
    await cluster.query('insert into nums select venueid, venuestate from venue');
    await cluster.query('create table sorted_nums (like nums)');
    await cluster.query('insert into sorted_nums select * from nums');
    const id = (await rows("select distinct id from stv_tbl_perm where name = 'sorted_nums'"))[0]![0];
    const keyBlocks = await rows(`select slice, minvalue, maxvalue, unsorted from stv_blocklist where tbl = ${id} and col = 0 order by slice, blocknum`);
    expect(keyBlocks.length).toBeGreaterThan(0);
    for (const [, min, max, unsortedFlag] of keyBlocks) {
      expect(min as number).toBeLessThanOrEqual(max as number);
      expect(unsortedFlag).toBe(0);
    }
    const rowIds = await rows(`select slice, minvalue, maxvalue, num_values from stv_blocklist where tbl = ${id} and col = 4 order by slice, blocknum`);
    for (const [, min, max, n] of rowIds) expect([min, max]).toEqual([0, (n as number) - 1]);
    // Rows added to a table that has rows are its unsorted region: the blocks holding them say so
    // (a block that also holds sorted rows too: small blocks are merged as rows are appended).
    await cluster.query('insert into sorted_nums select k + 1000, label from nums');
    const byFlag = await rows(`select unsorted, sum(num_values) from stv_blocklist where tbl = ${id} and col = 0 group by unsorted order by unsorted`);
    expect(byFlag.at(-1)).toEqual([1, expect.any(Number)]);
    expect(byFlag.at(-1)![1] as number).toBeGreaterThanOrEqual(202);
    expect(byFlag.reduce((n, r) => n + (r[1] as number), 0)).toBe(404);
  });
});

describe('zone bounds as BIGINT', () => {
  it('integers and unscaled decimals as they are; dates and timestamps from 2000-01-01', () => {
    expect(zoneBound(INTEGER, -7)).toBe(-7n);
    expect(zoneBound(BIGINT, 2n ** 62n)).toBe(2n ** 62n);
    expect(zoneBound(decimalType(12, 2), 12345n)).toBe(12345n);
    expect(zoneBound(decimalType(38, 0), 10n ** 30n)).toBe(2n ** 63n - 1n);
    expect(zoneBound(DATE, 10_958)).toBe(1n); // 2000-01-02
    expect(zoneBound(TIMESTAMP, 946_684_800_000_001)).toBe(1n);
    expect(zoneBound(BOOLEAN, true)).toBe(1n);
    expect(zoneBound(DOUBLE, -2.9)).toBe(-2n);
    expect(zoneBound(DOUBLE, Infinity)).toBe(2n ** 63n - 1n);
    expect(zoneBound(INTEGER, null)).toBeNull();
  });

  it("strings as their first 8 bytes, big-endian: byte order is the bounds' order", () => {
    expect(zoneBound(varcharType(10), 'abc')).toBe(0x6162630000000000n);
    expect(zoneBound(charType(10), 'abcdefghij')).toBe(0x6162636465666768n);
    expect(zoneBound(varcharType(10), 'é')).toBe(0xc3a9000000000000n - 2n ** 64n);
    expect(zoneBound(varcharType(10), '')).toBe(0n);
  });
});

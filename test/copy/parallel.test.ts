/**
 * Per-slice evidence of parallel loading: files are dealt to slices, every slice reads its own
 * files one at a time on its own compute node, and rows land where the distribution style says.
 * Sort on load: a load into an empty table is its sorted region; a later load is unsorted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Cluster, type CopyProgress } from '../../src/index.js';
import { IAM, clusterOverBucket, tempBucket } from './helpers.js';

/** `n` equal files of `rowsPerFile` rows of (id, grp, label), ids unique across files. */
function equalFiles(bucket: ReturnType<typeof tempBucket>, prefix: string, n: number, rowsPerFile: number): void {
  for (let f = 0; f < n; f++) {
    const lines: string[] = [];
    for (let r = 0; r < rowsPerFile; r++) {
      const id = f * rowsPerFile + r;
      lines.push(`${id}|${id % 97}|label-${String(id).padStart(7, '0')}`);
    }
    bucket.put(`${prefix}/part-${f}.txt`, lines.join('\n') + '\n');
  }
}

const bucket = tempBucket();
let db: Cluster;

beforeAll(async () => {
  equalFiles(bucket, 'four', 4, 5000);
  equalFiles(bucket, 'one', 1, 20000);
  equalFiles(bucket, 'five', 5, 1000);
});
// A throughput model makes reading take a predictable time, so overlap is visible even on 2 cores.
clusterOverBucket(bucket, { nodes: 2, slicesPerNode: 2, s3Throughput: { mbPerSecond: 0.5, latencyMs: 20 } }, (started) => (db = started));

async function fileScans(): Promise<{ slice: number; name: string; start: number; end: number }[]> {
  const r = await db.query('select slice, trim(name) as name, loadtime, curtime from stl_file_scan where query = pg_last_copy_id() order by slice');
  return r.rows.map((row) => {
    const end = Date.parse(String(row.curtime).replace(' ', 'T') + 'Z');
    return { slice: row.slice as number, name: row.name as string, start: end - Number(row.loadtime) / 1000, end };
  });
}

describe('parallel COPY across slices', () => {
  it('4 equal files on 4 slices: each slice reads one file, all at the same time', async () => {
    await db.query('create table t4 (id integer, grp integer, label varchar(20)) diststyle even');
    await db.query(`copy t4 from 's3://test-bucket/four/' ${IAM}`);
    const scans = await fileScans();
    expect(scans.map((s) => s.slice)).toEqual([0, 1, 2, 3]);
    expect(new Set(scans.map((s) => s.name)).size).toBe(4);
    // Every read overlaps every other: the latest start is before the earliest end.
    expect(Math.max(...scans.map((s) => s.start))).toBeLessThan(Math.min(...scans.map((s) => s.end)));
    expect(Number((await db.query('select count(*) as n from t4')).rows[0]!.n)).toBe(20000);
  });

  it('1 file is read by one slice, yet the rows are stored on every slice (EVEN)', async () => {
    await db.query('create table t1 (id integer, grp integer, label varchar(20)) diststyle even');
    await db.query(`copy t1 from 's3://test-bucket/one/' ${IAM}`);
    const scans = await fileScans();
    expect(scans).toHaveLength(1);
    const perSlice = await db.query("select slice, rows from stv_tbl_perm where trim(name) = 't1' order by slice");
    expect(perSlice.rows.map((r) => Number(r.rows))).toEqual([5000, 5000, 5000, 5000]);
  });

  it('5 files on 4 slices: one slice reads two files, one after the other', async () => {
    await db.query('create table t5 (id integer, grp integer, label varchar(20)) distkey(grp)');
    await db.query(`copy t5 from 's3://test-bucket/five/' ${IAM}`);
    const scans = await fileScans();
    const slice0 = scans.filter((s) => s.slice === 0).sort((a, b) => a.start - b.start);
    expect(slice0).toHaveLength(2);
    expect(slice0[1]!.start).toBeGreaterThanOrEqual(slice0[0]!.end - 1);
    expect(Number((await db.query('select count(*) as n from t5')).rows[0]!.n)).toBe(5000);
  });

  it('rows land where the distribution style says, whichever slice read them (KEY as INSERT places them, ALL on every node)', async () => {
    const perSlice = async (t: string): Promise<number[]> =>
      (await db.query(`select slice, rows from stv_tbl_perm where trim(name) = '${t}' order by slice`)).rows.map((r) => Number(r.rows));
    await db.query('create table tk (id integer, grp integer, label varchar(20)) distkey(grp)');
    await db.query(`copy tk from 's3://test-bucket/four/' ${IAM}`);
    await db.query('create table tk_insert (id integer, grp integer, label varchar(20)) distkey(grp)');
    await db.query('insert into tk_insert select * from tk');
    expect(await perSlice('tk')).toEqual(await perSlice('tk_insert'));
    await db.query('create table ta (id integer, grp integer, label varchar(20)) diststyle all');
    await db.query(`copy ta from 's3://test-bucket/four/' ${IAM}`);
    expect(await perSlice('ta')).toEqual([20000, 0, 20000, 0]);
    const r = await db.query('select count(*) as n, count(distinct id) as d, sum(id) as s from ta');
    expect(r.rows[0]).toEqual({ n: 20000n, d: 20000n, s: 199990000n });
  });

  it('reports per-slice progress while loading', async () => {
    await db.query('create table tp (id integer, grp integer, label varchar(20))');
    const seen: CopyProgress[] = [];
    await db.query(`copy tp from 's3://test-bucket/four/' ${IAM}`, [], { onCopyProgress: (p) => seen.push(p) });
    const last = seen.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.simulated).toBe(true);
    expect(last.slices.map((s) => s.rows)).toEqual([5000, 5000, 5000, 5000]);
    expect(last.slices.every((s) => s.bytesRead === s.bytesTotal && s.filesDone === 1)).toBe(true);
    // At least one sample was taken mid-load (reads take ~250 ms at 0.5 MB/s).
    expect(seen.some((p) => !p.done && p.slices.some((s) => s.bytesRead < s.bytesTotal))).toBe(true);
  });
});

describe('scan ranges (newer Redshift, off by default)', () => {
  it('one large uncompressed file is split into ranges read by several slices; every row loads once', async () => {
    const split = await Cluster.start({ s3Root: bucket.root, copyScanRanges: { minFileBytes: 100_000, rangeBytes: 100_000 } });
    try {
      await split.query('create table tr (id integer, grp integer, label varchar(20)) diststyle even');
      await split.query(`copy tr from 's3://test-bucket/one/' ${IAM}`);
      const commits = await split.query('select slice, is_partial, start_offset from stl_load_commits where query = pg_last_copy_id() order by start_offset');
      expect(commits.rows.length).toBeGreaterThan(4);
      expect(commits.rows.every((r) => r.is_partial === 1)).toBe(true);
      expect(commits.rows.map((r) => r.start_offset)).toEqual(commits.rows.map((_, i) => BigInt(i * 100_000)));
      expect(new Set(commits.rows.map((r) => r.slice)).size).toBe(4);
      const r = await split.query('select count(*) as n, count(distinct id) as d, min(id) as lo, max(id) as hi from tr');
      expect(r.rows[0]).toEqual({ n: 20000n, d: 20000n, lo: 0, hi: 19999 });
    } finally {
      await split.close();
    }
  });
});

describe('sort on load', () => {
  it('a load into an empty table is stored in sort-key order; a second load is an unsorted region', async () => {
    await db.query('create table ts (id integer, grp integer, label varchar(20)) diststyle even sortkey(grp, id)');
    await db.query(`copy ts from 's3://test-bucket/four/' ${IAM}`);
    let perm = await db.query("select sum(rows) as rows, sum(sorted_rows) as sorted from stv_tbl_perm where trim(name) = 'ts'");
    expect(perm.rows[0]).toEqual({ rows: 20000n, sorted: 20000n });
    const info = await db.query("select unsorted from svv_table_info where \"table\" = 'ts'");
    expect(info.rows[0]!.unsorted).toBe('0.00');
    await db.query(`copy ts from 's3://test-bucket/one/' ${IAM}`);
    perm = await db.query("select sum(rows) as rows, sum(sorted_rows) as sorted from stv_tbl_perm where trim(name) = 'ts'");
    expect(perm.rows[0]).toEqual({ rows: 40000n, sorted: 20000n });
  });
});

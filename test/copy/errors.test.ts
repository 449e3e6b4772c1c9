/**
 * Bad input: every failure leaves the table exactly as it was (or, under MAXERROR, loads the good
 * rows), records why in STL_LOAD_ERRORS — file, line, column, raw text, Redshift's code and reason —
 * and the record's fields up to the failing one in STL_LOADERROR_DETAIL, and tells the client in
 * Redshift's words.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { errorOf } from '../helpers/results.js';
import { IAM, clusterOverBucket, lastLoadErrors, tempBucket } from './helpers.js';

const bucket = tempBucket();
let db: Cluster;

/** 200 good lines of `id|name|day|amount`. */
function goodLines(n = 200): string[] {
  return Array.from({ length: n }, (_, i) => `${i + 1}|name ${i + 1}|2008-01-${String((i % 28) + 1).padStart(2, '0')}|${(i * 1.25).toFixed(2)}`);
}

/** A seeded position in [1, n) so the test is repeatable but not hand-picked. */
function seededPosition(seed: number, n: number): number {
  let x = seed >>> 0;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return 1 + ((x >>> 0) % (n - 1));
}

clusterOverBucket(bucket, {}, (started) => (db = started));
beforeEach(async () => {
  await db.query('drop table if exists t');
  await db.query('create table t (id integer not null, name varchar(20), day date, amount decimal(8,2)) diststyle even');
  await db.query("insert into t values (-1, 'before', '2000-01-01', 0.5)");
});

async function tableRows(): Promise<unknown[][]> {
  return (await db.query('select * from t order by id')).toArrays();
}

describe('a malformed line at a random position', () => {
  const lines = goodLines();
  const bad = seededPosition(20261121, lines.length);
  lines[bad] = `${bad + 1}|name|not-a-date|1.00`;
  beforeAll(() => bucket.put('one-bad/data.txt', lines.join('\n') + '\n'));

  it('beyond MAXERROR: the COPY fails, the table is unchanged, STL_LOAD_ERRORS names file, line and column', async () => {
    const before = await tableRows();
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/one-bad/' ${IAM}`));
    expect(err.code).toBe('XX000');
    expect(err.message).toBe("Load into table 't' failed.  Check 'stl_load_errors' system table for details.");
    expect(err.detail).toContain(`s3://test-bucket/one-bad/data.txt:${bad + 1}`);
    expect(await tableRows()).toEqual(before);
    const errors = await lastLoadErrors(db);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ filename: 's3://test-bucket/one-bad/data.txt', line_number: BigInt(bad + 1), colname: 'day', type: 'date', raw_field_value: 'not-a-date', err_code: 1205 });
    expect(errors[0]!.raw_line).toBe(lines[bad]);
    expect((await db.query('select pg_last_copy_count() as n')).rows[0]!.n).toBe(0n);
    // The failed load is over: failed, with its message, in the statement history.
    const history = await db.query("select trim(status) as s, trim(error_message) as e from sys_query_history where query_type = 'COPY' order by start_time desc limit 1");
    expect(history.rows).toEqual([{ s: 'failed', e: "Load into table 't' failed.  Check 'stl_load_errors' system table for details." }]);
  });

  it('within MAXERROR: the good rows load, the bad one is logged and reported', async () => {
    const r = await db.query(`copy t from 's3://test-bucket/one-bad/' ${IAM} maxerror 5`);
    expect(r.rowCount).toBe(199);
    expect(r.notices.map((n) => n.message)).toEqual([
      "Load into table 't' completed, 199 record(s) loaded successfully.",
      "Load into table 't' completed, 1 record(s) could not be loaded.  Check 'stl_load_errors' system table for details.",
    ]);
    expect((await db.query('select count(*) as n from t')).rows[0]!.n).toBe(200n);
    expect((await db.query(`select count(*) as n from t where id = ${bad + 1}`)).rows[0]!.n).toBe(0n);
    expect(await lastLoadErrors(db)).toHaveLength(1);
  });

  it('MAXERROR follows the documented rule: the load fails when errors reach n (1 error, MAXERROR 1)', async () => {
    await errorOf(db.query(`copy t from 's3://test-bucket/one-bad/' ${IAM} maxerror 1`));
    const tolerant = await Cluster.start({ s3Root: bucket.root, copyMaxErrorRule: 'allow-n' });
    try {
      await tolerant.query('create table t (id integer not null, name varchar(20), day date, amount decimal(8,2))');
      const r = await tolerant.query(`copy t from 's3://test-bucket/one-bad/' ${IAM} maxerror 1`);
      expect(r.rowCount).toBe(199);
    } finally {
      await tolerant.close();
    }
  });
});

describe('STL_LOADERROR_DETAIL', () => {
  const details = async (): Promise<unknown[][]> =>
    (
      await db.query(
        'select slice, line_number, field, trim(colname), trim(value), is_null, trim(type), col_length from stl_loaderror_detail where query = pg_last_copy_id() order by line_number, field',
      )
    ).toArrays();

  it("lists a rejected record's fields up to the failing one: values as parsed, NULLs, the failing field empty", async () => {
    bucket.put('detail/data.txt', ['1|one|2008-01-01|1.00', '2|\\N|2008-02-30|2.50', '3|three|2008-01-03|x'].join('\n') + '\n');
    await db.query(`copy t from 's3://test-bucket/detail/' ${IAM} maxerror 10`);
    const rows = await details();
    const slice = (await lastLoadErrors(db))[0]!.slice;
    expect(rows).toEqual([
      [slice, 2n, 1, 'id', '2', 0, 'int4', 0],
      [slice, 2n, 2, 'name', '', 1, 'varchar', 20],
      [slice, 2n, 3, 'day', '', 0, 'date', 0],
      [slice, 3n, 1, 'id', '3', 0, 'int4', 0],
      [slice, 3n, 2, 'name', 'three', 0, 'varchar', 20],
      [slice, 3n, 3, 'day', '2008-01-03', 0, 'date', 0],
      [slice, 3n, 4, 'amount', '', 0, 'numeric', 8],
    ]);
    // The guide's join: each detail row with its STL_LOAD_ERRORS row.
    const joined = await db.query(
      'select d.line_number, trim(d.value), trim(le.err_reason) from stl_loaderror_detail d, stl_load_errors le where d.query = le.query and d.line_number = le.line_number and d.query = pg_last_copy_id() order by 1, d.field',
    );
    expect(joined.toArrays().map((r) => r[0])).toEqual([2n, 2n, 2n, 3n, 3n, 3n, 3n]);
  });

  it('keeps the fields of the first 20 errors of a slice; STL_LOAD_ERRORS keeps every error', async () => {
    const bad = Array.from({ length: 30 }, (_, i) => `${i + 1}|n|bad-date|1.00`);
    bucket.put('detail-many/data.txt', bad.join('\n') + '\n');
    await db.query(`copy t from 's3://test-bucket/detail-many/' ${IAM} maxerror 100`);
    expect(await lastLoadErrors(db)).toHaveLength(30);
    const rows = await details();
    expect(new Set(rows.map((r) => r[1])).size).toBe(20);
    expect(rows).toHaveLength(20 * 3);
  });

  it('a record wrong as a whole (extra columns) has no field rows', async () => {
    bucket.put('detail-extra/data.txt', '1|a|2008-01-01|1.00|extra\n');
    await db.query(`copy t from 's3://test-bucket/detail-extra/' ${IAM} maxerror 10`);
    expect(await lastLoadErrors(db)).toHaveLength(1);
    expect(await details()).toEqual([]);
  });
});

describe('SYS_LOAD_HISTORY, SYS_LOAD_ERROR_DETAIL and SYS_LOAD_DETAIL', () => {
  const lines = goodLines(10);
  lines[4] = '5|five|not-a-date|5.00';
  const text = lines.join('\n') + '\n';
  beforeAll(() => bucket.put('sys/data.txt', text));

  it("a completed load: one history row with what was read, loaded and rejected; the error and the file in their views", async () => {
    await db.query(`copy t from 's3://test-bucket/sys/' ${IAM} maxerror 5`);
    const [history] = (
      await db.query(
        "select query_id = pg_last_copy_id(), trim(status), trim(table_name), trim(data_source), trim(file_format), loaded_rows, loaded_bytes, source_file_count, source_file_bytes, file_count_scanned, file_bytes_scanned, error_count, duration >= 0, end_time >= start_time from sys_load_history where query_id = pg_last_copy_id()",
      )
    ).toArrays();
    const size = BigInt(Buffer.byteLength(text));
    expect(history).toEqual([true, 'completed', 't', 's3://test-bucket/sys/', 'txt', 9n, size, 1, size, 1, size, 1n, true, true]);
    // The guide's sample query, and the error as STL_LOAD_ERRORS has it.
    const errors = await db.query(
      'select trim(file_name), line_number, trim(column_name), trim(column_type), trim(error_message), error_code from sys_load_error_detail where query_id = pg_last_copy_id() order by start_time limit 10',
    );
    expect(errors.toArrays()).toEqual([['s3://test-bucket/sys/data.txt', 5n, 'day', 'date', expect.stringMatching(/date/i), 1205]]);
    expect((await db.query('select trim(file_name), bytes_scanned, lines_scanned from sys_load_detail where query_id = pg_last_copy_id()')).toArrays()).toEqual([
      ['s3://test-bucket/sys/data.txt', Number(size), 10],
    ]);
  });

  it('a load that fails is aborted, with nothing loaded', async () => {
    await errorOf(db.query(`copy t from 's3://test-bucket/sys/' ${IAM}`));
    const rows = (await db.query('select trim(status), loaded_rows, error_count, end_time is not null from sys_load_history where query_id = pg_last_copy_id()')).toArrays();
    expect(rows).toEqual([['aborted', 0n, 1n, true]]);
  });
});

describe('each kind of bad input', () => {
  const cases: readonly { name: string; line: string; colname: string; code: number; reason: RegExp }[] = [
    { name: 'too many columns', line: '1|a|2008-01-01|1.00|extra', colname: '', code: 1202, reason: /Extra column\(s\) found/ },
    { name: 'too few columns', line: '1|a', colname: 'name', code: 1214, reason: /Delimiter not found/ },
    { name: 'integer overflow', line: '99999999999|a|2008-01-01|1.00', colname: 'id', code: 1222, reason: /Overflow|out of range|Invalid digit/i },
    { name: 'decimal overflow', line: '1|a|2008-01-01|12345678.00', colname: 'amount', code: 1204, reason: /Overflow|exceeds|precision/i },
    { name: 'bad date', line: '1|a|2008-13-45|1.00', colname: 'day', code: 1205, reason: /date/i },
    { name: 'not a number', line: 'x1|a|2008-01-01|1.00', colname: 'id', code: 1207, reason: /Invalid digit, Value 'x', Pos 0, Type: Integer/ },
    { name: 'varchar too long', line: `1|${'z'.repeat(21)}|2008-01-01|1.00`, colname: 'name', code: 1204, reason: /length exceeds DDL length/ },
  ];
  for (const c of cases) {
    it(`${c.name}: logged with its column, code and reason; nothing loaded`, async () => {
      bucket.put(`case-${c.code}-${c.colname}/data.txt`, `${goodLines(3).join('\n')}\n${c.line}\n`);
      const before = await tableRows();
      await errorOf(db.query(`copy t from 's3://test-bucket/case-${c.code}-${c.colname}/' ${IAM}`));
      expect(await tableRows()).toEqual(before);
      const [e] = await lastLoadErrors(db);
      expect(e).toMatchObject({ line_number: 4n, colname: c.colname, raw_line: c.line });
      expect(e!.err_code).toBe(c.code);
      expect(String(e!.err_reason)).toMatch(c.reason);
    });
  }

  it('invalid UTF-8: error 1220, or replaced with ACCEPTINVCHARS', async () => {
    const bytes = Buffer.concat([Buffer.from('1|caf'), Buffer.from([0xe9]), Buffer.from('|2008-01-01|1.00\n')]);
    bucket.put('utf8/data.txt', bytes);
    await errorOf(db.query(`copy t from 's3://test-bucket/utf8/' ${IAM}`));
    const [e] = await lastLoadErrors(db);
    expect(e).toMatchObject({ colname: 'name', err_code: 1220 });
    await db.query(`copy t from 's3://test-bucket/utf8/' ${IAM} acceptinvchars as '^'`);
    expect((await db.query('select name from t where id = 1')).rows[0]!.name).toBe('caf^');
  });

  it('a truncated gzip file fails the load and names the file', async () => {
    const gz = gzipSync(Buffer.from(goodLines().join('\n') + '\n'));
    bucket.put('gz/data.txt.gz', gz.subarray(0, Math.floor(gz.length / 2)));
    const before = await tableRows();
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/gz/' ${IAM} gzip`));
    expect(err.message).toMatch(/Load into table 't' failed/);
    expect(await tableRows()).toEqual(before);
    const [e] = await lastLoadErrors(db);
    expect(e!.filename).toBe('s3://test-bucket/gz/data.txt.gz');
    expect(String(e!.err_reason)).toMatch(/gzip|unexpected end|zlib/i);
  });

  it('a file of many read chunks: an error stops the slice mid-file, a truncated gzip fails at its end; the next COPY works', async () => {
    // About 4 MB, several 1 MiB reads: the bad line is in the first, so the slice stops with the next read under way.
    const many = goodLines(150_000).map((l) => l.replace('|name ', '|n'));
    many[100] = '101|x|2008-13-45|1.00';
    bucket.put('big/data.txt', many.join('\n') + '\n');
    const before = await tableRows();
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/big/' ${IAM}`))).message).toMatch(/Load into table 't' failed/);
    expect(await tableRows()).toEqual(before);
    const gz = gzipSync(Buffer.from(goodLines(150_000).join('\n') + '\n'));
    bucket.put('big-gz/data.txt.gz', gz.subarray(0, gz.length - 100));
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/big-gz/' ${IAM} gzip`))).message).toMatch(/Load into table 't' failed/);
    expect(String((await lastLoadErrors(db))[0]!.err_reason)).toMatch(/gzip/);
    expect((await db.query(`copy t from 's3://test-bucket/big/' ${IAM} maxerror 5`)).rowCount).toBe(149_999);
  });

  it('a missing mandatory manifest entry fails before anything loads', async () => {
    bucket.put('m/ok.txt', goodLines(2).join('\n') + '\n');
    bucket.put('m/list.manifest', JSON.stringify({ entries: [{ url: 's3://test-bucket/m/ok.txt', mandatory: true }, { url: 's3://test-bucket/m/missing.txt', mandatory: true }] }));
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/m/list.manifest' ${IAM} manifest`));
    expect(err.message).toMatch(/missing\.txt/);
    expect((await db.query('select count(*) as n from t')).rows[0]!.n).toBe(1n);
  });

  it('an empty prefix is an error', async () => {
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/nothing-here/' ${IAM}`));
    expect(err.message).toMatch(/nothing-here/);
  });

  it('a key escaping the root is rejected', async () => {
    for (const key of ['../../etc/passwd', 'a/../../../etc/hosts', '%2e%2e/%2e%2e/etc/passwd']) {
      const err = await errorOf(db.query(`copy t from 's3://test-bucket/${key}' ${IAM}`));
      expect(err.message).not.toMatch(/Load into table/);
    }
    symlinkSync('/etc', join(bucket.root, 'test-bucket', 'escape'));
    await errorOf(db.query(`copy t from 's3://test-bucket/escape/hosts' ${IAM}`));
    expect((await db.query('select count(*) as n from t')).rows[0]!.n).toBe(1n);
  });

  it('invalid option combinations and credentials are rejected with the option named', async () => {
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/x' ${IAM} csv fixedwidth 'a:1'`))).message).toMatch(/CSV and FIXEDWIDTH/);
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/x' credentials 'nonsense'`))).message).toMatch(/^Invalid credentials/);
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/x' iam_role 'arn:aws:iam::12:role/x'`))).message).toMatch(/IAM_ROLE/);
    expect((await errorOf(db.query(`copy t from 's3://test-bucket/x'`))).message).toMatch(/authorization/);
  });
});

describe('a worker killed mid-load', () => {
  it('fails the COPY and loads nothing; the next COPY works', async () => {
    const big = goodLines(200).join('\n') + '\n';
    for (let i = 0; i < 4; i++) bucket.put(`crash/part-${i}.txt`, big);
    const slow = await Cluster.start({ s3Root: bucket.root, s3Throughput: { mbPerSecond: 0.02, latencyMs: 50 } });
    try {
      await slow.query('create table t (id integer not null, name varchar(20), day date, amount decimal(8,2))');
      const load = slow.query(`copy t from 's3://test-bucket/crash/' ${IAM}`);
      await slow.internals.terminateNode(1);
      const err = await errorOf(load);
      expect(err.message).toMatch(/COPY failed|compute node|worker/i);
      expect((await slow.query('select count(*) as n from t')).rows[0]!.n).toBe(0n);
      const again = await slow.query(`copy t from 's3://test-bucket/one-bad/' ${IAM} maxerror 10`);
      expect(again.rowCount).toBe(199);
    } finally {
      await slow.close();
    }
  });
});


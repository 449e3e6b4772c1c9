/**
 * NULL AS '\0': a field that is exactly one NUL byte is NULL; a field holding a NUL among other bytes
 * is load error 1218, logged per field in STL_LOAD_ERRORS like any conversion error.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { errorOf } from '../helpers/results.js';
import { IAM, clusterOverBucket, lastLoadErrors, tempBucket } from './helpers.js';

const bucket = tempBucket();
let db: Cluster;

clusterOverBucket(bucket, {}, (started) => (db = started));
beforeEach(async () => {
  await db.query('drop table if exists t');
  await db.query('create table t (id integer not null, s varchar(10), n integer) diststyle even');
});

describe("NULL AS '\\0' and error 1218", () => {
  it('a lone NUL is NULL; a NUL among other bytes rejects the record with 1218, for any column type', async () => {
    bucket.put('mixed/data.txt', ['1|\0|\0', '2|a\0b|5', '3|x|\0\0', '4|\0x|7', '5|ok|8'].join('\n') + '\n');
    const result = await db.query(`copy t from 's3://test-bucket/mixed/' ${IAM} null as '\\0' maxerror 10`);
    expect(result.rowCount).toBe(2);
    expect((await db.query('select id, s, n from t order by id')).rows).toEqual([
      { id: 1, s: null, n: null },
      { id: 5, s: 'ok', n: 8 },
    ]);
    const errors = await lastLoadErrors(db);
    expect(errors.map((e) => [e.line_number, e.colname, e.type, e.position, e.raw_line, e.raw_field_value, e.err_code])).toEqual([
      // NUL is shown as '.' in the log's text, as a multibyte character is.
      [2n, 's', 'varchar', 2, '2|a.b|5', 'a.b', 1218],
      [3n, 'n', 'int4', 4, '3|x|..', '..', 1218],
      [4n, 's', 'varchar', 2, '4|.x|7', '.x', 1218],
    ]);
    expect(new Set(errors.map((e) => e.err_reason))).toEqual(new Set(["NULL AS '\\0': a field containing a NUL (0x00) byte has more than one byte"]));
  });

  it("NULL AS '\\000' is the same marker; the failed load's DETAIL shows the field without its NUL", async () => {
    bucket.put('fail/data.txt', '1|ok|1\n2|a\0|2\n');
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/fail/' ${IAM} null as '\\000'`));
    expect(err.message).toMatch(/Load into table 't' failed/);
    expect(err.detail).toMatch(/code:\s+1218/);
    expect(err.detail).toMatch(/context:\s+a\.\n/);
    expect(err.detail).not.toContain('\0');
    expect((await db.query('select count(*) as n from t')).rows[0]!.n).toBe(0n);
  });

  it('without NULL AS \\0 a NUL still ends the record (no 1218)', async () => {
    bucket.put('plain/data.txt', '1|a\0b|5\n');
    await errorOf(db.query(`copy t from 's3://test-bucket/plain/' ${IAM}`));
    const [e] = await lastLoadErrors(db);
    expect(e!.err_code).not.toBe(1218);
  });
});

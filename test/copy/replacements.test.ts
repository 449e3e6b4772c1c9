/**
 * ACCEPTINVCHARS end to end: invalid UTF-8 in VARCHAR fields is replaced in the loaded values, and
 * each record that needed a replacement is logged once in STL_REPLACEMENTS (file, line, first such
 * column, raw line) — at most 100 per reading slice, and kept when the load fails.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { errorOf } from '../helpers/results.js';
import { IAM, clusterOverBucket, tempBucket } from './helpers.js';

const bucket = tempBucket();
let db: Cluster;

clusterOverBucket(bucket, { nodes: 2, slicesPerNode: 2 }, (started) => (db = started));
beforeEach(async () => {
  await db.query('drop table if exists t');
  await db.query('create table t (id integer not null, a varchar(20), b varchar(20)) diststyle even');
});

/** A line of text with raw bytes spliced in: strings are UTF-8, numbers are single bytes. */
function line(...parts: (string | number)[]): Buffer {
  return Buffer.concat([...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from([p]))), Buffer.from('\n')]);
}

async function lastReplacements(): Promise<readonly Record<string, unknown>[]> {
  const r = await db.query(
    'select slice, tbl, session, trim(filename) as filename, line_number, trim(colname) as colname, trim(raw_line) as raw_line from stl_replacements where query = pg_last_copy_id() order by filename, line_number',
  );
  return r.rows;
}

describe('STL_REPLACEMENTS', () => {
  it('one row per record that needed a replacement, naming its first replaced column; values carry the replacement', async () => {
    bucket.put(
      'one/data.txt',
      Buffer.concat([
        line('1|fine|also fine'),
        // Two bad columns: the row is logged once, for column a. 0xe9 alone is an incomplete sequence.
        line('2|caf', 0xe9, '|x', 0xff, 'y'),
        line('3|ok|b', 0xc3, 0x28),
        // A valid multibyte character needs no replacement.
        line('4|café|ok'),
      ]),
    );
    const result = await db.query(`copy t from 's3://test-bucket/one/' ${IAM} acceptinvchars as '^'`);
    expect(result.notices.map((n) => n.message)).toContain(
      "Load into table 't' completed, 2 record(s) were loaded with replacements made for ACCEPTINVCHARS. Check 'stl_replacements' system table for details.",
    );
    const loaded = await db.query('select id, a, b from t order by id');
    expect(loaded.rows).toEqual([
      { id: 1, a: 'fine', b: 'also fine' },
      { id: 2, a: 'caf^', b: 'x^y' },
      // The lead byte alone is replaced; '(' is a character of its own.
      { id: 3, a: 'ok', b: 'b^(' },
      { id: 4, a: 'café', b: 'ok' },
    ]);
    const tbl = (await db.query("select table_id from svv_table_info where \"table\" = 't'")).rows[0]!.table_id;
    const rows = await lastReplacements();
    expect(rows).toEqual([
      { slice: 0, tbl, session: expect.any(Number), filename: 's3://test-bucket/one/data.txt', line_number: 2n, colname: 'a', raw_line: '2|caf.|x.y' },
      { slice: 0, tbl, session: expect.any(Number), filename: 's3://test-bucket/one/data.txt', line_number: 3n, colname: 'b', raw_line: '3|ok|b.(' },
    ]);
  });

  it('without ACCEPTINVCHARS nothing is logged there (the record is a 1220 load error instead)', async () => {
    bucket.put('strict/data.txt', Buffer.concat([line('1|caf', 0xe9, '|x')]));
    await errorOf(db.query(`copy t from 's3://test-bucket/strict/' ${IAM}`));
    expect(await lastReplacements()).toEqual([]);
    const errors = await db.query('select err_code from stl_load_errors where query = pg_last_copy_id()');
    expect(errors.rows).toEqual([{ err_code: 1220 }]);
  });

  it('at most 100 rows per reading slice, while every bad value is still replaced and counted', async () => {
    // Two files, so two slices read: 150 bad records in one, 30 in the other.
    const bad = (from: number, n: number): Buffer => Buffer.concat(Array.from({ length: n }, (_, i) => line(`${from + i}|x`, 0xfe, '|ok')));
    bucket.put('cap/part-0.txt', bad(1, 150));
    bucket.put('cap/part-1.txt', bad(1001, 30));
    const result = await db.query(`copy t from 's3://test-bucket/cap/' ${IAM} acceptinvchars`);
    expect(result.rowCount).toBe(180);
    expect(result.notices.some((n) => n.message.includes(', 180 record(s) were loaded with replacements'))).toBe(true);
    expect((await db.query("select count(*) as n from t where a = 'x?'")).rows[0]!.n).toBe(180n);
    const perSlice = await db.query(
      'select trim(filename) as filename, count(*) as n, min(line_number) as first, max(line_number) as last from stl_replacements where query = pg_last_copy_id() group by 1 order by 1',
    );
    expect(perSlice.rows).toEqual([
      // The first 100 of the slice's records, in file order.
      { filename: 's3://test-bucket/cap/part-0.txt', n: 100n, first: 1n, last: 100n },
      { filename: 's3://test-bucket/cap/part-1.txt', n: 30n, first: 1n, last: 30n },
    ]);
  });

  it('rows are kept when the load fails (and the table is unchanged)', async () => {
    bucket.put('fail/data.txt', Buffer.concat([line('1|caf', 0xe9, '|x'), line('oops|a|b'), line('3|y|z')]));
    const err = await errorOf(db.query(`copy t from 's3://test-bucket/fail/' ${IAM} acceptinvchars`));
    expect(err.message).toMatch(/Load into table 't' failed/);
    expect((await db.query('select count(*) as n from t')).rows[0]!.n).toBe(0n);
    expect(await lastReplacements()).toEqual([
      expect.objectContaining({ filename: 's3://test-bucket/fail/data.txt', line_number: 1n, colname: 'a', raw_line: '1|caf.|x' }),
    ]);
  });
});

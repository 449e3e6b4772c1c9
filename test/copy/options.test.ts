/**
 * Every COPY conversion and load option, each checked on the values it loads (not just counts).
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/index.js';
import { IAM, clusterOverBucket, tempBucket } from './helpers.js';

const bucket = tempBucket();
let db: Cluster;

clusterOverBucket(bucket, {}, (started) => (db = started));

let tableNo = 0;

/** Puts `content` in the bucket, creates a table with `columns`, runs COPY with `options`; returns the rows ordered by the first column. */
async function load(columns: string, content: string | Uint8Array, options: string, columnList = ''): Promise<unknown[][]> {
  const name = `t${++tableNo}`;
  bucket.put(`${name}/data`, content);
  await db.query(`create table ${name} (${columns})`);
  await db.query(`copy ${name}${columnList} from 's3://test-bucket/${name}/data' ${IAM} ${options}`);
  return (await db.query(`select * from ${name} order by 1`)).toArrays();
}

describe('delimiters, NULLs and blanks', () => {
  it("DELIMITER '\\t' and the default NULL AS '\\N'", async () => {
    expect(await load('a int, b varchar(10)', '1\tx\n2\t\\N\n', "delimiter '\\t'")).toEqual([[1, 'x'], [2, null]]);
  });
  it("NULL AS 'NULL'", async () => {
    expect(await load('a int, b varchar(10)', '1|NULL\n2|\\N\n', "null as 'NULL'")).toEqual([[1, null], [2, '\\N']]);
  });
  it('empty fields: empty string for VARCHAR, NULL for other types; EMPTYASNULL makes VARCHAR NULL too', async () => {
    expect(await load('a int, b varchar(10), c int', '1||\n', '')).toEqual([[1, '', null]]);
    expect(await load('a int, b varchar(10), c int', '1||\n', 'emptyasnull')).toEqual([[1, null, null]]);
  });
  it('BLANKSASNULL makes whitespace-only VARCHAR NULL', async () => {
    expect(await load('a int, b varchar(10)', '1|   \n2| x \n', 'blanksasnull')).toEqual([[1, null], [2, ' x ']]);
  });
  it('TRIMBLANKS removes trailing blanks from VARCHAR', async () => {
    expect(await load('a int, b varchar(10)', '1|ab   \n', 'trimblanks')).toEqual([[1, 'ab']]);
  });
  it('TRUNCATECOLUMNS cuts VARCHAR and CHAR to their length in bytes', async () => {
    expect(await load('a int, b varchar(3), c char(2)', '1|abcdef|xyz\n', 'truncatecolumns')).toEqual([[1, 'abc', 'xy']]);
  });
});

describe('records', () => {
  it('IGNOREHEADER skips lines at the start of every file', async () => {
    expect(await load('a int, b varchar(10)', 'id|name\n--|--\n1|x\n', 'ignoreheader 2')).toEqual([[1, 'x']]);
  });
  it('IGNOREBLANKLINES skips empty lines', async () => {
    expect(await load('a int, b varchar(10)', '1|x\n\n2|y\n', 'ignoreblanklines')).toEqual([[1, 'x'], [2, 'y']]);
  });
  it('FILLRECORD loads missing trailing columns as NULL (VARCHAR: empty string)', async () => {
    expect(await load('a int, b int, c varchar(5)', '1\n2|3|z\n', 'fillrecord')).toEqual([[1, null, ''], [2, 3, 'z']]);
  });
  it('a trailing delimiter at the end of every line is not an extra column', async () => {
    expect(await load('a int, b varchar(5)', '1|x|\n2|y|\n', '')).toEqual([[1, 'x'], [2, 'y']]);
  });
  it('REMOVEQUOTES strips surrounding quotes and keeps delimiters inside them', async () => {
    expect(await load('a int, b varchar(10)', '1|"a|b"\n2|\'c\'\n', 'removequotes')).toEqual([[1, 'a|b'], [2, 'c']]);
  });
  it('ESCAPE makes the delimiter, newline and backslash literal', async () => {
    expect(await load('a int, b varchar(10)', '1|a\\|b\n2|line\\\nnext\n3|back\\\\slash\n', 'escape')).toEqual([[1, 'a|b'], [2, 'line\nnext'], [3, 'back\\slash']]);
  });
  it("CSV with QUOTE AS '%'", async () => {
    expect(await load('a int, b varchar(20)', '1,%a, "quoted" %\n2,%x%%y%\n', "csv quote as '%'")).toEqual([[1, 'a, "quoted" '], [2, 'x%y']]);
  });
  it('a column list: omitted columns get their DEFAULT, else NULL', async () => {
    expect(await load("a int, b varchar(5) default 'dflt', c int", '3|7\n', '', ' (c, a)')).toEqual([[7, 'dflt', 3]]);
  });
  it('a NOT NULL column left out of the column list without a DEFAULT fails the COPY', async () => {
    bucket.put('notnull/data', '1\n');
    await db.query('create table nn (a int, b int not null)');
    await expect(db.query(`copy nn (a) from 's3://test-bucket/notnull/data' ${IAM}`)).rejects.toThrow(/NOT NULL column "b"/);
    expect((await db.query('select count(*) as n from nn')).rows[0]!.n).toBe(0n);
  });
  it('ENCODING UTF16LE (with a BOM) loads the same text', async () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('1|café\n', 'utf16le')]);
    expect(await load('a int, b varchar(10)', text, 'encoding utf16le')).toEqual([[1, 'café']]);
  });
});

describe('numbers and dates', () => {
  it('COPY truncates extra decimal digits; ROUNDEC rounds them (INSERT always rounds)', async () => {
    expect(await load('a int, d decimal(8,2)', '1|20.259\n2|-1.005\n', '')).toEqual([[1, '20.25'], [2, '-1.00']]);
    expect(await load('a int, d decimal(8,2)', '1|20.259\n2|-1.005\n', 'roundec')).toEqual([[1, '20.26'], [2, '-1.01']]);
  });
  it('floats in plain and exponential form', async () => {
    expect(await load('a int, f double precision', '1|12.123\n2|1.0E4\n', '')).toEqual([[1, 12.123], [2, 10000]]);
  });
  it("DATEFORMAT 'MM/DD/YYYY' and 'MON DD, YYYY'", async () => {
    expect(await load('a int, d date', '1|01/05/2008\n', "dateformat 'MM/DD/YYYY'")).toEqual([[1, '2008-01-05']]);
    expect(await load('a int, d date', '1|Jan 05, 2008\n', "dateformat 'MON DD, YYYY'")).toEqual([[1, '2008-01-05']]);
  });
  it("TIMEFORMAT 'MM/DD/YYYY HH:MI:SS' reads HH as 24-hour (the TICKIT sales format)", async () => {
    expect(await load('a int, t timestamp', '1|02/18/2008 17:30:05\n', "timeformat 'MM/DD/YYYY HH:MI:SS'")).toEqual([[1, '2008-02-18 17:30:05']]);
  });
  it("TIMEFORMAT 'epochsecs' and 'epochmillisecs'", async () => {
    expect(await load('a int, t timestamp', '1|1199145600\n', "timeformat 'epochsecs'")).toEqual([[1, '2008-01-01 00:00:00']]);
    expect(await load('a int, t timestamp', '1|1199145600123\n', "timeformat 'epochmillisecs'")).toEqual([[1, '2008-01-01 00:00:00.123']]);
  });
  it("DATEFORMAT 'auto' recognizes several layouts", async () => {
    expect(await load('a int, d date', '1|2008-01-05\n2|01/06/2008\n3|20080107\n', "dateformat 'auto'")).toEqual([[1, '2008-01-05'], [2, '2008-01-06'], [3, '2008-01-07']]);
  });
  it('ACCEPTANYDATE loads an unparsable date as NULL', async () => {
    expect(await load('a int, d date', '1|00/00/00\n2|2008-01-05\n', 'acceptanydate')).toEqual([[1, null], [2, '2008-01-05']]);
  });
});

describe('load operations', () => {
  it('NOLOAD validates without loading', async () => {
    bucket.put('noload/data', '1|x\n2|y\n');
    await db.query('create table noload_t (a int, b varchar(5))');
    const r = await db.query(`copy noload_t from 's3://test-bucket/noload/data' ${IAM} noload`);
    expect(r.notices.some((n) => /2 record\(s\)/.test(n.message))).toBe(true);
    expect((await db.query('select count(*) as n from noload_t')).rows[0]!.n).toBe(0n);
  });
  it('COMPUPDATE and STATUPDATE are accepted with a NOTICE', async () => {
    bucket.put('compupdate/data', '1\n');
    await db.query('create table cu (a int)');
    const r = await db.query(`copy cu from 's3://test-bucket/compupdate/data' ${IAM} compupdate off statupdate on`);
    expect(r.notices.filter((n) => n.severity === 'NOTICE').map((n) => n.message.split(' ')[0])).toEqual(['COMPUPDATE', 'STATUPDATE']);
  });
  it('EXPLICIT_IDS loads given IDENTITY values; without it they are generated', async () => {
    bucket.put('ids/explicit', '100|a\n200|b\n');
    bucket.put('ids/generated', 'a\nb\n');
    await db.query('create table ids (id bigint identity(1,1), v varchar(5))');
    await db.query(`copy ids from 's3://test-bucket/ids/explicit' ${IAM} explicit_ids`);
    await db.query(`copy ids from 's3://test-bucket/ids/generated' ${IAM}`);
    const rows = (await db.query('select id, v from ids order by v, id')).toArrays();
    expect(rows.filter((r) => r[0] === 100n || r[0] === 200n)).toHaveLength(2);
    const generated = rows.filter((r) => r[0] !== 100n && r[0] !== 200n);
    expect(generated).toHaveLength(2);
    expect(new Set(generated.map((r) => r[0])).size).toBe(2);
  });
  it('FORMAT AS PARQUET maps columns by position (a file written by DuckDB)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const file = join(bucket.root, 'test-bucket', 'pq', 'data.parquet');
    bucket.put('pq/.keep', '');
    await conn.run(
      `copy (select * from (values (1, 'one', 1.50::decimal(8,2), date '2008-01-05'), (2, null, 2.25::decimal(8,2), null)) v(a, b, c, d)) to '${file}' (format parquet)`,
    );
    conn.closeSync();
    instance.closeSync();
    await db.query('create table pq (a int, b varchar(10), c decimal(8,2), d date)');
    await db.query(`copy pq from 's3://test-bucket/pq/data.parquet' ${IAM} format as parquet`);
    expect((await db.query('select * from pq order by a')).toArrays()).toEqual([
      [1, 'one', '1.50', '2008-01-05'],
      [2, null, '2.25', null],
    ]);
  });
});

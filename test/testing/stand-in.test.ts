/**
 * The test-suite stand-in as a suite uses it: TICKIT loaded once by COPY from the sample bucket,
 * and every test starting from exactly those fixtures, whatever the test before it did.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { StandIn } from '../../src/testing/index.js';
import { SAMPLE_S3_ROOT } from '../copy/helpers.js';
import { TICKIT_DDL, TICKIT_ROW_COUNTS, TICKIT_TABLES } from '../helpers/tickit.js';

const LOADS = [
  "copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|'",
  "copy category from 's3://slicewise-sample/tickit/category_pipe.txt' iam_role default delimiter '|'",
  "copy date from 's3://slicewise-sample/tickit/date2008_pipe.txt' iam_role default delimiter '|'",
  "copy event from 's3://slicewise-sample/tickit/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS'",
];

let redshift: StandIn;

beforeAll(async () => {
  redshift = await StandIn.start({
    s3Root: SAMPLE_S3_ROOT,
    fixtures: [...TICKIT_TABLES.map((t) => TICKIT_DDL[t]), ...LOADS].join(';\n'),
  });
});
beforeEach(() => redshift.reset());
afterAll(() => redshift.close());

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TICKIT_TABLES) out[t] = Number((await redshift.query(`select count(*) as n from ${t}`)).rows[0]!.n);
  return out;
}

describe('each test starts from the fixtures', () => {
  test('a test that deletes, updates, drops and creates', async () => {
    expect(await counts()).toEqual(TICKIT_ROW_COUNTS);
    await redshift.query('delete from event where eventid < 100');
    await redshift.query("update venue set venuename = 'gone'");
    await redshift.query('drop table category');
    await redshift.query('create table scratch as select * from date');
    expect(Number((await redshift.query('select count(*) as n from event')).rows[0]!.n)).toBe(TICKIT_ROW_COUNTS.event - 99);
  });

  test('the next test sees none of it', async () => {
    expect(await counts()).toEqual(TICKIT_ROW_COUNTS);
    expect((await redshift.query("select count(*) as n from venue where venuename = 'gone'")).rows).toEqual([{ n: 0n }]);
    expect((await redshift.query("select count(*) as n from pg_class where relname = 'scratch'")).rows).toEqual([{ n: 0n }]);
  });

  test('resets repeat: the same snapshot restores any number of times', async () => {
    for (let i = 0; i < 3; i++) {
      await redshift.query('delete from event');
      redshift.reset();
      expect(await counts()).toEqual(TICKIT_ROW_COUNTS);
    }
  });

  test('keepAsFixtures moves the starting point', async () => {
    await redshift.query('create table extra (x int)');
    redshift.keepAsFixtures();
    await redshift.query('drop table extra');
    redshift.reset();
    expect((await redshift.query('select count(*) as n from extra')).rows).toEqual([{ n: 0n }]);
  });
});

describe('served over the PostgreSQL protocol', () => {
  test('code under test connects with a driver; reset() between tests applies to it too', async () => {
    const { default: pg } = await import('pg');
    const served = await StandIn.start({ fixtures: "create table accounts (id int distkey, owner varchar(20)); insert into accounts values (1, 'ann');", server: true });
    try {
      expect(served.connectionString).toMatch(/^postgresql:\/\/awsuser@127\.0\.0\.1:\d+\/dev$/);
      const client = new pg.Client({ connectionString: served.connectionString });
      await client.connect();
      await client.query("insert into accounts values (2, 'bob')");
      expect((await client.query('select count(*)::int as n from accounts')).rows).toEqual([{ n: 2 }]);
      served.reset();
      expect((await client.query('select owner from accounts order by id')).rows).toEqual([{ owner: 'ann' }]);
      await client.end();
    } finally {
      await served.close();
    }
  });
});

/**
 * Errors: SQLSTATE, message and position as Redshift reports them, and no statement that fails
 * leaves a trace in the data (count and checksum unchanged).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { count, expectSqlError, values } from './helpers/results.js';
import { loadTickitTable, tickitDdl } from './helpers/tickit.js';

const CHECKSUM_SQL =
  'select count(*), sum(venueid), sum(venueseats), count(venueseats), min(venuename), max(venuename), max(venuecity) from venue';

describe('errors leave the data unchanged', () => {
  let cluster: Cluster;
  let checksumBefore: string;

  async function checksum(): Promise<string> {
    const r = await cluster.query(CHECKSUM_SQL);
    return JSON.stringify(values(r), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  }

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query(tickitDdl('venue'));
    await loadTickitTable(cluster, 'venue');
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  beforeEach(async () => {
    checksumBefore = await checksum();
  });

  afterEach(async () => {
    expect(await checksum()).toBe(checksumBefore);
    expect(count(await cluster.query('select count(*) from venue'))).toBe(202);
  });

  test('syntax error with its position', async () => {
    await expectSqlError(cluster.query('select * form venue'), {
      code: '42601',
      message: 'syntax error at or near "form"',
      position: 9,
    });
  });

  test('unknown table', async () => {
    await expectSqlError(cluster.query('select * from nosuch'), { code: '42P01', message: 'relation "nosuch" does not exist' });
  });

  test('unknown column', async () => {
    await expectSqlError(cluster.query('select nosuch from venue'), { code: '42703', message: 'column "nosuch" does not exist' });
  });

  test('a string that is not an integer', async () => {
    await expectSqlError(cluster.query("insert into venue values ('x', 'Nowhere', 'Nowhere', 'NY', 1)"), {
      code: '22P02',
      message: 'invalid input syntax for integer: "x"',
    });
  });

  test('an operator that does not exist for the types', async () => {
    await expectSqlError(cluster.query('select venuename - 1 from venue'), { code: '42883', message: /^operator does not exist: / });
  });

  test('value too long for VARCHAR(n)', async () => {
    await expectSqlError(cluster.query(`insert into venue values (1000, 'Long', '${'x'.repeat(31)}', 'NY', 1)`), {
      code: '22001',
      message: 'value too long for type character varying(30)',
    });
  });

  test('NULL into a NOT NULL column', async () => {
    await expectSqlError(cluster.query("insert into venue (venuename) values ('No id')"), {
      code: '23502',
      message: 'Cannot insert a NULL value into column venueid',
    });
    await expectSqlError(cluster.query("insert into venue values (NULL, 'No id', 'Nowhere', 'NY', 1)"), {
      code: '23502',
      message: 'Cannot insert a NULL value into column venueid',
    });
  });

  test('division by zero in rows on the compute nodes', async () => {
    await expectSqlError(cluster.query('select venueid / (venueseats - venueseats) from venue where venueseats is not null'), {
      code: '22012',
      message: 'division by zero',
    });
  });

  test('a multi-row INSERT whose third row fails inserts nothing', async () => {
    await expectSqlError(
      cluster.query(
        "insert into venue values (1001, 'A', 'B', 'NY', 1), (1002, 'C', 'D', 'NJ', 2), (1003, 'E', 'F', 'CT', 1 / 0), (1004, 'G', 'H', 'PA', 4)",
      ),
      { code: '22012', message: 'division by zero' },
    );
    expect(count(await cluster.query('select count(*) from venue where venueid > 1000'))).toBe(0);
  });

  test('an UPDATE that fails on some rows changes none', async () => {
    // Venues with 0 seats fail; the others (on every slice) would have succeeded.
    await expectSqlError(cluster.query('update venue set venueseats = venueseats + 1000000 / venueseats'), {
      code: '22012',
      message: 'division by zero',
    });
  });

  test('a DELETE that fails changes nothing', async () => {
    await expectSqlError(cluster.query('delete from venue where venueid / venueseats > 0'), { code: '22012', message: 'division by zero' });
  });
});

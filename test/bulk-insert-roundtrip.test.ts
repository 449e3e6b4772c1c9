/**
 * Every TICKIT differential query (tickit-cases.ts), stored by CREATE TABLE AS and by INSERT ... SELECT
 * into a table LIKE it, reads back as exactly the rows the query returns: the bulk-insert path
 * (commands/bulk-insert.ts, exec/batch-vectors.ts) over results of every shape — scans, joins,
 * aggregates, windows, set operations, ORDER BY and LIMIT on the leader.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, SqlError } from '../src/index.js';
import { createTickit } from './helpers/tickit.js';
import { TICKIT_CASES } from './tickit-cases.js';

/** Rows in a canonical order (a stored table has no order of its own). */
function sortedRows(rows: unknown[][]): unknown[][] {
  const key = (row: unknown[]): string => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

describe('bulk inserts store query results exactly', () => {
  let cluster: Cluster;
  /** Cases CTAS refuses because their result cannot be a table (a repeated column name). */
  const refused: string[] = [];

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await createTickit(cluster);
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  });

  TICKIT_CASES.forEach((c, i) => {
    test(c.name, async () => {
      const expected = sortedRows((await cluster.query(c.sql)).toArrays());
      try {
        await cluster.query(`create table ctas_${i} as ${c.sql}`);
      } catch (err) {
        if (err instanceof SqlError && err.code === '42701') {
          refused.push(c.name);
          return;
        }
        throw err;
      }
      expect(sortedRows((await cluster.query(`select * from ctas_${i}`)).toArrays())).toEqual(expected);
      await cluster.query(`create table copy_${i} (like ctas_${i})`);
      await cluster.query(`insert into copy_${i} ${c.sql}`);
      expect(sortedRows((await cluster.query(`select * from copy_${i}`)).toArrays())).toEqual(expected);
    });
  });

  test('nearly every case could be stored', () => {
    expect(refused.length, refused.join('; ')).toBeLessThanOrEqual(TICKIT_CASES.length / 4);
  });
});

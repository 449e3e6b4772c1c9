/**
 * A compute node's worker thread dies mid-query: the query fails with an error naming the compute
 * node, the cluster recovers, and no table data is lost (it lives in shared memory).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, SqlError } from '../src/index.js';
import { count } from './helpers/results.js';
import { loadTickitTable, tickitDdl } from './helpers/tickit.js';

/** Long enough to still be running when the node is terminated: 77 million pairs compared. */
const LONG_QUERY = 'select count(*) from event a, event b where a.starttime < b.starttime';
const TERMINATE_AFTER_MS = 100;

describe('worker crash', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    await cluster.query(tickitDdl('event'));
    await loadTickitTable(cluster, 'event');
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  });

  test('terminating node 0 fails the running query, and the next one succeeds', async () => {
    const running = cluster.query(LONG_QUERY).then(
      () => undefined,
      (e: unknown) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, TERMINATE_AFTER_MS));
    await cluster.internals.terminateNode(0);

    const error = await running;
    expect(error, 'the long query should have failed').toBeInstanceOf(SqlError);
    expect((error as SqlError).message).toMatch(/compute node/i);

    expect(count(await cluster.query('select count(*) from event'))).toBe(8798);
    expect(count(await cluster.query('select count(distinct venueid) from event'))).toBe(204);
  }, 60_000);
});

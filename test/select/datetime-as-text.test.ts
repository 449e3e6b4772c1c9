/**
 * Redshift takes a DATE or TIMESTAMP as its text where a string is wanted — string functions and
 * LIKE (reference §7.2; the guide's examples run `split_part(listtime,'-',2)`,
 * `substring(listtime,6,2)` and `saletime like '2008-09%'`). Over TICKIT's event.starttime, each way
 * must pick the same rows as the date functions do.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../../src/index.js';
import { loadTickitTable, tickitDdl } from '../helpers/tickit.js';
import { rowsOf } from './helpers.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  await cluster.query(tickitDdl('event'));
  await loadTickitTable(cluster, 'event');
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return rowsOf(await cluster.query(sql));
}

describe('dates and timestamps as text', () => {
  test("LIKE on a timestamp matches its text: the same events as the month's date range", async () => {
    const [[byLike]] = (await rows("select count(*) from event where starttime like '2008-09%'")) as [[number]];
    const [[byRange]] = (await rows("select count(*) from event where starttime >= '2008-09-01' and starttime < '2008-10-01'")) as [[number]];
    expect(byLike).toBeGreaterThan(0);
    expect(byLike).toBe(byRange);
  });

  test('split_part, substring, left and len read the text of every timestamp and date', async () => {
    const mismatches = await rows(`select count(*) from event where
        split_part(starttime, '-', 2) <> to_char(starttime, 'MM')
        or substring(starttime, 6, 2) <> to_char(starttime, 'MM')
        or substr(trunc(starttime), 9, 2) <> to_char(starttime, 'DD')
        or left(starttime, 4)::int <> extract(year from starttime)
        or len(starttime) <> 19
        or starttime || '' <> to_char(starttime, 'YYYY-MM-DD HH24:MI:SS')`);
    expect(mismatches).toEqual([[0]]);
  });

  test('grouped by a piece of the text', async () => {
    const byText = await rows("select split_part(starttime, '-', 2) as month, count(*) from event group by 1 order by 1");
    const byPart = await rows("select to_char(starttime, 'MM') as month, count(*) from event group by 1 order by 1");
    expect(byText).toEqual(byPart);
    expect(byText.length).toBe(12);
  });
});

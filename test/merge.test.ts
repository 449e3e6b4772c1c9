/**
 * MERGE (dg:r_MERGE.md): the guide's example step by step, its multiple-match error, and the rules
 * around it — checked on a 2 x 2 cluster with the tables on different distribution keys.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster } from '../src/index.js';
import { expectSqlError } from './helpers/results.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
}, 60_000);

afterAll(async () => {
  await cluster?.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await cluster.query(sql)).toArrays();
}

describe('MERGE', () => {
  test("the guide's example: update matches and insert the rest, then delete matches and insert the rest", async () => {
    await cluster.query('CREATE TABLE target (id INT, name CHAR(10)) distkey(id)');
    await cluster.query('CREATE TABLE source (id INT, name CHAR(10)) diststyle even');
    await cluster.query("INSERT INTO target VALUES (101, 'Bob'), (102, 'John'), (103, 'Susan')");
    await cluster.query("INSERT INTO source VALUES (102, 'Tony'), (103, 'Alice'), (104, 'Bill')");
    const first = await cluster.query(`MERGE INTO target USING source ON target.id = source.id
      WHEN MATCHED THEN UPDATE SET id = source.id, name = source.name
      WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)`);
    expect([first.command, first.rowCount]).toEqual(['MERGE', 3]);
    expect(await rows('select id, trim(name) from target order by id')).toEqual([[101, 'Bob'], [102, 'Tony'], [103, 'Alice'], [104, 'Bill']]);
    await cluster.query("INSERT INTO source VALUES (105, 'David')");
    await cluster.query(`MERGE INTO target USING source ON target.id = source.id
      WHEN MATCHED THEN DELETE
      WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)`);
    expect(await rows('select id, trim(name) from target order by id')).toEqual([[101, 'Bob'], [105, 'David']]);
  });

  test('a target row matching several source rows fails the statement and changes nothing', async () => {
    await cluster.query('CREATE TABLE t2 (id INT, name CHAR(10))');
    await cluster.query('CREATE TABLE s2 (id INT, name CHAR(10))');
    await cluster.query("INSERT INTO t2 VALUES (1, 'Bob'), (2, 'John')");
    await cluster.query("INSERT INTO s2 VALUES (1, 'Tony'), (1, 'Alice'), (3, 'Bill')");
    for (const action of ['UPDATE SET id = s2.id, name = s2.name', 'DELETE']) {
      await expectSqlError(cluster.query(`MERGE INTO t2 USING s2 ON t2.id = s2.id WHEN MATCHED THEN ${action} WHEN NOT MATCHED THEN INSERT VALUES (s2.id, s2.name)`), {
        code: '21000',
        message: 'Found multiple matches to update the same tuple.',
      });
    }
    expect(await rows('select id, trim(name) from t2 order by id')).toEqual([[1, 'Bob'], [2, 'John']]);
  });

  test('a source alias, more in the ON condition, an INSERT column list with defaults and identity for the rest', async () => {
    await cluster.query("CREATE TABLE t3 (n int identity(1,1), id INT, name VARCHAR(10), note varchar(5) default 'new')");
    await cluster.query("INSERT INTO t3 (id, name) VALUES (1, 'Bob')");
    await cluster.query("CREATE TABLE s3 (id INT, name VARCHAR(10))");
    await cluster.query("INSERT INTO s3 VALUES (1, 'Tony'), (3, 'Bill'), (4, null)");
    const r = await cluster.query(`MERGE INTO t3 USING s3 AS s ON t3.id = s.id AND s.name <> 'Tony'
      WHEN MATCHED THEN UPDATE SET name = 'x'
      WHEN NOT MATCHED THEN INSERT (name, id) VALUES (coalesce(s.name, '?'), s.id * 10)`);
    // Tony's row matches nothing (the condition), so all three source rows are inserted.
    expect(r.rowCount).toBe(3);
    expect(await rows('select id, name, note from t3 order by id')).toEqual([[1, 'Bob', 'new'], [10, 'Tony', 'new'], [30, 'Bill', 'new'], [40, '?', 'new']]);
    expect(await rows('select count(distinct n) from t3')).toEqual([[4n]]);
  });

  test('in a transaction block it rolls back with the block', async () => {
    const session = cluster.session();
    await session.query('begin');
    await session.query(`MERGE INTO t2 USING source ON t2.id = source.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)`);
    expect((await session.query('select count(*) as n from t2')).rows).toEqual([{ n: 6n }]); // none of source's four rows matches
    await session.query('rollback');
    expect(await rows('select count(*) from t2')).toEqual([[2n]]);
    await session.close();
  });

  test("the guide's rules: the source is a table, not the target; names must exist", async () => {
    await cluster.query('create view sv as select * from s2');
    await expectSqlError(cluster.query('MERGE INTO t2 USING sv ON t2.id = sv.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (sv.id, sv.name)'), {
      code: '42809',
      message: '"sv" is not a table',
    });
    await expectSqlError(cluster.query('MERGE INTO t2 USING t2 ON t2.id = t2.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (1, null)'), {
      code: '0A000',
      message: 'MERGE cannot read its target table as its source',
    });
    await expectSqlError(cluster.query('MERGE INTO t2 USING s2 ON t2.id = s2.id WHEN MATCHED THEN UPDATE SET nosuch = 1 WHEN NOT MATCHED THEN INSERT VALUES (1, null)'), {
      code: '42703',
      message: 'column "nosuch" of relation "t2" does not exist',
    });
    await expectSqlError(cluster.query('MERGE INTO t2 USING s2 ON t2.id = s2.id WHEN MATCHED THEN DELETE'), { code: '42601', message: /syntax error at end of input|syntax error/ });
  });
});

/**
 * Transactions across two sessions: uncommitted work is invisible to others, COMMIT publishes it,
 * ROLLBACK discards it — DDL included. A text of several statements runs as one implicit transaction
 * block, as PostgreSQL runs a multi-statement query string (each case below was run against
 * PostgreSQL 15 with node-postgres and gave the same rows, warnings and errors); TRUNCATE commits the
 * block it runs in and VACUUM refuses to run in one, as Redshift documents.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, type Session } from '../src/index.js';
import { count, expectSqlError, values } from './helpers/results.js';

describe('transactions', () => {
  let cluster: Cluster;
  let s1: Session;
  let s2: Session;

  beforeAll(async () => {
    cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
    s1 = cluster.session();
    s2 = cluster.session();
  });

  afterAll(async () => {
    await cluster?.close();
  });

  // A failed test must not leave s1 inside a transaction for the next one (outside a transaction
  // ROLLBACK only warns).
  afterEach(async () => {
    await s1.query('rollback');
  });

  test('uncommitted INSERT is seen by its own session only, until COMMIT', async () => {
    await s1.query('create table accounts (id integer, balance integer) diststyle even');
    await s1.query('begin');
    await s1.query('insert into accounts values (1, 100), (2, 200), (3, 300), (4, 400), (5, 500)');
    expect(count(await s1.query('select count(*) from accounts'))).toBe(5);
    expect(count(await s2.query('select count(*) from accounts'))).toBe(0);
    await s1.query('commit');
    expect(count(await s2.query('select count(*) from accounts'))).toBe(5);
  });

  test('ROLLBACK discards INSERT, UPDATE and DELETE', async () => {
    await s1.query('begin');
    await s1.query('insert into accounts values (6, 600)');
    await s1.query('update accounts set balance = 0 where id = 1');
    await s1.query('delete from accounts where id = 2');
    expect(values(await s1.query('select count(*), sum(balance) from accounts'))).toEqual([[5n, 1800n]]);
    expect(values(await s2.query('select count(*), sum(balance) from accounts'))).toEqual([[5n, 1500n]]);
    await s1.query('rollback');
    expect(values(await s1.query('select count(*), sum(balance) from accounts'))).toEqual([[5n, 1500n]]);
    expect(values(await s2.query('select count(*), sum(balance) from accounts'))).toEqual([[5n, 1500n]]);
  });

  test('committed UPDATE and DELETE become visible to the other session', async () => {
    await s1.query('begin');
    await s1.query('update accounts set balance = balance + 1');
    await s1.query('delete from accounts where id = 5');
    expect(values(await s2.query('select count(*), sum(balance) from accounts'))).toEqual([[5n, 1500n]]);
    await s1.query('commit');
    expect(values(await s2.query('select count(*), sum(balance) from accounts'))).toEqual([[4n, 1004n]]);
  });

  test('CREATE TABLE rolled back is gone', async () => {
    await s1.query('begin');
    await s1.query('create table scratch (a integer)');
    await s1.query('insert into scratch values (1), (2)');
    expect(count(await s1.query('select count(*) from scratch'))).toBe(2);
    await s1.query('rollback');
    await expectSqlError(s1.query('select * from scratch'), { code: '42P01', message: 'relation "scratch" does not exist' });
    await expectSqlError(s2.query('select * from scratch'), { code: '42P01', message: 'relation "scratch" does not exist' });
  });

  test('DROP TABLE rolled back brings the table and its rows back', async () => {
    await s1.query('begin');
    await s1.query('drop table accounts');
    await expectSqlError(s1.query('select * from accounts'), { code: '42P01', message: 'relation "accounts" does not exist' });
    await s1.query('rollback');
    expect(count(await s2.query('select count(*) from accounts'))).toBe(4);
  });

  describe('a text of several statements', () => {
    const rows = async (): Promise<unknown[]> => (await s2.query('select a from multi order by a')).rows.map((r) => r.a);

    beforeAll(async () => {
      await s1.query('create table multi (a integer)');
    });

    afterEach(async () => {
      await s1.query('rollback');
      await s1.query('delete from multi');
    });

    test('runs as one transaction: an error rolls back the statements before it, and the rest do not run', async () => {
      await expectSqlError(s1.query('insert into multi values (1); select 1/0; insert into multi values (2)'), { code: '22012', message: 'division by zero' });
      expect(await rows()).toEqual([]);
      const seen: string[] = [];
      const last = await s1.query('insert into multi values (1); insert into multi values (2); select count(*) from multi', [], { onResult: (r) => void seen.push(r.command) });
      expect(seen).toEqual(['INSERT', 'INSERT', 'SELECT']);
      expect(count(last)).toBe(2);
      expect(await rows()).toEqual([1, 2]);
    });

    test('nothing runs when any statement does not parse', async () => {
      await expectSqlError(s1.query('insert into multi values (1); selec 2'), { code: '42601', message: 'syntax error at or near "selec"', position: 30 });
      expect(await rows()).toEqual([]);
    });

    test('COMMIT and ROLLBACK inside end the implicit block with a warning; the statements after them get a new one', async () => {
      await expectSqlError(s1.query('insert into multi values (1); commit; insert into multi values (2); select 1/0'), { code: '22012', message: 'division by zero' });
      expect(await rows()).toEqual([1]);
      await s1.query('delete from multi');
      const warnings: string[] = [];
      await s1.query('insert into multi values (6); rollback; insert into multi values (7)', [], { onResult: (r) => void warnings.push(...r.notices.map((n) => `${n.severity} ${n.code} ${n.message}`)) });
      expect(warnings).toEqual(['WARNING 25P01 there is no transaction in progress']);
      expect(await rows()).toEqual([7]);
    });

    test('BEGIN inside makes the block the client\'s own, the statements before it included', async () => {
      await s1.query('insert into multi values (4); begin; insert into multi values (5)');
      expect(await rows()).toEqual([]);
      await s1.query('rollback');
      expect(await rows()).toEqual([]);
      await expectSqlError(s1.query('insert into multi values (4); begin; insert into multi values (5); select 1/0'), { code: '22012', message: 'division by zero' });
      await expectSqlError(s1.query('select 1'), { code: '25P02', message: /current transaction is aborted/ });
      await s1.query('rollback');
      await s1.query('begin; insert into multi values (8); commit');
      expect(await rows()).toEqual([8]);
    });
  });

  test('VACUUM cannot run inside a transaction block, nor in a text of several statements', async () => {
    const refused = { code: '25001', message: 'VACUUM cannot run inside a transaction block' };
    await s1.query('begin');
    await expectSqlError(s1.query('vacuum accounts'), refused);
    await s1.query('rollback');
    await expectSqlError(s1.query('vacuum accounts; select 1'), refused);
    await expectSqlError(s1.query('select 1; vacuum accounts'), refused);
    // Outside a block the refusal is not what stops it (VACUUM itself is another issue's work).
    await s1.query('vacuum accounts').catch((err: { code?: string }) => expect(err.code).not.toBe(refused.code));
  });

  test('TRUNCATE commits the transaction it runs in: what came before it cannot be rolled back, what comes after can', async () => {
    await s1.query('create table trunc (a integer)');
    await s1.query('insert into trunc values (1), (2)');
    await s1.query('begin');
    await s1.query('insert into accounts values (7, 700)');
    await s1.query('truncate trunc');
    expect(count(await s2.query('select count(*) from trunc'))).toBe(0);
    expect(count(await s2.query('select count(*) from accounts where id = 7'))).toBe(1);
    await s1.query('insert into trunc values (3)');
    await s1.query('rollback');
    expect(count(await s2.query('select count(*) from trunc'))).toBe(0);
    // The documented example: the table stays empty after the ROLLBACK.
    await s1.query('insert into trunc values (1)');
    await s1.query('begin; truncate trunc; rollback');
    expect(count(await s2.query('select count(*) from trunc'))).toBe(0);
  });

  test('a READ ONLY block refuses what would change the database, with PostgreSQL 15\'s errors', async () => {
    const refusals: [string, string][] = [
      ['insert into accounts values (9, 900)', 'INSERT'],
      ['update accounts set balance = 0', 'UPDATE'],
      ['delete from accounts', 'DELETE'],
      ['create table ro2 (a int)', 'CREATE TABLE'],
      ['create temp table ro3 (a int)', 'CREATE TABLE'],
      ['drop table accounts', 'DROP TABLE'],
      ['truncate accounts', 'TRUNCATE TABLE'],
      ['select * into ro4 from accounts', 'SELECT INTO'],
      ['create table ro5 as select 1 as a', 'CREATE TABLE AS'],
      ["comment on table accounts is 'x'", 'COMMENT'],
      ['alter table accounts add column b int', 'ALTER TABLE'],
      ['create view ro6 as select 1 as a', 'CREATE VIEW'],
      ['create schema ro7', 'CREATE SCHEMA'],
    ];
    for (const [sql, command] of refusals) {
      await s1.query('begin read only');
      await expectSqlError(s1.query(sql), { code: '25006', message: `cannot execute ${command} in a read-only transaction` });
      // Like any error, it fails the block.
      await expectSqlError(s1.query('select 1'), { code: '25P02', message: /current transaction is aborted/ });
      await s1.query('rollback');
    }
    await s1.query('start transaction read only');
    expect(count(await s1.query('select count(*) from accounts'))).toBeGreaterThan(0);
    await s1.query('set search_path to public');
    expect((await s1.query('commit')).command).toBe('COMMIT');
    // The next block writes again; READ WRITE after READ ONLY wins.
    await s1.query('begin read only, read write; insert into accounts values (9, 900); rollback');
  });

  test('LOCK holds other sessions\' writes and reads of the table (directly or through a view) until the transaction ends', async () => {
    await s1.query('create view accounts_v as select id from accounts');
    await s1.query('create table other (a integer)');
    await s1.query('begin');
    const locked = await s1.query('lock table accounts');
    expect([locked.command, locked.notices]).toEqual(['LOCK TABLE', []]);
    const reader = cluster.session();
    const viewReader = cluster.session();
    const done: string[] = [];
    const write = s2.query('insert into accounts values (10, 1000)').then(() => done.push('write'));
    const read = reader.query('select count(*) from accounts where id in (10, 11)').then((r) => {
      done.push('read');
      return count(r);
    });
    const readView = viewReader.query('select count(*) from accounts_v where id = 11').then((r) => {
      done.push('view');
      return count(r);
    });
    // Other tables are not held back, and the lock holder goes on.
    expect(count(await cluster.session().query('select count(*) from other'))).toBe(0);
    await s1.query('insert into accounts values (11, 1100)');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toEqual([]);
    await s1.query('commit');
    await Promise.all([write, read, readView]);
    // The reads took their snapshots once the lock was gone: they see what the holder committed.
    expect(await readView).toBe(1);
    expect(await read).toBeGreaterThanOrEqual(1);
    expect(count(await s2.query('select count(*) from accounts where id in (10, 11)'))).toBe(2);
    await Promise.all([reader.close(), viewReader.close()]);
    await expectSqlError(s1.query('lock sales_v, accounts'), { code: '42P01', message: 'relation "sales_v" does not exist' });
    await expectSqlError(s1.query('lock accounts, accounts_v'), { code: '42809', message: '"accounts_v" is not a table' });
    // Outside a block the lock ends with its own statement.
    expect((await s1.query('lock accounts')).command).toBe('LOCK TABLE');
    expect(count(await s2.query('select count(*) from accounts where id = 11'))).toBe(1);
    await s2.query('delete from accounts where id in (10, 11)');
  });

  test('a write waiting for another transaction\'s lock goes on when it commits, in its transaction\'s first statement', async () => {
    await s1.query('create table queue (id integer)');
    await s1.query('begin');
    await s1.query('insert into queue values (1)');
    const autocommit = s2.query('insert into queue values (2)');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await s1.query('commit');
    expect((await autocommit).rowCount).toBe(1);
    await s1.query('begin');
    await s1.query('insert into queue values (3)');
    await s2.query('begin');
    const firstInBlock = s2.query('insert into queue values (4)');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await s1.query('commit');
    expect((await firstInBlock).rowCount).toBe(1);
    await s2.query('commit');
    expect(values(await s1.query('select id from queue order by id'))).toEqual([[1], [2], [3], [4]]);
  });

  test('a block that read a table another transaction then changed fails when it writes to it (1023)', async () => {
    await s2.query('begin');
    expect(count(await s2.query('select count(*) from queue'))).toBe(4);
    await s1.query('insert into queue values (5)');
    await expectSqlError(s2.query('insert into queue values (6)'), { code: '40001', message: /^1023: Serializable isolation violation on table/ });
    await s2.query('rollback');
    expect(count(await s1.query('select count(*) from queue'))).toBe(5);
  });
});


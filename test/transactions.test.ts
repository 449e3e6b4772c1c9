/**
 * Transactions across two sessions: uncommitted work is invisible to others, COMMIT publishes it,
 * ROLLBACK discards it — DDL included.
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
});

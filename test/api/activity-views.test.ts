/**
 * The views of what runs now, seen from another session: SVV_TRANSACTIONS and STV_LOCKS (open
 * transactions and the locks they hold or wait for), STV_RECENTS and STV_INFLIGHT (running and recent
 * statements), SYS_QUERY_HISTORY (every statement with its type and status).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, type Session } from '../../src/index.js';

let cluster: Cluster;
let tableId: number;

beforeAll(async () => {
  cluster = await Cluster.start();
  await cluster.query('create table accounts (id int, v int)');
  await cluster.query('create table audit (id int)');
  await cluster.query('create table nums (n int) diststyle even');
  await cluster.query('insert into nums values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)');
  await cluster.query('insert into nums select a.n + 10 * b.n + 100 * c.n from nums a, nums b, nums c where a.n + 10 * b.n + 100 * c.n >= 10');
  tableId = (await cluster.query("select distinct id from stv_tbl_perm where trim(name) = 'accounts'")).rows[0]!.id as number;
});

afterAll(async () => {
  await cluster.close();
});

async function pid(session: Session): Promise<number> {
  return (await session.query('select pg_backend_pid() as pid')).rows[0]!.pid as number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SVV_TRANSACTIONS and STV_LOCKS', () => {
  test('a transaction holding a write lock, another waiting for it, and a LOCK', async () => {
    const holder = cluster.session();
    const waiter = cluster.session();
    const [holderPid, waiterPid] = [await pid(holder), await pid(waiter)];
    await holder.query('begin');
    await holder.query('insert into accounts values (1, 10)');
    const waiting = waiter.query('insert into accounts values (2, 20)');
    await pause(30);
    const rows = (await cluster.query('select txn_owner, txn_db, xid, pid, lock_mode, lockable_object_type, relation, granted from svv_transactions where pid in ($1, $2) order by granted desc, pid, lock_mode', [holderPid, waiterPid])).rows;
    const holderXid = rows.find((r) => r.pid === holderPid)!.xid;
    expect(rows).toEqual([
      { txn_owner: 'awsuser', txn_db: 'dev', xid: holderXid, pid: holderPid, lock_mode: 'ExclusiveLock', lockable_object_type: 'transactionid', relation: null, granted: true },
      { txn_owner: 'awsuser', txn_db: 'dev', xid: holderXid, pid: holderPid, lock_mode: 'ShareRowExclusiveLock', lockable_object_type: 'relation', relation: tableId, granted: true },
      { txn_owner: 'awsuser', txn_db: 'dev', xid: expect.any(BigInt), pid: waiterPid, lock_mode: 'ExclusiveLock', lockable_object_type: 'transactionid', relation: null, granted: true },
      { txn_owner: 'awsuser', txn_db: 'dev', xid: expect.any(BigInt), pid: waiterPid, lock_mode: 'ShareRowExclusiveLock', lockable_object_type: 'relation', relation: tableId, granted: false },
    ]);
    const locks = (await cluster.query('select table_id, lock_owner, lock_owner_pid, trim(lock_status) as status from stv_locks order by status')).rows;
    expect(locks).toEqual([
      { table_id: BigInt(tableId), lock_owner: holderXid, lock_owner_pid: BigInt(holderPid), status: 'Holding write lock' },
      { table_id: BigInt(tableId), lock_owner: expect.any(BigInt), lock_owner_pid: BigInt(waiterPid), status: 'Waiting for write lock' },
    ]);
    // LOCK makes the holder's lock (and a new one) AccessExclusiveLock.
    await holder.query('lock accounts, audit');
    const modes = (await cluster.query('select relation, lock_mode from svv_transactions where pid = $1 and granted and relation is not null order by relation', [holderPid])).rows;
    expect(modes.map((r) => r.lock_mode)).toEqual(['AccessExclusiveLock', 'AccessExclusiveLock']);
    // A read waits behind the LOCK: AccessShareLock, not granted, once it has a transaction (a block).
    const reader = cluster.session();
    await reader.query('begin');
    const read = reader.query('select count(*) from audit');
    await pause(30);
    const readWaits = (await cluster.query("select lock_mode, granted from svv_transactions where lock_mode = 'AccessShareLock'")).rows;
    expect(readWaits).toEqual([{ lock_mode: 'AccessShareLock', granted: false }]);
    await holder.query('commit');
    await Promise.all([waiting, read]);
    await reader.query('commit');
    expect((await cluster.query('select count(*) as n from svv_transactions where pid in ($1, $2)', [holderPid, waiterPid])).rows).toEqual([{ n: 0n }]);
    expect((await cluster.query('select count(*) as n from stv_locks')).rows).toEqual([{ n: 0n }]);
    await Promise.all([holder.close(), waiter.close(), reader.close()]);
  });
});

describe('STV_RECENTS, STV_INFLIGHT and SYS_QUERY_HISTORY', () => {
  test('a running query shows as running from another session; cancelled, it is done and canceled', async () => {
    const session = cluster.session();
    const sessionPid = await pid(session);
    const running = session.query('select count(*) from nums a, nums b, nums c, nums d where a.n + b.n + c.n + d.n = -1');
    await pause(300);
    const recents = (await cluster.query("select trim(status) as status, trim(user_name) as u, trim(db_name) as db, trim(query) as q from stv_recents where pid = $1 and status = 'Running'", [sessionPid])).rows;
    expect(recents).toEqual([{ status: 'Running', u: 'awsuser', db: 'dev', q: expect.stringMatching(/^select count\(\*\) from nums a/) }]);
    const inflight = (await cluster.query('select query, trim(text) as t from stv_inflight where pid = $1', [sessionPid])).rows;
    expect(inflight).toEqual([{ query: expect.any(Number), t: expect.stringMatching(/^select count/) }]);
    const history = (await cluster.query('select trim(status) as s, trim(query_type) as t, end_time from sys_query_history where query_id = $1', [inflight[0]!.query])).rows;
    expect(history).toEqual([{ s: 'running', t: 'SELECT', end_time: null }]);
    session.cancel();
    await running.catch(() => undefined);
    expect((await cluster.query('select trim(status) as s from sys_query_history where query_id = $1', [inflight[0]!.query])).rows).toEqual([{ s: 'canceled' }]);
    expect((await cluster.query("select trim(status) as status from stv_recents where pid = $1 and query like 'select count(*) from nums a%'", [sessionPid])).rows).toEqual([{ status: 'Done' }]);
    expect((await cluster.query('select count(*) as n from stv_inflight where pid = $1', [sessionPid])).rows).toEqual([{ n: 0n }]);
    await session.close();
  });

  test('every statement with its type, status and transaction', async () => {
    const session = cluster.session();
    const sessionPid = await pid(session);
    await session.query('create table h (a int)');
    await session.query('begin');
    await session.query('insert into h values (1)');
    await session.query('update h set a = 2');
    await session.query('commit');
    await session.query('create table h2 as select * from h');
    await session.query('delete from h');
    await session.query('select * from h').catch(() => undefined);
    await session.query('select nosuchcolumn from h').catch(() => undefined);
    await session.query('select 1 / 0').catch(() => undefined);
    const rows = (await cluster.query('select trim(query_type) as t, trim(status) as s, transaction_id as x, trim(query_text) as q from sys_query_history where session_id = $1 and query_text not like $2 order by start_time', [sessionPid, 'select pg_backend_pid%'])).rows;
    expect(rows.map((r) => [r.t, r.s, r.q])).toEqual([
      ['DDL', 'success', 'create table h (a int)'],
      ['UTILITY', 'success', 'begin'],
      ['INSERT', 'success', 'insert into h values (1)'],
      ['UPDATE', 'success', 'update h set a = 2'],
      ['UTILITY', 'success', 'commit'],
      ['CTAS', 'success', 'create table h2 as select * from h'],
      ['DELETE', 'success', 'delete from h'],
      ['SELECT', 'success', 'select * from h'],
      ['SELECT', 'failed', 'select 1 / 0'],
    ]);
    // The block's statements share its transaction.
    expect(rows[2]!.x).toBe(rows[3]!.x);
    expect(rows[2]!.x).not.toBe(rows[6]!.x);
    await session.close();
  });

  test("pg_last_query_id() is the session's last completed query; current_user_id its user's id", async () => {
    const session = cluster.session();
    expect((await session.query('select pg_last_query_id() as q')).rows).toEqual([{ q: -1 }]);
    await session.query('select 17 as seventeen');
    const [{ q }] = (await session.query('select pg_last_query_id() as q')).rows as [{ q: number }];
    expect((await session.query('select trim(querytxt) as t from stl_query where query = $1', [q])).rows).toEqual([{ t: 'select 17 as seventeen' }]);
    expect((await session.query('select usename from pg_user where usesysid = current_user_id')).rows).toEqual([{ usename: 'awsuser' }]);
    await session.close();
  });

  test('SYS_QUERY_HISTORY says why a statement failed and how many rows went to the client', async () => {
    const session = cluster.session();
    const sessionPid = await pid(session);
    await session.query('create table hr (a int)');
    await session.query('insert into hr values (1), (2), (3)');
    await session.query('select * from hr');
    await session.query('update hr set a = 0 where a > 1');
    await session.query('select a / a from hr').catch(() => undefined);
    const rows = (
      await cluster.query('select trim(query_text) as q, trim(status) as s, trim(error_message) as e, returned_rows as n from sys_query_history where session_id = $1 and query_type <> $2 order by start_time', [sessionPid, 'DDL'])
    ).rows;
    expect(rows.filter((r) => !String(r.q).startsWith('select pg_backend_pid'))).toEqual([
      { q: 'insert into hr values (1), (2), (3)', s: 'success', e: '', n: 0n },
      { q: 'select * from hr', s: 'success', e: '', n: 3n },
      // The rows UPDATE reads to change them are not returned.
      { q: 'update hr set a = 0 where a > 1', s: 'success', e: '', n: 0n },
      { q: 'select a / a from hr', s: 'failed', e: 'division by zero', n: 0n },
    ]);
    await session.close();
  });
});

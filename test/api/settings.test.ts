/** SET / SHOW / RESET and current_setting(): what a session's settings read back, and what is only stored. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Cluster, SqlError } from '../../src/index.js';

let cluster: Cluster;

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 1, slicesPerNode: 1 });
});

afterAll(async () => {
  await cluster.close();
});

describe('settings', () => {
  test('current_setting reads Redshift parameters, SET values and session context variables', async () => {
    const s = cluster.session();
    await s.query("set search_path to '$user', public, analytics");
    const set = await s.query("set app.tenant = 'acme'");
    expect(set.notices).toEqual([]);
    const r = await s.query("select current_setting('search_path') as p, current_setting('APP.TENANT') as t, current_setting('timezone') as z");
    expect(r.rows).toEqual([{ p: '$user, public, analytics', t: 'acme', z: 'UTC' }]);
    expect((await s.query('show app.tenant')).rows).toEqual([{ 'app.tenant': 'acme' }]);
    await s.query('reset app.tenant');
    expect((await s.query("select current_setting('app.tenant', true) as t")).rows).toEqual([{ t: null }]);
  });

  test('an unknown name: current_setting fails with 42704 at the argument, unless missing_ok', async () => {
    const s = cluster.session();
    const err = await s.query("select 1, current_setting('no_such_thing')").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SqlError);
    expect((err as SqlError).code).toBe('42704');
    expect((err as SqlError).message).toBe('unrecognized configuration parameter "no_such_thing"');
    expect((err as SqlError).position).toBe("select 1, current_setting(".length);
    expect((await s.query("select current_setting('no_such_thing', true) as v")).rows).toEqual([{ v: null }]);
  });

  test('SET of a parameter Slicewise does not emulate is stored, with a NOTICE saying it changes nothing', async () => {
    const s = cluster.session();
    const r = await s.query('set client_min_messages to warning');
    expect(r.notices.map((n) => [n.severity, n.message])).toEqual([
      ['NOTICE', '"client_min_messages" is not a configuration parameter Slicewise emulates: it is stored (SHOW and current_setting read it) and changes nothing'],
    ]);
    expect((await s.query('show client_min_messages')).rows).toEqual([{ client_min_messages: 'warning' }]);
    expect((await s.query('set statement_timeout to 0')).notices).toEqual([]);
  });

  test('settings are per session', async () => {
    const a = cluster.session();
    const b = cluster.session();
    await a.query("set app.mode = 'a'");
    expect((await b.query("select current_setting('app.mode', true) as m")).rows).toEqual([{ m: null }]);
  });

  test('settings follow transactions as in PostgreSQL 15: SET is undone by ROLLBACK, SET LOCAL ends with its block', async () => {
    // Each step was run against PostgreSQL 15 too, with the same values shown after it.
    const s = cluster.session();
    const path = async (): Promise<unknown> => (await s.query('show search_path')).rows[0]!.search_path;
    const outside = await s.query('set local search_path to a1');
    expect(outside.notices.map((n) => [n.severity, n.code, n.message])).toEqual([['WARNING', '25P01', 'SET LOCAL can only be used in transaction blocks']]);
    expect(await path()).toBe('$user, public');
    await s.query('begin');
    await s.query('set local search_path to a2');
    expect(await path()).toBe('a2');
    await s.query('commit');
    expect(await path()).toBe('$user, public');
    await s.query('begin; set search_path to a3');
    expect(await path()).toBe('a3');
    await s.query('rollback');
    expect(await path()).toBe('$user, public');
    await s.query('begin; set search_path to a4; commit');
    expect(await path()).toBe('a4');
    await s.query('reset search_path');
    // A failed block, and a failed multi-statement text (its implicit block), undo their SETs.
    await s.query('begin; set search_path to a5');
    await s.query('select 1/0').catch(() => undefined);
    await s.query('rollback');
    expect(await path()).toBe('$user, public');
    await s.query('set search_path to a6; select 1/0').catch(() => undefined);
    expect(await path()).toBe('$user, public');
    // A SET after a SET LOCAL of the name replaces it; a SET LOCAL after a SET covers it to the block's end.
    await s.query('begin; set local search_path to a7; set search_path to a8; commit');
    expect(await path()).toBe('a8');
    await s.query('begin; set search_path to a9; set local search_path to a10');
    expect(await path()).toBe('a10');
    await s.query('commit');
    expect(await path()).toBe('a9');
    await s.query('begin; set local search_path to b1; reset search_path');
    expect(await path()).toBe('$user, public');
    await s.query('rollback');
    expect(await path()).toBe('a9');
  });
});


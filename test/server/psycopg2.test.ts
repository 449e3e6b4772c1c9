/**
 * psycopg2 (Debian's python3-psycopg2, run with /usr/bin/python3) against the server: connect,
 * parameterized inserts (psycopg2 quotes parameters into the SQL text itself, so quotes and
 * backslashes test standard_conforming_strings), selects with typed results, commit and rollback.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const available = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import psycopg2'], { encoding: 'utf8' }).status === 0;
if (!available) console.warn(`psycopg2 tests skipped: ${PYTHON} cannot import psycopg2 (apt-get install -y python3-psycopg2)`);

const SCRIPT = String.raw`
import json, sys, datetime, decimal
import psycopg2

conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='awsuser', dbname='dev')
cur = conn.cursor()
cur.execute("create table py1 (id integer, name varchar(40), amount decimal(10,2), day date, at timestamp, ok boolean)")
rows = [
    (1, "O'Brien", decimal.Decimal('12.50'), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 10, 11, 12, 500000), True),
    (2, 'back\\slash', decimal.Decimal('-0.25'), datetime.date(1999, 12, 31), datetime.datetime(2000, 1, 1), False),
    (3, 'héllo wörld', None, None, None, None),
]
for r in rows:
    cur.execute("insert into py1 values (%s, %s, %s, %s, %s, %s)", r)
conn.commit()

cur.execute("select id, name, amount, day, at, ok from py1 where id >= %s order by id", (1,))
out = []
for (id, name, amount, day, at, ok) in cur.fetchall():
    out.append([id, name, None if amount is None else str(amount), type(amount).__name__, None if day is None else day.isoformat(),
                None if at is None else at.isoformat(), ok])

cur.execute("insert into py1 values (%s, %s, %s, %s, %s, %s)", (4, 'rolled back', None, None, None, None))
conn.rollback()
cur.execute("select count(*) from py1")
count = cur.fetchone()[0]

try:
    cur.execute("select nope from py1")
    error = None
except psycopg2.Error as e:
    error = [e.pgcode, e.pgerror.splitlines()[0]]
conn.rollback()

cur.execute("select %s::varchar as s, %s as n", ("it's", 7))
echo = list(cur.fetchone())
print(json.dumps({"rows": out, "count": count, "error": error, "echo": echo, "server_version": conn.server_version, "encoding": conn.encoding}))
conn.close()
`;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('psycopg2', () => {
  test.skipIf(!available)('connect, parameterized insert and select, commit, rollback, an error', async () => {
    // Asynchronously: the server runs in this process and must keep answering.
    const r = await promisify(execFile)(PYTHON, ['-c', SCRIPT, String(t.server.port)], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(result.rows).toEqual([
      [1, "O'Brien", '12.50', 'Decimal', '2024-02-29', '2024-02-29T10:11:12.500000', true],
      [2, 'back\\slash', '-0.25', 'Decimal', '1999-12-31', '2000-01-01T00:00:00', false],
      [3, 'héllo wörld', null, 'NoneType', null, null, null],
    ]);
    expect(result.count).toBe(3);
    expect(result.error).toEqual(['42703', 'ERROR:  column "nope" does not exist']);
    expect(result.echo).toEqual(["it's", 7]);
    expect(result.server_version).toBe(80002);
    expect(result.encoding).toBe('UTF8');
  }, 60_000);
});

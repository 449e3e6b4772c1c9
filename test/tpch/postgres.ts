/**
 * PostgreSQL as an optional third engine in the TPC-H benchmark, driven through `psql` (no client
 * library is a dependency): reachable when `psql` connects with the usual PG* environment variables
 * (PGHOST, PGPORT, PGUSER, PGDATABASE...). The tables go into a schema of their own, loaded with
 * COPY FROM STDIN, with the primary keys and the foreign-key indexes a PostgreSQL user would add
 * (without them the correlated subqueries of Q17 and Q20 rescan lineitem per row for many minutes);
 * times are psql's `\timing` (round trip, rows discarded with `\o /dev/null`).
 */
import { spawnSync } from 'node:child_process';
import { readTpchRows, type ScaleFactor } from './data.js';
import { TPCH_COLUMNS, TPCH_TABLES } from './schema.js';

const SCHEMA = 'slicewise_tpch';
/**
 * Sessions start in the benchmark's schema, with parallelism matching the 2 cores the others get,
 * and give up on a statement after 30 s.
 */
const SESSION_SETUP = `set search_path = ${SCHEMA}; set max_parallel_workers_per_gather = 1; set statement_timeout = '30s';`;

const INDEXES: readonly string[] = [
  'alter table region add primary key (r_regionkey)',
  'alter table nation add primary key (n_nationkey)',
  'alter table supplier add primary key (s_suppkey)',
  'alter table customer add primary key (c_custkey)',
  'alter table part add primary key (p_partkey)',
  'alter table partsupp add primary key (ps_partkey, ps_suppkey)',
  'alter table orders add primary key (o_orderkey)',
  'alter table lineitem add primary key (l_orderkey, l_linenumber)',
  'create index on lineitem (l_partkey, l_suppkey)',
  'create index on orders (o_custkey)',
  'create index on partsupp (ps_suppkey)',
  'create index on customer (c_nationkey)',
  'create index on supplier (s_nationkey)',
];

function psql(input: string, args: readonly string[] = []): { ok: boolean; stdout: string; stderr: string } {
  const r = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args], { input, encoding: 'utf8', maxBuffer: 2 ** 30 });
  return { ok: r.status === 0, stdout: r.stdout ?? '', stderr: r.error !== undefined ? String(r.error) : (r.stderr ?? '') };
}

/** Why PostgreSQL is not used (no psql, no server), or null when it answers. */
export function postgresUnavailable(): string | null {
  const r = psql('select 1;');
  if (r.ok) return null;
  return r.stderr.includes('ENOENT') ? 'psql not found' : `no server reachable with the PG* environment (${r.stderr.trim().split('\n')[0]})`;
}

/** Create the schema's tables and COPY `sf`'s rows in; returns the time taken (ms). */
export function loadPostgres(sf: ScaleFactor): number {
  const start = performance.now();
  const ddl = TPCH_TABLES.map((t) => `create table ${t} (${TPCH_COLUMNS[t].map((c) => `${c.name} ${c.type} not null`).join(', ')});`);
  run(`drop schema if exists ${SCHEMA} cascade; create schema ${SCHEMA}; set search_path = ${SCHEMA}; ${ddl.join('\n')}`);
  for (const table of TPCH_TABLES) {
    const data = readTpchRows(sf, table).map((row) => row.join('|')).join('\n');
    run(`${SESSION_SETUP}\ncopy ${table} from stdin with (format text, delimiter '|');\n${data}\n\\.\n`);
  }
  run(`set search_path = ${SCHEMA};\n${INDEXES.map((sql) => `${sql};`).join('\n')}\nanalyze;`);
  return performance.now() - start;
}

/** Run `sql` once to warm up, then `runs` times; the timed runs' milliseconds, or the error. */
export function timePostgres(sql: string, runs: number): number[] | Error {
  const statement = `${sql.trim()};\n`;
  const r = psql(`${SESSION_SETUP}\n\\o /dev/null\n${statement}\\timing on\n${statement.repeat(runs)}`);
  if (!r.ok) return new Error(r.stderr.trim().split('\n')[0] ?? 'psql failed');
  return [...r.stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
}

export function dropPostgres(): void {
  run(`drop schema if exists ${SCHEMA} cascade;`);
}

function run(input: string): void {
  const r = psql(input);
  if (!r.ok) throw new Error(`psql: ${r.stderr.trim()}`);
}

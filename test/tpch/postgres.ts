/**
 * PostgreSQL as an optional third engine in the TPC-H benchmark, driven through `psql` (no client
 * library is a dependency): reachable when `psql` connects with the usual PG* environment variables
 * (PGHOST, PGPORT, PGUSER, PGDATABASE...). The tables go into a schema of their own, loaded with
 * COPY FROM STDIN; times are psql's `\timing` (round trip, rows discarded with `\o /dev/null`).
 */
import { spawnSync } from 'node:child_process';
import { readTpchRows, type ScaleFactor } from './data.js';
import { TPCH_COLUMNS, TPCH_TABLES } from './schema.js';

const SCHEMA = 'slicewise_tpch';
/** Sessions start in the benchmark's schema, with parallelism matching the 2 cores the others get. */
const SESSION_SETUP = `set search_path = ${SCHEMA}; set max_parallel_workers_per_gather = 1;`;

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
    run(`${SESSION_SETUP}\ncopy ${table} from stdin with (format text, delimiter '|');\n${data}\n\\.\nanalyze ${table};\n`);
  }
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

/**
 * Snapshot and restore of the TICKIT fixtures (category, date, event, venue: 8,798 rows), the way a
 * test suite resets between tests: Slicewise's Cluster.snapshot()/restore() (after a test that
 * deleted rows, so the restore has work to undo), pg-mem's backup()/restore(), and PostgreSQL 15's
 * usual equivalent — CREATE DATABASE ... TEMPLATE fixtures (plus the DROP of the used copy) — when
 * PG* environment variables reach a server.
 */
import { newDb } from 'pg-mem';
import pg from 'pg';
import { Bench, type Task } from 'tinybench';
import { fileURLToPath } from 'node:url';
import { TICKIT_DDL, TICKIT_TABLES, insertStatements, readTickitRows, type TickitTable } from '../test/helpers/tickit.js';
import { formatMs, markdownTable, percentile } from './report.js';
import { importSlicewise } from './slicewise.js';

const BENCH_TIME_MS = 2000;
const SAMPLE_ROOT = fileURLToPath(new URL('../fixtures/s3', import.meta.url));
const COPIES: Readonly<Record<TickitTable, string>> = {
  venue: "copy venue from 's3://slicewise-sample/tickit/venue_pipe.txt' iam_role default delimiter '|'",
  category: "copy category from 's3://slicewise-sample/tickit/category_pipe.txt' iam_role default delimiter '|'",
  date: "copy date from 's3://slicewise-sample/tickit/date2008_pipe.txt' iam_role default delimiter '|'",
  event: "copy event from 's3://slicewise-sample/tickit/allevents_pipe.txt' iam_role default delimiter '|' timeformat 'YYYY-MM-DD HH:MI:SS'",
};

/** The TICKIT DDL as PostgreSQL takes it: no distribution or sort keys; tables named tickit_x (pg-mem refuses a table named date). */
function postgresDdl(table: TickitTable): string {
  return TICKIT_DDL[table].replace(/ (distkey|sortkey)/g, '').replace(`create table ${table}(`, `create table tickit_${table}(`);
}

/** Every TICKIT row as INSERT statements PostgreSQL (and pg-mem) accept. */
function tickitInserts(): string[] {
  return TICKIT_TABLES.flatMap((t) => insertStatements(`tickit_${t}`, [], readTickitRows(t)));
}

function row(task: Task): string[] {
  const r = task.result;
  if (r.state !== 'completed') return [task.name, r.state, '', ''];
  const samples = r.latency.samples ?? [];
  return [task.name, formatMs(percentile(samples, 50)), formatMs(percentile(samples, 95)), `${samples.length}`];
}

async function postgresTemplateTask(bench: Bench): Promise<(() => Promise<void>) | string> {
  if (!process.env.PGHOST && !process.env.PGDATABASE) return 'PostgreSQL: not run (set PGHOST/PGUSER to reach a server)';
  const admin = new pg.Client();
  try {
    await admin.connect();
  } catch (err) {
    return `PostgreSQL: not run (${(err as Error).message})`;
  }
  await admin.query('drop database if exists sw_fixtures');
  await admin.query('drop database if exists sw_test');
  await admin.query('create database sw_fixtures');
  const fixtures = new pg.Client({ database: 'sw_fixtures' });
  await fixtures.connect();
  for (const t of TICKIT_TABLES) await fixtures.query(postgresDdl(t));
  for (const sql of tickitInserts()) await fixtures.query(sql);
  await fixtures.end();
  bench.add('PostgreSQL 15: create database from template + drop', async () => {
    await admin.query('create database sw_test template sw_fixtures');
    await admin.query('drop database sw_test');
  });
  return async () => {
    await admin.query('drop database if exists sw_fixtures');
    await admin.end();
  };
}

export async function benchSnapshot(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const cluster = await Cluster.start({ s3Root: SAMPLE_ROOT });
  for (const t of TICKIT_TABLES) await cluster.query(TICKIT_DDL[t]);
  for (const t of TICKIT_TABLES) await cluster.query(COPIES[t]);
  const fixtures = cluster.snapshot();

  const pgMem = newDb();
  for (const t of TICKIT_TABLES) pgMem.public.none(postgresDdl(t));
  for (const sql of tickitInserts()) pgMem.public.none(sql);

  const pgMemFixtures = pgMem.backup();

  const bench = new Bench({ time: BENCH_TIME_MS, retainSamples: true });
  bench.add('Slicewise snapshot()', () => {
    cluster.snapshot();
  });
  bench.add('Slicewise restore()', () => {
    cluster.restore(fixtures);
  });
  bench.add('Slicewise snapshot() + restore()', () => {
    cluster.restore(cluster.snapshot());
  });
  // A reset's hidden cost would show in the first query after it (slice data re-sent to the nodes).
  bench.add('Slicewise restore() + `select count(*) from event`', async () => {
    cluster.restore(fixtures);
    await cluster.query('select count(*) from event');
  });
  bench.add('Slicewise `select count(*) from event` alone', async () => {
    await cluster.query('select count(*) from event');
  });
  bench.add('pg-mem backup() + restore()', () => {
    pgMem.backup().restore();
  });
  bench.add('pg-mem restore() + `select count(*) from tickit_event`', () => {
    pgMemFixtures.restore();
    pgMem.public.many('select count(*) from tickit_event');
  });
  const pgDone = await postgresTemplateTask(bench);
  await bench.run();
  // The restore undid real work: a test deleted every event, the restore brought them back.
  await cluster.query('delete from event');
  cluster.restore(fixtures);
  const events = (await cluster.query('select count(*) as n from event')).rows[0]!.n;
  if (Number(events) !== 8798) throw new Error(`restore lost rows: ${String(events)} events`);
  if (typeof pgDone === 'function') await pgDone();
  await cluster.close();
  return [
    `### Snapshot and restore of the TICKIT fixtures (tinybench, ${BENCH_TIME_MS / 1000} s per task)`,
    '',
    markdownTable(['operation', 'p50', 'p95', 'samples'], bench.tasks.map(row)),
    ...(typeof pgDone === 'string' ? ['', pgDone] : []),
  ].join('\n');
}

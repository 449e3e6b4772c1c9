/**
 * TPC-H SF0.1, all 22 queries: Slicewise (2 nodes x 2 slices, loaded with INSERT ... VALUES) against
 * DuckDB (threads = 2) in the same run, and PostgreSQL 15 when psql reaches a server (PG* env).
 * Per-query medians of a few runs after a warm-up, their geometric means, and whether Slicewise's
 * answer matched DuckDB's. Queries Slicewise cannot run are reported with their error.
 */
import type { QueryResult } from '../src/index.js';
import { canonSlicewise, diffResults } from '../test/helpers/compare.js';
import type { ScaleFactor } from '../test/tpch/data.js';
import { TpchDuck } from '../test/tpch/duck.js';
import { loadTpch } from '../test/tpch/load.js';
import { dropPostgres, loadPostgres, postgresUnavailable, timePostgres } from '../test/tpch/postgres.js';
import { tpchQueries, type TpchQuery } from '../test/tpch/queries.js';
import { formatMs, markdownTable, median } from './report.js';
import { importSlicewise } from './slicewise.js';

const SF: ScaleFactor = '0.1';
/** Timed runs per query and engine, after one warm-up run. */
const RUNS = 3;
/** A warm-up slower than this is reported alone: repeating it would not change the picture. */
const SLOW_MS = 10_000;

type Outcome = { readonly ms: number } | { readonly error: string };

interface QueryRow {
  readonly query: TpchQuery;
  readonly slicewise: Outcome;
  readonly duck: Outcome;
  readonly postgres: Outcome | null;
  /** 'yes', 'no' (the difference goes to the notes) or '' when Slicewise gave no answer. */
  readonly matches: string;
}

async function timeRuns(run: () => Promise<unknown>): Promise<number> {
  const warmStart = performance.now();
  await run();
  const warm = performance.now() - warmStart;
  if (warm > SLOW_MS) return warm;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ms: await timeRuns(run) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function cell(o: Outcome | null): string {
  if (o === null) return 'n/a';
  return 'ms' in o ? formatMs(o.ms) : 'error';
}

function geomean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

const timeOf = (o: Outcome | null): number | undefined => (o !== null && 'ms' in o ? o.ms : undefined);

export async function benchTpch(): Promise<string> {
  const { Cluster } = await importSlicewise();
  const cluster = await Cluster.start({ nodes: 2, slicesPerNode: 2 });
  const duckStart = performance.now();
  const duck = await TpchDuck.open(SF, { threads: 2 });
  const duckLoadMs = performance.now() - duckStart;
  const pgUnavailable = postgresUnavailable();
  try {
    console.error(`loading SF${SF} into Slicewise...`);
    const load = await loadTpch(cluster, SF);
    const pgLoadMs = pgUnavailable === null ? loadPostgres(SF) : null;

    const rows: QueryRow[] = [];
    const notes: string[] = [];
    for (const query of tpchQueries(SF)) {
      console.error(`  ${query.name}`);
      const duckSql = query.duck ?? query.sql;
      const duckTime = await outcome(() => duck.run(duckSql));
      const postgres = pgUnavailable === null ? postgresOutcome(query) : null;
      const { slicewise, matches, diff } = await slicewiseOutcome(cluster, query, duck);
      if (diff !== null) notes.push(`- ${query.name} differs from DuckDB:\n\n  ${diff.replaceAll('\n', '\n  ')}`);
      if ('error' in slicewise) notes.push(`- ${query.name} Slicewise: ${slicewise.error}`);
      if (postgres !== null && 'error' in postgres) notes.push(`- ${query.name} PostgreSQL: ${postgres.error}`);
      rows.push({ query, slicewise, duck: duckTime, postgres, matches });
    }
    return report(rows, notes, { slicewiseLoadMs: load.totalMs, duckLoadMs, pgLoadMs, pgUnavailable });
  } finally {
    duck.close();
    await cluster.close();
    if (pgUnavailable === null) dropPostgres();
  }
}

/** Slicewise's answer, checked against DuckDB's once outside the timed runs, then its time. */
async function slicewiseOutcome(
  cluster: { query(sql: string): Promise<QueryResult> },
  query: TpchQuery,
  duck: TpchDuck,
): Promise<{ slicewise: Outcome; matches: string; diff: string | null }> {
  let answer: QueryResult;
  try {
    answer = await cluster.query(query.sql);
  } catch (error) {
    return { slicewise: { error: error instanceof Error ? error.message : String(error) }, matches: '', diff: null };
  }
  const expected = await duck.query(query.duck ?? query.sql);
  const diff = diffResults(canonSlicewise(answer), expected.rows, { ordered: query.ordered });
  const slicewise = await outcome(() => cluster.query(query.sql));
  return { slicewise, matches: diff === null ? 'yes' : 'no', diff };
}

function postgresOutcome(query: TpchQuery): Outcome {
  const times = timePostgres(query.sql, RUNS);
  return times instanceof Error ? { error: times.message } : { ms: median(times) };
}

interface LoadTimes {
  readonly slicewiseLoadMs: number;
  readonly duckLoadMs: number;
  readonly pgLoadMs: number | null;
  readonly pgUnavailable: string | null;
}

function report(rows: readonly QueryRow[], notes: readonly string[], load: LoadTimes): string {
  const table = rows.map((r) => {
    const s = timeOf(r.slicewise);
    const d = timeOf(r.duck);
    const ratio = s !== undefined && d !== undefined ? `${(s / d).toFixed(1)}x` : '';
    return [r.query.name, cell(r.slicewise), r.matches, cell(r.duck), cell(r.postgres), ratio];
  });
  const answered = rows.filter((r) => timeOf(r.slicewise) !== undefined);
  const mean = (pick: (r: QueryRow) => Outcome | null, over: readonly QueryRow[]): string => {
    const times = over.map((r) => timeOf(pick(r)));
    return times.every((t) => t !== undefined) ? formatMs(geomean(times as number[])) : 'n/a';
  };
  table.push(
    [`geomean, all ${rows.length}`, answered.length === rows.length ? mean((r) => r.slicewise, rows) : 'n/a', '', mean((r) => r.duck, rows), mean((r) => r.postgres, rows), ''],
    [`geomean, the ${answered.length} Slicewise ran`, mean((r) => r.slicewise, answered), '', mean((r) => r.duck, answered), mean((r) => r.postgres, answered), ''],
  );
  const pg = load.pgUnavailable === null ? `PostgreSQL 15 loaded with COPY in ${formatMs(load.pgLoadMs ?? Number.NaN)}` : `PostgreSQL: not run (${load.pgUnavailable})`;
  return [
    `### TPC-H SF${SF} (median of ${RUNS} runs after a warm-up)`,
    '',
    `Slicewise 2 nodes x 2 slices, loaded with INSERT ... VALUES in ${formatMs(load.slicewiseLoadMs)}; ` +
      `DuckDB (threads = 2) loaded with read_csv in ${formatMs(load.duckLoadMs)}; ${pg}.`,
    '',
    markdownTable(['query', 'Slicewise', 'matches DuckDB', 'DuckDB', 'PostgreSQL', 'Slicewise / DuckDB'], table),
    '',
    ...(notes.length > 0 ? ['Errors and differences:', '', ...notes] : []),
  ].join('\n');
}

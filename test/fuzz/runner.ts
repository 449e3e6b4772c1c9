/**
 * Runs generated queries on Slicewise and DuckDB and judges each pair: equal results, both failed
 * (fine: e.g. a cast of bad text), or a mismatch (different rows, or only one engine failed).
 * Mismatches carry everything needed to reproduce them: the run seed, the query number, both SQL
 * texts and the first differing rows.
 */
import type { Cluster } from '../../src/index.js';
import { canonSlicewise, diffResults } from '../helpers/compare.js';
import type { DuckReference } from '../helpers/duckdb.js';
import type { FamilySet } from './differences.js';
import { generateQuery, type GeneratedQuery } from './generator.js';

/** The seed of query `index` of a run: queries are independent, so one can be re-run alone (FUZZ_ONLY). */
export function querySeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export type Verdict = 'match' | 'both-failed' | 'mismatch';

export interface Judged {
  readonly index: number;
  readonly query: GeneratedQuery;
  readonly verdict: Verdict;
  /** For mismatches: what differs. */
  readonly detail: string;
}

type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return { ok: false, error: `${err.code ? `${err.code} ` : ''}${err.message ?? String(e)}`.split('\n')[0]! };
  }
}

export async function judge(cluster: Cluster, reference: DuckReference, index: number, query: GeneratedQuery): Promise<Judged> {
  const [actual, expected] = await Promise.all([attempt(() => cluster.query(query.slicewise)), attempt(() => reference.query(query.duck))]);
  const result = (verdict: Verdict, detail = ''): Judged => ({ index, query, verdict, detail });
  if (!actual.ok && !expected.ok) return result('both-failed');
  if (!actual.ok) return result('mismatch', `only Slicewise failed: ${actual.error}`);
  if (!expected.ok) return result('mismatch', `only DuckDB failed: ${expected.error}`);
  if (actual.value.fields.length !== expected.value.columns.length) {
    return result('mismatch', `column count: slicewise ${actual.value.fields.length}, duckdb ${expected.value.columns.length}`);
  }
  const diff = diffResults(canonSlicewise(actual.value), expected.value.rows, { ordered: query.ordered });
  return diff === null ? result('match') : result('mismatch', diff);
}

export interface RunSummary {
  readonly seed: number;
  readonly queries: number;
  readonly matched: number;
  readonly bothFailed: number;
  readonly mismatches: readonly Judged[];
  readonly byShape: ReadonlyMap<string, number>;
  readonly elapsedMs: number;
}

/** Generate and judge `count` queries of run `seed` (or only query `only`). */
export async function runFuzz(
  cluster: Cluster,
  reference: DuckReference,
  options: { seed: number; count: number; families: FamilySet; only?: number },
): Promise<RunSummary> {
  const start = performance.now();
  const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
  const mismatches: Judged[] = [];
  const byShape = new Map<string, number>();
  let matched = 0;
  let bothFailed = 0;
  for (const index of indexes) {
    const query = generateQuery(querySeed(options.seed, index), options.families);
    byShape.set(query.shape, (byShape.get(query.shape) ?? 0) + 1);
    const judged = await judge(cluster, reference, index, query);
    if (judged.verdict === 'match') matched++;
    else if (judged.verdict === 'both-failed') bothFailed++;
    else mismatches.push(judged);
  }
  return { seed: options.seed, queries: indexes.length, matched, bothFailed, mismatches, byShape, elapsedMs: performance.now() - start };
}

const REPORTED = 15;

/** The failure report: how to reproduce, then each mismatch (the first REPORTED of them). */
export function mismatchReport(summary: RunSummary): string {
  const lines = [
    `${summary.mismatches.length} of ${summary.queries} generated queries differ between Slicewise and DuckDB ` +
      `(reproduce: FUZZ_SEED=${summary.seed} npx vitest run test/fuzz; one query: add FUZZ_ONLY=<n>)`,
  ];
  const causes = new Map<string, number>();
  for (const m of summary.mismatches) {
    const first = m.detail.split('\n')[0]!;
    const cause = first.startsWith('only') ? first.replace(/"[^"]*"/g, '"…"').slice(0, 120) : 'different rows';
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }
  lines.push('causes:', ...[...causes].sort((x, y) => y[1] - x[1]).map(([cause, n]) => `  ${n} x ${cause}`));
  for (const m of summary.mismatches.slice(0, REPORTED)) {
    lines.push(
      '',
      `#${m.index} [${m.query.shape}]${m.query.ordered ? ' (ordered)' : ''}`,
      `  slicewise: ${m.query.slicewise}`,
      `  duckdb:    ${m.query.duck}`,
      ...m.detail.split('\n').map((l) => `  ${l}`),
    );
  }
  if (summary.mismatches.length > REPORTED) lines.push('', `... and ${summary.mismatches.length - REPORTED} more`);
  return lines.join('\n');
}

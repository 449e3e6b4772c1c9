/**
 * The one place that says where the generated queries' two renderings differ and why, which
 * feature families the generator may use, and which engine bugs it currently steers around.
 *
 * - FAMILIES: each family of the SELECT surface can be switched on or off. Families that Slicewise
 *   does not support yet are off, so the run lands green; switch one on (here, or for one run with
 *   FUZZ_FAMILIES=+windows,-like or FUZZ_FAMILIES=all) as the feature lands.
 * - DIFFERENCES: where Redshift intentionally differs from DuckDB, how the generator bridges it
 *   (renders DuckDB's side to Redshift's semantics, or avoids the construct). The README's
 *   "Redshift fidelity" section lists the same differences.
 * - KNOWN_BUGS: Slicewise bugs the fuzzer found. Each entry keeps the generator away from one
 *   construct (the generator asks `bugOpen(id)` right where it would produce it); delete the entry
 *   once the bug is fixed.
 */

export type Family =
  /** Scalar, IN and EXISTS subqueries, correlated or not, in WHERE and the select list. */
  | 'subqueries'
  /** Subqueries in FROM. */
  | 'derivedTables'
  | 'union'
  /** INTERSECT and EXCEPT. */
  | 'intersectExcept'
  | 'windows'
  /** LIKE / ILIKE / NOT LIKE. */
  | 'like'
  /** POSIX `~` matches. */
  | 'regex'
  /** EXTRACT, DATE_PART, DATEADD, DATEDIFF, DATE_TRUNC, LAST_DAY, ADD_MONTHS, TRUNC(timestamp). */
  | 'dateFunctions'
  /** NVL2, DECODE, GREATEST, LEAST. */
  | 'conditionalFunctions';

/** What works in Slicewise today (the lead flips these as features land). */
export const FAMILIES: Readonly<Record<Family, boolean>> = {
  subqueries: true,
  derivedTables: true,
  union: true,
  intersectExcept: true,
  windows: true,
  like: true,
  regex: true,
  dateFunctions: true,
  conditionalFunctions: true,
};

export type FamilySet = ReadonlySet<Family>;

/**
 * The enabled families: FAMILIES, adjusted by a spec such as `+windows,-like` (or `all` / `none`,
 * optionally followed by more adjustments: `all,-regex`).
 */
export function enabledFamilies(spec: string | undefined): FamilySet {
  const all = Object.keys(FAMILIES) as Family[];
  const enabled = new Set(all.filter((f) => FAMILIES[f]));
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    if (part === 'all') all.forEach((f) => enabled.add(f));
    else if (part === 'none') enabled.clear();
    else {
      const name = part.replace(/^[+-]/, '') as Family;
      if (!all.includes(name)) throw new Error(`FUZZ_FAMILIES: unknown family "${name}" (known: ${all.join(', ')})`);
      if (part.startsWith('-')) enabled.delete(name);
      else enabled.add(name);
    }
  }
  return enabled;
}

export interface Difference {
  readonly topic: string;
  readonly redshift: string;
  readonly duckdb: string;
  /** How the generator bridges it. */
  readonly handling: string;
}

export const DIFFERENCES: readonly Difference[] = [
  {
    topic: 'integer division',
    redshift: '`/` on integers truncates toward zero (7 / 2 = 3)',
    duckdb: '`/` returns a DOUBLE',
    handling: 'DuckDB side uses `//` (which truncates toward zero)',
  },
  {
    topic: 'division by zero',
    redshift: 'error 22012',
    duckdb: 'NULL for integers',
    handling: 'divisors are wrapped in NULLIF(x, 0) on both sides',
  },
  {
    topic: 'integer AVG',
    redshift: 'AVG of an integer column is a BIGINT, truncated toward zero',
    duckdb: 'AVG returns a DOUBLE',
    handling: 'DuckDB side computes `sum(x) // count(x)` (exact, truncating)',
  },
  {
    topic: 'DECIMAL AVG',
    redshift: 'AVG of DECIMAL(p,s) is DECIMAL(38,s), rounded half away from zero',
    duckdb: 'AVG returns a DOUBLE',
    handling: 'DuckDB side rounds the exact sum/count at scale s in integer arithmetic',
  },
  {
    topic: 'DECIMAL division',
    redshift: 'result scale max(4, s1 + p2 - s2 + 1), rounded at that scale',
    duckdb: 'DECIMAL / DECIMAL returns a DOUBLE',
    handling: 'not generated',
  },
  {
    topic: 'DECIMAL result types',
    redshift: 'precision/scale rules of reference §7.2',
    duckdb: 'its own widths',
    handling: 'results compare numerically (compare.ts canonical decimals), not by declared type',
  },
  {
    topic: 'integer result widths',
    redshift: 'SMALLINT op INTEGER literal is INTEGER; SUM of integers is BIGINT; COUNT is BIGINT',
    duckdb: 'integer literals adapt to the column type (SMALLINT * 20 overflows; DECIMAL(18,4) * 12 overflows its 64 bits); SUM gives HUGEINT',
    handling:
      'DuckDB arithmetic casts its left operand to BIGINT (DECIMAL(38,s) for a product); values compare numerically; generated values stay far from every overflow',
  },
  {
    topic: 'DECIMAL columns of set operations',
    redshift: 'UNION/INTERSECT/EXCEPT keep the larger scale of the two branches',
    duckdb: 'may narrow the column to one branch\'s scale (UNION of -250.125 and a DECIMAL(15,2) gives -250.13)',
    handling: 'DuckDB side casts each DECIMAL column to DECIMAL(38, larger scale)',
  },
  {
    topic: 'DECIMAL common types and ROUND/TRUNC',
    redshift: 'CASE/COALESCE take scale max(s1, s2); ROUND(x, n) and TRUNC(x, n) keep the type of x (TRUNC(-0.0100, 3) is -0.0100)',
    duckdb: 'a common type that can drop decimals once widths reach 38; ROUND/TRUNC(x, n) have n decimals',
    handling: 'DuckDB side casts CASE/COALESCE/NULLIF operands to one DECIMAL type and ROUND/TRUNC results back to the argument\'s scale',
  },
  {
    topic: 'date + BIGINT',
    redshift: 'no such operator (DATE + INTEGER/SMALLINT only, as in PostgreSQL)',
    duckdb: 'accepted',
    handling: 'days added to dates are INTEGER or SMALLINT expressions',
  },
  {
    topic: 'NULL ordering',
    redshift: 'NULL is the largest value: last ascending, first descending',
    duckdb: 'NULLS LAST by default in both directions',
    handling: 'DuckDB side always spells NULLS LAST / NULLS FIRST',
  },
  {
    topic: 'trailing blanks',
    redshift: 'insignificant when comparing strings (=, <, IN, BETWEEN, NULLIF, GROUP BY, DISTINCT, set operations)',
    duckdb: "significant ('a' <> 'a ')",
    handling:
      'DuckDB side compares rtrim()med operands; text grouped, deduplicated, ordered or aggregated by MIN/MAX/COUNT(DISTINCT) is rtrim()med on both sides (which of several blank-variants Redshift returns is unspecified)',
  },
  {
    topic: 'CHAR padding',
    redshift: 'CHAR(n) values are blank-padded; the padding is dropped when the value is used as a string (functions, ||)',
    duckdb: 'no CHAR type: VARCHAR without padding',
    handling: 'CHAR columns are VARCHAR in DuckDB, loaded without trailing blanks; compare.ts trims CHAR results',
  },
  {
    topic: 'SUBSTRING with a negative start',
    redshift: 'positions before 1 count toward the length (substring(\'hello\', -1, 3) = \'h\')',
    duckdb: 'a negative start counts from the end',
    handling: 'start positions are >= 0',
  },
  {
    topic: 'float to integer/decimal casts',
    redshift: 'rounds half to even (2.5::float8::int = 2)',
    duckdb: 'rounds half away from zero',
    handling: 'not generated (DOUBLE is only cast from exact types)',
  },
  {
    topic: 'float aggregation order',
    redshift: 'SUM/AVG of DOUBLE depend on the order slices are combined',
    duckdb: 'its own order',
    handling: 'doubles compare to 1e-9 relative; aggregated doubles are columns or casts of exact values (no rounding-sensitive cancellation)',
  },
  {
    topic: 'DATEADD(year) on Feb 29',
    redshift: "dateadd(year, 1, '2016-02-29') = 2017-03-01 (documented)",
    duckdb: 'clamps to 2017-02-28',
    handling: 'DATEADD uses day, month, hour and minute only (month clamps in both)',
  },
  {
    topic: 'ADD_MONTHS at month end',
    redshift: 'maps a month end to the month end (2008-04-30 + 1 = 2008-05-31)',
    duckdb: 'no ADD_MONTHS; interval addition clamps only',
    handling: 'DuckDB side: CASE WHEN d = last_day(d) THEN last_day(d + months) ELSE d + months END',
  },
  {
    topic: 'reference engine bug: parallel FULL JOIN under UNION ALL',
    redshift: '-',
    duckdb:
      'with several threads, DuckDB 1.5 now and then returns a spurious NULL row from a FULL JOIN inside UNION ALL ' +
      '(select b2.eventid from date b1 full join event b2 on b1.dateid = b2.dateid union all select 0 order by 1 nulls first limit 1 gives NULL; no date lacks events)',
    handling: 'the reference runs with `set threads = 1`',
  },
  {
    topic: 'reference engine bug: Top-N over UNION ALL with an outer join',
    redshift: '-',
    duckdb:
      'DuckDB 1.5, one thread too, returns spurious NULL rows from ORDER BY ... LIMIT over a UNION ALL whose branch is a LEFT JOIN ' +
      "(seed 1122107 #1900: customer's acctbal UNION ALL category LEFT JOIN event ON ... AND starttime > '2008-10-31 10:10:10', ORDER BY 1 DESC LIMIT 15 " +
      'gives 11 NULLs where the whole union has 7; PostgreSQL 15 and Slicewise: 7)',
    handling: "the reference runs with `set disabled_optimizers = 'top_n'` (a full sort, then the limit)",
  },
  {
    topic: 'reference engine bug: DATE_TRUNC compared with an unaligned constant',
    redshift: 'DATE_TRUNC of a NULL is NULL, so `DATE_TRUNC(...) != c` is NULL and filters the row out',
    duckdb:
      "DuckDB 1.5 folds date_trunc(part, x) != c to TRUE when c is not on a part boundary, NULL x included " +
      "(select id from fz_edge where date_trunc('hour', ts) != timestamp '2008-02-29 23:59:59' returns the rows whose ts is NULL; seed 123457)",
    handling: "DuckDB side: CASE WHEN x IS NULL THEN NULL ELSE CAST(date_trunc(part, x) AS TIMESTAMP) END",
  },
  {
    topic: 'Redshift spellings',
    redshift: 'NVL, DATEADD/DATEDIFF(part, ...), DATE_TRUNC returning TIMESTAMP, CHARINDEX, `~`, typed NULLs',
    duckdb: 'COALESCE, + to_days()/date_diff(), DATE_TRUNC of a DATE is a DATE, strpos, regexp_matches',
    handling: 'rendered per engine',
  },
];

export interface KnownBug {
  readonly id: string;
  readonly description: string;
  /** A minimal query that shows it. */
  readonly repro: string;
}

/** Slicewise bugs the generator avoids until they are fixed (delete an entry to re-enable its construct). */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** True while the bug `id` is listed (the generator then avoids its construct). */
export function bugOpen(id: string): boolean {
  return KNOWN_BUGS.some((b) => b.id === id);
}

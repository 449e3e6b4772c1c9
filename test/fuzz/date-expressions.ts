/**
 * DATE and TIMESTAMP expressions, and integers computed from them. Always available: date +/- an
 * integer, date - date, casts between DATE and TIMESTAMP. The `dateFunctions` family adds Redshift's
 * DATEADD / DATEDIFF / DATE_TRUNC / EXTRACT / DATE_PART / LAST_DAY / ADD_MONTHS / TRUNC, rendered for
 * DuckDB by their meaning (differences.ts: DATEADD never uses `year`, ADD_MONTHS keeps month ends).
 */
import { expr, intLiteral, sqlString, type Expr } from './expr.js';
import type { ExprGen } from './expressions.js';

/** Days added to a date stay small: no generated date leaves the years 1900-2100. */
const MAX_DAY_SHIFT = 400;

function dayShift(gen: ExprGen, d: number): Expr {
  const n = gen.of('int', d);
  // date + BIGINT is no operator in Redshift (as in PostgreSQL): INTEGER or SMALLINT only.
  return n.bound <= MAX_DAY_SHIFT && n.intWidth <= 4 ? n : intLiteral(gen.rng.int(-40, 40));
}

export function dateExpr(gen: ExprGen, depth: number): Expr {
  const d = depth - 1;
  const dates = gen.has('dateFunctions');
  const pick = gen.rng.weighted<() => Expr>([
    [3, () => {
      const a = gen.of('date', d);
      const n = dayShift(gen, d);
      const op = gen.rng.pick(['+', '-']);
      return expr('date', `(${a.rs} ${op} ${n.rs})`, `(${a.duck} ${op} CAST(${n.duck} AS INTEGER))`);
    }],
    [2, () => {
      const t = gen.of('ts', d);
      return expr('date', `CAST(${t.rs} AS DATE)`, `CAST(${t.duck} AS DATE)`);
    }],
    [2, () => gen.conditional('date', depth)],
    [dates ? 1 : 0, () => {
      const a = gen.of('date', d);
      return expr('date', `LAST_DAY(${a.rs})`, `last_day(${a.duck})`);
    }],
    [dates ? 1 : 0, () => {
      const t = gen.of('ts', d);
      return expr('date', `TRUNC(${t.rs})`, `CAST(${t.duck} AS DATE)`);
    }],
  ]);
  return pick();
}

const ADD_PARTS = ['day', 'month', 'hour', 'minute'] as const;
const TRUNC_PARTS = ['year', 'quarter', 'month', 'week', 'day', 'hour'] as const;

export function tsExpr(gen: ExprGen, depth: number): Expr {
  const d = depth - 1;
  const dates = gen.has('dateFunctions');
  const pick = gen.rng.weighted<() => Expr>([
    [2, () => {
      const a = gen.of('date', d);
      return expr('ts', `CAST(${a.rs} AS TIMESTAMP)`, `CAST(${a.duck} AS TIMESTAMP)`);
    }],
    [2, () => gen.conditional('ts', depth)],
    [dates ? 3 : 0, () => dateadd(gen, d)],
    [dates ? 2 : 0, () => {
      const part = gen.rng.pick(TRUNC_PARTS);
      const a = gen.of(gen.rng.pick(['date', 'ts'] as const), d);
      // Redshift's DATE_TRUNC returns a TIMESTAMP for a DATE too; DuckDB's returns a DATE. The CASE keeps
      // DuckDB from folding a comparison with an unaligned constant to TRUE for NULLs (differences.ts).
      return expr('ts', `DATE_TRUNC('${part}', ${a.rs})`, `CASE WHEN ${a.duck} IS NULL THEN NULL ELSE CAST(date_trunc('${part}', ${a.duck}) AS TIMESTAMP) END`);
    }],
    [dates ? 1 : 0, () => addMonths(gen, d)],
  ]);
  return pick();
}

function dateadd(gen: ExprGen, d: number): Expr {
  const part = gen.rng.pick(ADD_PARTS);
  const a = gen.of(gen.rng.pick(['date', 'ts'] as const), d);
  const n = dayShift(gen, d);
  const interval = { day: 'to_days', month: 'to_months', hour: 'to_hours', minute: 'to_minutes' }[part];
  return expr('ts', `DATEADD(${part}, ${n.rs}, ${a.rs})`, `(CAST(${a.duck} AS TIMESTAMP) + ${interval}(CAST(${n.duck} AS INTEGER)))`);
}

/** ADD_MONTHS maps a month's last day to the last day of the target month. */
function addMonths(gen: ExprGen, d: number): Expr {
  const a = gen.of('date', d);
  const n = intLiteral(gen.rng.int(-14, 14));
  const shifted = `(CAST(${a.duck} AS TIMESTAMP) + to_months(${n.duck}))`;
  return expr(
    'ts',
    `ADD_MONTHS(${a.rs}, ${n.rs})`,
    `CASE WHEN ${a.duck} = last_day(${a.duck}) THEN CAST(last_day(${shifted}) AS TIMESTAMP) ELSE ${shifted} END`,
  );
}

const EXTRACT_PARTS = ['year', 'quarter', 'month', 'day', 'dow', 'doy', 'week'] as const;
const DIFF_PARTS = ['day', 'month', 'year', 'quarter'] as const;

/** Integers from dates: date - date, and with `dateFunctions` EXTRACT / DATE_PART / DATEDIFF. */
export function dateIntExpr(gen: ExprGen, depth: number): Expr {
  const d = depth - 1;
  const dates = gen.has('dateFunctions');
  const pick = gen.rng.weighted<() => Expr>([
    [2, () => {
      const a = gen.of('date', d);
      const b = gen.of('date', d);
      return expr('int', `(${a.rs} - ${b.rs})`, `(${a.duck} - ${b.duck})`, { bound: 80_000 });
    }],
    [dates ? 2 : 0, () => {
      const part = gen.rng.pick(EXTRACT_PARTS);
      const a = gen.of(gen.rng.pick(['date', 'ts'] as const), d);
      if (gen.rng.chance(0.5)) return expr('int', `EXTRACT(${part} FROM ${a.rs})`, `extract(${part} FROM ${a.duck})`, { bound: 3000 });
      // DATE_PART is a DOUBLE PRECISION in Redshift: cast (exactly: its values are whole) to stay an integer.
      return expr('int', `CAST(DATE_PART(${sqlString(part)}, ${a.rs}) AS INTEGER)`, `CAST(date_part(${sqlString(part)}, ${a.duck}) AS INTEGER)`, {
        bound: 3000,
      });
    }],
    [dates ? 2 : 0, () => {
      const part = gen.rng.pick(DIFF_PARTS);
      const a = gen.of(gen.rng.pick(['date', 'ts'] as const), d);
      const b = gen.of(gen.rng.pick(['date', 'ts'] as const), d);
      return expr('int', `DATEDIFF(${part}, ${a.rs}, ${b.rs})`, `date_diff('${part}', CAST(${a.duck} AS TIMESTAMP), CAST(${b.duck} AS TIMESTAMP))`, {
        bound: 80_000,
        intWidth: 8,
      });
    }],
  ]);
  return pick();
}

/**
 * Text expressions: string functions, `||`, casts to VARCHAR, CASE/COALESCE/NULLIF. A bare CHAR
 * column loses its blank padding when a function uses it, in Redshift as in Slicewise, and DuckDB
 * has no padding to begin with, so the two renderings coincide. Lengths stay bounded (TEXT_MAX).
 */
import { expr, intLiteral, sqlString, typed, type Expr } from './expr.js';
import { TEXT_MAX, type ExprGen } from './expressions.js';

const FILLS = ['*', ' ', 'ab', '0'];
const TRIM_SETS = ['a', ' x', 'Se', '0'];

export function textExpr(gen: ExprGen, depth: number): Expr {
  const d = depth - 1;
  const pick = gen.rng.weighted<() => Expr | null>([
    [2, () => caseFn(gen, d)],
    [3, () => substring(gen, d)],
    [2, () => trimFn(gen, d)],
    [3, () => concat(gen, d)],
    [2, () => replaceFn(gen, d)],
    [2, () => pad(gen, d)],
    [2, () => leftRight(gen, d)],
    [1, () => repeatOrReverse(gen, d)],
    [3, () => castToText(gen, d)],
    [2, () => gen.conditional('text', depth)],
    [gen.subqueries && gen.has('subqueries') ? 1 : 0, () => gen.subqueries?.scalar('text') ?? null],
  ]);
  const e = pick();
  return e !== null && e.bound <= TEXT_MAX ? e : gen.leaf('text');
}

function caseFn(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const fn = gen.rng.pick(['UPPER', 'LOWER']);
  return typed(s, `${fn}(${s.rs})`, `${fn.toLowerCase()}(${s.duck})`);
}

/** SUBSTRING / SUBSTR with a start >= 0 (a negative start counts from the end in DuckDB: differences.ts). */
function substring(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const start = gen.rng.int(0, 6);
  if (gen.rng.chance(0.3)) return typed(s, `SUBSTRING(${s.rs}, ${start})`, `substring(${s.duck}, ${start})`);
  const len = gen.rng.int(0, 8);
  const rs = gen.rng.pick([`SUBSTRING(${s.rs}, ${start}, ${len})`, `SUBSTR(${s.rs}, ${start}, ${len})`, `SUBSTRING(${s.rs} FROM ${start} FOR ${len})`]);
  return typed(s, rs, `substring(${s.duck}, ${start}, ${len})`, { bound: len });
}

function trimFn(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const fn = gen.rng.pick(['TRIM', 'BTRIM', 'LTRIM', 'RTRIM']);
  const duckFn = fn === 'LTRIM' ? 'ltrim' : fn === 'RTRIM' ? 'rtrim' : 'trim';
  if (fn !== 'TRIM' && gen.rng.chance(0.4)) {
    const set = sqlString(gen.rng.pick(TRIM_SETS));
    return typed(s, `${fn}(${s.rs}, ${set})`, `${duckFn}(${s.duck}, ${set})`);
  }
  return typed(s, `${fn}(${s.rs})`, `${duckFn}(${s.duck})`);
}

function concat(gen: ExprGen, d: number): Expr {
  const a = gen.of('text', d);
  const b = gen.of('text', d);
  const props = { bound: a.bound + b.bound };
  // `||` and two-argument CONCAT are NULL when either side is (DuckDB's concat() skips NULLs: use `||`).
  if (gen.rng.chance(0.25)) return expr('text', `CONCAT(${a.rs}, ${b.rs})`, `(${a.duck} || ${b.duck})`, props);
  return expr('text', `(${a.rs} || ${b.rs})`, `(${a.duck} || ${b.duck})`, props);
}

function replaceFn(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  // A non-empty search string (Redshift and DuckDB agree on nothing else worth testing).
  const from = sqlString(gen.rng.pick(['a', 'e', ' ', 'S', 'on', 'A']));
  const to = sqlString(gen.rng.pick(['', 'xy', '_', ' ']));
  return typed(s, `REPLACE(${s.rs}, ${from}, ${to})`, `replace(${s.duck}, ${from}, ${to})`, { bound: s.bound * 2 });
}

function pad(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const fn = gen.rng.pick(['LPAD', 'RPAD']);
  const n = gen.rng.int(0, 12);
  if (gen.rng.chance(0.4)) return expr('text', `${fn}(${s.rs}, ${n})`, `${fn.toLowerCase()}(${s.duck}, ${n}, ' ')`, { bound: n });
  const fill = sqlString(gen.rng.pick(FILLS));
  return expr('text', `${fn}(${s.rs}, ${n}, ${fill})`, `${fn.toLowerCase()}(${s.duck}, ${n}, ${fill})`, { bound: n });
}

function leftRight(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const fn = gen.rng.pick(['LEFT', 'RIGHT']);
  const n = intLiteral(gen.rng.int(-2, 6));
  return typed(s, `${fn}(${s.rs}, ${n.rs})`, `${fn.toLowerCase()}(${s.duck}, ${n.duck})`);
}

function repeatOrReverse(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  if (gen.rng.chance(0.5)) return typed(s, `REVERSE(${s.rs})`, `reverse(${s.duck})`);
  const n = gen.rng.int(0, 3);
  // DuckDB's repeat() also takes BLOBs and may pick that overload for a NULL VARCHAR: cast.
  return expr('text', `REPEAT(${s.rs}, ${n})`, `repeat(CAST(${s.duck} AS VARCHAR), ${n})`, { bound: s.bound * n });
}

/** Integers, decimals, dates and timestamps print the same way in both engines. */
function castToText(gen: ExprGen, d: number): Expr {
  const source = gen.of(gen.rng.pick(['int', 'dec', 'date', 'ts'] as const), d);
  const rs = gen.rng.chance(0.5) ? `CAST(${source.rs} AS VARCHAR(40))` : `${wrap(source.rs)}::VARCHAR`;
  return expr('text', rs, `CAST(${source.duck} AS VARCHAR)`, { bound: 40 });
}

/** `x::type` binds tighter than any operator: parenthesize anything but a plain name. */
function wrap(sql: string): string {
  return /^[\w.]+$/.test(sql) ? sql : `(${sql})`;
}

/**
 * Boolean expressions: comparisons, AND/OR/NOT, IS [NOT] NULL, IN lists, BETWEEN, LIKE, `~`, and
 * (through the query generator's hooks) subquery predicates. Text comparisons ignore trailing
 * blanks in Redshift, so DuckDB compares rtrim()med operands.
 */
import { expr, literal, same, sqlString, typed, type Expr } from './expr.js';
import type { ExprGen } from './expressions.js';
import type { Kind } from './schema.js';

const COMPARABLE: readonly Kind[] = ['int', 'int', 'dec', 'float', 'text', 'text', 'date', 'ts'];

/** DuckDB operand of a comparison: text rtrim()med (Redshift ignores trailing blanks). */
function cmpDuck(e: Expr): string {
  return e.kind === 'text' ? `rtrim(${e.duck})` : e.duck;
}

/** Mixed-kind pairs Redshift compares without a cast. */
function partnerKind(gen: ExprGen, kind: Kind): Kind {
  if (kind === 'int' && gen.rng.chance(0.2)) return 'dec';
  if (kind === 'date' && gen.rng.chance(0.2)) return 'ts';
  return kind;
}

export function comparison(gen: ExprGen, depth: number): Expr {
  const kind = gen.rng.pick(COMPARABLE);
  const a = gen.of(kind, depth - 1);
  const b = gen.rng.chance(0.5) ? literal(gen.rng, partnerKind(gen, kind)) : gen.of(partnerKind(gen, kind), depth - 1);
  const op = gen.rng.pick(['=', '<>', '!=', '<', '<=', '>', '>=']);
  return expr('bool', `(${a.rs} ${op} ${b.rs})`, `(${cmpDuck(a)} ${op} ${cmpDuck(b)})`, { aggregate: a.aggregate || b.aggregate });
}

/**
 * A boolean expression. `condition`: it is a top-level conjunct of a WHERE condition, the one place
 * a correlated IN (subquery) may appear (Slicewise plans it as a semi-join: 0A000 elsewhere).
 */
export function predicate(gen: ExprGen, depth: number, condition = false): Expr {
  const d = depth - 1;
  const pick = gen.rng.weighted<() => Expr | null>([
    [5, () => comparison(gen, depth)],
    [3, () => logical(gen, d, condition)],
    [1, () => {
      const a = predicate(gen, d);
      return typed(a, `(NOT ${a.rs})`, `(NOT ${a.duck})`);
    }],
    [2, () => {
      const a = gen.of(gen.rng.pick<Kind>(['int', 'dec', 'text', 'date', 'ts', 'bool', 'float']), d);
      const not = gen.rng.chance(0.4) ? ' NOT' : '';
      return expr('bool', `(${a.rs} IS${not} NULL)`, `(${a.duck} IS${not} NULL)`, { aggregate: a.aggregate });
    }],
    [2, () => inList(gen, d)],
    [2, () => between(gen, d)],
    [1, () => gen.column('bool')],
    [gen.has('like') ? 2 : 0, () => like(gen, d)],
    [gen.has('regex') ? 1 : 0, () => regex(gen, d)],
    [gen.subqueries && gen.has('subqueries') ? 2 : 0, () => gen.subqueries?.predicate(condition) ?? null],
  ]);
  return pick() ?? comparison(gen, depth);
}

function logical(gen: ExprGen, d: number, condition: boolean): Expr {
  const op = gen.rng.pick(['AND', 'OR']);
  const a = predicate(gen, d, condition && op === 'AND');
  const b = predicate(gen, d, condition && op === 'AND');
  return expr('bool', `(${a.rs} ${op} ${b.rs})`, `(${a.duck} ${op} ${b.duck})`, { aggregate: a.aggregate || b.aggregate });
}

function inList(gen: ExprGen, d: number): Expr {
  const kind = gen.rng.pick<Kind>(['int', 'int', 'text', 'text', 'date', 'dec']);
  const a = gen.of(kind, d);
  const items = Array.from({ length: gen.rng.int(1, 5) }, () => (gen.rng.chance(0.1) ? same(kind, 'NULL') : literal(gen.rng, kind)));
  const not = gen.rng.chance(0.3) ? ' NOT' : '';
  return expr(
    'bool',
    `(${a.rs}${not} IN (${items.map((i) => i.rs).join(', ')}))`,
    `(${cmpDuck(a)}${not} IN (${items.map((i) => (i.rs === 'NULL' ? 'NULL' : cmpDuck(i))).join(', ')}))`,
    { aggregate: a.aggregate },
  );
}

function between(gen: ExprGen, d: number): Expr {
  const kind = gen.rng.pick<Kind>(['int', 'dec', 'text', 'date']);
  const a = gen.of(kind, d);
  const lo = literal(gen.rng, kind);
  const hi = gen.rng.chance(0.5) ? literal(gen.rng, kind) : gen.of(kind, d);
  const not = gen.rng.chance(0.3) ? ' NOT' : '';
  return expr(
    'bool',
    `(${a.rs}${not} BETWEEN ${lo.rs} AND ${hi.rs})`,
    `(${cmpDuck(a)}${not} BETWEEN ${cmpDuck(lo)} AND ${cmpDuck(hi)})`,
    { aggregate: a.aggregate || hi.aggregate },
  );
}

const LIKE_PIECES = ['a', 'e', 'S', 'an', 'on', 'Br', '#', ' ', 'O', 'ta'];

/** LIKE patterns of literal pieces, `%` and `_` (no backslashes: Redshift's default escape, DuckDB has none). */
function likePattern(gen: ExprGen): string {
  let p = '';
  for (let i = gen.rng.int(1, 4); i > 0; i--) p += gen.rng.pick(['%', '_', ...LIKE_PIECES]);
  return p;
}

function like(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const pattern = sqlString(likePattern(gen));
  const op = gen.rng.pick(['LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE']);
  // A bare CHAR column's blank padding: trimmed on both sides, so the pattern sees the same value.
  const rs = s.padded ? `rtrim(${s.rs})` : s.rs;
  return expr('bool', `(${rs} ${op} ${pattern})`, `(${s.duck} ${op} ${pattern})`);
}

const REGEXES = ['^S', 'n$', '[0-9]', 'e.*s', '^[A-M]', 'a|o', 'ar+', '^$'];

function regex(gen: ExprGen, d: number): Expr {
  const s = gen.of('text', d);
  const pattern = sqlString(gen.rng.pick(REGEXES));
  const rs = s.padded ? `rtrim(${s.rs})` : s.rs;
  const negate = gen.rng.chance(0.3);
  // Redshift's `~` finds the pattern anywhere (POSIX search); DuckDB's `~` must match the whole string.
  return negate
    ? expr('bool', `(${rs} !~ ${pattern})`, `(NOT regexp_matches(${s.duck}, ${pattern}))`)
    : expr('bool', `(${rs} ~ ${pattern})`, `regexp_matches(${s.duck}, ${pattern})`);
}

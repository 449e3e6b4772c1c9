/**
 * Aggregate expressions for GROUP BY queries and HAVING. Redshift's rules rendered for DuckDB:
 * integer AVG truncates to a BIGINT (DuckDB: exact `sum // count`), DECIMAL AVG rounds half away
 * from zero at the argument's scale (DuckDB: the same rounding done in integers), text MIN/MAX and
 * COUNT(DISTINCT) see rtrim()med values (which blank-variant Redshift picks is unspecified).
 */
import { comparison } from './predicates.js';
import { expr, intLiteral, literal, stable, type Expr } from './expr.js';
import type { ExprGen } from './expressions.js';
import type { Kind } from './schema.js';

/** Rows in the largest generated input (orders joined with customers): bounds SUMs. */
const MAX_ROWS = 20_000;

/** The argument of an aggregate: a shallow row-level expression. */
function argument(gen: ExprGen, kind: Kind): Expr {
  // DOUBLE arguments are the (dyadic-valued) float column or integers cast: their sums are exact in any order.
  if (kind === 'float') return gen.columnsOf('float').length > 0 && gen.rng.chance(0.6) ? gen.column('float') : gen.toFloat(1, true);
  return gen.of(kind, gen.rng.int(0, 2));
}

const props = (p: Partial<Expr>): Partial<Expr> => ({ ...p, aggregate: true });

export function aggregate(gen: ExprGen, kind: Kind): Expr {
  switch (kind) {
    case 'int':
      return intAggregate(gen);
    case 'dec':
      return decAggregate(gen);
    case 'float': {
      const a = argument(gen, 'float');
      const fn = gen.rng.pick(['SUM', 'AVG', 'MIN', 'MAX']);
      return expr('float', `${fn}(${a.rs})`, `${fn.toLowerCase()}(${a.duck})`, props({ bound: a.bound * MAX_ROWS }));
    }
    case 'text':
    case 'date':
    case 'ts': {
      const a = stable(argument(gen, kind));
      const fn = gen.rng.pick(['MIN', 'MAX']);
      return expr(kind, `${fn}(${a.rs})`, `${fn.toLowerCase()}(${a.duck})`, props({ bound: a.bound }));
    }
    case 'bool':
      return havingPredicate(gen);
  }
}

function intAggregate(gen: ExprGen): Expr {
  const count = props({ bound: MAX_ROWS * 400, intWidth: 8 });
  switch (gen.rng.int(0, 5)) {
    case 0:
      return expr('int', 'COUNT(*)', 'count(*)', count);
    case 1: {
      const a = argument(gen, gen.rng.pick<Kind>(['int', 'text', 'dec', 'date', 'bool']));
      return expr('int', `COUNT(${a.rs})`, `count(${a.duck})`, count);
    }
    case 2: {
      const a = stable(argument(gen, gen.rng.pick<Kind>(['int', 'text', 'date'])));
      return expr('int', `COUNT(DISTINCT ${a.rs})`, `count(DISTINCT ${a.duck})`, count);
    }
    case 3: {
      const a = argument(gen, 'int');
      return expr('int', `SUM(${a.rs})`, `sum(${a.duck})`, props({ bound: a.bound * MAX_ROWS, intWidth: 8 }));
    }
    case 4: {
      const a = argument(gen, 'int');
      // Integer AVG truncates toward zero to a BIGINT; DuckDB's HUGEINT `//` does exactly that.
      return expr('int', `AVG(${a.rs})`, `(sum(${a.duck}) // count(${a.duck}))`, props({ bound: a.bound, intWidth: 8 }));
    }
    default: {
      const a = argument(gen, 'int');
      const fn = gen.rng.pick(['MIN', 'MAX']);
      return expr('int', `${fn}(${a.rs})`, `${fn.toLowerCase()}(${a.duck})`, props({ bound: a.bound, intWidth: a.intWidth }));
    }
  }
}

function decAggregate(gen: ExprGen): Expr {
  const a = argument(gen, 'dec');
  switch (gen.rng.int(0, 2)) {
    case 0:
      return expr('dec', `SUM(${a.rs})`, `sum(${a.duck})`, props({ bound: a.bound * MAX_ROWS, precision: 38, scale: a.scale }));
    case 1:
      return expr('dec', `AVG(${a.rs})`, roundedAverage(a), props({ bound: a.bound, precision: 38, scale: a.scale }));
    default: {
      const fn = gen.rng.pick(['MIN', 'MAX']);
      return expr('dec', `${fn}(${a.rs})`, `${fn.toLowerCase()}(${a.duck})`, props({ bound: a.bound, precision: a.precision, scale: a.scale }));
    }
  }
}

/**
 * AVG(DECIMAL(p,s)) the Redshift way, exactly: with n = sum * 10^s (an integer) and c = count,
 * round(n / c) half away from zero is (2n + sign(n) c) // 2c in truncating integer division.
 */
function roundedAverage(a: Expr): string {
  const factor = `1${'0'.repeat(a.scale)}`;
  const n = `CAST(sum(${a.duck}) * ${factor} AS HUGEINT)`;
  const c = `count(${a.duck})`;
  const unit = a.scale === 0 ? '1' : `0.${'0'.repeat(a.scale - 1)}1`;
  return `(CAST((2 * ${n} + sign(${n}) * ${c}) // (2 * ${c}) AS DECIMAL(38,0)) * CAST(${unit} AS DECIMAL(38,${a.scale})))`;
}

/** An aggregate combined with a literal now and then: `sum(x) + 3`, `count(*) * 2`. */
export function aggregateExpr(gen: ExprGen, kind: Kind): Expr {
  const a = aggregate(gen, kind);
  if (kind !== 'int' || !gen.rng.chance(0.2)) return a;
  const k = intLiteral(gen.rng.int(1, 9));
  const op = gen.rng.pick(['+', '-', '*']);
  return expr('int', `(${a.rs} ${op} ${k.rs})`, `(${a.duck} ${op} ${k.duck})`, props({ bound: a.bound * 9 + 9, intWidth: 8 }));
}

/**
 * A HAVING condition: aggregates compared with literals or each other, maybe combined with a
 * comparison over the grouping expressions (`keys` generates over those alone).
 */
export function havingPredicate(gen: ExprGen, keys: ExprGen | null = null): Expr {
  const one = (): Expr => {
    const kind = gen.rng.pick<Kind>(['int', 'int', 'dec', 'text', 'date']);
    const a = aggregate(gen, kind);
    const b = gen.rng.chance(0.7) ? literal(gen.rng, kind) : aggregate(gen, kind);
    const op = gen.rng.pick(['=', '<>', '<', '<=', '>', '>=']);
    const duck = (e: Expr): string => (e.kind === 'text' ? `rtrim(${e.duck})` : e.duck);
    return expr('bool', `(${a.rs} ${op} ${b.rs})`, `(${duck(a)} ${op} ${duck(b)})`, props({}));
  };
  if (gen.rng.chance(0.25)) {
    const a = one();
    const b = keys === null || gen.rng.chance(0.5) ? one() : comparison(keys, 1);
    const op = gen.rng.pick(['AND', 'OR']);
    return expr('bool', `(${a.rs} ${op} ${b.rs})`, `(${a.duck} ${op} ${b.duck})`, props({}));
  }
  return one();
}

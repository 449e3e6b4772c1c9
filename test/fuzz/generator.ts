/**
 * The seeded query generator: `generateQuery(seed, families)` returns one SELECT rendered for
 * Slicewise (Redshift SQL) and for DuckDB, and whether its rows compare in order. Shapes: filter /
 * project (DISTINCT sometimes), GROUP BY with aggregates and HAVING, set operations, window
 * functions; FROM clauses with joins or derived tables; subqueries inside expressions. A query with
 * ORDER BY orders by every output column, so its order is total and rows compare position by position.
 */
import { aggregateExpr, havingPredicate } from './aggregates.js';
import { bugOpen, type FamilySet } from './differences.js';
import { stable, type Expr } from './expr.js';
import { ExprGen } from './expressions.js';
import { fromClause, type FromClause } from './from.js';
import { predicate } from './predicates.js';
import { Rng } from './random.js';
import type { Kind } from './schema.js';
import { subqueryHooks } from './subqueries.js';
import { windowQuery } from './windows.js';

export interface GeneratedQuery {
  readonly shape: string;
  readonly slicewise: string;
  readonly duck: string;
  /** The ORDER BY fixes the order of every row. */
  readonly ordered: boolean;
}

const OUTPUT_KINDS: readonly Kind[] = ['int', 'int', 'dec', 'float', 'text', 'text', 'bool', 'date', 'ts'];

/** A generator over `from`, with subquery hooks when the family is on. */
export function scopeGen(rng: Rng, families: FamilySet, from: FromClause): ExprGen {
  if (!families.has('subqueries')) return new ExprGen(rng, families, from.columns);
  let gen: ExprGen | null = null;
  const hooks = subqueryHooks(rng, families, () => ({ from, gen: gen! }));
  gen = new ExprGen(rng, families, from.columns, hooks);
  return gen;
}

export interface Rendered {
  readonly rs: string;
  readonly duck: string;
}

function join(items: readonly Rendered[], sep: string): Rendered {
  return { rs: items.map((i) => i.rs).join(sep), duck: items.map((i) => i.duck).join(sep) };
}

/**
 * ORDER BY every output ordinal (and maybe LIMIT/OFFSET). Redshift puts NULLs last ascending and
 * first descending; DuckDB is told so explicitly.
 */
export function orderByAll(rng: Rng, width: number, forceLimit = false): Rendered {
  const keys = Array.from({ length: width }, (_, i) => i + 1).map((n) => {
    const desc = rng.chance(0.35);
    const explicit = rng.chance(0.25) ? rng.pick(['NULLS FIRST', 'NULLS LAST']) : null;
    const nulls = explicit ?? (desc ? 'NULLS FIRST' : 'NULLS LAST');
    const dir = desc ? ' DESC' : rng.chance(0.3) ? ' ASC' : '';
    return { rs: `${n}${dir}${explicit ? ` ${explicit}` : ''}`, duck: `${n}${desc ? ' DESC' : ' ASC'} ${nulls}` };
  });
  const order = join(rng.sample(keys, keys.length), ', ');
  let limit = '';
  if (forceLimit || rng.chance(0.5)) {
    limit = ` LIMIT ${rng.int(0, 25)}`;
    if (rng.chance(0.3)) limit += ` OFFSET ${rng.int(0, 10)}`;
  }
  return { rs: ` ORDER BY ${order.rs}${limit}`, duck: ` ORDER BY ${order.duck}${limit}` };
}

function selectList(items: readonly Expr[]): Rendered {
  return join(items.map((e, i) => ({ rs: `${e.rs} AS c${i + 1}`, duck: `${e.duck} AS c${i + 1}` })), ', ');
}

function whereClause(rng: Rng, gen: ExprGen, p: number): Rendered {
  if (!rng.chance(p)) return { rs: '', duck: '' };
  const w = predicate(gen, rng.int(1, 3), true);
  return { rs: ` WHERE ${w.rs}`, duck: ` WHERE ${w.duck}` };
}

/**
 * Adds ORDER BY (and LIMIT) with probability `orderP`. `large`: the result could be thousands of
 * rows, so a LIMIT comes with the ORDER BY (comparing big results costs more than running the query;
 * callers order every query over a large table).
 */
function finish(shape: string, rng: Rng, body: Rendered, width: number, orderP: number, large = false): GeneratedQuery {
  if (!rng.chance(orderP)) return { shape, slicewise: body.rs, duck: body.duck, ordered: false };
  const order = orderByAll(rng, width, large);
  return { shape, slicewise: body.rs + order.rs, duck: body.duck + order.duck, ordered: true };
}

function projectQuery(rng: Rng, families: FamilySet): GeneratedQuery {
  const from = fromClause(rng, families);
  const gen = scopeGen(rng, families, from);
  const distinct = rng.chance(0.15);
  const ordered = from.large || rng.chance(0.4);
  const items = Array.from({ length: rng.int(1, 4) }, () => gen.of(rng.pick(OUTPUT_KINDS), rng.int(0, 3)));
  // Text that is deduplicated or sorted is rtrim()med on both sides (differences.ts: trailing blanks).
  const shown = distinct || ordered ? items.map(stable) : items;
  const list = selectList(shown);
  const where = whereClause(rng, gen, 0.7);
  const d = distinct ? 'DISTINCT ' : '';
  const body = { rs: `SELECT ${d}${list.rs} FROM ${from.rs}${where.rs}`, duck: `SELECT ${d}${list.duck} FROM ${from.duck}${where.duck}` };
  return finish(distinct ? 'distinct' : from.tables.length > 1 ? 'join' : 'project', rng, body, shown.length, ordered ? 1 : 0, from.large);
}

const KEY_KINDS: readonly Kind[] = ['int', 'int', 'text', 'text', 'date', 'bool', 'dec'];
const AGG_KINDS: readonly Kind[] = ['int', 'int', 'int', 'dec', 'float', 'text', 'date', 'ts'];

function aggregateQuery(rng: Rng, families: FamilySet): GeneratedQuery {
  const from = fromClause(rng, families);
  // Subqueries only in WHERE: Redshift allows none inside aggregates or GROUP BY.
  const gen = new ExprGen(rng, families, from.columns);
  const keys = Array.from({ length: rng.weighted([[2, 0], [5, 1], [3, 2]] as const) }, () => stable(gen.of(rng.pick(KEY_KINDS), rng.int(0, 1))));
  const aggs = Array.from({ length: rng.int(1, 3) }, () => aggregateExpr(gen, rng.pick(AGG_KINDS)));
  const items = [...keys, ...aggs];
  const list = selectList(items);
  const where = whereClause(rng, scopeGen(rng, families, from), 0.5);
  let group = { rs: '', duck: '' };
  if (keys.length > 0) {
    // By ordinal or by repeating the expression (both are Redshift; the binder must match either).
    const byOrdinal = rng.chance(0.6);
    const refs = keys.map((k, i) => {
      // An integer constant in GROUP BY is a position in both engines: such keys go by ordinal.
      const numericConstant = /^[\d.()\- ]+$/.test(k.rs);
      const integerConstant = numericConstant && !k.rs.includes('.');
      const decimalConstant = numericConstant && k.rs.includes('.');
      const ordinal = byOrdinal || integerConstant || (decimalConstant && bugOpen('group-by-decimal-constant'));
      return ordinal ? { rs: String(i + 1), duck: String(i + 1) } : { rs: k.rs, duck: k.duck };
    });
    const g = join(refs, ', ');
    group = { rs: ` GROUP BY ${g.rs}`, duck: ` GROUP BY ${g.duck}` };
  }
  let having = { rs: '', duck: '' };
  if (rng.chance(0.4)) {
    const h = havingPredicate(gen, keys.length > 0 ? new ExprGen(rng, families, keys) : null);
    having = { rs: ` HAVING ${h.rs}`, duck: ` HAVING ${h.duck}` };
  }
  const body = {
    rs: `SELECT ${list.rs} FROM ${from.rs}${where.rs}${group.rs}${having.rs}`,
    duck: `SELECT ${list.duck} FROM ${from.duck}${where.duck}${group.duck}${having.duck}`,
  };
  return finish(keys.length > 0 ? 'group by' : 'aggregate', rng, body, items.length, from.large ? 1 : 0.4, from.large);
}

const SET_KINDS: readonly Kind[] = ['int', 'int', 'text', 'text', 'date', 'dec', 'bool'];

function setOperationQuery(rng: Rng, families: FamilySet): GeneratedQuery {
  const kinds = Array.from({ length: rng.int(1, 3) }, () => rng.pick(SET_KINDS));
  const branches = [0, 1].map(() => {
    const from = fromClause(rng, families, rng.pick(['a', 'b']));
    const gen = scopeGen(rng, families, from);
    // Set operations deduplicate (UNION ALL too, once ordered): text is rtrim()med.
    const items = kinds.map((k) => stable(gen.of(k, rng.int(0, 2))));
    return { from, items, where: whereClause(rng, gen, 0.6) };
  });
  // DuckDB may narrow a DECIMAL column of a set operation to one branch's scale (Redshift keeps the larger): cast it.
  const scales = kinds.map((_, i) => Math.max(...branches.map((b) => b.items[i]!.scale)));
  const render = (b: (typeof branches)[number]): Rendered => {
    const items = b.items.map((e, i) => (e.kind === 'dec' ? { ...e, duck: `CAST(${e.duck} AS DECIMAL(38,${scales[i]}))` } : e));
    const list = selectList(items);
    return { rs: `SELECT ${list.rs} FROM ${b.from.rs}${b.where.rs}`, duck: `SELECT ${list.duck} FROM ${b.from.duck}${b.where.duck}` };
  };
  const ops = ['UNION', 'UNION ALL', ...(families.has('intersectExcept') ? ['INTERSECT', 'EXCEPT', 'MINUS'] : [])];
  const op = rng.pick(ops);
  const [a, b] = branches.map(render) as [Rendered, Rendered];
  const large = branches.some((x) => x.from.large);
  const body = { rs: `${a.rs} ${op} ${b.rs}`, duck: `${a.duck} ${op === 'MINUS' ? 'EXCEPT' : op} ${b.duck}` };
  return finish(`set operation ${op}`, rng, body, kinds.length, large ? 1 : 0.4, large);
}

/** One query from `seed` (the same seed always gives the same query). */
export function generateQuery(seed: number, families: FamilySet): GeneratedQuery {
  const rng = new Rng(seed);
  const union = families.has('union') || families.has('intersectExcept');
  const shape = rng.weighted<(r: Rng, f: FamilySet) => GeneratedQuery>([
    [5, projectQuery],
    [4, aggregateQuery],
    [union ? 1.5 : 0, setOperationQuery],
    [families.has('windows') ? 2 : 0, windowQuery],
  ]);
  return shape(rng, families);
}

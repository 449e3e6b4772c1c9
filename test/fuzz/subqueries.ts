/**
 * Subqueries for the `subqueries` family: scalar subqueries (an aggregate, so one row), IN / NOT IN
 * (subquery) and [NOT] EXISTS, correlated with the outer query through a key edge when one exists.
 * Text compared through IN is rtrim()med on DuckDB's side, as every Redshift text comparison.
 */
import type { FamilySet } from './differences.js';
import { expr, stable, type Expr } from './expr.js';
import { ExprGen, type SubqueryHooks } from './expressions.js';
import type { FromClause } from './from.js';
import { tableScope } from './from.js';
import { predicate } from './predicates.js';
import type { Rng } from './random.js';
import { edgesFrom, FUZZ_TABLES, tableInfo, type Kind } from './schema.js';

interface Inner {
  readonly from: string;
  readonly gen: ExprGen;
  /** The correlation `s.k = outer.k`, or null when uncorrelated. */
  readonly correlation: string | null;
}

function innerQuery(rng: Rng, families: FamilySet, outer: FromClause, alias: string, mayCorrelate = true): Inner {
  const correlate = mayCorrelate && outer.tables.length > 0 && rng.chance(0.6);
  if (correlate) {
    const o = rng.pick(outer.tables);
    const edges = edgesFrom(o.table.name);
    if (edges.length > 0) {
      const edge = rng.pick(edges);
      const scope = tableScope(tableInfo(edge.right), alias);
      return { from: scope.rs, gen: new ExprGen(rng, families, scope.columns), correlation: `${alias}.${edge.rightColumn} = ${o.alias}.${edge.leftColumn}` };
    }
  }
  const scope = tableScope(rng.pick(FUZZ_TABLES), alias);
  return { from: scope.rs, gen: new ExprGen(rng, families, scope.columns), correlation: null };
}

function where(inner: Inner, rng: Rng): { rs: string; duck: string } {
  const parts: { rs: string; duck: string }[] = [];
  if (inner.correlation !== null) parts.push({ rs: inner.correlation, duck: inner.correlation });
  if (rng.chance(0.5)) parts.push(predicate(inner.gen, 1));
  if (parts.length === 0) return { rs: '', duck: '' };
  return { rs: ` WHERE ${parts.map((p) => p.rs).join(' AND ')}`, duck: ` WHERE ${parts.map((p) => p.duck).join(' AND ')}` };
}

/** Hooks for one query; `outer` gives the outer FROM and its generator (known only once both exist). */
export function subqueryHooks(rng: Rng, families: FamilySet, outer: () => { from: FromClause; gen: ExprGen }): SubqueryHooks {
  let count = 0;
  const nextAlias = (): string => `s${++count}`;
  return {
    scalar(kind: Kind): Expr | null {
      if (kind === 'bool' || kind === 'float') return null;
      const inner = innerQuery(rng, families, outer().from, nextAlias());
      const w = where(inner, rng);
      let agg: Expr;
      if (kind === 'int' && rng.chance(0.4)) agg = expr('int', 'COUNT(*)', 'count(*)', { bound: 20_000, intWidth: 8 });
      else {
        const a = stable(inner.gen.column(kind));
        const fn = rng.pick(['MIN', 'MAX']);
        agg = expr(kind, `${fn}(${a.rs})`, `${fn.toLowerCase()}(${a.duck})`, { ...a });
      }
      return expr(kind, `(SELECT ${agg.rs} FROM ${inner.from}${w.rs})`, `(SELECT ${agg.duck} FROM ${inner.from}${w.duck})`, { ...agg, aggregate: false });
    },
    predicate(condition: boolean): Expr | null {
      const { from, gen } = outer();
      const exists = rng.chance(0.5);
      // A correlated IN (subquery) is a WHERE condition only (Slicewise: 0A000 elsewhere).
      const inner = innerQuery(rng, families, from, nextAlias(), exists || condition);
      const w = where(inner, rng);
      const not = rng.chance(0.35) ? 'NOT ' : '';
      if (exists) {
        return expr('bool', `(${not}EXISTS (SELECT 1 FROM ${inner.from}${w.rs}))`, `(${not}EXISTS (SELECT 1 FROM ${inner.from}${w.duck}))`);
      }
      const kind = rng.pick<Kind>(['int', 'int', 'text', 'date']);
      const probe = gen.of(kind, 1);
      const item = inner.gen.column(kind);
      const duckItem = kind === 'text' ? `rtrim(${item.duck})` : item.duck;
      const duckProbe = kind === 'text' ? `rtrim(${probe.duck})` : probe.duck;
      return expr(
        'bool',
        `(${probe.rs} ${not}IN (SELECT ${item.rs} FROM ${inner.from}${w.rs}))`,
        `(${duckProbe} ${not}IN (SELECT ${duckItem} FROM ${inner.from}${w.duck}))`,
      );
    },
  };
}

/**
 * Window-function queries over one table: ranking, offsets, and aggregates over whole partitions or
 * ROWS frames. Every window ORDER BY ends with the table's unique key, so ROW_NUMBER, LAG/LEAD,
 * FIRST/LAST_VALUE and running frames have one right answer. Integer AVG truncates (DuckDB:
 * window sum // window count); text arguments and keys are rtrim()med (differences.ts).
 */
import type { FamilySet } from './differences.js';
import { expr, stable, type Expr } from './expr.js';
import { ExprGen } from './expressions.js';
import { tableScope, randomTable } from './from.js';
import type { GeneratedQuery, Rendered } from './generator.js';
import { orderByAll } from './generator.js';
import { predicate } from './predicates.js';
import type { Rng } from './random.js';
import type { Kind } from './schema.js';

const FRAMES = [
  'ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW',
  'ROWS UNBOUNDED PRECEDING',
  'ROWS BETWEEN 2 PRECEDING AND CURRENT ROW',
  'ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING',
  'ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING',
  'ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING',
];

interface WindowSpec {
  readonly partition: Rendered;
  readonly order: Rendered;
}

function windowSpec(rng: Rng, gen: ExprGen, key: Expr, ordered: boolean): WindowSpec {
  const parts = Array.from({ length: rng.int(0, 2) }, () => stable(gen.of(rng.pick<Kind>(['int', 'text', 'date', 'bool']), rng.int(0, 1))));
  const partition = parts.length === 0 ? { rs: '', duck: '' } : {
    rs: `PARTITION BY ${parts.map((p) => p.rs).join(', ')}`,
    duck: `PARTITION BY ${parts.map((p) => p.duck).join(', ')}`,
  };
  if (!ordered) return { partition, order: { rs: '', duck: '' } };
  const o = stable(gen.of(rng.pick<Kind>(['int', 'dec', 'text', 'date', 'ts']), rng.int(0, 1)));
  const desc = rng.chance(0.4);
  const nulls = desc ? 'NULLS FIRST' : 'NULLS LAST';
  const keyDesc = rng.chance(0.3) ? ' DESC' : '';
  return {
    partition,
    order: { rs: `ORDER BY ${o.rs}${desc ? ' DESC' : ''}, ${key.rs}${keyDesc}`, duck: `ORDER BY ${o.duck}${desc ? ' DESC' : ' ASC'} ${nulls}, ${key.duck}${keyDesc}` },
  };
}

function over(spec: WindowSpec, frame = ''): Rendered {
  const body = (side: 'rs' | 'duck'): string => [spec.partition[side], spec.order[side], frame].filter((s) => s !== '').join(' ');
  return { rs: `OVER (${body('rs')})`, duck: `OVER (${body('duck')})` };
}

function windowCall(rng: Rng, gen: ExprGen, key: Expr): Expr {
  switch (rng.int(0, 5)) {
    case 0: {
      const fn = rng.pick(['ROW_NUMBER', 'RANK', 'DENSE_RANK']);
      const w = over(windowSpec(rng, gen, key, true));
      return expr('int', `${fn}() ${w.rs}`, `${fn.toLowerCase()}() ${w.duck}`);
    }
    case 1: {
      const w = over(windowSpec(rng, gen, key, true));
      const n = rng.int(1, 5);
      return expr('int', `NTILE(${n}) ${w.rs}`, `ntile(${n}) ${w.duck}`);
    }
    case 2: {
      const a = gen.of(rng.pick<Kind>(['int', 'text', 'date', 'dec']), 1);
      const fn = rng.pick(['LAG', 'LEAD']);
      const offset = rng.chance(0.5) ? `, ${rng.int(1, 3)}` : '';
      const w = over(windowSpec(rng, gen, key, true));
      return expr(a.kind, `${fn}(${a.rs}${offset}) ${w.rs}`, `${fn.toLowerCase()}(${a.duck}${offset}) ${w.duck}`);
    }
    case 3: {
      const a = gen.of(rng.pick<Kind>(['int', 'text', 'date', 'dec']), 1);
      const fn = rng.pick(['FIRST_VALUE', 'LAST_VALUE']);
      const frame = rng.pick(FRAMES);
      const w = over(windowSpec(rng, gen, key, true), frame);
      return expr(a.kind, `${fn}(${a.rs}) ${w.rs}`, `${fn.toLowerCase()}(${a.duck}) ${w.duck}`);
    }
    default: {
      // Aggregates: whole partition without ORDER BY, a ROWS frame with one (Redshift requires it).
      const ordered = rng.chance(0.5);
      const spec = windowSpec(rng, gen, key, ordered);
      const w = over(spec, ordered ? rng.pick(FRAMES) : '');
      return windowAggregate(rng, gen, w);
    }
  }
}

function windowAggregate(rng: Rng, gen: ExprGen, w: Rendered): Expr {
  const kind = rng.pick<Kind>(['int', 'int', 'dec', 'text', 'date']);
  if (kind === 'text' || kind === 'date') {
    const a = stable(gen.of(kind, 1));
    const fn = rng.pick(['MIN', 'MAX']);
    return expr(kind, `${fn}(${a.rs}) ${w.rs}`, `${fn.toLowerCase()}(${a.duck}) ${w.duck}`);
  }
  const a = gen.of(kind, 1);
  const fn = rng.pick(['SUM', 'COUNT', 'MIN', 'MAX', ...(kind === 'int' ? ['AVG'] : [])]);
  if (fn === 'AVG') return expr('int', `AVG(${a.rs}) ${w.rs}`, `(sum(${a.duck}) ${w.duck} // count(${a.duck}) ${w.duck})`);
  return expr(fn === 'COUNT' ? 'int' : kind, `${fn}(${a.rs}) ${w.rs}`, `${fn.toLowerCase()}(${a.duck}) ${w.duck}`);
}

export function windowQuery(rng: Rng, families: FamilySet): GeneratedQuery {
  const table = randomTable(rng);
  const scope = tableScope(table, 't1');
  const gen = new ExprGen(rng, families, scope.columns);
  const key = scope.columns.find((c) => c.rs === `t1.${table.uniqueKey}`)!;
  const items: Expr[] = [key, ...Array.from({ length: rng.int(0, 2) }, () => stable(gen.of(rng.pick<Kind>(['int', 'text', 'date']), 1)))];
  for (let i = rng.int(1, 2); i > 0; i--) items.push(stable(windowCall(rng, gen, key)));
  const list = {
    rs: items.map((e, i) => `${e.rs} AS c${i + 1}`).join(', '),
    duck: items.map((e, i) => `${e.duck} AS c${i + 1}`).join(', '),
  };
  const where = rng.chance(0.5) ? predicate(gen, 2) : null;
  const body = {
    rs: `SELECT ${list.rs} FROM ${scope.rs}${where ? ` WHERE ${where.rs}` : ''}`,
    duck: `SELECT ${list.duck} FROM ${scope.duck}${where ? ` WHERE ${where.duck}` : ''}`,
  };
  if (!table.large && !rng.chance(0.4)) return { shape: 'window', slicewise: body.rs, duck: body.duck, ordered: false };
  const order = orderByAll(rng, items.length, table.large === true);
  return { shape: 'window', slicewise: body.rs + order.rs, duck: body.duck + order.duck, ordered: true };
}

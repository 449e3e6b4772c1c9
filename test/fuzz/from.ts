/**
 * FROM clauses: one table, or a chain of up to three joined on key columns (INNER / LEFT / RIGHT /
 * FULL, sometimes with an extra condition on the joined table), or (with `derivedTables`) a
 * subquery. Returns the columns in scope as expressions for the generator.
 */
import type { FamilySet } from './differences.js';
import { columnExpr, expr, type Expr } from './expr.js';
import { ExprGen } from './expressions.js';
import { predicate } from './predicates.js';
import type { Rng } from './random.js';
import { edgesFrom, FUZZ_TABLES, tableInfo, type Kind, type TableInfo } from './schema.js';

export interface FromClause {
  readonly rs: string;
  readonly duck: string;
  readonly columns: readonly Expr[];
  /** Tables in scope by alias (derived tables are not listed: nothing correlates with them). */
  readonly tables: readonly { readonly alias: string; readonly table: TableInfo }[];
  /** A large table is in it: un-aggregated results would be thousands of rows. */
  readonly large: boolean;
}

/** Table names are keywords in one engine or the other (`date`): always qualified by an alias. */
export function tableScope(table: TableInfo, alias: string): FromClause {
  return {
    rs: `${table.name} ${alias}`,
    duck: `${table.name} ${alias}`,
    columns: table.columns.map((c) => columnExpr(alias, c)),
    tables: [{ alias, table }],
    large: table.large === true,
  };
}

/** Small tables three times as often as large ones (result sizes, not engine speed, dominate run time). */
export function randomTable(rng: Rng): TableInfo {
  return rng.weighted(FUZZ_TABLES.map((t) => [t.large ? 1 : 3, t] as const));
}

const JOIN_TYPES = ['JOIN', 'INNER JOIN', 'LEFT JOIN', 'LEFT OUTER JOIN', 'RIGHT JOIN', 'FULL JOIN', 'FULL OUTER JOIN'];

/** A FROM clause with `aliasPrefix`-numbered aliases (t1, t2...). */
export function fromClause(rng: Rng, families: FamilySet, aliasPrefix = 't'): FromClause {
  if (families.has('derivedTables') && rng.chance(0.12)) return derivedTable(rng, families, aliasPrefix);
  let from = tableScope(randomTable(rng), `${aliasPrefix}1`);
  const joins = rng.weighted([[5, 0], [4, 1], [1, 2]] as const);
  for (let j = 0; j < joins; j++) {
    const inScope = rng.pick(from.tables);
    const edges = edgesFrom(inScope.table.name).filter((e) => !from.tables.some((t) => t.table.name === e.right));
    if (edges.length === 0) break;
    const edge = rng.weighted(edges.map((e) => [tableInfo(e.right).large ? 1 : 3, e] as const));
    const alias = `${aliasPrefix}${from.tables.length + 1}`;
    const joined = tableScope(tableInfo(edge.right), alias);
    const type = rng.pick(JOIN_TYPES);
    const keys = `${inScope.alias}.${edge.leftColumn} = ${alias}.${edge.rightColumn}`;
    let on = { rs: keys, duck: keys };
    if (rng.chance(0.3)) {
      const extra = predicate(new ExprGen(rng, families, joined.columns), 1);
      on = { rs: `${on.rs} AND ${extra.rs}`, duck: `${on.duck} AND ${extra.duck}` };
    }
    from = {
      rs: `${from.rs} ${type} ${joined.rs} ON ${on.rs}`,
      duck: `${from.duck} ${type} ${joined.duck} ON ${on.duck}`,
      columns: [...from.columns, ...joined.columns],
      tables: [...from.tables, ...joined.tables],
      large: from.large || joined.large,
    };
  }
  return from;
}

const DERIVED_KINDS: readonly Kind[] = ['int', 'int', 'dec', 'text', 'date', 'bool'];

/** `(SELECT e1 AS c1, ... FROM t [WHERE p]) AS d1`: its columns are the expressions' results. */
function derivedTable(rng: Rng, families: FamilySet, aliasPrefix: string): FromClause {
  const inner = tableScope(randomTable(rng), `${aliasPrefix}i`);
  const gen = new ExprGen(rng, families, inner.columns);
  const items = Array.from({ length: rng.int(1, 4) }, () => gen.of(rng.pick(DERIVED_KINDS), rng.int(0, 2)));
  const where = rng.chance(0.5) ? predicate(gen, 2) : null;
  const alias = `${aliasPrefix}1`;
  const list = (side: 'rs' | 'duck'): string => items.map((e, i) => `${e[side]} AS c${i + 1}`).join(', ');
  const whereSql = (side: 'rs' | 'duck'): string => (where === null ? '' : ` WHERE ${where[side]}`);
  return {
    rs: `(SELECT ${list('rs')} FROM ${inner.rs}${whereSql('rs')}) ${alias}`,
    duck: `(SELECT ${list('duck')} FROM ${inner.duck}${whereSql('duck')}) ${alias}`,
    columns: items.map((e, i) => expr(e.kind, `${alias}.c${i + 1}`, `${alias}.c${i + 1}`, { ...e, aggregate: false })),
    tables: [],
    large: inner.large,
  };
}

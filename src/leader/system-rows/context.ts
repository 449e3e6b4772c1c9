/** What every system-table row producer gets: the statement's environment and the catalog as the session sees it. */
import { CatalogListing, type ListedColumn, type ListedRelation } from '../../catalog/system/listing.js';
import { deparseExpr } from '../../sql/deparse.js';
import type * as ast from '../../sql/ast.js';
import type { StatementEnv } from '../query.js';

export type Row = unknown[];

export interface RowsContext {
  readonly env: StatementEnv;
  readonly listing: CatalogListing;
}

export function rowsContext(env: StatementEnv): RowsContext {
  return { env, listing: new CatalogListing(env.state.catalog, env.session) };
}

/** CHAR(n) values are blank-padded in the engine. */
export function pad(s: string, n: number): string {
  return s.length >= n ? s : s.padEnd(n, ' ');
}

/**
 * The text catalogs show for a column's default (pg_attrdef.adsrc, column_default): the DEFAULT
 * expression as SQL, or Redshift's rendering of an IDENTITY column's generator.
 */
export function defaultText(rel: ListedRelation, column: ListedColumn, ordinal: number): string | null {
  if (column.identity) return `"identity"(${rel.oid}, ${ordinal}, '${column.identity.seed},${column.identity.step}'::text)`;
  return column.defaultExpr ? deparseExpr(column.defaultExpr as ast.Expr) : null;
}

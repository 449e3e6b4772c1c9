/**
 * PG_GET_LATE_BINDING_VIEW_COLS() in FROM: one row per column of every late-binding view (CREATE VIEW
 * ... WITH NO SCHEMA BINDING) — its schema, view, column name, type as format_type prints it, and
 * column number (dg:PG_GET_LATE_BINDING_VIEW_COLS.md). The function returns records, so a column
 * definition list names and types its five columns, as in the guide's example and dbt-redshift's
 * get_columns_in_relation:
 *
 *   select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, col_type varchar, col_num int)
 *
 * A late-binding view's columns are those of its query bound now, against the tables as they are:
 * the catalogs (pg_attribute, information_schema.columns) do not list them. A view whose query does
 * not bind at the moment (a table it reads was dropped) has no rows.
 */
import { formatType } from '../catalog/system/type-info.js';
import type { ViewMeta } from '../catalog/relation.js';
import type * as ast from '../sql/ast.js';
import { parseStatement } from '../sql/index.js';
import { INTEGER, SqlError, SqlState, castValue, typeModifier, typeOid, varcharType, type SqlType } from '../types/index.js';
import type { BoundQuery, LPlan } from './logical.js';
import type { BindEnvironment } from './context.js';
import { typeFromNode } from './bind-expr.js';
import { Scope } from './scope.js';

const NAME = varcharType(128);
/** What the function returns per row, before the column definition list types it. */
const RETURNED: readonly SqlType[] = [NAME, NAME, NAME, varcharType(65535), INTEGER];

/** Whether a FROM function is PG_GET_LATE_BINDING_VIEW_COLS. */
export function isLateBindingViewCols(func: ast.FuncCall): boolean {
  return func.name === 'pg_get_late_binding_view_cols' && (func.schema === undefined || func.schema === 'pg_catalog');
}

export function bindLateBindingViewCols(
  item: ast.FunctionRef,
  env: BindEnvironment,
  bindView: (view: ViewMeta) => BoundQuery,
): { plan: LPlan; scope: Scope } {
  if (item.func.args.length > 0) {
    throw new SqlError(SqlState.undefinedFunction, 'function pg_get_late_binding_view_cols() takes no arguments', { position: item.pos });
  }
  const definitions = item.columnDefinitions;
  if (definitions === undefined) {
    throw new SqlError(SqlState.syntaxError, 'a column definition list is required for functions returning "record"', { position: item.pos });
  }
  if (definitions.length !== RETURNED.length) {
    throw new SqlError(SqlState.datatypeMismatch, 'function return row and query-specified return row do not match', {
      position: item.pos,
      detail: `Returned row contains ${RETURNED.length} attributes, but query expects ${definitions.length}.`,
    });
  }
  const types = definitions.map((d) => definedType(d.type));
  const columns: unknown[][] = types.map(() => []);
  for (const row of lateBindingColumns(env, bindView)) {
    row.forEach((v, i) => columns[i]!.push(castValue(v, RETURNED[i]!, types[i]!, false)));
  }
  const plan: LPlan = { kind: 'rows', name: 'pg_get_late_binding_view_cols', batch: { columns, rowCount: columns[0]!.length }, types };
  const table = item.alias ?? 'pg_get_late_binding_view_cols';
  return { plan, scope: new Scope(definitions.map((d, i) => ({ table, schema: null, name: d.name, type: types[i]! }))) };
}

/** A column definition's type: an engine type, or PostgreSQL's `name` (an identifier: VARCHAR(128), as the catalogs show it). */
function definedType(t: ast.TypeName): SqlType {
  return t.name === 'name' && t.args.length === 0 ? NAME : typeFromNode(t);
}

/** [schema, view, column, type, number] for each column of each late-binding view, in the order the views were made. */
function lateBindingColumns(env: BindEnvironment, bindView: (view: ViewMeta) => BoundQuery): unknown[][] {
  const views = [...env.catalog.relations.values()].filter((r): r is ViewMeta => r.kind === 'view' && r.noSchemaBinding).sort((a, b) => a.id - b.id);
  const rows: unknown[][] = [];
  for (const view of views) {
    let bound: BoundQuery;
    try {
      bound = bindView(view);
    } catch (err) {
      if (err instanceof SqlError) continue;
      throw err;
    }
    const names = view.columnNames ?? bound.names;
    bound.types.forEach((type, i) => rows.push([view.schema, view.name, names[i] ?? bound.names[i], formatType(typeOid(type), typeModifier(type)), i + 1]));
  }
  return rows;
}

/** A view's query, parsed from its text (the binder binds it as FROM does). */
export function viewQuery(view: ViewMeta): ast.Query {
  const stmt = parseStatement(view.queryText);
  if (stmt.kind !== 'query') throw new SqlError(SqlState.internalError, `view "${view.name}" has no query`);
  return stmt.query;
}

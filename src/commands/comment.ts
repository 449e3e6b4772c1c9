/**
 * COMMENT ON TABLE | VIEW | COLUMN | SCHEMA ... IS 'text' | NULL: records the comment in the catalog
 * (pg_description, obj_description, col_description and the SVV_ views read it). Transactional like
 * all DDL; `IS NULL` or an empty string removes the comment, as in PostgreSQL.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { RelationMeta } from '../catalog/relation.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState } from '../types/index.js';
import type { CommandContext, CommandResult } from './context.js';
import { columnOrdinal, findRelation, qualified } from './lookup.js';

export async function commentOn(stmt: ast.CommentOn, ctx: CommandContext): Promise<CommandResult> {
  await ctx.txn.lockForWrite([], true);
  const state = ctx.txn.view();
  const text = stmt.text === '' ? null : stmt.text;
  const catalog = withComment(state.catalog, stmt, text, ctx);
  ctx.txn.apply({ catalog, tables: state.tables }, [], true);
  return { command: 'COMMENT', rowCount: 0 };
}

function withComment(catalog: Catalog, stmt: ast.CommentOn, text: string | null, ctx: CommandContext): Catalog {
  const pos = stmt.name.pos;
  if (stmt.target === 'schema') {
    const schema = catalog.schema(stmt.name.name);
    if (!schema) throw new SqlError(SqlState.undefinedSchema, `schema "${stmt.name.name}" does not exist`, { position: pos });
    return catalog.replacingSchema({ ...schema, remarks: text });
  }
  const rel = findRelation(ctx, stmt.name);
  if (!rel) throw new SqlError(SqlState.undefinedTable, `relation "${qualified(stmt.name)}" does not exist`, { position: pos });
  if (stmt.target === 'column') return catalog.replacingRelation(rel, withColumnComment(rel, stmt.column!, text, pos));
  if (rel.kind !== stmt.target) throw new SqlError(SqlState.wrongObjectType, `"${rel.name}" is not a ${stmt.target}`, { position: pos });
  return catalog.replacingRelation(rel, { ...rel, remarks: text });
}

function withColumnComment(rel: RelationMeta, column: string, text: string | null, pos: number): RelationMeta {
  if (rel.kind === 'view') {
    throw new SqlError(SqlState.featureNotSupported, 'comments on view columns are not supported yet in Slicewise', { position: pos });
  }
  const i = columnOrdinal(rel, column, pos);
  return { ...rel, columns: rel.columns.map((c, k) => (k === i ? { ...c, remarks: text } : c)) };
}

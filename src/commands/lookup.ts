/** Finding the relation a command names, following the session's search path. */
import type { RelationMeta, TableMeta, ViewMeta } from '../catalog/relation.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState } from '../types/index.js';
import type { CommandContext } from './context.js';

export function findRelation(ctx: CommandContext, name: ast.QualifiedName): RelationMeta | undefined {
  return ctx.txn.view().catalog.findRelation(name.schema, name.name, ctx.session.searchPath);
}

export function lookupTable(ctx: CommandContext, name: ast.QualifiedName): TableMeta {
  const r = findRelation(ctx, name);
  if (!r) throw new SqlError(SqlState.undefinedTable, `relation "${qualified(name)}" does not exist`, { position: name.pos });
  if (r.kind !== 'table') throw new SqlError(SqlState.wrongObjectType, `"${r.name}" is not a table`, { position: name.pos });
  return r;
}

export function lookupView(ctx: CommandContext, name: ast.QualifiedName): ViewMeta | undefined {
  const r = findRelation(ctx, name);
  if (r && r.kind !== 'view') throw new SqlError(SqlState.wrongObjectType, `"${r.name}" is not a view`, { position: name.pos });
  return r;
}

/** The ordinal of the relation's column `name`; 42703 naming the relation when it has none. */
export function columnOrdinal(relation: { readonly name: string; readonly columns: readonly { readonly name: string }[] }, name: string, pos: number): number {
  const i = relation.columns.findIndex((c) => c.name === name);
  if (i < 0) throw new SqlError(SqlState.undefinedColumn, `column "${name}" of relation "${relation.name}" does not exist`, { position: pos });
  return i;
}

export function qualified(name: ast.QualifiedName): string {
  return name.schema ? `${name.schema}.${name.name}` : name.name;
}

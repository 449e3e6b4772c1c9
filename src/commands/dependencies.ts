/**
 * Views depend on what they read, as in PostgreSQL and Redshift: a table or view that a (schema-
 * binding) view reads is not dropped without CASCADE, and CASCADE drops the views too — and the views
 * that read those. Late-binding views (WITH NO SCHEMA BINDING) depend on nothing. The messages are
 * PostgreSQL 15's (checked side by side): `2BP01 cannot drop table t because other objects depend on
 * it`, DETAIL `view v depends on table t`, and for CASCADE the NOTICE `drop cascades to view v`. A
 * column a view reads is not dropped without CASCADE either (`cannot drop column a of table t ...`,
 * `view v depends on column a of table t`). A renamed table keeps its views: their text is rewritten
 * to the new name.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { RelationMeta, ViewMeta } from '../catalog/relation.js';
import { parseStatement, relationRefs, renameReferences } from '../sql/index.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState, type Notice } from '../types/index.js';

/** The ids of the relations a view's query reads directly (CTE names excluded), looked up as the query would. */
export function relationsRead(query: ast.Query, catalog: Catalog, searchPath: readonly string[]): number[] {
  const refs = relationRefs(query);
  const ids = new Set<number>();
  for (const { name } of refs.tables) {
    if (name.schema === undefined && refs.cteNames.has(name.name)) continue;
    const r = catalog.findRelation(name.schema, name.name, searchPath);
    if (r !== undefined) ids.add(r.id);
  }
  return [...ids];
}

/** A view that must go with the dropped relations, and the relation it depends on. */
interface Dependent {
  readonly view: ViewMeta;
  readonly on: RelationMeta;
}

/**
 * The views that read any of `dropped`, directly or through other such views, not themselves among
 * `dropped` — each after what it depends on.
 */
function dependentsOf(catalog: Catalog, dropped: readonly RelationMeta[]): Dependent[] {
  const going = new Map<number, RelationMeta>(dropped.map((r) => [r.id, r]));
  const out: Dependent[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of catalog.relations.values()) {
      if (r.kind !== 'view' || going.has(r.id)) continue;
      const on = r.dependsOn.map((id) => going.get(id)).find((x) => x !== undefined);
      if (on === undefined) continue;
      going.set(r.id, r);
      out.push({ view: r, on });
      grew = true;
    }
  }
  return out;
}

/** `table t`, `view v`: how PostgreSQL's dependency messages name a relation. */
function kindAndName(r: RelationMeta): string {
  return `${r.kind} ${r.name}`;
}

/**
 * The views to drop with `dropped`: none when nothing depends on them; with CASCADE every dependent
 * (and `notice` says which); without, error 2BP01 about the first relation something depends on.
 */
export function cascadedViews(catalog: Catalog, dropped: readonly RelationMeta[], cascade: boolean, notice: (n: Notice) => void, pos: number): ViewMeta[] {
  const dependents = dependentsOf(catalog, dropped);
  if (dependents.length === 0) return [];
  const lines = dependents.map((d) => `${kindAndName(d.view)} depends on ${kindAndName(d.on)}`);
  const first = dropped.find((r) => dependents.some((d) => d.on.id === r.id)) ?? dependents[0]!.on;
  return dropOrRefuse(`cannot drop ${kindAndName(first)} because other objects depend on it`, lines, dependents.map((d) => d.view), cascade, notice, pos);
}

/**
 * The views to drop with column `column` of `table` (ALTER TABLE ... DROP COLUMN): the schema-binding
 * views over the table whose query reads the column (`readsColumn`), and the views that read those.
 * None: nothing to drop; with CASCADE all of them (and `notice` says which); without (RESTRICT, the
 * default) error 2BP01 — PostgreSQL 15's messages, as with DROP.
 */
export function columnDependents(
  catalog: Catalog,
  table: RelationMeta,
  column: string,
  readsColumn: (view: ViewMeta) => boolean,
  cascade: boolean,
  notice: (n: Notice) => void,
  pos: number,
): ViewMeta[] {
  const direct = [...catalog.relations.values()].filter((r): r is ViewMeta => r.kind === 'view' && r.dependsOn.includes(table.id) && readsColumn(r));
  if (direct.length === 0) return [];
  // Depth first, as PostgreSQL lists them: each view on the column, then the views that read it.
  const lines: string[] = [];
  const views: ViewMeta[] = [];
  const listed = new Set<number>();
  for (const v of direct) {
    if (listed.has(v.id)) continue;
    listed.add(v.id);
    lines.push(`${kindAndName(v)} depends on column ${column} of ${kindAndName(table)}`);
    views.push(v);
    for (const d of dependentsOf(catalog, [v])) {
      if (listed.has(d.view.id)) continue;
      listed.add(d.view.id);
      lines.push(`${kindAndName(d.view)} depends on ${kindAndName(d.on)}`);
      views.push(d.view);
    }
  }
  const message = `cannot drop column ${column} of ${kindAndName(table)} because other objects depend on it`;
  return dropOrRefuse(message, lines, views, cascade, notice, pos);
}

/** Without CASCADE, error 2BP01 with each dependency in the DETAIL; with it, the NOTICE and the views to drop. */
function dropOrRefuse(message: string, lines: readonly string[], views: ViewMeta[], cascade: boolean, notice: (n: Notice) => void, pos: number): ViewMeta[] {
  if (!cascade) {
    throw new SqlError(SqlState.dependentObjectsStillExist, message, { position: pos, detail: lines.join('\n'), hint: 'Use DROP ... CASCADE to drop the dependent objects too.' });
  }
  const cascades = views.map((v) => `drop cascades to ${kindAndName(v)}`);
  notice(
    cascades.length === 1
      ? { severity: 'NOTICE', code: '00000', message: cascades[0]! }
      : { severity: 'NOTICE', code: '00000', message: `drop cascades to ${cascades.length} other objects`, detail: cascades.join('\n') },
  );
  return views;
}

/**
 * The catalog with the views that read `table` rewritten to read it as `newName` (ALTER TABLE ...
 * RENAME TO): each reference of a view's query that names the table now — looked up as when the view
 * is bound — is renamed in the view's text. Late-binding views keep their text (they bind by name).
 */
export function viewsFollowingRename(catalog: Catalog, table: RelationMeta, newName: string, searchPath: readonly string[]): Catalog {
  let next = catalog;
  for (const r of catalog.relations.values()) {
    if (r.kind !== 'view' || !r.dependsOn.includes(table.id)) continue;
    const stmt = parseStatement(r.queryText);
    if (stmt.kind !== 'query') continue;
    const refs = relationRefs(stmt.query);
    const starts = refs.tables
      .filter(({ name }) => !(name.schema === undefined && refs.cteNames.has(name.name)))
      .filter(({ name }) => catalog.findRelation(name.schema, name.name, searchPath)?.id === table.id)
      .map(({ name }) => name.pos);
    if (starts.length === 0) continue;
    next = next.replacingRelation(r, { ...r, queryText: renameReferences(r.queryText, starts, newName) });
  }
  return next;
}

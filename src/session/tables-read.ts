/**
 * The tables a statement reads, for LOCK's ACCESS EXCLUSIVE: every table a FROM clause names, in
 * the statement or in a view it reads (and the views those read), resolved along the search path.
 * A common table expression named like a table counts as that table: a read that waits once too
 * often is harmless, one that reads past a lock is not.
 */
import type { Catalog } from '../catalog/catalog.js';
import { parse } from '../sql/index.js';
import type * as ast from '../sql/ast.js';

export function tablesRead(stmt: ast.Statement, catalog: Catalog, searchPath: readonly string[]): number[] {
  const tables = new Set<number>();
  const viewsSeen = new Set<number>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as { readonly kind?: unknown; readonly name?: unknown };
    if (record.kind === 'table' && typeof record.name === 'object') {
      const name = record.name as ast.QualifiedName;
      const r = catalog.findRelation(name.schema, name.name, searchPath);
      if (r?.kind === 'table') tables.add(r.id);
      else if (r?.kind === 'view' && !viewsSeen.has(r.id)) {
        viewsSeen.add(r.id);
        visit(viewStatements(r.queryText));
      }
      return;
    }
    for (const value of Object.values(node)) visit(value);
  };
  visit(stmt);
  return [...tables];
}

/** A view's statement, parsed again from its text (the text it was created from, so it parses). */
function viewStatements(queryText: string): readonly ast.Statement[] {
  try {
    return parse(queryText).map((p) => p.statement);
  } catch {
    // Should it not, binding the view fails with that error anyway; there is nothing to wait for here.
    return [];
  }
}

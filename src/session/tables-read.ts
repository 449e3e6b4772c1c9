/**
 * The tables a statement reads, for LOCK's ACCESS EXCLUSIVE: every table a FROM clause names, in
 * the statement or in a view it reads (and the views those read), resolved along the search path.
 * A common table expression named like a table counts as that table: a read that waits once too
 * often is harmless, one that reads past a lock is not.
 */
import type { Catalog } from '../catalog/catalog.js';
import { parse, relationRefs } from '../sql/index.js';
import type * as ast from '../sql/ast.js';

export function tablesRead(stmt: ast.Statement, catalog: Catalog, searchPath: readonly string[]): number[] {
  const tables = new Set<number>();
  const viewsSeen = new Set<number>();
  const visit = (node: ast.Node): void => {
    for (const { name } of relationRefs(node).tables) {
      const r = catalog.findRelation(name.schema, name.name, searchPath);
      if (r?.kind === 'table') tables.add(r.id);
      else if (r?.kind === 'view' && !viewsSeen.has(r.id)) {
        viewsSeen.add(r.id);
        for (const viewStmt of viewStatements(r.queryText)) visit(viewStmt);
      }
    }
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

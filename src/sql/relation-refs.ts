/**
 * The relations a statement names in FROM clauses, anywhere in it (subqueries, CTEs, set operations,
 * joins), the names of the common table expressions it defines and its WITH RECURSIVE clauses — for
 * checks made on the syntax tree alone, before anything is looked up (a late-binding view's
 * schema-qualified names, where a recursive CTE may stand).
 */
import type * as ast from './ast.js';

export interface RelationRefs {
  /** Every table or view named in a FROM clause, in the order the tree holds them. */
  readonly tables: readonly ast.TableRef[];
  /** Names of the statement's common table expressions (at any level). */
  readonly cteNames: ReadonlySet<string>;
  /** Its WITH RECURSIVE clauses (at any level), outermost first. */
  readonly recursiveWiths: readonly ast.WithClause[];
}

export function relationRefs(root: ast.Node): RelationRefs {
  const tables: ast.TableRef[] = [];
  const cteNames = new Set<string>();
  const recursiveWiths: ast.WithClause[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const n = node as { readonly kind?: unknown; readonly name?: unknown };
    if (n.kind === 'table' && typeof n.name === 'object') {
      tables.push(node as ast.TableRef);
      return;
    }
    if (n.kind === 'cte' && typeof n.name === 'string') cteNames.add(n.name);
    if (n.kind === 'with' && (node as ast.WithClause).recursive) recursiveWiths.push(node as ast.WithClause);
    for (const value of Object.values(node)) visit(value);
  };
  visit(root);
  return { tables, cteNames, recursiveWiths };
}

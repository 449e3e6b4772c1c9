/**
 * Name resolution: the columns visible at a point of a query (FROM items, joins) and the rules for
 * finding a column reference among them (qualified or not, ambiguity).
 */
import type { SqlType } from '../types/datatype.js';
import { SqlError, SqlState } from '../types/errors.js';

/** The base table column a scope column reads as it is (a view depends on it: ALTER TABLE ... DROP COLUMN). */
export interface ColumnOrigin {
  readonly table: number;
  readonly column: number;
}

/** The base table columns a statement's names resolved to, collected while binding it. */
export class ColumnUses {
  private readonly keys = new Set<string>();

  record(origin: ColumnOrigin | undefined): void {
    if (origin !== undefined) this.keys.add(`${origin.table}:${origin.column}`);
  }

  has(table: number, column: number): boolean {
    return this.keys.has(`${table}:${column}`);
  }
}

export interface ScopeColumn {
  /** Alias or table name of the FROM item the column belongs to (null for unnamed derived columns). */
  readonly table: string | null;
  /** Schema of the table, when the FROM item is a table (allows schema.table.column). */
  readonly schema: string | null;
  readonly name: string;
  readonly type: SqlType;
  /**
   * Hidden columns are left out of `*` and unqualified lookups: row handles, and the right-hand copy
   * of a USING / NATURAL join column (still reachable as `t.col`).
   */
  readonly hidden?: boolean;
  /** A system table's column: its values in the statement's catalog snapshot (what `unnest(column)` can meet). */
  readonly catalogValues?: readonly unknown[];
  /** A user table's column, read as it is. */
  readonly origin?: ColumnOrigin;
}

export class Scope {
  constructor(readonly columns: readonly ScopeColumn[]) {}

  static empty(): Scope {
    return new Scope([]);
  }

  concat(other: Scope): Scope {
    return new Scope([...this.columns, ...other.columns]);
  }

  /** Index of the column a reference names. Throws 42703 / 42702 / 42P01 with the reference's position. */
  resolve(qualifier: readonly string[], name: string, pos: number): number {
    const matches: number[] = [];
    const [schema, table] = qualifier.length >= 2 ? [qualifier[qualifier.length - 2], qualifier[qualifier.length - 1]] : [undefined, qualifier[0]];
    if (table !== undefined && !this.columns.some((c) => c.table === table && (schema === undefined || c.schema === schema))) {
      throw new SqlError(SqlState.undefinedTable, `missing FROM-clause entry for table "${table}"`, { position: pos });
    }
    this.columns.forEach((c, i) => {
      if (c.name !== name || (c.hidden && table === undefined)) return;
      if (table !== undefined && c.table !== table) return;
      if (schema !== undefined && c.schema !== schema) return;
      matches.push(i);
    });
    if (matches.length === 1) return matches[0]!;
    const shown = table !== undefined ? `${table}.${name}` : name;
    if (matches.length === 0) throw new SqlError(SqlState.undefinedColumn, `column ${table !== undefined ? shown : `"${name}"`} does not exist`, { position: pos });
    throw new SqlError(SqlState.ambiguousColumn, `column reference "${name}" is ambiguous`, { position: pos });
  }

  /** Column indexes a `*` or `t.*` expands to. */
  expandStar(qualifier: readonly string[], pos: number): number[] {
    const table = qualifier[qualifier.length - 1];
    const out: number[] = [];
    this.columns.forEach((c, i) => {
      if (c.hidden) return;
      if (table === undefined || c.table === table) out.push(i);
    });
    if (table !== undefined && out.length === 0) {
      throw new SqlError(SqlState.undefinedTable, `missing FROM-clause entry for table "${table}"`, { position: pos });
    }
    return out;
  }
}

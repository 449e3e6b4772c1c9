/** What a statement returns to the caller of the public API. */
import type { Table } from 'apache-arrow';
import type { TaskInfo } from '../exec/task.js';
import type { Notice } from '../types/errors.js';

export type { TaskInfo, Notice };

export interface Field {
  /** Column name (lower case, as Redshift returns it). */
  readonly name: string;
  /** SQL type as Redshift names it, e.g. 'integer', 'numeric(8,2)', 'character varying(10)'. */
  readonly type: string;
  /** PostgreSQL type OID (what wire-protocol clients see). */
  readonly typeOid: number;
  /** Type modifier (atttypmod): VARCHAR(n)/CHAR(n) n + 4, NUMERIC(p,s) ((p << 16) | s) + 4, else -1. */
  readonly typeModifier: number;
  /** Stored size (typlen): bytes of a fixed-size type, negative for variable-length ones. */
  readonly typeSize: number;
}

/** What a statement would return, without running it (the wire protocol's Describe). */
export interface StatementDescription {
  /** Output columns; empty for statements that return no rows. */
  readonly fields: readonly Field[];
  /** Type OIDs of $1, $2, ...: inferred where the statement gives a type, else 25 (text). */
  readonly parameterTypeOids: readonly number[];
}

export interface QueryResult {
  /** Command tag: 'SELECT', 'INSERT', 'CREATE TABLE', ... */
  readonly command: string;
  /** Rows returned (SELECT) or affected (INSERT/UPDATE/DELETE/COPY). */
  readonly rowCount: number;
  readonly fields: readonly Field[];
  /** Rows as objects keyed by column name; values typed as README documents. */
  readonly rows: readonly Record<string, unknown>[];
  readonly notices: readonly Notice[];
  /** Tasks dispatched to compute nodes for this statement. */
  readonly tasks: readonly TaskInfo[];
  /** Rows as arrays in column order (use when column names repeat, e.g. `select count(a), count(b)`). */
  toArrays(): unknown[][];
  /** Rows as arrays of PostgreSQL/Redshift text output (the wire protocol's text format; NULL is null). */
  toTextArrays(): (string | null)[][];
  /** The result as an Apache Arrow table. */
  toArrow(): Table;
}

/**
 * The command tag a PostgreSQL client sees (CommandComplete, psql's status line): INSERT carries the
 * (always 0) oid before the row count; SELECT, UPDATE, DELETE, COPY, FETCH and MOVE carry the count.
 */
export function commandTag(command: string, rowCount: number): string {
  switch (command) {
    case 'INSERT':
      return `INSERT 0 ${rowCount}`;
    case 'SELECT':
    case 'UPDATE':
    case 'DELETE':
    case 'MERGE':
    case 'COPY':
    case 'FETCH':
    case 'MOVE':
      return `${command} ${rowCount}`;
    default:
      return command;
  }
}

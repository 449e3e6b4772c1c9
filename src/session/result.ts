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
  /** The result as an Apache Arrow table. */
  toArrow(): Table;
}

/**
 * What the binder needs to know about the world: the catalog snapshot the statement sees, the
 * session's search path and identity, parameter values, and the system tables.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { RelationMeta } from '../catalog/relation.js';
import { findSystemTable, type SystemTableDef } from '../catalog/system-tables.js';
import type { Batch } from '../exec/spec.js';
import type { LeaderOnlyUse } from './bind-special.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { ColumnUses } from './scope.js';
import type { ViewBaseTable } from '../catalog/relation.js';
import type { RecursiveCtes } from './bind-recursive.js';

export interface SessionInfo {
  readonly sessionId: number;
  readonly user: string;
  readonly database: string;
  /** Schemas searched for unqualified names, in order (temp schema first when it exists). */
  readonly searchPath: readonly string[];
  /** The session's temp schema name (pg_temp_N). */
  readonly tempSchema: string;
  /** pg_last_copy_id(): the query id of the session's last COPY, -1 before any. */
  readonly lastCopyId: number;
  /** pg_last_copy_count(): rows the session's last COPY loaded (0 when it failed or none ran). */
  readonly lastCopyCount: number;
  /** pg_last_query_id(): the query id of the session's most recently completed query, -1 before any. */
  readonly lastQueryId: () => number;
  /** current_setting(): a configuration parameter's (or session context variable's) value, undefined when unset. */
  readonly setting: (name: string) => string | undefined;
}

/** A setting no one has set or defaulted (SHOW, current_setting): PostgreSQL's error, as Redshift gives it. */
export function unrecognizedSetting(name: string, position: number): SqlError {
  return new SqlError(SqlState.undefinedObject, `unrecognized configuration parameter "${name}"`, { position });
}

export interface BindEnvironment {
  readonly catalog: Catalog;
  readonly session: SessionInfo;
  /** Parameter values ($1 = index 0), as the API caller passed them. */
  readonly params: readonly unknown[];
  /** Rows of a system table, computed when a query reads it. */
  systemRows(def: SystemTableDef): Batch;
  /** Statement start time (microseconds since the epoch): GETDATE(). */
  readonly statementTime: number;
  /** Transaction start time: SYSDATE. */
  readonly transactionTime: number;
  /**
   * UPDATE/DELETE: scans of this table also yield a hidden `$row_handle` column locating each row.
   */
  readonly rowHandleTable?: number;
  /** Collects leader-node-only functions the statement calls (set by planQuery). */
  readonly leaderOnly?: LeaderOnlyUse;
  /** Collects the table columns the statement's names resolve to (set by columnsUsed). */
  readonly columnUses?: ColumnUses;
  /** Set while binding a (schema-binding) view's query: its tables' columns as the view reads them. */
  readonly viewBaseTables?: readonly ViewBaseTable[];
  /**
   * The rows of the statement's recursive CTEs, computed by the leader before planning (bind-recursive.ts);
   * unset when the statement is planned only to be described.
   */
  readonly recursiveCtes?: RecursiveCtes;
}

/** Name of the hidden row-locating column UPDATE and DELETE select. */
export const ROW_HANDLE_COLUMN = '$row_handle';

export type ResolvedRelation =
  | { readonly kind: 'relation'; readonly meta: RelationMeta }
  | { readonly kind: 'system'; readonly def: SystemTableDef };


/** Find a table, view or system table by (optional) schema and name, following the search path. */
export function resolveRelation(env: BindEnvironment, schema: string | undefined, name: string, pos: number): ResolvedRelation {
  if (schema !== undefined) {
    if (schema === 'pg_catalog' || schema === 'information_schema') {
      const def = findSystemTable(schema, name);
      if (def) return { kind: 'system', def };
    }
    const meta = env.catalog.relation(schema, name);
    if (meta) return { kind: 'relation', meta };
    if (!env.catalog.schema(schema) && schema !== 'pg_catalog' && schema !== 'information_schema') {
      throw new SqlError(SqlState.undefinedSchema, `schema "${schema}" does not exist`, { position: pos });
    }
    throw new SqlError(SqlState.undefinedTable, `relation "${schema}.${name}" does not exist`, { position: pos });
  }
  const meta = env.catalog.findRelation(undefined, name, env.session.searchPath);
  if (meta) return { kind: 'relation', meta };
  const def = findSystemTable('pg_catalog', name);
  if (def) return { kind: 'system', def };
  throw new SqlError(SqlState.undefinedTable, `relation "${name}" does not exist`, { position: pos });
}

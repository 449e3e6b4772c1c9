/**
 * Rows of the system tables, computed from the catalog, the slices and the query log at the moment a
 * query reads them. Values are engine values of the columns' types (catalog/system-tables.ts). One
 * file per family in system-rows/.
 */
import type { SystemTableDef } from '../catalog/system-tables.js';
import type { Batch } from '../exec/spec.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { StatementEnv } from './query.js';
import { rowsContext, type Row, type RowsContext } from './system-rows/context.js';
import { INFORMATION_SCHEMA_ROWS, SVV_CATALOG_ROWS } from './system-rows/information-schema.js';
import { ACTIVITY_ROWS } from './system-rows/activity.js';
import { MONITORING_ROWS } from './system-rows/monitoring.js';
import { LOAD_ROWS } from './system-rows/loads.js';
import { BLOCK_ROWS_PRODUCERS } from './system-rows/blocks.js';
import { PG_CATALOG_ROWS } from './system-rows/pg-catalog.js';
import { PG_CATALOG_CLIENT_ROWS } from './system-rows/pg-catalog-client.js';

type Producer = (ctx: RowsContext) => Row[];

const PG_CATALOG_PRODUCERS: Readonly<Record<string, Producer>> = {
  ...PG_CATALOG_ROWS,
  ...PG_CATALOG_CLIENT_ROWS,
  ...MONITORING_ROWS,
  ...ACTIVITY_ROWS,
  ...LOAD_ROWS,
  ...BLOCK_ROWS_PRODUCERS,
  ...SVV_CATALOG_ROWS,
};

export function systemRows(def: SystemTableDef, env: StatementEnv): Batch {
  const producers = def.schema === 'pg_catalog' ? PG_CATALOG_PRODUCERS : INFORMATION_SCHEMA_ROWS;
  const produce = Object.hasOwn(producers, def.name) ? producers[def.name] : undefined;
  if (!produce) throw new SqlError(SqlState.featureNotSupported, `system table ${def.schema}.${def.name} is not emulated`);
  const rows = produce(rowsContext(env));
  const columns: unknown[][] = def.columns.map(() => []);
  for (const r of rows) {
    if (r.length !== def.columns.length) throw new SqlError(SqlState.internalError, `${def.name}: row of ${r.length} values for ${def.columns.length} columns`);
    r.forEach((v, i) => columns[i]!.push(v));
  }
  return { columns, rowCount: rows.length };
}

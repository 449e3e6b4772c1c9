/**
 * The system tables and views Slicewise emulates: their names, oids and columns, one file per family
 * in system/. Their rows are computed when a query reads them (leader/system-rows.ts), from the
 * catalog, the slices and the logs.
 */
import type { SystemColumn, SystemTableSpec } from './system/define.js';
import { INFORMATION_SCHEMA_TABLES, SVV_CATALOG_TABLES } from './system/information-schema.js';
import { MONITORING_TABLES } from './system/monitoring.js';
import { PG_CATALOG_TABLES } from './system/pg-catalog.js';
import { PG_CATALOG_CLIENT_TABLES } from './system/pg-catalog-client.js';

export type { SystemColumn } from './system/define.js';

export interface SystemTableDef {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  /** pg_class.oid of the relation. */
  readonly oid: number;
  readonly relkind: 'table' | 'view';
  readonly columns: readonly SystemColumn[];
}

/** Oids handed to system relations PostgreSQL has no fixed oid for (below the user range, above PG's own). */
const SYSTEM_RELATION_OID_BASE = 16000;

function withOids(specs: readonly SystemTableSpec[]): SystemTableDef[] {
  return specs.map((s, i) => ({ schema: s.schema, name: s.name, relkind: s.relkind, oid: s.oid ?? SYSTEM_RELATION_OID_BASE + i, columns: s.columns }));
}

export const SYSTEM_TABLES: readonly SystemTableDef[] = withOids([
  ...PG_CATALOG_TABLES,
  ...MONITORING_TABLES,
  ...SVV_CATALOG_TABLES,
  ...INFORMATION_SCHEMA_TABLES,
  // Last, so the oids assigned to the relations above stay as they were.
  ...PG_CATALOG_CLIENT_TABLES,
]);

export function findSystemTable(schema: string, name: string): SystemTableDef | undefined {
  return SYSTEM_TABLES.find((t) => t.schema === schema && t.name === name);
}

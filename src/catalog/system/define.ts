/**
 * The shape of a system table or view definition, and the column types the catalogs use. PostgreSQL's
 * catalog-only types map to engine types: `oid` and `regproc`-like ids are INTEGER, `name` is
 * VARCHAR(128) (Redshift's identifier limit), `text` is VARCHAR.
 */
import { INTEGER, varcharType, type SqlType } from '../../types/datatype.js';

export interface SystemColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface SystemTableSpec {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  /** 'table' for what PostgreSQL stores as a catalog (pg_class, pg_type, ...), 'view' for the views over them. */
  readonly relkind: 'table' | 'view';
  /** PostgreSQL's fixed oid for its own catalogs; the others get one assigned (system-tables.ts). */
  readonly oid?: number;
  readonly columns: readonly SystemColumn[];
}

export const OID_TYPE = INTEGER;
export const NAME_TYPE = varcharType(128);
/** Redshift's TEXT is VARCHAR(256). */
export const TEXT_TYPE = varcharType(256);
/** Definitions and descriptions can be long: the widest VARCHAR. */
export const LONG_TEXT_TYPE = varcharType(65535);

type Columns = readonly (readonly [string, SqlType])[];

function spec(schema: SystemTableSpec['schema'], relkind: SystemTableSpec['relkind'], name: string, columns: Columns, oid?: number): SystemTableSpec {
  return { schema, name, relkind, oid, columns: columns.map(([n, type]) => ({ name: n, type })) };
}

/** A relation of pg_catalog that PostgreSQL stores as a table (with its fixed oid when it has one). */
export function catalogTable(name: string, columns: Columns, oid?: number): SystemTableSpec {
  return spec('pg_catalog', 'table', name, columns, oid);
}

/** A pg_catalog view (Redshift's STV_/STL_/SVV_/SVL_ relations and PG's pg_tables, pg_views, ...). */
export function catalogView(name: string, columns: Columns): SystemTableSpec {
  return spec('pg_catalog', 'view', name, columns);
}

export function informationSchemaView(name: string, columns: Columns): SystemTableSpec {
  return spec('information_schema', 'view', name, columns);
}

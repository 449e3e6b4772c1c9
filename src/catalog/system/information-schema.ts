/**
 * The SQL-standard information_schema views (as inherited from PostgreSQL 8.0) and Redshift's SVV_
 * catalog views over the same facts (SVV_TABLES, SVV_COLUMNS, SVV_ALL_COLUMNS, SVV_REDSHIFT_COLUMNS).
 * information_schema's domains map to engine types: sql_identifier and character_data are VARCHAR,
 * cardinal_number is INTEGER.
 */
import { BOOLEAN, INTEGER } from '../../types/datatype.js';
import { LONG_TEXT_TYPE, NAME_TYPE, TEXT_TYPE, catalogView, informationSchemaView, type SystemTableSpec } from './define.js';

const IDENT = NAME_TYPE;
const CHARS = TEXT_TYPE;
const CARDINAL = INTEGER;

/** The columns information_schema.columns and SVV_COLUMNS share, after the four naming columns. */
const COLUMN_FACTS = [
  ['ordinal_position', CARDINAL],
  ['column_default', LONG_TEXT_TYPE],
  ['is_nullable', CHARS],
  ['data_type', CHARS],
  ['character_maximum_length', CARDINAL],
  ['character_octet_length', CARDINAL],
  ['numeric_precision', CARDINAL],
  ['numeric_precision_radix', CARDINAL],
  ['numeric_scale', CARDINAL],
  ['datetime_precision', CARDINAL],
  ['interval_type', CHARS],
  ['interval_precision', CHARS],
  ['character_set_catalog', IDENT],
  ['character_set_schema', IDENT],
  ['character_set_name', IDENT],
  ['collation_catalog', IDENT],
  ['collation_schema', IDENT],
  ['collation_name', IDENT],
  ['domain_catalog', IDENT],
  ['domain_schema', IDENT],
  ['domain_name', IDENT],
] as const;

const TABLE_NAMING = [
  ['table_catalog', IDENT],
  ['table_schema', IDENT],
  ['table_name', IDENT],
] as const;

/** SVV_ALL_COLUMNS (cross-database shape). */
const ALL_COLUMNS = [
  ['database_name', IDENT],
  ['schema_name', IDENT],
  ['table_name', IDENT],
  ['column_name', IDENT],
  ['ordinal_position', CARDINAL],
  ['column_default', LONG_TEXT_TYPE],
  ['is_nullable', CHARS],
  ['data_type', CHARS],
  ['character_maximum_length', CARDINAL],
  ['numeric_precision', CARDINAL],
  ['numeric_scale', CARDINAL],
  ['remarks', LONG_TEXT_TYPE],
] as const;

export const INFORMATION_SCHEMA_TABLES: readonly SystemTableSpec[] = [
  informationSchemaView('schemata', [
    ['catalog_name', IDENT],
    ['schema_name', IDENT],
    ['schema_owner', IDENT],
    ['default_character_set_catalog', IDENT],
    ['default_character_set_schema', IDENT],
    ['default_character_set_name', IDENT],
    ['sql_path', CHARS],
  ]),
  informationSchemaView('tables', [
    ...TABLE_NAMING,
    ['table_type', CHARS],
    ['self_referencing_column_name', IDENT],
    ['reference_generation', CHARS],
    ['user_defined_type_catalog', IDENT],
    ['user_defined_type_schema', IDENT],
    ['user_defined_type_name', IDENT],
  ]),
  informationSchemaView('columns', [
    ...TABLE_NAMING,
    ['column_name', IDENT],
    ...COLUMN_FACTS,
    ['udt_catalog', IDENT],
    ['udt_schema', IDENT],
    ['udt_name', IDENT],
    ['is_identity', CHARS],
  ]),
  informationSchemaView('views', [
    ...TABLE_NAMING,
    ['view_definition', LONG_TEXT_TYPE],
    ['check_option', CHARS],
    ['is_updatable', CHARS],
    ['is_insertable_into', CHARS],
  ]),
];

export const SVV_CATALOG_TABLES: readonly SystemTableSpec[] = [
  catalogView('svv_tables', [...TABLE_NAMING, ['table_type', CHARS], ['remarks', LONG_TEXT_TYPE]]),
  catalogView('svv_columns', [...TABLE_NAMING, ['column_name', IDENT], ...COLUMN_FACTS, ['remarks', LONG_TEXT_TYPE]]),
  catalogView('svv_all_columns', ALL_COLUMNS),
  // Redshift Spectrum's external tables' columns: Slicewise has no external tables, so no rows.
  catalogView('svv_external_columns', [
    ['schemaname', IDENT],
    ['tablename', IDENT],
    ['columnname', IDENT],
    ['external_type', CHARS],
    ['columnnum', CARDINAL],
    ['part_key', CARDINAL],
    ['is_nullable', CHARS],
  ]),
  catalogView('svv_redshift_columns', [
    ['database_name', IDENT],
    ['schema_name', IDENT],
    ['table_name', IDENT],
    ['column_name', IDENT],
    ['ordinal_position', CARDINAL],
    ['data_type', CHARS],
    ['column_default', LONG_TEXT_TYPE],
    ['is_nullable', CHARS],
    ['encoding', CHARS],
    ['distkey', BOOLEAN],
    ['sortkey', INTEGER],
    ['column_acl', CHARS],
    ['remarks', LONG_TEXT_TYPE],
  ]),
];

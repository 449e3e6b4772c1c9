/**
 * The system tables and views Slicewise emulates: their names and columns. Their rows are computed
 * when a query reads them (leader/system-rows.ts), from the catalog, the slices and the logs.
 */
import {
  BIGINT,
  INTEGER,
  TIMESTAMP,
  charType,
  decimalType,
  varcharType,
  type SqlType,
} from '../types/datatype.js';

export interface SystemTableDef {
  readonly schema: 'pg_catalog' | 'information_schema';
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
}

function def(name: string, columns: [string, SqlType][]): SystemTableDef {
  return { schema: 'pg_catalog', name, columns: columns.map(([n, type]) => ({ name: n, type })) };
}

const TEXT = varcharType(256);

export const SYSTEM_TABLES: readonly SystemTableDef[] = [
  def('stv_slices', [
    ['node', INTEGER],
    ['slice', INTEGER],
    ['localslice', INTEGER],
    ['type', charType(1)],
  ]),
  def('stv_tbl_perm', [
    ['slice', INTEGER],
    ['id', INTEGER],
    ['name', charType(72)],
    ['rows', BIGINT],
    ['sorted_rows', BIGINT],
    ['temp', INTEGER],
    ['db_id', INTEGER],
    ['insert_pristine', INTEGER],
    ['delete_pristine', INTEGER],
    ['backup', INTEGER],
    ['dist_style', INTEGER],
    ['block_count', INTEGER],
  ]),
  def('svv_table_info', [
    ['database', TEXT],
    ['schema', TEXT],
    ['table_id', INTEGER],
    ['table', TEXT],
    ['encoded', TEXT],
    ['diststyle', TEXT],
    ['sortkey1', TEXT],
    ['max_varchar', INTEGER],
    ['sortkey1_enc', charType(32)],
    ['sortkey_num', INTEGER],
    ['size', BIGINT],
    ['pct_used', decimalType(10, 4)],
    ['unsorted', decimalType(5, 2)],
    ['stats_off', decimalType(5, 2)],
    ['tbl_rows', decimalType(38, 0)],
    ['skew_sortkey1', decimalType(19, 2)],
    ['skew_rows', decimalType(19, 2)],
    ['estimated_visible_rows', decimalType(38, 0)],
  ]),
  def('svl_query_report', [
    ['query', INTEGER],
    ['slice', INTEGER],
    ['segment', INTEGER],
    ['step', INTEGER],
    ['start_time', TIMESTAMP],
    ['end_time', TIMESTAMP],
    ['elapsed_time', BIGINT],
    ['rows', BIGINT],
    ['label', charType(256)],
    ['is_diskbased', charType(1)],
    ['node', INTEGER],
  ]),
  def('stl_query', [
    ['userid', INTEGER],
    ['query', INTEGER],
    ['label', charType(320)],
    ['xid', BIGINT],
    ['pid', INTEGER],
    ['database', charType(32)],
    ['querytxt', charType(4000)],
    ['starttime', TIMESTAMP],
    ['endtime', TIMESTAMP],
    ['aborted', INTEGER],
  ]),
];

export function findSystemTable(schema: string, name: string): SystemTableDef | undefined {
  return SYSTEM_TABLES.find((t) => t.schema === schema && t.name === name);
}

/**
 * Catalog entries: schemas, tables and views, with Redshift's distribution and sort metadata.
 * Entries are immutable; the catalog snapshot that holds them is replaced, never mutated.
 */
import type { SqlType } from '../types/datatype.js';

export interface ColumnMeta {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /**
   * The DEFAULT expression: an sql/ AST `Expr`, opaque to the catalog (which knows no SQL); commands
   * evaluate it when a row omits the column.
   */
  readonly defaultExpr: unknown;
  readonly identity: { readonly seed: number; readonly step: number; readonly generatedByDefault: boolean } | null;
  /** ENCODE as recorded ('raw', 'lzo', 'az64', ...). Recorded only: storage is not compressed. */
  readonly encoding: string;
  /** Column comment (COMMENT ON COLUMN). */
  readonly remarks: string | null;
}

/** Redshift's distribution styles; AUTO is resolved to an effective style for placement. */
export type DistStyle = 'auto' | 'even' | 'key' | 'all';
export type EffectiveDistStyle = 'even' | 'key' | 'all';

export interface SortKeyMeta {
  readonly style: 'compound' | 'interleaved';
  /** Column ordinals in key order. Empty: no sort key. */
  readonly columns: readonly number[];
  /** SORTKEY AUTO (or no sort key clause at all). */
  readonly auto: boolean;
}

export type ConstraintMeta =
  | { readonly kind: 'primaryKey' | 'unique'; readonly name: string; readonly columns: readonly number[] }
  | { readonly kind: 'foreignKey'; readonly name: string; readonly columns: readonly number[]; readonly refTable: string; readonly refColumns: readonly string[] };

export interface TableMeta {
  readonly kind: 'table';
  /** Table id (pg_class.oid, STV_TBL_PERM.id). */
  readonly id: number;
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly ColumnMeta[];
  readonly distStyle: DistStyle;
  /** What placement actually uses (AUTO resolves to ALL for a new table, as Redshift starts small tables). */
  readonly effectiveDistStyle: EffectiveDistStyle;
  /** Ordinal of the DISTKEY column (KEY style). */
  readonly distKey: number | null;
  readonly sortKey: SortKeyMeta;
  readonly constraints: readonly ConstraintMeta[];
  /** Temp tables belong to one session. */
  readonly temp: boolean;
  readonly ownerSession: number | null;
  readonly backup: boolean;
  readonly remarks: string | null;
  readonly createdAt: number;
}

/**
 * A table's columns as a view saw them when it was created, as PostgreSQL binds a view: the view
 * reads them under the names its text uses (a column renamed since keeps its old name there), and
 * columns added later are not part of it (`select *` keeps its columns).
 */
export interface ViewBaseTable {
  readonly table: number;
  /** Each column the view can read: its name in the table now, and in the view's text. */
  readonly columns: readonly { readonly name: string; readonly asWritten: string }[];
}

export interface ViewMeta {
  readonly kind: 'view';
  readonly id: number;
  readonly schema: string;
  readonly name: string;
  /** The view's query text, re-bound on every use. */
  readonly queryText: string;
  readonly columnNames: readonly string[] | null;
  /** Output columns at creation time (for catalogs). */
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  readonly noSchemaBinding: boolean;
  /**
   * The tables and views the view's query reads, by id, as they were when it was created (none for a
   * late-binding view): what DROP refuses to drop without CASCADE while the view exists.
   */
  readonly dependsOn: readonly number[];
  /** The tables among dependsOn, with their columns as the view reads them (none for a late-binding view). */
  readonly baseTables: readonly ViewBaseTable[];
  readonly remarks: string | null;
  readonly createdAt: number;
}

/** The view's base tables after a column of `table` was renamed `from` -> `to`. */
export function renamedInView(view: ViewMeta, table: number, from: string, to: string): ViewMeta {
  return withBaseColumns(view, table, (c) => (c.name === from ? { ...c, name: to } : c));
}

/** The view's base tables after column `name` of `table` was dropped (a column the view does not read). */
export function droppedFromView(view: ViewMeta, table: number, name: string): ViewMeta {
  return withBaseColumns(view, table, (c) => (c.name === name ? null : c));
}

function withBaseColumns(view: ViewMeta, table: number, change: (c: ViewBaseTable['columns'][number]) => ViewBaseTable['columns'][number] | null): ViewMeta {
  if (!view.baseTables.some((b) => b.table === table)) return view;
  const baseTables = view.baseTables.map((b) => (b.table === table ? { table, columns: b.columns.flatMap((c) => change(c) ?? []) } : b));
  return { ...view, baseTables };
}

export type RelationMeta = TableMeta | ViewMeta;

export interface SchemaMeta {
  readonly id: number;
  readonly name: string;
  readonly owner: string;
  readonly remarks: string | null;
}

/** Redshift's codes for distribution styles (pg_class.reldiststyle, STV_TBL_PERM.dist_style). */
export function distStyleCode(t: TableMeta): number {
  if (t.distStyle === 'auto') return t.effectiveDistStyle === 'all' ? 10 : t.effectiveDistStyle === 'even' ? 11 : 12;
  return t.distStyle === 'even' ? 0 : t.distStyle === 'key' ? 1 : 8;
}

/** SVV_TABLE_INFO.diststyle text: EVEN, KEY(col), ALL, AUTO(ALL), AUTO(EVEN), AUTO(KEY(col)). */
export function distStyleText(t: TableMeta): string {
  const effective =
    t.effectiveDistStyle === 'key' && t.distKey !== null ? `KEY(${t.columns[t.distKey]!.name})` : t.effectiveDistStyle.toUpperCase();
  return t.distStyle === 'auto' ? `AUTO(${effective})` : effective;
}

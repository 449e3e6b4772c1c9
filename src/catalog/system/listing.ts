/**
 * The catalog as one session sees it through the pg_catalog/information_schema relations: schemas,
 * relations (user tables and views, plus pg_catalog's own relations) with their oids, owners and
 * columns, the users, and which relations an unqualified name reaches (pg_table_is_visible).
 * Other sessions' temp tables and temp schemas are not listed.
 */
import { FIRST_USER_OID, type Catalog } from '../catalog.js';
import type { ColumnMeta, RelationMeta, TableMeta } from '../relation.js';
import { SYSTEM_TABLES, type SystemTableDef } from '../system-tables.js';
import type { SqlType } from '../../types/datatype.js';
import { quoteIdent } from '../../types/fn-text.js';

export const PG_CATALOG_NAMESPACE_OID = 11;
/** PostgreSQL assigns information_schema's oid at initdb; Slicewise fixes one. */
export const INFORMATION_SCHEMA_NAMESPACE_OID = 13000;
/** The database's oid: STV_TBL_PERM.db_id and pg_database.oid join on it. */
export const DATABASE_OID = 100001;
/** pg_description.classoid of relation and column comments, and of schema comments. */
export const PG_CLASS_RELATION_OID = 1259;
export const PG_NAMESPACE_RELATION_OID = 2615;
export const RDSDB_USER_ID = 1;
/** The cluster's admin user (awsuser by default): a superuser, as Redshift's admin user is. */
export const ADMIN_USER_ID = 100;

/** Who is looking: the parts of the binder's SessionInfo the listing needs. */
export interface CatalogViewer {
  readonly sessionId: number;
  readonly user: string;
  readonly searchPath: readonly string[];
  readonly tempSchema: string;
}

export interface ListedSchema {
  readonly oid: number;
  readonly name: string;
  readonly owner: string;
  readonly remarks: string | null;
}

export interface ListedColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** The DEFAULT as an sql/ AST Expr (opaque here), or null. */
  readonly defaultExpr: unknown;
  readonly identity: ColumnMeta['identity'];
  readonly encoding: string;
  readonly distKey: boolean;
  /** attsortkeyord: position in a compound sort key; interleaved keys alternate signs (1, -2, 3, ...). */
  readonly sortKeyOrd: number;
  readonly remarks: string | null;
}

export interface ListedRelation {
  readonly oid: number;
  readonly schema: string;
  readonly schemaOid: number;
  readonly name: string;
  readonly kind: 'table' | 'view';
  readonly owner: string;
  readonly columns: readonly ListedColumn[];
  readonly remarks: string | null;
  readonly source: { readonly kind: 'user'; readonly meta: RelationMeta } | { readonly kind: 'system'; readonly def: SystemTableDef };
}

/** A listed relation's table definition, when it is a user table (not a view or a system relation). */
export function userTable(r: ListedRelation): TableMeta | null {
  return r.source.kind === 'user' && r.source.meta.kind === 'table' ? r.source.meta : null;
}

/**
 * A view WITH NO SCHEMA BINDING. Redshift keeps no column catalog for such views (pg_attribute and
 * information_schema.columns list none of their columns; PG_GET_LATE_BINDING_VIEW_COLS does, and so
 * does SVV_COLUMNS as the guide describes it).
 */
export function isLateBindingView(r: ListedRelation): boolean {
  return r.source.kind === 'user' && r.source.meta.kind === 'view' && r.source.meta.noSchemaBinding;
}

/** pg_constraint's oids: a range of their own, clear of every relation's and schema's. */
const FIRST_CONSTRAINT_OID = 1_000_000_000;
/** Constraints of one table an oid tells apart. */
const CONSTRAINTS_PER_TABLE = 64;

/** A table's PRIMARY KEY, UNIQUE or FOREIGN KEY (informational in Redshift: none is enforced). */
export interface ListedConstraint {
  readonly oid: number;
  readonly name: string;
  readonly relation: ListedRelation;
  /** pg_constraint.contype: 'p' primary key, 'u' unique, 'f' foreign key. */
  readonly type: 'p' | 'u' | 'f';
  /** The key's column numbers (1-based). */
  readonly columns: readonly number[];
  /** A foreign key's referenced table (null when there is none of that name) and its columns' numbers. */
  readonly referenced: ListedRelation | null;
  readonly referencedColumns: readonly number[];
  /** What pg_get_constraintdef shows: `PRIMARY KEY (a)`, `FOREIGN KEY (b) REFERENCES t(a)`. */
  readonly definition: string;
}

export interface ListedUser {
  readonly id: number;
  readonly name: string;
  readonly superuser: boolean;
}

const OTHER_TEMP_SCHEMA = /^pg_temp_\d+$/;

export class CatalogListing {
  private cachedSchemas: ListedSchema[] | undefined;
  private cachedRelations: ListedRelation[] | undefined;

  constructor(
    readonly catalog: Catalog,
    readonly viewer: CatalogViewer,
  ) {}

  schemas(): readonly ListedSchema[] {
    this.cachedSchemas ??= [
      { oid: PG_CATALOG_NAMESPACE_OID, name: 'pg_catalog', owner: 'rdsdb', remarks: 'system catalog schema' },
      { oid: INFORMATION_SCHEMA_NAMESPACE_OID, name: 'information_schema', owner: 'rdsdb', remarks: null },
      ...[...this.catalog.schemas.values()]
        .filter((s) => s.name === this.viewer.tempSchema || !OTHER_TEMP_SCHEMA.test(s.name))
        .sort((a, b) => a.id - b.id)
        .map((s) => ({ oid: s.id, name: s.name, owner: s.owner, remarks: s.remarks })),
    ];
    return this.cachedSchemas;
  }

  schema(name: string): ListedSchema | undefined {
    return this.schemas().find((s) => s.name === name);
  }

  relations(): readonly ListedRelation[] {
    if (!this.cachedRelations) {
      const user = [...this.catalog.relations.values()]
        .filter((r) => r.kind === 'view' || !r.temp || r.ownerSession === this.viewer.sessionId)
        .sort((a, b) => a.id - b.id)
        .map((r) => this.userRelation(r));
      // information_schema's views are reachable by name but, as in the documented catalog queries
      // (which filter only `nspname not like 'pg%'`), not listed among the relations.
      const system = SYSTEM_TABLES.filter((d) => d.schema === 'pg_catalog').map((d) => systemRelation(d));
      this.cachedRelations = [...user, ...system];
    }
    return this.cachedRelations;
  }

  relationByOid(oid: number): ListedRelation | undefined {
    return this.relations().find((r) => r.oid === oid);
  }

  /** Relations an unqualified name reaches: the first of its name along the search path, then pg_catalog's. */
  visibleRelations(): readonly ListedRelation[] {
    const seen = new Set<string>();
    const out: ListedRelation[] = [];
    const bySchema = new Map<string, ListedRelation[]>();
    for (const r of this.relations()) bySchema.set(r.schema, [...(bySchema.get(r.schema) ?? []), r]);
    for (const schema of [...this.viewer.searchPath, 'pg_catalog']) {
      for (const r of bySchema.get(schema) ?? []) {
        if (seen.has(r.name)) continue;
        seen.add(r.name);
        out.push(r);
      }
    }
    return out;
  }

  /** The search path's schemas that exist, in order (the temp schema only once it has been created). */
  searchPathSchemas(): string[] {
    return this.viewer.searchPath.filter((s, i, all) => this.schema(s) !== undefined && all.indexOf(s) === i);
  }

  constraints(): readonly ListedConstraint[] {
    return this.relations().flatMap((relation) => {
      return (userTable(relation)?.constraints ?? []).map((c, k): ListedConstraint => {
        const names = (numbers: readonly number[], of: ListedRelation): string => numbers.map((n) => quoteIdent(of.columns[n - 1]!.name)).join(', ');
        const columns = c.columns.map((i) => i + 1);
        const common = { oid: FIRST_CONSTRAINT_OID + (relation.oid - FIRST_USER_OID) * CONSTRAINTS_PER_TABLE + k, name: c.name, relation, columns };
        if (c.kind !== 'foreignKey') {
          const type = c.kind === 'primaryKey' ? 'p' : 'u';
          return { ...common, type, referenced: null, referencedColumns: [], definition: `${type === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} (${names(columns, relation)})` };
        }
        const referenced = this.referencedTable(c.refTable, relation.schema);
        const referencedColumns = referenced ? this.referencedColumns(referenced, c.refColumns) : [];
        const target = referenced ? `${quoteIdent(referenced.name)}(${names(referencedColumns, referenced)})` : `${quoteIdent(c.refTable)}(${c.refColumns.map(quoteIdent).join(', ')})`;
        return { ...common, type: 'f', referenced, referencedColumns, definition: `FOREIGN KEY (${names(columns, relation)}) REFERENCES ${target}` };
      });
    });
  }

  /** The table a foreign key names: in its own table's schema, else along the search path. */
  private referencedTable(name: string, schema: string): ListedRelation | null {
    const tables = this.relations().filter((r) => r.kind === 'table' && r.name === name);
    return tables.find((r) => r.schema === schema) ?? this.visibleRelations().find((r) => r.kind === 'table' && r.name === name) ?? null;
  }

  /** The referenced columns' numbers: those named, or the referenced table's primary key. */
  private referencedColumns(table: ListedRelation, names: readonly string[]): number[] {
    if (names.length === 0) {
      return userTable(table)?.constraints.find((c) => c.kind === 'primaryKey')?.columns.map((i) => i + 1) ?? [];
    }
    return names.flatMap((n) => {
      const i = table.columns.findIndex((col) => col.name === n);
      return i < 0 ? [] : [i + 1];
    });
  }

  users(): readonly ListedUser[] {
    const others = [...new Set(this.schemas().map((s) => s.owner))].filter((n) => n !== 'rdsdb' && n !== this.viewer.user).sort();
    return [
      { id: RDSDB_USER_ID, name: 'rdsdb', superuser: true },
      ...(this.viewer.user === 'rdsdb' ? [] : [{ id: ADMIN_USER_ID, name: this.viewer.user, superuser: true }]),
      ...others.map((name, i) => ({ id: ADMIN_USER_ID + 1 + i, name, superuser: false })),
    ];
  }

  userId(name: string): number | null {
    return this.users().find((u) => u.name === name)?.id ?? null;
  }

  private userRelation(r: RelationMeta): ListedRelation {
    const schemaOid = this.schema(r.schema)?.oid ?? 0;
    const base = { oid: r.id, schema: r.schema, schemaOid, name: r.name, owner: this.viewer.user, remarks: r.remarks, source: { kind: 'user', meta: r } } as const;
    if (r.kind === 'view') return { ...base, kind: 'view', columns: r.columns.map((c) => plainColumn(c.name, c.type)) };
    return { ...base, kind: 'table', columns: r.columns.map((c, i) => tableColumn(r, c, i)) };
  }
}

function systemRelation(d: SystemTableDef): ListedRelation {
  return {
    oid: d.oid,
    schema: d.schema,
    schemaOid: d.schema === 'pg_catalog' ? PG_CATALOG_NAMESPACE_OID : INFORMATION_SCHEMA_NAMESPACE_OID,
    name: d.name,
    kind: d.relkind,
    owner: 'rdsdb',
    columns: d.columns.map((c) => plainColumn(c.name, c.type)),
    remarks: null,
    source: { kind: 'system', def: d },
  };
}

function plainColumn(name: string, type: SqlType): ListedColumn {
  return { name, type, notNull: false, defaultExpr: null, identity: null, encoding: 'none', distKey: false, sortKeyOrd: 0, remarks: null };
}

function tableColumn(t: TableMeta, c: ColumnMeta, ordinal: number): ListedColumn {
  const position = t.sortKey.columns.indexOf(ordinal);
  let sortKeyOrd = position + 1;
  if (position >= 0 && t.sortKey.style === 'interleaved' && sortKeyOrd % 2 === 0) sortKeyOrd = -sortKeyOrd;
  return {
    name: c.name,
    type: c.type,
    notNull: c.notNull,
    defaultExpr: c.defaultExpr,
    identity: c.identity,
    encoding: c.encoding,
    distKey: t.distKey === ordinal,
    sortKeyOrd,
    remarks: c.remarks,
  };
}

/** Rows of the PostgreSQL catalogs and Redshift's catalog views (pg_class, pg_attribute, PG_TABLE_DEF, ...). */
import { distStyleCode } from '../../catalog/relation.js';
import {
  DATABASE_OID,
  PG_CATALOG_NAMESPACE_OID,
  PG_CLASS_RELATION_OID,
  PG_NAMESPACE_RELATION_OID,
  RDSDB_USER_ID,
  isLateBindingView,
  userTable,
  type ListedRelation,
} from '../../catalog/system/listing.js';
import { BUILTIN_TYPES, builtinType, collationOf, encodingCode, encodingName, formatType, typeLength } from '../../catalog/system/type-info.js';
import { liveRowCount } from '../../storage/index.js';
import { typeModifier, typeOid } from '../../types/datatype.js';
import { defaultText, pad, type Row, type RowsContext } from './context.js';

export const PG_CATALOG_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  pg_namespace: (ctx) => ctx.listing.schemas().map((s) => [s.oid, s.name, ctx.listing.userId(s.owner), null]),
  pg_class: (ctx) => ctx.listing.relations().map((r) => [r.oid, ...classColumns(ctx, r)]),
  pg_class_info: (ctx) => ctx.listing.relations().map((r) => [r.oid, ...classColumns(ctx, r), createdAt(r), distStyle(r)]),
  pg_attribute: pgAttribute,
  pg_type: () => BUILTIN_TYPES.map((t) => pgTypeRow(t)),
  pg_attrdef: pgAttrdef,
  pg_constraint: pgConstraint,
  pg_proc: () => [],
  // PostgreSQL's built-in languages, with their fixed oids.
  pg_language: () => [
    [12, 'internal', false, false, 0, 0, null],
    [13, 'c', false, false, 0, 0, null],
    [14, 'sql', false, true, 0, 0, null],
  ],
  pg_description: pgDescription,
  pg_database: pgDatabase,
  pg_user: (ctx) => ctx.listing.users().map((u) => [u.name, u.id, u.superuser, u.superuser, u.superuser, '********', null, null]),
  pg_tables: (ctx) =>
    ctx.listing
      .relations()
      .filter((r) => r.kind === 'table')
      .map((r) => [r.schema, r.name, r.owner, null, false, false, false]),
  pg_views: (ctx) =>
    ctx.listing
      .relations()
      .filter((r) => r.kind === 'view')
      .map((r) => [r.schema, r.name, r.owner, viewDefinition(r)]),
  pg_table_def: pgTableDef,
};

export function viewDefinition(r: ListedRelation): string | null {
  return r.source.kind === 'user' && r.source.meta.kind === 'view' ? r.source.meta.queryText : null;
}

function distStyle(r: ListedRelation): number {
  const table = userTable(r);
  return table ? distStyleCode(table) : 0;
}

function createdAt(r: ListedRelation): number | null {
  return r.source.kind === 'user' ? r.source.meta.createdAt : null;
}

/** pg_class's columns after `oid` (PG_CLASS_INFO repeats them). */
function classColumns(ctx: RowsContext, r: ListedRelation): Row {
  const table = userTable(r);
  const slices = table ? (ctx.env.state.tables.get(table.id)?.slices ?? []) : [];
  const pages = table ? slices.reduce((n, s) => n + s.blocks.length * (table.columns.length + 3), 0) : 0;
  const tuples = slices.reduce((n, s) => n + liveRowCount(s), 0);
  const constraints = table?.constraints ?? [];
  const count = (kind: string): number => constraints.filter((c) => c.kind === kind).length;
  return [
    r.name,
    r.schemaOid,
    0,
    ctx.listing.userId(r.owner),
    0,
    table ? table.id : 0,
    0,
    pages,
    tuples,
    0,
    0,
    false,
    false,
    r.kind === 'table' ? 'r' : 'v',
    r.columns.length,
    0,
    0,
    count('unique'),
    count('foreignKey'),
    0,
    false,
    count('primaryKey') > 0,
    // A PostgreSQL view is a relation with a SELECT rule.
    r.kind === 'view',
    false,
    distStyle(r),
    null,
    false,
    table?.temp ? 't' : 'p',
    0,
    null,
  ];
}

function pgAttribute(ctx: RowsContext): Row[] {
  const out: Row[] = [];
  for (const r of ctx.listing.relations()) {
    if (isLateBindingView(r)) continue;
    r.columns.forEach((c, i) => {
      const oid = typeOid(c.type);
      const b = builtinType(oid);
      out.push([
        r.oid,
        c.name,
        oid,
        -1,
        typeLength(c.type),
        i + 1,
        0,
        -1,
        typeModifier(c.type),
        b?.byval ?? false,
        b?.storage ?? 'p',
        b?.align ?? 'i',
        c.notNull,
        c.defaultExpr !== null || c.identity !== null,
        false,
        true,
        0,
        c.distKey,
        false,
        c.sortKeyOrd,
        encodingCode(c.encoding),
        0,
        null,
        collationOf(oid),
      ]);
    });
  }
  return out;
}

function pgTypeRow(t: (typeof BUILTIN_TYPES)[number]): Row {
  return [
    t.oid,
    t.typname,
    PG_CATALOG_NAMESPACE_OID,
    RDSDB_USER_ID,
    t.len,
    t.len,
    t.byval,
    t.typtype,
    true,
    ',',
    0,
    0,
    `${t.typname}in`,
    `${t.typname}out`,
    `${t.typname}recv`,
    `${t.typname}send`,
    '-',
    t.align,
    t.storage,
    false,
    0,
    -1,
    0,
    null,
    null,
    null,
    0,
    collationOf(t.oid),
  ];
}

function pgAttrdef(ctx: RowsContext): Row[] {
  const out: Row[] = [];
  for (const r of ctx.listing.relations()) {
    r.columns.forEach((c, i) => {
      const text = defaultText(r, c, i);
      if (text !== null) out.push([r.oid, i + 1, text, text]);
    });
  }
  return out;
}

function pgDescription(ctx: RowsContext): Row[] {
  const out: Row[] = [];
  for (const s of ctx.listing.schemas()) if (s.remarks !== null) out.push([s.oid, PG_NAMESPACE_RELATION_OID, 0, s.remarks]);
  for (const r of ctx.listing.relations()) {
    if (r.remarks !== null) out.push([r.oid, PG_CLASS_RELATION_OID, 0, r.remarks]);
    r.columns.forEach((c, i) => {
      if (c.remarks !== null) out.push([r.oid, PG_CLASS_RELATION_OID, i + 1, c.remarks]);
    });
  }
  return out;
}

/** UTF8's code in pg_database.encoding. */
const UTF8_ENCODING = 6;

function pgDatabase(ctx: RowsContext): Row[] {
  const row = (oid: number, name: string, template: boolean): Row => [
    oid, name, RDSDB_USER_ID, UTF8_ENCODING, template, !template || name === 'template1', 0, 0, 0, 0, null, null, 'C', 'C',
  ];
  return [row(1, 'template1', true), row(2, 'template0', true), row(DATABASE_OID, ctx.env.session.database, false)];
}

/** Columns of the tables an unqualified name reaches (Redshift: only schemas on search_path). */
function pgTableDef(ctx: RowsContext): Row[] {
  const out: Row[] = [];
  for (const r of ctx.listing.visibleRelations()) {
    if (r.kind !== 'table') continue;
    for (const c of r.columns) {
      out.push([r.schema, r.name, c.name, formatType(typeOid(c.type), typeModifier(c.type)), pad(encodingName(c.encoding), 32), c.distKey, c.sortKeyOrd, c.notNull]);
    }
  }
  return out;
}

/**
 * pg_constraint: each table's PRIMARY KEY, UNIQUE and FOREIGN KEY constraints (Redshift keeps them
 * as information for the planner and tools, and enforces none). A foreign key's actions are NO ACTION
 * ('a') and its match type PostgreSQL 8.0's 'u' (unspecified).
 */
function pgConstraint(ctx: RowsContext): Row[] {
  return ctx.listing.constraints().map((c) => {
    const foreign = c.type === 'f';
    const list = (numbers: readonly number[]): string => `{${numbers.join(',')}}`;
    return [
      c.oid, c.name, c.relation.schemaOid, c.type, false, false, c.relation.oid, 0, c.referenced?.oid ?? 0,
      foreign ? 'a' : ' ', foreign ? 'a' : ' ', foreign ? 'u' : ' ', list(c.columns), foreign ? list(c.referencedColumns) : null, null, null,
    ];
  });
}

/**
 * CREATE TABLE's definition rules: column types, NOT NULL, DEFAULT, IDENTITY, ENCODE, and Redshift's
 * table attributes (DISTSTYLE / DISTKEY / SORTKEY), validated as Redshift validates them.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ColumnMeta, ConstraintMeta, DistStyle, EffectiveDistStyle, SortKeyMeta, TableMeta } from '../catalog/relation.js';
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState, isIntegerType, typeFromName, type SqlType } from '../types/index.js';

/** Encoding Redshift assigns when a column has no ENCODE (COMPUPDATE PRESET rules). */
export function defaultEncoding(type: SqlType, isSortKey: boolean): string {
  if (isSortKey) return 'none';
  switch (type.kind) {
    case 'boolean':
    case 'real':
    case 'double':
      return 'none';
    case 'char':
    case 'varchar':
      return 'lzo';
    default:
      return 'az64';
  }
}

export function columnType(t: ast.TypeName): SqlType {
  try {
    return typeFromName(t.name, t.args);
  } catch (err) {
    throw err instanceof SqlError ? err.at(t.pos) : err;
  }
}

export function columnFromDef(def: ast.ColumnDef, isSortKey: boolean): ColumnMeta {
  const type = columnType(def.type);
  if (def.identity && !(isIntegerType(type) && type.kind !== 'smallint')) {
    throw new SqlError(SqlState.invalidParameterValue, `Identity column "${def.name}" must be of type INT or BIGINT`, { position: def.pos });
  }
  return {
    name: def.name,
    type,
    notNull: def.notNull || def.primaryKey || def.identity !== undefined,
    defaultExpr: def.default ?? null,
    identity: def.identity ?? null,
    encoding: def.encode?.toLowerCase() ?? defaultEncoding(type, isSortKey),
    remarks: null,
  };
}

export interface TableShape {
  readonly columns: readonly ColumnMeta[];
  readonly distStyle: DistStyle;
  readonly effectiveDistStyle: EffectiveDistStyle;
  readonly distKey: number | null;
  readonly sortKey: SortKeyMeta;
}

/** Resolve DISTSTYLE/DISTKEY/SORTKEY from column- and table-level clauses. */
export function tableShape(
  columns: readonly ColumnMeta[],
  columnDistKeys: readonly string[],
  columnSortKeys: readonly string[],
  attrs: ast.TableAttributes,
  pos: number,
): TableShape {
  const ordinal = (name: string, what: string): number => {
    const i = columns.findIndex((c) => c.name === name);
    if (i < 0) throw new SqlError(SqlState.undefinedColumn, `column "${name}" named in ${what} does not exist`, { position: pos });
    return i;
  };
  if (columnDistKeys.length > 1 || (columnDistKeys.length === 1 && attrs.distkey !== undefined && attrs.distkey !== columnDistKeys[0])) {
    throw new SqlError(SqlState.invalidParameterValue, 'Only one DISTKEY column may be specified', { position: pos });
  }
  const distKeyName = attrs.distkey ?? columnDistKeys[0];
  const distKey = distKeyName === undefined ? null : ordinal(distKeyName, 'DISTKEY');
  let distStyle: DistStyle = attrs.diststyle ?? (distKey !== null ? 'key' : 'auto');
  if (distStyle === 'key' && distKey === null) {
    throw new SqlError(SqlState.invalidParameterValue, 'DISTSTYLE KEY requires a DISTKEY column', { position: pos });
  }
  if (distKey !== null && distStyle !== 'key') {
    throw new SqlError(SqlState.invalidParameterValue, `DISTKEY cannot be used with DISTSTYLE ${distStyle.toUpperCase()}`, { position: pos });
  }
  if (attrs.sortkey && columnSortKeys.length > 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'SORTKEY specified at both the column and the table level', { position: pos });
  }
  const sortKey: SortKeyMeta = attrs.sortkey
    ? { style: attrs.sortkey.style, columns: attrs.sortkey.columns.map((c) => ordinal(c, 'SORTKEY')), auto: attrs.sortkey.auto }
    : columnSortKeys.length > 0
      ? { style: 'compound', columns: columnSortKeys.map((c) => ordinal(c, 'SORTKEY')), auto: false }
      : { style: 'compound', columns: [], auto: true };
  if (sortKey.style === 'interleaved' && sortKey.columns.length > 8) {
    throw new SqlError(SqlState.invalidParameterValue, 'An INTERLEAVED SORTKEY may have at most 8 columns', { position: pos });
  }
  // DISTSTYLE AUTO starts a new (small) table as ALL, as Redshift does; it is shown as AUTO(ALL).
  const effectiveDistStyle: EffectiveDistStyle = distStyle === 'auto' ? 'all' : distStyle;
  if (distStyle === 'auto' && distKey !== null) distStyle = 'key';
  return { columns, distStyle, effectiveDistStyle, distKey, sortKey };
}

export function constraintsOf(def: ast.CreateTable, columns: readonly ColumnMeta[], tableName: string): ConstraintMeta[] {
  const ordinals = (names: readonly string[]): number[] =>
    names.map((n) => {
      const i = columns.findIndex((c) => c.name === n);
      if (i < 0) throw new SqlError(SqlState.undefinedColumn, `column "${n}" named in key does not exist`, { position: def.pos });
      return i;
    });
  const out: ConstraintMeta[] = [];
  def.columns.forEach((c, i) => {
    if (c.primaryKey) out.push({ kind: 'primaryKey', name: `${tableName}_pkey`, columns: [i] });
    if (c.unique) out.push({ kind: 'unique', name: `${tableName}_${c.name}_key`, columns: [i] });
    if (c.references) {
      out.push({ kind: 'foreignKey', name: `${tableName}_${c.name}_fkey`, columns: [i], refTable: c.references.table.name, refColumns: c.references.columns });
    }
  });
  // Unnamed table constraints are named as PostgreSQL names them: table_pkey, table_col1_col2_key, table_col1_fkey.
  const named = (name: string | undefined, columns: readonly string[], suffix: string): string => name ?? `${[tableName, ...columns].join('_')}_${suffix}`;
  for (const c of def.constraints) {
    if (c.kind === 'foreignKey') {
      out.push({ kind: 'foreignKey', name: named(c.name, c.columns, 'fkey'), columns: ordinals(c.columns), refTable: c.table.name, refColumns: c.refColumns });
    } else if (c.kind === 'primaryKey') out.push({ kind: c.kind, name: named(c.name, [], 'pkey'), columns: ordinals(c.columns) });
    else out.push({ kind: c.kind, name: named(c.name, c.columns, 'key'), columns: ordinals(c.columns) });
  }
  return out;
}

/** Where a new relation goes: its explicit schema, the session's temp schema, or the first existing schema on the search path. */
export function creationSchema(catalog: Catalog, schema: string | undefined, temp: boolean, searchPath: readonly string[], tempSchema: string, pos: number): string {
  if (temp) return tempSchema;
  if (schema !== undefined) {
    if (!catalog.schema(schema)) throw new SqlError(SqlState.undefinedSchema, `schema "${schema}" does not exist`, { position: pos });
    return schema;
  }
  const found = searchPath.find((s) => s !== tempSchema && catalog.schema(s));
  if (!found) throw new SqlError(SqlState.undefinedSchema, 'no schema has been selected to create in', { position: pos });
  return found;
}

export function newTableMeta(
  id: number,
  schema: string,
  name: string,
  shape: TableShape,
  constraints: readonly ConstraintMeta[],
  temp: boolean,
  sessionId: number,
  backup: boolean,
): TableMeta {
  return {
    kind: 'table',
    id,
    schema,
    name,
    ...shape,
    constraints,
    temp,
    ownerSession: temp ? sessionId : null,
    backup,
    remarks: null,
    createdAt: Date.now() * 1000,
  };
}

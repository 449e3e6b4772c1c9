/**
 * Catalog and session functions bound as special forms: their answers come from the statement's
 * catalog snapshot and the session (BindEnvironment), so the binder turns each call into a constant
 * or a lookup expression (CASE / IN over the catalog's current entries) that runs like any other.
 * Redshift runs these on the leader only; here they work anywhere an expression does.
 */
import { CatalogListing, type ListedRelation } from '../catalog/system/listing.js';
import { BPCHAR_OID, BUILTIN_TYPES, FORMAT_TYPE_NAMES, NUMERIC_OID, TYPMOD_HEADER, VARCHAR_OID, ENCODINGS, formatType } from '../catalog/system/type-info.js';
import type { PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { BIGINT, BOOLEAN, INTEGER, SqlError, SqlState, varcharType, type SqlType } from '../types/index.js';
import { findSystemTable } from '../catalog/system-tables.js';
import { coerce } from './coerce.js';
import { resolveRelation, unrecognizedSetting, type BindEnvironment } from './context.js';
import { atLeast, both, caseOf, concat, constant, equals, isNullTest, operator } from './pexpr-build.js';

const NAME = varcharType(128);
const TEXT = varcharType(256);
const LONG_TEXT = varcharType(65535);

type Binder = (e: ast.Expr) => PExpr;

interface Call {
  readonly e: ast.FuncCall;
  readonly args: readonly PExpr[];
  readonly env: BindEnvironment;
  readonly listing: CatalogListing;
}

const FUNCTIONS: Readonly<Record<string, (c: Call) => PExpr>> = {
  format_type: (c) => formatTypeCall(c),
  format_encoding: (c) => formatEncoding(c),
  pg_get_userbyid: (c) => userById(c),
  pg_table_is_visible: (c) => tableIsVisible(c),
  pg_type_is_visible: (c) => typeIsVisible(c),
  has_table_privilege: (c) => hasPrivilege(c, 'table'),
  has_schema_privilege: (c) => hasPrivilege(c, 'schema'),
  has_database_privilege: (c) => hasPrivilege(c, 'database'),
  current_schema: (c) => currentSchema(c),
  current_setting: (c) => currentSetting(c),
  current_schemas: (c) => currentSchemas(c),
  obj_description: (c) => objDescription(c),
  col_description: (c) => colDescription(c),
  pg_get_viewdef: (c) => viewDefinition(c),
  pg_get_constraintdef: (c) => constraintDefinition(c),
  pg_get_ruledef: (c) => ruleDefinition(c),
  pg_table_size: (c) => relationSize(c),
  pg_relation_size: (c) => relationSize(c),
  pg_total_relation_size: (c) => relationSize(c),
  pg_get_expr: (c) => stored(c),
  pg_function_is_visible: (c) => noFunction(c, BOOLEAN),
  pg_get_function_result: (c) => noFunction(c, TEXT),
  pg_get_function_arguments: (c) => noFunction(c, TEXT),
  pg_get_function_identity_arguments: (c) => noFunction(c, TEXT),
};

/** The call bound as a catalog function, or undefined when `e` is not one. */
export function bindCatalogFunction(e: ast.FuncCall, env: BindEnvironment, bind: Binder): PExpr | undefined {
  if (!Object.hasOwn(FUNCTIONS, e.name)) return undefined;
  const args = e.args.map(bind);
  return FUNCTIONS[e.name]!({ e, args, env, listing: new CatalogListing(env.catalog, env.session) });
}

function noSuchFunction(c: Call): SqlError {
  const types = c.args.map((a) => (a.type.kind === 'unknown' ? 'unknown' : a.type.kind)).join(', ');
  return new SqlError(SqlState.undefinedFunction, `function ${c.e.name}(${types}) does not exist`, {
    position: c.e.pos,
    hint: 'No function matches the given name and argument types. You may need to add explicit type casts.',
  });
}

function arity(c: Call, ...counts: number[]): void {
  if (!counts.includes(c.args.length)) throw noSuchFunction(c);
}

function intArg(c: Call, i: number): PExpr {
  return coerce(c.args[i]!, INTEGER, 'assignment', c.e.args[i]!.pos);
}

function constValue(p: PExpr): { value: unknown } | undefined {
  return p.kind === 'const' ? { value: p.value } : undefined;
}

/** A lookup over known integer keys: `CASE WHEN arg = k THEN v ... ELSE otherwise END` (NULL in, NULL out). */
function lookup(c: Call, arg: PExpr, entries: readonly (readonly [number, string])[], otherwise: PExpr | null, type: SqlType): PExpr {
  const whens: [PExpr, PExpr][] = [[isNullTest(arg), constant(null, type)], ...entries.map(([k, v]): [PExpr, PExpr] => [equals(arg, k), constant(v, type)])];
  return caseOf(whens, otherwise, type, c.e.pos);
}

// ---------------------------------------------------------------- types and users

/** format_type(type_oid, typmod): folded for constants, else a CASE over the built-in types. */
function formatTypeCall(c: Call): PExpr {
  arity(c, 2);
  const oid = intArg(c, 0);
  const typmod = intArg(c, 1);
  const o = constValue(oid);
  const m = constValue(typmod);
  if (o && m) return constant(o.value === null ? null : formatType(o.value as number, m.value as number | null), TEXT);
  const pos = c.e.pos;
  const mod = operator('-', typmod, constant(TYPMOD_HEADER, INTEGER), pos);
  const given = atLeast(typmod, 0);
  const modified = (then: PExpr, plain: PExpr): PExpr => caseOf([[given, then]], plain, TEXT, pos);
  const special: [PExpr, PExpr][] = [
    [equals(oid, VARCHAR_OID), modified(concat(['character varying(', mod, ')'], pos), constant('character varying', TEXT))],
    [
      equals(oid, BPCHAR_OID),
      caseOf(
        [
          [given, concat(['character(', mod, ')'], pos)],
          [isNullTest(typmod), constant('character', TEXT)],
        ],
        constant('bpchar', TEXT),
        TEXT,
        pos,
      ),
    ],
    [
      equals(oid, NUMERIC_OID),
      modified(
        concat(['numeric(', operator('/', mod, constant(65536, INTEGER), pos), ',', operator('%', mod, constant(65536, INTEGER), pos), ')'], pos),
        constant('numeric', TEXT),
      ),
    ],
  ];
  const plain = [...FORMAT_TYPE_NAMES].filter(([k]) => k !== VARCHAR_OID && k !== BPCHAR_OID && k !== NUMERIC_OID);
  return caseOf(
    [[isNullTest(oid), constant(null, TEXT)], ...special, ...plain.map(([k, v]): [PExpr, PExpr] => [equals(oid, k), constant(v, TEXT)])],
    constant('???', TEXT),
    TEXT,
    pos,
  );
}

/** format_encoding(attencodingtype): the encoding's name (Slicewise's numbering, see type-info.ts). */
function formatEncoding(c: Call): PExpr {
  arity(c, 1);
  return lookup(c, intArg(c, 0), ENCODINGS.map((name, code) => [code, name] as const), null, TEXT);
}

/** pg_get_userbyid(usesysid): the user's name, or PostgreSQL 8.0's `unknown (UID=n)`. */
function userById(c: Call): PExpr {
  arity(c, 1);
  const id = intArg(c, 0);
  const users = c.listing.users().map((u) => [u.id, u.name] as const);
  return lookup(c, id, users, concat(['unknown (UID=', id, ')'], c.e.pos), NAME);
}

// ---------------------------------------------------------------- visibility and privileges

/** pg_table_is_visible(oid): whether the relation is the one its unqualified name reaches. */
function tableIsVisible(c: Call): PExpr {
  arity(c, 1);
  const visible = c.listing.visibleRelations().map((r) => constant(r.oid, INTEGER));
  return { kind: 'inList', arg: intArg(c, 0), list: visible, not: false, type: BOOLEAN };
}

/**
 * pg_function_is_visible(oid), pg_get_function_result(oid), ...: pg_proc lists no function (see
 * catalog/system/pg-catalog.ts), so no oid is one and the answer is NULL, as PostgreSQL's for an oid
 * that names no function.
 */
function noFunction(c: Call, type: SqlType): PExpr {
  arity(c, 1);
  intArg(c, 0);
  return constant(null, type);
}

/** pg_type_is_visible(oid): every type is a built-in of pg_catalog, always on the search path. */
function typeIsVisible(c: Call): PExpr {
  arity(c, 1);
  const types = BUILTIN_TYPES.map((t) => constant(t.oid, INTEGER));
  return { kind: 'inList', arg: intArg(c, 0), list: types, not: false, type: BOOLEAN };
}

const PRIVILEGES: Readonly<Record<'table' | 'schema' | 'database', readonly string[]>> = {
  table: ['select', 'insert', 'update', 'delete', 'references', 'rule', 'trigger'],
  schema: ['create', 'usage'],
  database: ['create', 'temporary', 'temp', 'connect'],
};

/**
 * has_table_privilege / has_schema_privilege / has_database_privilege([user,] object, privilege).
 * Sessions run as superusers, so every privilege on an existing object is held; constant arguments
 * are checked (unknown object, user or privilege type are errors, as in PostgreSQL).
 */
function hasPrivilege(c: Call, on: 'table' | 'schema' | 'database'): PExpr {
  arity(c, 2, 3);
  const [user, object, privilege] = c.args.length === 3 ? c.args : [null, c.args[0]!, c.args[1]!];
  const objectPos = c.e.args[c.args.length - 2]!.pos;
  if (user) checkUser(c, user, c.e.args[0]!.pos);
  const priv = constValue(privilege!);
  if (priv && priv.value !== null) checkPrivilege(String(priv.value), on, c.e.args[c.args.length - 1]!.pos);
  const target = constValue(object!);
  if (!target) return caseOf([[isNullTest(object!), constant(null, BOOLEAN)]], constant(true, BOOLEAN), BOOLEAN, c.e.pos);
  if (target.value === null) return constant(null, BOOLEAN);
  if (on === 'table') findTable(c, target.value, objectPos);
  else if (on === 'schema' && !c.listing.schema(String(target.value).toLowerCase())) {
    throw new SqlError(SqlState.undefinedSchema, `schema "${String(target.value)}" does not exist`, { position: objectPos });
  } else if (on === 'database' && String(target.value).toLowerCase() !== c.env.session.database) {
    throw new SqlError('3D000', `database "${String(target.value)}" does not exist`, { position: objectPos });
  }
  return constant(true, BOOLEAN);
}

function checkUser(c: Call, user: PExpr, pos: number): void {
  const u = constValue(user);
  if (!u || u.value === null) return;
  const known = typeof u.value === 'number' ? c.listing.users().some((x) => x.id === u.value) : c.listing.userId(String(u.value).toLowerCase()) !== null;
  if (!known) throw new SqlError(SqlState.undefinedObject, `user "${String(u.value)}" does not exist`, { position: pos });
}

function checkPrivilege(text: string, on: 'table' | 'schema' | 'database', pos: number): void {
  for (const part of text.split(',')) {
    const p = part.trim().toLowerCase().replace(/\s+with\s+grant\s+option$/, '');
    if (!PRIVILEGES[on].includes(p)) throw new SqlError(SqlState.invalidParameterValue, `unrecognized privilege type: "${part.trim()}"`, { position: pos });
  }
}

/** A relation named by text (`[schema.]name`, as regclass input reads it) or by oid. */
function findTable(c: Call, target: unknown, pos: number): ListedRelation | undefined {
  if (typeof target === 'number') {
    const r = c.listing.relationByOid(target);
    if (!r) throw new SqlError(SqlState.undefinedTable, `relation with OID ${target} does not exist`, { position: pos });
    return r;
  }
  return findRelationByName(c.env, c.listing, String(target), pos);
}

/** A relation named by text, as regclass input reads it: `[schema.]name`, on the search path when unqualified. */
export function findRelationByName(env: BindEnvironment, listing: CatalogListing, text: string, pos: number): ListedRelation | undefined {
  const parts = splitName(text);
  const [schema, name] = parts.length === 2 ? parts : [undefined, parts[0]!];
  const resolved = resolveRelation(env, schema, name!, pos);
  const oid = resolved.kind === 'system' ? resolved.def.oid : resolved.meta.id;
  return listing.relationByOid(oid);
}

/** `schema.name` / `"Quoted".name` -> lower-cased parts (Redshift folds quoted identifiers too). */
export function splitName(text: string): string[] {
  const parts = [...text.matchAll(/"((?:[^"]|"")*)"|([^.]+)/g)].map((m) => (m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.trim()).toLowerCase());
  if (parts.length === 0 || parts.length > 2) throw new SqlError(SqlState.invalidParameterValue, `invalid name syntax: "${text}"`);
  return parts;
}

/**
 * current_setting(name [, missing_ok]): the setting's value as SHOW gives it, or a session context
 * variable's; an unknown name is 42704 unless missing_ok is true (then NULL). The name must be a
 * constant: the answer is the session's, fixed when the statement is bound.
 */
function currentSetting(c: Call): PExpr {
  arity(c, 1, 2);
  const name = constValue(coerce(c.args[0]!, LONG_TEXT, 'assignment', c.e.args[0]!.pos));
  const missingOk = c.args.length === 2 ? constValue(coerce(c.args[1]!, BOOLEAN, 'assignment', c.e.args[1]!.pos)) : { value: false };
  if (name === undefined || missingOk === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'current_setting() takes a constant setting name', { position: c.e.pos });
  }
  if (name.value === null) return constant(null, LONG_TEXT);
  const text = String(name.value);
  const value = c.env.session.setting(text.toLowerCase());
  if (value === undefined && missingOk.value !== true) throw unrecognizedSetting(text, c.e.args[0]!.pos);
  return constant(value ?? null, LONG_TEXT);
}

/** current_schema(): the first schema of the search path that exists (`$user` usually does not), else NULL. */
function currentSchema(c: Call): PExpr {
  arity(c, 0);
  const temp = c.env.session.tempSchema;
  return constant(c.listing.searchPathSchemas().find((s) => s !== temp) ?? null, NAME);
}

/** current_schemas(include_implicit): the effective search path as Redshift prints it, `{pg_catalog,public}`. */
function currentSchemas(c: Call): PExpr {
  arity(c, 1);
  const flag = coerce(c.args[0]!, BOOLEAN, 'implicit', c.e.args[0]!.pos);
  const temp = c.env.session.tempSchema;
  const path = c.listing.searchPathSchemas();
  const explicit = `{${path.filter((s) => s !== temp).join(',')}}`;
  const implicit = `{${[...path.filter((s) => s === temp), 'pg_catalog', ...path.filter((s) => s !== temp)].join(',')}}`;
  const f = constValue(flag);
  if (f) return constant(f.value === null ? null : f.value ? implicit : explicit, TEXT);
  return caseOf([[isNullTest(flag), constant(null, TEXT)], [flag, constant(implicit, TEXT)]], constant(explicit, TEXT), TEXT, c.e.pos);
}

// ---------------------------------------------------------------- comments and definitions

/** obj_description(oid [, catalog_name]): comments on relations ('pg_class') and schemas ('pg_namespace'). */
function objDescription(c: Call): PExpr {
  arity(c, 1, 2);
  const catalog = c.args.length === 2 ? constValue(c.args[1]!) : { value: null };
  if (!catalog) throw new SqlError(SqlState.featureNotSupported, 'obj_description needs a constant catalog name in Slicewise', { position: c.e.args[1]!.pos });
  const name = catalog.value === null ? null : String(catalog.value).toLowerCase();
  const entries: [number, string][] = [];
  if (name === null || name === 'pg_class') for (const r of c.listing.relations()) if (r.remarks !== null) entries.push([r.oid, r.remarks]);
  if (name === null || name === 'pg_namespace') for (const s of c.listing.schemas()) if (s.remarks !== null) entries.push([s.oid, s.remarks]);
  return lookup(c, intArg(c, 0), entries, null, LONG_TEXT);
}

/** col_description(table_oid, column_number). */
function colDescription(c: Call): PExpr {
  arity(c, 2);
  const rel = intArg(c, 0);
  const num = intArg(c, 1);
  const whens: [PExpr, PExpr][] = [];
  for (const r of c.listing.relations()) {
    r.columns.forEach((col, i) => {
      if (col.remarks !== null) whens.push([both(equals(rel, r.oid), equals(num, i + 1)), constant(col.remarks, LONG_TEXT)]);
    });
  }
  return caseOf(whens, null, LONG_TEXT, c.e.pos);
}

/** pg_get_viewdef(view_oid | view_name [, pretty]): the view's query text. */
function viewDefinition(c: Call): PExpr {
  arity(c, 1, 2);
  const target = constValue(c.args[0]!);
  if (target && typeof target.value === 'string') {
    const r = findTable(c, target.value, c.e.args[0]!.pos);
    if (!r || r.source.kind !== 'user' || r.source.meta.kind !== 'view') {
      throw new SqlError(SqlState.wrongObjectType, `"${target.value}" is not a view`, { position: c.e.args[0]!.pos });
    }
    return constant(r.source.meta.queryText, LONG_TEXT);
  }
  const views = c.listing.relations().flatMap((r) => (r.source.kind === 'user' && r.source.meta.kind === 'view' ? [[r.oid, r.source.meta.queryText] as const] : []));
  return lookup(c, intArg(c, 0), views, null, LONG_TEXT);
}

/** pg_get_constraintdef(constraint_oid [, pretty]): `PRIMARY KEY (a)`, `UNIQUE (a, b)`, `FOREIGN KEY (b) REFERENCES t(a)`. */
function constraintDefinition(c: Call): PExpr {
  arity(c, 1, 2);
  return lookup(c, intArg(c, 0), c.listing.constraints().map((k) => [k.oid, k.definition] as const), null, LONG_TEXT);
}

/** pg_get_ruledef(rule_oid [, pretty]): a view's `_RETURN` rule (pg_rewrite gives it the view's oid). */
function ruleDefinition(c: Call): PExpr {
  arity(c, 1, 2);
  const rules = c.listing
    .relations()
    .flatMap((r) => (r.source.kind === 'user' && r.source.meta.kind === 'view' ? [[r.oid, `CREATE RULE "_RETURN" AS ON SELECT TO ${r.name} DO INSTEAD ${r.source.meta.queryText};`] as const] : []));
  return lookup(c, intArg(c, 0), rules, null, LONG_TEXT);
}

/** Redshift allocates table storage in 1 MB blocks. */
const BLOCK_BYTES = 1024n * 1024n;

/**
 * pg_table_size / pg_relation_size / pg_total_relation_size(oid): the bytes of the table's blocks
 * on all slices (STV_TBL_PERM's block counts; a table has no indexes or TOAST). Views: 0.
 */
function relationSize(c: Call): PExpr {
  arity(c, 1);
  const perm = findSystemTable('pg_catalog', 'stv_tbl_perm');
  if (!perm) throw new SqlError(SqlState.internalError, 'stv_tbl_perm is not defined');
  const rows = c.env.systemRows(perm);
  const id = perm.columns.findIndex((col) => col.name === 'id');
  const blocks = perm.columns.findIndex((col) => col.name === 'block_count');
  const bytes = new Map<number, bigint>();
  for (let i = 0; i < rows.rowCount; i++) {
    const table = rows.columns[id]![i] as number;
    bytes.set(table, (bytes.get(table) ?? 0n) + BigInt(rows.columns[blocks]![i] as number) * BLOCK_BYTES);
  }
  const oid = intArg(c, 0);
  const relations = c.listing.relations().map((r): [PExpr, PExpr] => [equals(oid, r.oid), constant(bytes.get(r.oid) ?? 0n, BIGINT)]);
  // An oid that is no relation: NULL, as in PostgreSQL.
  return caseOf(relations, null, BIGINT, c.e.pos);
}

/** pg_get_expr(adbin, relid [, pretty]): pg_attrdef.adbin already holds the expression's SQL text. */
function stored(c: Call): PExpr {
  arity(c, 2, 3);
  return coerce(c.args[0]!, LONG_TEXT, 'implicit', c.e.args[0]!.pos);
}

/**
 * Casts to PostgreSQL's catalog types, which clients write in catalog queries (psql:
 * `c.oid::pg_catalog.regclass`, `'pg_catalog.pg_class'::pg_catalog.regclass`,
 * `c.reloftype::pg_catalog.regtype::pg_catalog.text`, `'16384'::pg_catalog.oid`). The engine has
 * no such types, so each cast is bound by what it is used for:
 * - `oid`: an INTEGER;
 * - `regclass` / `regtype` / `regnamespace` of text: the object's oid (an INTEGER), looked up now,
 *   with PostgreSQL's error when there is no such object — these feed comparisons with oid columns;
 * - `regclass` / `regtype` / `regnamespace` of a number: the object's name as PostgreSQL prints it
 *   (schema-qualified when not on the search path, quoted when needed; the oid itself when unknown)
 *   — these are displayed or sorted;
 * - `name`: a VARCHAR(128) (Redshift's identifier length);
 * - `regproc`: the function's name as text — what pg_type.typinput and the like hold here (pgjdbc
 *   writes `typinput = 'pg_catalog.array_in'::regproc`).
 */
import { CatalogListing } from '../catalog/system/listing.js';
import { BUILTIN_TYPES, formatType } from '../catalog/system/type-info.js';
import type { PExpr } from '../exec/spec.js';
import type * as ast from '../sql/ast.js';
import { INTEGER, SqlError, SqlState, isStringType, varcharType } from '../types/index.js';
import { coerce } from './coerce.js';
import { findRelationByName, splitName } from './catalog-functions.js';
import type { BindEnvironment } from './context.js';
import { caseOf, concat, constant, equals, isNullTest } from './pexpr-build.js';

const NAME = varcharType(128);
const QUALIFIED_NAME = varcharType(260);

type CatalogType = 'oid' | 'regclass' | 'regtype' | 'regnamespace' | 'regproc' | 'name';
const CATALOG_TYPES: ReadonlySet<string> = new Set<CatalogType>(['oid', 'regclass', 'regtype', 'regnamespace', 'regproc', 'name']);

/** The cast `e` bound, if its target is a catalog type; undefined for every other type. */
export function bindCatalogCast(e: ast.CastExpr, inner: PExpr, env: BindEnvironment): PExpr | undefined {
  if (e.type.args.length > 0 || !CATALOG_TYPES.has(e.type.name)) return undefined;
  const target = e.type.name as CatalogType;
  switch (target) {
    case 'oid':
      return coerce(inner, INTEGER, 'explicit', e.pos);
    case 'name':
      return coerce(inner, NAME, 'explicit', e.pos);
    case 'regproc': {
      const name = coerce(inner, NAME, 'explicit', e.pos);
      if (name.kind !== 'const' || name.value === null) return name;
      const parts = splitName(String(name.value));
      return constant(parts[parts.length - 1], NAME);
    }
    case 'regclass':
    case 'regtype':
    case 'regnamespace':
      return isText(inner) ? oidOfName(target, inner, e, env) : nameOfOid(target, coerce(inner, INTEGER, 'explicit', e.pos), e.pos, env);
  }
}

function isText(p: PExpr): boolean {
  return p.type.kind === 'unknown' || isStringType(p.type);
}

/** `'name'::regclass`: the oid, resolved while binding (the text must be a constant, as in every client query). */
function oidOfName(target: 'regclass' | 'regtype' | 'regnamespace', inner: PExpr, e: ast.CastExpr, env: BindEnvironment): PExpr {
  if (inner.kind !== 'const') {
    throw new SqlError(SqlState.featureNotSupported, `casting a non-constant text to ${target} is not supported in Slicewise`, { position: e.pos });
  }
  if (inner.value === null) return constant(null, INTEGER);
  const text = String(inner.value);
  const listing = new CatalogListing(env.catalog, env.session);
  switch (target) {
    case 'regclass':
      return constant(findRelationByName(env, listing, text, e.expr.pos)?.oid ?? null, INTEGER);
    case 'regnamespace': {
      const [name] = splitName(text);
      const schema = listing.schema(name!);
      if (!schema) throw new SqlError(SqlState.undefinedSchema, `schema "${text}" does not exist`, { position: e.expr.pos });
      return constant(schema.oid, INTEGER);
    }
    case 'regtype':
      return constant(typeOidOfName(text, e.expr.pos), INTEGER);
  }
}

/** regtype input: a pg_type name (`int4`, `pg_catalog.varchar`) or a format_type name (`integer`, `character varying`). */
function typeOidOfName(text: string, pos: number): number {
  const parts = splitName(text);
  const name = parts[parts.length - 1]!;
  const schemaOk = parts.length === 1 || parts[0] === 'pg_catalog';
  const found = schemaOk ? BUILTIN_TYPES.find((t) => t.typname === name || formatType(t.oid, null) === name) : undefined;
  if (!found) throw new SqlError(SqlState.undefinedObject, `type "${text}" does not exist`, { position: pos });
  return found.oid;
}

/** `oid::regclass` and friends: the object's name (CASE over the catalog's current entries). */
function nameOfOid(target: 'regclass' | 'regtype' | 'regnamespace', oid: PExpr, pos: number, env: BindEnvironment): PExpr {
  const listing = new CatalogListing(env.catalog, env.session);
  let entries: (readonly [number, string])[];
  switch (target) {
    case 'regclass': {
      const visible = new Set(listing.visibleRelations().map((r) => r.oid));
      entries = listing.relations().map((r) => [r.oid, visible.has(r.oid) ? quoteIdent(r.name) : `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`]);
      break;
    }
    case 'regtype':
      entries = BUILTIN_TYPES.map((t) => [t.oid, formatType(t.oid, null)]);
      break;
    case 'regnamespace':
      entries = listing.schemas().map((s) => [s.oid, quoteIdent(s.name)]);
      break;
  }
  const whens: [PExpr, PExpr][] = [[isNullTest(oid), constant(null, QUALIFIED_NAME)], ...entries.map(([k, v]): [PExpr, PExpr] => [equals(oid, k), constant(v, QUALIFIED_NAME)])];
  // An oid naming nothing prints as the number, as in PostgreSQL.
  return caseOf(whens, concat([oid], pos), QUALIFIED_NAME, pos);
}

/** PostgreSQL's quote_ident rule for names it prints: plain lower-case identifiers stay bare. */
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

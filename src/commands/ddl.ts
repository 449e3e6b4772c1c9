/**
 * DDL: schemas, tables (CREATE, CTAS, SELECT INTO, LIKE, DROP, ALTER, TRUNCATE) and views. DDL is
 * transactional, as in Redshift: changes go into the transaction's catalog snapshot.
 */
import type { Catalog } from '../catalog/catalog.js';
import { droppedFromView, renamedInView, type ColumnMeta, type RelationMeta, type TableMeta, type ViewMeta } from '../catalog/relation.js';
import { describeQuery, queryColumnUses, runQueryVectors, sliceCount, type DbState, type StatementEnv } from '../leader/index.js';
import type { InheritedKeys } from '../plan/index.js';
import type * as ast from '../sql/ast.js';
import { parseStatement, relationRefs } from '../sql/index.js';
import { emptyTableData, addColumn, dropColumn } from '../storage/index.js';
import { SqlError, SqlState, type SqlType } from '../types/index.js';
import type { CommandContext, CommandResult } from './context.js';
import { columnOrdinal, findRelation, lookupTable, lookupView, qualified } from './lookup.js';
import { columnFromDef, constraintsOf, creationSchema, defaultEncoding, newTableMeta, tableShape } from './table-def.js';
import { evaluateRows } from '../leader/index.js';
import { withTable } from './write.js';
import { bulkInsert } from './bulk-insert.js';
import { cascadedViews, columnDependents, relationsRead, viewsFollowingRename } from './dependencies.js';

function withCatalog(state: DbState, catalog: Catalog): DbState {
  return { catalog, tables: state.tables };
}

async function ddlState(ctx: CommandContext, tableIds: readonly number[] = []): Promise<DbState> {
  await ctx.txn.lockForWrite(tableIds, true);
  return ctx.txn.view();
}

/** Make sure the session's temp schema exists before a temp table goes into it. */
function ensureSchema(catalog: Catalog, name: string): Catalog {
  if (catalog.schema(name)) return catalog;
  const [id, next] = catalog.allocateOid();
  return next.withSchema({ id, name, owner: 'rdsdb', remarks: null });
}

export async function createSchema(stmt: ast.CreateSchema, ctx: CommandContext): Promise<CommandResult> {
  const state = await ddlState(ctx);
  if (state.catalog.schema(stmt.name)) {
    if (stmt.ifNotExists) {
      ctx.notice({ severity: 'NOTICE', code: '42P06', message: `schema "${stmt.name}" already exists, skipping` });
      return { command: 'CREATE SCHEMA', rowCount: 0 };
    }
    throw new SqlError(SqlState.duplicateSchema, `schema "${stmt.name}" already exists`, { position: stmt.pos });
  }
  const [id, catalog] = state.catalog.allocateOid();
  ctx.txn.apply(withCatalog(state, catalog.withSchema({ id, name: stmt.name, owner: stmt.authorization ?? ctx.session.user, remarks: null })), [], true);
  return { command: 'CREATE SCHEMA', rowCount: 0 };
}

export async function dropSchema(stmt: ast.DropSchema, ctx: CommandContext): Promise<CommandResult> {
  let state = await ddlState(ctx);
  const dropped: number[] = [];
  for (const name of stmt.names) {
    if (!state.catalog.schema(name)) {
      if (stmt.ifExists) {
        ctx.notice({ severity: 'NOTICE', code: '00000', message: `schema "${name}" does not exist, skipping` });
        continue;
      }
      throw new SqlError(SqlState.undefinedSchema, `schema "${name}" does not exist`, { position: stmt.pos });
    }
    const members = [...state.catalog.relations.values()].filter((r) => r.schema === name);
    let catalog: Catalog;
    try {
      catalog = state.catalog.withoutSchema(name, stmt.cascade);
    } catch (err) {
      throw err instanceof SqlError ? err.at(stmt.pos) : err;
    }
    // Views elsewhere that read the schema's relations go too (only CASCADE gets here with members).
    const outside = cascadedViews(state.catalog, members, stmt.cascade, (n) => ctx.notice(n), stmt.pos).filter((v) => v.schema !== name);
    state = withoutRelations(withCatalog(state, catalog), outside);
    for (const m of members) {
      state = withTable(state, m.id, null);
      dropped.push(m.id);
    }
  }
  ctx.txn.apply(state, dropped, true);
  return { command: 'DROP SCHEMA', rowCount: 0 };
}

export async function createTable(stmt: ast.CreateTable, ctx: CommandContext): Promise<CommandResult> {
  const state = await ddlState(ctx);
  let catalog = state.catalog;
  const schema = creationSchema(catalog, stmt.name.schema, stmt.temp, ctx.session.searchPath, ctx.session.tempSchema, stmt.name.pos);
  if (catalog.relation(schema, stmt.name.name)) {
    if (stmt.ifNotExists) {
      ctx.notice({ severity: 'NOTICE', code: '42P07', message: `relation "${stmt.name.name}" already exists, skipping` });
      return { command: 'CREATE TABLE', rowCount: 0 };
    }
    throw new SqlError(SqlState.duplicateTable, `relation "${stmt.name.name}" already exists`, { position: stmt.name.pos });
  }
  if (stmt.temp) catalog = ensureSchema(catalog, schema);
  let table: TableMeta;
  const [id, withOid] = catalog.allocateOid();
  catalog = withOid;
  if (stmt.like) {
    const parent = lookupTable(ctx, stmt.like.table);
    const columns = parent.columns.map((c) => ({ ...c, defaultExpr: stmt.like!.includingDefaults ? c.defaultExpr : null, identity: null }));
    const hasOwnAttrs = stmt.diststyle !== undefined || stmt.distkey !== undefined || stmt.sortkey !== undefined;
    const shape = hasOwnAttrs
      ? tableShape(columns, [], [], stmt, stmt.pos)
      : { columns, distStyle: parent.distStyle, effectiveDistStyle: parent.effectiveDistStyle, distKey: parent.distKey, sortKey: parent.sortKey };
    table = newTableMeta(id, schema, stmt.name.name, shape, [], stmt.temp, ctx.session.sessionId, stmt.backup ?? true);
  } else {
    const names = new Set<string>();
    for (const c of stmt.columns) {
      if (names.has(c.name)) throw new SqlError(SqlState.duplicateColumn, `column "${c.name}" specified more than once`, { position: c.pos });
      names.add(c.name);
    }
    const sortKeyNames = new Set([...stmt.columns.filter((c) => c.sortkey).map((c) => c.name), ...(stmt.sortkey?.columns ?? [])]);
    const columns = stmt.columns.map((c) => columnFromDef(c, sortKeyNames.has(c.name)));
    const shape = tableShape(
      columns,
      stmt.columns.filter((c) => c.distkey).map((c) => c.name),
      stmt.columns.filter((c) => c.sortkey).map((c) => c.name),
      stmt,
      stmt.pos,
    );
    table = newTableMeta(id, schema, stmt.name.name, shape, constraintsOf(stmt, columns, stmt.name.name), stmt.temp, ctx.session.sessionId, stmt.backup ?? true);
  }
  const next = withTable(withCatalog(state, catalog.withRelation(table)), id, emptyTableData(sliceCount(ctx.topology)));
  ctx.txn.apply(next, [id], true);
  return { command: 'CREATE TABLE', rowCount: 0 };
}

/** CREATE TABLE AS and SELECT INTO: the table takes the query's columns, then its rows. */
export async function createTableAs(
  target: { name: ast.QualifiedName; temp: boolean; ifNotExists: boolean; columnNames?: readonly string[]; attrs: ast.TableAttributes; pos: number },
  query: ast.Query,
  ctx: CommandContext,
  command: string,
): Promise<CommandResult> {
  const state0 = await ddlState(ctx);
  const env = ctx.statementEnv(state0);
  const out = await runQueryVectors(query, env);
  let catalog = state0.catalog;
  const schema = creationSchema(catalog, target.name.schema, target.temp, ctx.session.searchPath, ctx.session.tempSchema, target.pos);
  if (catalog.relation(schema, target.name.name)) {
    if (target.ifNotExists) return { command, rowCount: 0 };
    throw new SqlError(SqlState.duplicateTable, `relation "${target.name.name}" already exists`, { position: target.name.pos });
  }
  if (target.temp) catalog = ensureSchema(catalog, schema);
  const names = outputColumnNames(out.planned.names, target.columnNames, 'too many column names were specified', target.pos);
  const sortKeyNames = new Set(target.attrs.sortkey?.columns ?? []);
  const columns: ColumnMeta[] = names.map((name, i) => ({
    name,
    type: storableType(out.types[i]!),
    notNull: false,
    defaultExpr: null,
    identity: null,
    encoding: defaultEncoding(storableType(out.types[i]!), sortKeyNames.has(name)),
    remarks: null,
  }));
  const shape = tableShape(columns, [], [], inheritKeys(target.attrs, out.planned.inherited, names), target.pos);
  const [id, withOid] = catalog.allocateOid();
  const table = newTableMeta(id, schema, target.name.name, shape, [], target.temp, ctx.session.sessionId, target.attrs.backup ?? true);
  const created = withTable(withCatalog(state0, withOid.withRelation(table)), id, emptyTableData(sliceCount(ctx.topology)));
  const written = await bulkInsert(created, table, out, table.columns.map((_, i) => ({ kind: 'query', column: i })), ctx, env);
  ctx.txn.apply(written.state, [id], true);
  return { command, rowCount: written.rowCount };
}

/**
 * The columns of a table or view made from a query: its output names, the first ones renamed by the
 * statement's column list; as PostgreSQL 15, a list longer than the output (`tooMany`) and a name used
 * twice (42701) are errors.
 */
function outputColumnNames(queryNames: readonly string[], listed: readonly string[] | undefined, tooMany: string, pos: number): string[] {
  if (listed !== undefined && listed.length > queryNames.length) throw new SqlError(SqlState.syntaxError, tooMany, { position: pos });
  const names = queryNames.map((n, i) => listed?.[i] ?? n);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`, { position: pos });
    seen.add(name);
  }
  return names;
}

/** Without DISTKEY/SORTKEY clauses, CTAS takes the keys the query passes through from its source. */
function inheritKeys(attrs: ast.TableAttributes, inherited: InheritedKeys, names: readonly string[]): ast.TableAttributes {
  const out: { -readonly [K in keyof ast.TableAttributes]: ast.TableAttributes[K] } = { ...attrs };
  if (attrs.diststyle === undefined && attrs.distkey === undefined && inherited.distKey !== null) {
    out.diststyle = 'key';
    out.distkey = names[inherited.distKey];
  }
  if (attrs.sortkey === undefined && inherited.sortKey.length > 0) {
    out.sortkey = { style: 'compound', columns: inherited.sortKey.map((i) => names[i]!), auto: false };
  }
  return out;
}

/** Untyped literals become VARCHAR columns. */
function storableType(t: SqlType): SqlType {
  return t.kind === 'unknown' ? { kind: 'varchar', length: 256 } : t;
}

export async function dropTable(stmt: ast.DropTable, ctx: CommandContext): Promise<CommandResult> {
  const state = await ddlState(ctx);
  const tables: RelationMeta[] = [];
  for (const name of stmt.names) {
    const rel = findRelation(ctx, name);
    if (!rel) {
      if (stmt.ifExists) {
        ctx.notice({ severity: 'NOTICE', code: '00000', message: `table "${name.name}" does not exist, skipping` });
        continue;
      }
      throw new SqlError(SqlState.undefinedTable, `table "${qualified(name)}" does not exist`, { position: name.pos });
    }
    if (rel.kind !== 'table') throw new SqlError(SqlState.wrongObjectType, `"${rel.name}" is not a table`, { position: name.pos, hint: 'Use DROP VIEW to remove a view.' });
    tables.push(rel);
  }
  const views = cascadedViews(state.catalog, tables, stmt.cascade, (n) => ctx.notice(n), stmt.pos);
  ctx.txn.apply(withoutRelations(state, [...tables, ...views]), tables.map((t) => t.id), true);
  return { command: 'DROP TABLE', rowCount: 0 };
}

/** The state without the relations (and the tables' data); a relation named twice goes once. */
function withoutRelations(state: DbState, relations: readonly RelationMeta[]): DbState {
  let next = state;
  const gone = new Set<number>();
  for (const r of relations) {
    if (gone.has(r.id)) continue;
    gone.add(r.id);
    next = withCatalog(next, next.catalog.withoutRelation(r));
    if (r.kind === 'table') next = withTable(next, r.id, null);
  }
  return next;
}

export async function truncate(stmt: ast.Truncate, ctx: CommandContext): Promise<CommandResult> {
  const tables = stmt.names.map((n) => lookupTable(ctx, n));
  let state = await ddlState(ctx, tables.map((t) => t.id));
  for (const t of tables) state = withTable(state, t.id, emptyTableData(sliceCount(ctx.topology)));
  ctx.txn.apply(state, tables.map((t) => t.id), false);
  return { command: 'TRUNCATE TABLE', rowCount: 0 };
}

export async function alterTable(stmt: ast.AlterTable, ctx: CommandContext): Promise<CommandResult> {
  const rel = findRelation(ctx, stmt.name);
  if (!rel) {
    if (stmt.ifExists) return { command: 'ALTER TABLE', rowCount: 0 };
    throw new SqlError(SqlState.undefinedTable, `relation "${qualified(stmt.name)}" does not exist`, { position: stmt.name.pos });
  }
  if (rel.kind !== 'table') throw new SqlError(SqlState.wrongObjectType, `"${rel.name}" is not a table`, { position: stmt.name.pos });
  const state = await ddlState(ctx, [rel.id]);
  const a = stmt.action;
  const replace = (table: TableMeta, data = state.tables.get(rel.id)!): void => {
    const next = withTable(withCatalog(state, state.catalog.replacingRelation(rel, table)), rel.id, data);
    ctx.txn.apply(next, [rel.id], true);
  };
  switch (a.kind) {
    case 'addColumn': {
      if (rel.columns.some((c) => c.name === a.column.name)) {
        throw new SqlError(SqlState.duplicateColumn, `column "${a.column.name}" of relation "${rel.name}" already exists`, { position: a.pos });
      }
      const col = columnFromDef(a.column, false);
      const value = col.defaultExpr ? evaluateRows([[col.defaultExpr as ast.Expr]], [col.type], ctx.statementEnv(state))[0]![0] : null;
      if (value === null && col.notNull && state.tables.get(rel.id)!.slices.some((s) => s.rowCount > 0)) {
        throw new SqlError(SqlState.notNullViolation, `column "${col.name}" contains null values`, { position: a.pos });
      }
      replace({ ...rel, columns: [...rel.columns, col] }, addColumn(state.tables.get(rel.id)!, col.type, value));
      break;
    }
    case 'dropColumn': {
      if (a.ifExists && !rel.columns.some((c) => c.name === a.name)) return { command: 'ALTER TABLE', rowCount: 0 };
      const i = columnOrdinal(rel, a.name, a.pos);
      if (rel.distKey === i) throw new SqlError(SqlState.featureNotSupported, `cannot drop distkey column "${a.name}"`, { position: a.pos });
      if (rel.columns.length === 1) throw new SqlError(SqlState.featureNotSupported, 'cannot drop the only column of a table', { position: a.pos });
      const readsColumn = (view: ViewMeta): boolean => viewReadsColumn(view, rel.id, i, ctx.statementEnv(state));
      const views = columnDependents(state.catalog, rel, a.name, readsColumn, a.cascade, (n) => ctx.notice(n), a.pos);
      const shift = (k: number): number => (k > i ? k - 1 : k);
      const table: TableMeta = {
        ...rel,
        columns: rel.columns.filter((_, k) => k !== i),
        distKey: rel.distKey === null ? null : shift(rel.distKey),
        sortKey: { ...rel.sortKey, columns: rel.sortKey.columns.filter((k) => k !== i).map(shift) },
      };
      const withoutViews = withoutRelations(state, views);
      // The views that stay do not read the column: it leaves their record of the table too.
      const catalog = viewsChanged(withoutViews.catalog, (v) => droppedFromView(v, rel.id, a.name)).replacingRelation(rel, table);
      const next = withTable(withCatalog(withoutViews, catalog), rel.id, dropColumn(state.tables.get(rel.id)!, i));
      ctx.txn.apply(next, [rel.id], true);
      break;
    }
    case 'renameColumn': {
      const i = columnOrdinal(rel, a.from, a.pos);
      if (rel.columns.some((c) => c.name === a.to)) throw new SqlError(SqlState.duplicateColumn, `column "${a.to}" of relation "${rel.name}" already exists`, { position: a.pos });
      // The views on the table keep reading the column under the name their text uses (as PostgreSQL's do).
      const catalog = viewsChanged(state.catalog, (v) => renamedInView(v, rel.id, a.from, a.to));
      const table: TableMeta = { ...rel, columns: rel.columns.map((c, k) => (k === i ? { ...c, name: a.to } : c)) };
      ctx.txn.apply(withCatalog(state, catalog.replacingRelation(rel, table)), [rel.id], true);
      break;
    }
    case 'renameTable': {
      // The views on the table keep reading it under its new name.
      const catalog = viewsFollowingRename(state.catalog, rel, a.to, ctx.session.searchPath).replacingRelation(rel, { ...rel, name: a.to });
      ctx.txn.apply(withCatalog(state, catalog), [rel.id], true);
      break;
    }
    case 'ownerTo':
      // Slicewise has no users to own tables (pg_class shows the session's user); say so rather than pretend.
      ctx.notice({ severity: 'NOTICE', code: '00000', message: `ALTER TABLE ... OWNER TO is accepted but not emulated: Slicewise keeps no table owners ("${a.owner}" is not recorded)` });
      break;
    case 'alterColumnEncode': {
      const i = columnOrdinal(rel, a.column, a.pos);
      replace({ ...rel, columns: rel.columns.map((c, k) => (k === i ? { ...c, encoding: a.encode } : c)) });
      break;
    }
    case 'alterDistStyle':
    case 'alterSortKey':
    case 'addConstraint':
    case 'alterColumnType':
      throw new SqlError(SqlState.featureNotSupported, `ALTER TABLE ${a.kind.replace(/[A-Z]/g, (m) => ' ' + m).toUpperCase()} is not supported yet in Slicewise`, {
        position: a.pos,
      });
  }
  return { command: 'ALTER TABLE', rowCount: 0 };
}

/** The catalog with every view passed through `change` (those it returns as they were stay untouched). */
function viewsChanged(catalog: Catalog, change: (view: ViewMeta) => ViewMeta): Catalog {
  let next = catalog;
  for (const r of catalog.relations.values()) {
    if (r.kind !== 'view') continue;
    const changed = change(r);
    if (changed !== r) next = next.replacingRelation(r, changed);
  }
  return next;
}

/** Whether a view's query reads column `column` of table `tableId` (by name or `*`); a view that no longer binds reads nothing. */
function viewReadsColumn(view: ViewMeta, tableId: number, column: number, env: StatementEnv): boolean {
  const stmt = parseStatement(view.queryText);
  if (stmt.kind !== 'query') return false;
  try {
    return queryColumnUses(stmt.query, env, view.baseTables).has(tableId, column);
  } catch {
    return false;
  }
}

export async function createView(stmt: ast.CreateView, ctx: CommandContext): Promise<CommandResult> {
  if (stmt.materialized) throw new SqlError(SqlState.featureNotSupported, 'materialized views are not supported yet in Slicewise', { position: stmt.pos });
  // A recursive CTE's rows are computed before its statement is planned; a view's query is planned inside another's.
  const recursive = relationRefs(stmt.query).recursiveWiths[0];
  if (recursive) throw new SqlError(SqlState.featureNotSupported, 'WITH RECURSIVE in a view is not supported yet in Slicewise', { position: recursive.pos });
  const state = await ddlState(ctx);
  const columns = viewColumns(stmt, state, ctx);
  const schema = creationSchema(state.catalog, stmt.name.schema, false, ctx.session.searchPath, ctx.session.tempSchema, stmt.name.pos);
  const existing = state.catalog.relation(schema, stmt.name.name);
  if (existing && !(stmt.orReplace && existing.kind === 'view')) {
    throw new SqlError(SqlState.duplicateTable, `relation "${stmt.name.name}" already exists`, { position: stmt.name.pos });
  }
  const [id, catalog] = existing ? [existing.id, state.catalog] : state.catalog.allocateOid();
  const dependsOn = stmt.noSchemaBinding ? [] : relationsRead(stmt.query, state.catalog, ctx.session.searchPath);
  const view: ViewMeta = {
    kind: 'view',
    id,
    schema,
    name: stmt.name.name,
    queryText: stmt.queryText,
    columnNames: stmt.columnNames ?? null,
    columns,
    noSchemaBinding: stmt.noSchemaBinding,
    dependsOn,
    baseTables: dependsOn.flatMap((rid) => {
      const r = state.catalog.relationById(rid);
      return r?.kind === 'table' ? [{ table: rid, columns: r.columns.map((c) => ({ name: c.name, asWritten: c.name })) }] : [];
    }),
    remarks: null,
    createdAt: Date.now() * 1000,
  };
  const next = existing ? catalog.replacingRelation(existing, view) : catalog.withRelation(view);
  ctx.txn.apply(withCatalog(state, next), [], true);
  return { command: 'CREATE VIEW', rowCount: 0 };
}

/**
 * A view's output columns, its query bound now. A late-binding view (WITH NO SCHEMA BINDING) must name
 * every relation with its schema, and the schemas must exist, but what it reads need not exist yet
 * (dg:r_CREATE_VIEW.md): its columns are then unknown until it is queried.
 */
function viewColumns(stmt: ast.CreateView, state: DbState, ctx: CommandContext): ViewMeta['columns'] {
  const describe = (): ViewMeta['columns'] => {
    const described = describeQuery(stmt.query, ctx.statementEnv(state));
    const names = outputColumnNames(described.names, stmt.columnNames, 'CREATE VIEW specifies more column names than columns', stmt.pos);
    return names.map((name, i) => ({ name, type: described.physical.types[i]! }));
  };
  if (!stmt.noSchemaBinding) return describe();
  const refs = relationRefs(stmt.query);
  for (const { name } of refs.tables) {
    if (name.schema === undefined) {
      if (refs.cteNames.has(name.name)) continue;
      // The guide states the rule; the message is Slicewise's.
      throw new SqlError(SqlState.syntaxError, `relation "${name.name}" in a view WITH NO SCHEMA BINDING must be qualified with a schema name`, { position: name.pos });
    }
    if (!state.catalog.schema(name.schema) && name.schema !== 'pg_catalog' && name.schema !== 'information_schema') {
      throw new SqlError(SqlState.undefinedSchema, `schema "${name.schema}" does not exist`, { position: name.pos });
    }
  }
  try {
    return describe();
  } catch (err) {
    if (err instanceof SqlError && (err.code === SqlState.undefinedTable || err.code === SqlState.undefinedColumn)) return [];
    throw err;
  }
}

export async function dropView(stmt: ast.DropView, ctx: CommandContext): Promise<CommandResult> {
  const state = await ddlState(ctx);
  const views: RelationMeta[] = [];
  for (const name of stmt.names) {
    const view = lookupView(ctx, name);
    if (!view) {
      if (stmt.ifExists) {
        ctx.notice({ severity: 'NOTICE', code: '00000', message: `view "${name.name}" does not exist, skipping` });
        continue;
      }
      throw new SqlError(SqlState.undefinedTable, `view "${qualified(name)}" does not exist`, { position: name.pos });
    }
    views.push(view);
  }
  const dependents = cascadedViews(state.catalog, views, stmt.cascade, (n) => ctx.notice(n), stmt.pos);
  ctx.txn.apply(withoutRelations(state, [...views, ...dependents]), [], true);
  return { command: 'DROP VIEW', rowCount: 0 };
}

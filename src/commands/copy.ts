/**
 * COPY: a parallel load from the object store, all or nothing (reference §1).
 *
 * The leader resolves the sources (key prefix or manifest), deals the files round-robin to the
 * slices, and sends each compute node one scan task: every slice reads its own files, one at a
 * time, and deals the parsed rows to their destination slices by the table's distribution style.
 * Then each destination slice builds its blocks on its own node (sorted by the sort key). The new
 * table version is installed in the statement's transaction only when no limit was exceeded; the
 * load's log rows (STL_LOAD_ERRORS, STL_REPLACEMENTS, STL_LOAD_COMMITS, STL_FILE_SCAN) are kept either way.
 */
import type { TableMeta } from '../catalog/relation.js';
import type { CopyFile, CopyScanReply, CopyScanTask, FileScanStat, SliceLoadError, SliceReplacement } from '../exec/copy-task.js';
import type { LoadColumn } from '../io/convert/contract.js';
import type { DataFormat } from '../io/load-options.js';
import { parseJsonPath } from '../io/formats/index.js';
import { listObjects, readObjectText, resolveManifest, type ObjectStoreConfig, type StoredObject } from '../io/object-store.js';
import { evaluateRows, nodeOfSlice, releaseSharedMemory, sliceCount, type StatementEnv, type Topology } from '../leader/index.js';
import type { LoadErrorEntry, LoadFileEntry, LoadHistoryEntry, LoadReplacementEntry } from '../leader/load-log.js';
import type * as ast from '../sql/ast.js';
import { packedBytes, unpackVectorGroups, vectorFromValues } from '../storage/index.js';
import { SqlError, SqlState } from '../types/index.js';
import type { ColumnVector } from '../types/column-vector.js';
import type { CommandContext, CommandResult } from './context.js';
import { planCopy, type CopyPlan } from './copy-options.js';
import { CopyProgressTracker } from './copy-progress.js';
import { columnOrdinal, lookupTable } from './lookup.js';
import { appendBuilt, buildSlices } from './build-slices.js';
import { identityValues, placementOf } from './write.js';

const SUPERUSER_ID = 100;

export async function copy(stmt: ast.Copy, ctx: CommandContext): Promise<CommandResult> {
  const plan = planCopy(stmt);
  const store = ctx.copy.store;
  if (store === null) {
    throw new SqlError(SqlState.featureNotSupported, 'COPY needs an object store: start the cluster with an S3 root (Cluster.start({ s3Root }), or --s3-root)', { position: stmt.pos });
  }
  const table = lookupTable(ctx, stmt.table);
  const env = ctx.statementEnv(ctx.txn.view());
  const columns = loadColumns(table, stmt, plan, env);
  const fieldNames = columns.flatMap((c) => (c.source.kind === 'field' ? [c.name] : []));
  const format = await resolveFormat(plan, store, fieldNames.length, stmt);
  const objects = await sourceObjects(plan, store, stmt);

  await ctx.txn.lockForWrite([table.id], false);
  const state = ctx.txn.view();
  const log = ctx.statementEnv(state).log;
  const entry = log.start(ctx.session, ctx.txn.xid, ctx.statementText);
  ctx.recordCopy(entry.query, 0);
  const history = log.loads.startLoad({
    userid: SUPERUSER_ID, query: entry.query, xid: ctx.txn.xid, session: ctx.session.sessionId, database: ctx.session.database,
    status: 'running', tableName: table.name, startTime: entry.startTime, endTime: null, dataSource: plan.source, fileFormat: historyFormat(format),
    sourceFileCount: objects.length, sourceFileBytes: objects.reduce((n, o) => n + o.size, 0),
    loadedRows: 0, loadedBytes: 0, fileCountScanned: 0, fileBytesScanned: 0, errorCount: 0,
  });
  const topology = ctx.topology;
  const slices = sliceCount(topology);
  const files = dealFiles(splitIntoRanges(objects, plan, format, ctx), topology);
  const tracker = new CopyProgressTracker(table.name, entry.query, topology, files, store.throughput !== null, ctx.copy.onProgress);
  const limit = errorLimit(plan, ctx.copy.maxErrorRule);
  const scanTask = (node: number): CopyScanTask => ({
    query: entry.query,
    store,
    load: { ...plan.load, format },
    columns,
    fieldNames,
    placement: placementOf(table),
    sliceCount: slices,
    slicesPerNode: topology.slicesPerNode,
    work: files.flatMap((list, slice) => (nodeOfSlice(topology, slice) === node && list.length > 0 ? [{ slice, files: list }] : [])),
    errorLimit: limit,
    counters: tracker.counters,
  });
  // Nodes whose slices have no file get no task.
  const tasks = Array.from({ length: topology.nodes }, (_, node) => [node, scanTask(node)] as const).filter(([, t]) => t.work.length > 0);
  const starttime = entry.startTime;
  if (env.cancel) env.cancel.queryId = entry.query;
  // A cancel stops every reading slice at its next chunk, as a failed node does.
  const unsubscribe = env.cancel?.onCancel(() => tracker.stop());
  let replies: CopyScanReply[];
  try {
    const scans = tasks.map(([node, task]) =>
      env.runner.copyScan(node, task).catch((err: unknown) => {
        // One node failed: the others stop reading rather than finish a load that cannot commit.
        tracker.stop();
        throw err;
      }),
    );
    replies = await tracker.track(Promise.all(scans));
  } catch (err) {
    const failed = new SqlError(SqlState.internalError, `COPY failed: ${(err as Error).message}`, { detail: 'A compute node failed while reading the files; nothing was loaded.' });
    log.finish(entry, { error: failed });
    endLoad(history, 'aborted');
    throw failed;
  } finally {
    unsubscribe?.();
  }
  if (env.cancel?.cancelled) {
    const canceled = env.cancel.error();
    log.finish(entry, { error: canceled });
    endLoad(history, 'aborted');
    throw canceled;
  }
  try {
    const ok = replies.map((r) => {
      if (!r.ok) throw SqlError.fromJSON(r.error);
      return r;
    });
    const errors = ok.flatMap((r) => r.errors);
    const fatal = ok.find((r) => r.fatal !== null)?.fatal ?? null;
    const fileStats = ok.flatMap((r) => r.files);
    const context = { userid: SUPERUSER_ID, query: entry.query, session: ctx.session.sessionId, tbl: table.id, starttime };
    log.loads.addErrors([...errors, ...(fatal ? [fatal] : [])].map((e) => errorEntry(e, context)));
    log.loads.addReplacements(ok.flatMap((r) => r.replacements).map((e) => replacementEntry(e, context)));
    log.loads.addFiles(fileStats.map((f) => fileEntry(f, format, context)));
    history.fileCountScanned = fileStats.length;
    history.fileBytesScanned = fileStats.reduce((n, f) => n + f.bytes, 0);
    history.errorCount = errors.length + (fatal ? 1 : 0);
    if (fatal !== null || (limit !== null && errors.length >= limit)) throw loadFailed(table, fatal ?? errors[0]!, entry.query);
    const rows = ok.reduce((n, r) => n + r.rows, 0);
    if (plan.noLoad) {
      log.finish(entry);
      endLoad(history, 'completed');
      ctx.notice({ severity: 'INFO', code: '00000', message: `Load into table '${table.name}' completed, ${rows} record(s) validated, none loaded (NOLOAD).` });
      return { command: 'COPY', rowCount: 0 };
    }
    const groups = ok.map((r) => unpackVectorGroups(r.groups));
    fillIdentities(groups.flat(), table, columns, ctx);
    const built = await buildSlices(mergeDestinations(ok, groups), table, topology, env.runner);
    ctx.txn.apply(appendBuilt(state, table, built, topology), [table.id], false);
    log.finish(entry);
    history.loadedRows = rows;
    history.loadedBytes = history.fileBytesScanned;
    endLoad(history, 'completed');
    ctx.recordCopy(entry.query, rows);
    for (const name of plan.acceptedOnly) {
      ctx.notice({ severity: 'NOTICE', code: '00000', message: `${name} is accepted but not emulated: Slicewise keeps no compression encodings or optimizer statistics to update` });
    }
    ctx.notice({ severity: 'INFO', code: '00000', message: `Load into table '${table.name}' completed, ${rows} record(s) loaded successfully.` });
    // "COPY returns the number of rows that contained invalid UTF-8 characters" (ACCEPTINVCHARS), all of them, not only those logged.
    const replacedRows = ok.reduce((n, r) => n + r.replacedRows, 0);
    if (replacedRows > 0) {
      ctx.notice({
        severity: 'INFO',
        code: '00000',
        message: `Load into table '${table.name}' completed, ${replacedRows} record(s) were loaded with replacements made for ACCEPTINVCHARS. Check 'stl_replacements' system table for details.`,
      });
    }
    if (errors.length > 0) {
      ctx.notice({ severity: 'INFO', code: '00000', message: `Load into table '${table.name}' completed, ${errors.length} record(s) could not be loaded.  Check 'stl_load_errors' system table for details.` });
    }
    return { command: 'COPY', rowCount: rows };
  } catch (err) {
    // The load failed after its scans: the limit reached, a node's error, a failed build.
    if (entry.running) log.finish(entry, { error: err });
    throw err;
  } finally {
    // A load that did not complete (limit reached, a build failed) is aborted.
    if (history.status === 'running') endLoad(history, 'aborted');
    // The row groups are garbage once the blocks are built (or the load failed).
    releaseSharedMemory(rowGroupBytes(replies));
  }
}

/** A COPY's end in SYS_LOAD_HISTORY. */
function endLoad(history: LoadHistoryEntry, status: 'completed' | 'aborted'): void {
  history.status = status;
  history.endTime = Date.now() * 1000;
}

/** SYS_LOAD_HISTORY.file_format: 'txt' for delimited text and fixed-width, else the format's name. */
function historyFormat(format: DataFormat): string {
  switch (format.kind) {
    case 'text':
    case 'fixedwidth':
      return 'txt';
    case 'csv':
    case 'json':
    case 'parquet':
      return format.kind;
  }
}

/**
 * Where each table column's value comes from: the fields in column-list order (all columns without
 * a list, IDENTITY columns only with EXPLICIT_IDS), or a constant — the column's DEFAULT, else NULL.
 */
function loadColumns(table: TableMeta, stmt: ast.Copy, plan: CopyPlan, env: StatementEnv): LoadColumn[] {
  const isIdentity = (i: number): boolean => table.columns[i]!.identity !== null;
  let fed: number[];
  if (stmt.columns) {
    fed = stmt.columns.map((name) => {
      const i = columnOrdinal(table, name, stmt.table.pos);
      if (isIdentity(i) && !plan.explicitIds && !table.columns[i]!.identity!.generatedByDefault) {
        throw new SqlError(SqlState.featureNotSupported, `cannot set an identity column to a value: use EXPLICIT_IDS to load column "${name}"`, { position: stmt.pos });
      }
      return i;
    });
    const dup = fed.find((c, k) => fed.indexOf(c) !== k);
    if (dup !== undefined) throw new SqlError(SqlState.duplicateColumn, `column "${table.columns[dup]!.name}" specified more than once`, { position: stmt.pos });
  } else {
    fed = table.columns.map((_, i) => i).filter((i) => plan.explicitIds || !isIdentity(i));
  }
  const omitted = table.columns.map((_, i) => i).filter((i) => !fed.includes(i) && !isIdentity(i));
  const defaults = evaluateRows(
    [omitted.map((i) => (table.columns[i]!.defaultExpr as ast.Expr | null) ?? { kind: 'literal', type: 'null', value: null, pos: stmt.pos })],
    omitted.map((i) => table.columns[i]!.type),
    env,
  );
  for (const i of omitted) {
    const c = table.columns[i]!;
    if (c.notNull && (defaults[omitted.indexOf(i)]![0] ?? null) === null) {
      throw new SqlError(SqlState.notNullViolation, `Cannot load NULL into NOT NULL column "${c.name}": it is not in the column list and has no DEFAULT`, { position: stmt.pos });
    }
  }
  return table.columns.map((c, i) => ({
    name: c.name,
    type: c.type,
    notNull: c.notNull,
    source: fed.includes(i) ? { kind: 'field', field: fed.indexOf(i) } : { kind: 'constant', value: isIdentity(i) ? null : defaults[omitted.indexOf(i)]![0] ?? null },
  }));
}

/** The data format, with a JSONPaths file read and checked against the target columns. */
async function resolveFormat(plan: CopyPlan, store: ObjectStoreConfig, fields: number, stmt: ast.Copy): Promise<DataFormat> {
  const format = plan.load.format;
  if (format.kind === 'fixedwidth' && format.columns.length !== fields) {
    throw new SqlError(SqlState.invalidParameterValue, `FIXEDWIDTH specification has ${format.columns.length} columns, the table or column list has ${fields}`, { position: stmt.pos });
  }
  if (plan.jsonPathsUrl === null) return format;
  const text = await readObjectText(store, plan.jsonPathsUrl);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SqlError(SqlState.internalError, `Invalid JSONPath format: the JSONPaths file ${plan.jsonPathsUrl} is not valid JSON`);
  }
  const paths = (parsed as { jsonpaths?: unknown }).jsonpaths;
  // A file whose top-level key is not "jsonpaths" makes COPY fall back to 'auto' (reference §1.4.1).
  if (paths === undefined) return { kind: 'json', mode: 'auto' };
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) {
    throw new SqlError(SqlState.internalError, 'Invalid JSONPath format: "jsonpaths" must be an array of strings');
  }
  if (paths.length !== fields) {
    throw new SqlError(SqlState.internalError, `Number of jsonpaths and the number of columns should match. JSONPath size: ${paths.length}, Number of columns in table or column list: ${fields}`);
  }
  // A malformed path fails here, on the leader, before any slice starts reading.
  for (const p of paths as string[]) parseJsonPath(p);
  return { kind: 'json', mode: 'jsonpaths', paths: paths as string[] };
}

async function sourceObjects(plan: CopyPlan, store: ObjectStoreConfig, stmt: ast.Copy): Promise<StoredObject[]> {
  if (plan.manifest) return (await resolveManifest(store, plan.source)).files;
  const objects = await listObjects(store, plan.source);
  if (objects.length === 0) {
    throw new SqlError(SqlState.internalError, `The specified S3 prefix '${plan.source.replace(/^s3:\/\/[^/]+\/?/, '')}' does not exist`, {
      detail: `No object in the object store has a key starting with ${plan.source}.`,
      position: stmt.pos,
    });
  }
  return objects;
}

/**
 * With scan ranges on, a large uncompressed delimited file becomes several ranges that different
 * slices read (newer Redshift; off by default so the classic one-file-one-slice effect shows).
 */
function splitIntoRanges(objects: readonly StoredObject[], plan: CopyPlan, format: DataFormat, ctx: CommandContext): CopyFile[] {
  const ranges = ctx.copy.scanRanges;
  const splittable = ranges !== null && plan.load.compression === 'none' && format.kind === 'text' && !format.escape && !format.removeQuotes;
  return objects.flatMap((o) => {
    if (!splittable || o.size < ranges.minFileBytes) return [{ url: o.url, size: o.size, start: 0, end: null, partial: false }];
    const parts: CopyFile[] = [];
    for (let start = 0; start < o.size; start += ranges.rangeBytes) {
      parts.push({ url: o.url, size: o.size, start, end: Math.min(start + ranges.rangeBytes, o.size), partial: true });
    }
    return parts;
  });
}

/**
 * Files dealt round-robin to slices in key order, nodes taking turns (node 0's first slice, node 1's
 * first slice, ..., node 0's second slice, ...), so two files already keep two nodes busy; each slice
 * reads its list one file at a time.
 */
function dealFiles(files: readonly CopyFile[], topology: Topology): CopyFile[][] {
  const slices = sliceCount(topology);
  const order = Array.from({ length: slices }, (_, i) => (i % topology.nodes) * topology.slicesPerNode + Math.floor(i / topology.nodes));
  const out: CopyFile[][] = Array.from({ length: slices }, () => []);
  files.forEach((f, i) => out[order[i % slices]!]!.push(f));
  return out;
}

/**
 * The error count at which the load fails. The guide says a load fails when it returns MAXERROR
 * "or greater" errors, and that 0 and 1 are equivalent: errors >= max(n, 1) ('documented', the
 * default). The common reading — tolerate up to n bad records — is the 'allow-n' rule.
 */
function errorLimit(plan: CopyPlan, rule: 'documented' | 'allow-n'): number | null {
  if (plan.maxError === null) return null;
  return rule === 'documented' ? Math.max(plan.maxError, 1) : plan.maxError + 1;
}

/** Each destination slice's row groups from every reply (`groups[r]`: reply r's groups, identities filled). */
function mergeDestinations(replies: readonly Extract<CopyScanReply, { ok: true }>[], groups: readonly (readonly ColumnVector[])[][]): Map<number, (readonly ColumnVector[])[]> {
  const out = new Map<number, (readonly ColumnVector[])[]>();
  replies.forEach((r, k) => {
    for (const [dest, indexes] of Object.entries(r.perDestination)) {
      const list = out.get(Number(dest)) ?? [];
      for (const g of indexes) list.push(groups[k]![g]!);
      out.set(Number(dest), list);
    }
  });
  return out;
}

/** The shared memory the scan replies' row groups hold (groups dealt together share buffers). */
function rowGroupBytes(replies: readonly CopyScanReply[]): number {
  return replies.reduce((n, r) => n + (r.ok ? packedBytes(r.groups) : 0), 0);
}

/** IDENTITY columns not loaded from the file get fresh values (unique, not consecutive, as in Redshift). */
function fillIdentities(groups: readonly ColumnVector[][], table: TableMeta, columns: readonly LoadColumn[], ctx: CommandContext): void {
  table.columns.forEach((c, i) => {
    if (c.identity === null || columns[i]!.source.kind === 'field') return;
    for (const g of groups) g[i] = vectorFromValues(c.type, identityValues(table, i, g[i]!.length, ctx.counters), true);
  });
}

interface LogContext {
  readonly userid: number;
  readonly query: number;
  readonly session: number;
  readonly tbl: number;
  readonly starttime: number;
}

function errorEntry(e: SliceLoadError, c: LogContext): LoadErrorEntry {
  return {
    userid: c.userid, slice: e.slice, tbl: c.tbl, starttime: c.starttime, session: c.session, query: c.query, filename: e.url,
    lineNumber: e.lineNumber, colname: e.colname, type: e.type, colLength: e.colLength, position: e.position, rawLine: e.rawLine,
    rawFieldValue: e.rawFieldValue, errCode: e.code, errReason: e.reason, isPartial: e.partial, startOffset: e.startOffset, fields: e.fields,
  };
}

function fileEntry(f: FileScanStat, format: DataFormat, c: LogContext): LoadFileEntry {
  return {
    userid: c.userid, query: c.query, session: c.session, slice: f.slice, filename: f.file.url, key: f.file.url.replace(/^s3:\/\/[^/]+\//, ''),
    bytes: f.bytes, lines: f.lines, errors: f.errors, startTime: f.startTime, endTime: f.endTime,
    fileFormat: format.kind === 'json' ? 'JSON' : format.kind === 'parquet' ? 'Parquet' : 'Text',
    isPartial: f.file.partial, startOffset: f.file.start,
  };
}

function replacementEntry(e: SliceReplacement, c: LogContext): LoadReplacementEntry {
  return {
    userid: c.userid, query: c.query, slice: e.slice, tbl: c.tbl, starttime: c.starttime, session: c.session, filename: e.url,
    lineNumber: e.lineNumber, colname: e.colname, rawLine: e.rawLine,
  };
}

/** Redshift's failure: the ERROR line points at STL_LOAD_ERRORS; the DETAIL block shows the first error. */
function loadFailed(table: TableMeta, first: SliceLoadError, query: number): SqlError {
  const detail = [
    '',
    '  -----------------------------------------------',
    `  error:  ${first.reason}`,
    `  code:      ${first.code}`,
    `  context:   ${first.rawFieldValue || first.rawLine}`,
    `  query:     ${query}`,
    `  location:  ${first.url}${first.lineNumber >= 0 ? `:${first.lineNumber}` : ''}`,
    `  process:   slice ${first.slice}`,
    '  -----------------------------------------------',
  ].join('\n');
  return new SqlError(SqlState.internalError, `Load into table '${table.name}' failed.  Check 'stl_load_errors' system table for details.`, { detail });
}

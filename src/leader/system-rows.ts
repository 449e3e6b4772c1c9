/**
 * Rows of the system tables, computed from the catalog, the slices and the query log at the moment a
 * query reads them. Values are engine values of the columns' types (catalog/system-tables.ts).
 */
import { distStyleCode, distStyleText, type TableMeta } from '../catalog/relation.js';
import type { SystemTableDef } from '../catalog/system-tables.js';
import type { Batch } from '../exec/spec.js';
import { liveRowCount, type SliceData } from '../storage/index.js';
import { SqlError, SqlState } from '../types/errors.js';
import type { StatementEnv } from './query.js';
import { nodeOfSlice, sliceCount } from './task.js';

type Row = unknown[];

export function systemRows(def: SystemTableDef, env: StatementEnv): Batch {
  const rows = rowsOf(def.name, env);
  const columns: unknown[][] = def.columns.map(() => []);
  for (const r of rows) r.forEach((v, i) => columns[i]!.push(v));
  return { columns, rowCount: rows.length };
}

function rowsOf(name: string, env: StatementEnv): Row[] {
  switch (name) {
    case 'stv_slices':
      return stvSlices(env);
    case 'stv_tbl_perm':
      return stvTblPerm(env);
    case 'svv_table_info':
      return svvTableInfo(env);
    case 'svl_query_report':
      return svlQueryReport(env);
    case 'stl_query':
      return stlQuery(env);
    default:
      throw new SqlError(SqlState.featureNotSupported, `system table ${name} is not emulated`);
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s.padEnd(n, ' ');
}

function stvSlices(env: StatementEnv): Row[] {
  const out: Row[] = [];
  for (let slice = 0; slice < sliceCount(env.topology); slice++) {
    out.push([nodeOfSlice(env.topology, slice), slice, slice % env.topology.slicesPerNode, 'D']);
  }
  return out;
}

/** User tables visible to the session: permanent ones and its own temp tables. */
function visibleTables(env: StatementEnv): TableMeta[] {
  return env.state.catalog.tables().filter((t) => !t.temp || t.ownerSession === env.session.sessionId);
}

function slicesOf(env: StatementEnv, t: TableMeta): readonly SliceData[] {
  return env.state.tables.get(t.id)?.slices ?? [];
}

function stvTblPerm(env: StatementEnv): Row[] {
  const out: Row[] = [];
  for (const t of visibleTables(env)) {
    slicesOf(env, t).forEach((s, slice) => {
      out.push([
        slice,
        t.id,
        pad(t.name, 72),
        BigInt(s.rowCount),
        BigInt(s.sortedRows),
        t.temp ? 1 : 0,
        100001,
        0,
        0,
        t.backup ? 1 : 0,
        distStyleCode(t),
        s.blocks.length * (t.columns.length + 3),
      ]);
    });
  }
  return out;
}

function svvTableInfo(env: StatementEnv): Row[] {
  const out: Row[] = [];
  for (const t of visibleTables(env)) {
    const slices = slicesOf(env, t);
    const total = slices.reduce((n, s) => n + s.rowCount, 0);
    // Redshift lists only non-empty tables.
    if (total === 0) continue;
    const live = slices.reduce((n, s) => n + liveRowCount(s), 0);
    const sorted = slices.reduce((n, s) => n + s.sortedRows, 0);
    const counts = slices.map((s) => s.rowCount);
    const max = Math.max(...counts);
    const min = Math.min(...counts);
    const skew = t.effectiveDistStyle === 'all' || min === 0 ? null : BigInt(Math.round((max / min) * 100));
    const sortCol = t.sortKey.columns[0];
    const sortkey1 = sortCol === undefined ? (t.sortKey.auto ? 'AUTO(SORTKEY)' : null) : t.columns[sortCol]!.name;
    const varchars = t.columns.filter((c) => c.type.kind === 'varchar').map((c) => (c.type.kind === 'varchar' ? c.type.length : 0));
    const blocks = slices.reduce((n, s) => n + s.blocks.length * (t.columns.length + 3), 0);
    const unsorted = t.sortKey.columns.length === 0 ? null : BigInt(Math.round(((total - sorted) / total) * 10000));
    out.push([
      'dev',
      t.schema,
      t.id,
      t.name,
      t.columns.some((c) => c.encoding !== 'raw' && c.encoding !== 'none') ? 'Y' : 'N',
      distStyleText(t),
      sortkey1,
      varchars.length ? Math.max(...varchars) : null,
      sortCol === undefined ? null : pad(t.columns[sortCol]!.encoding, 32),
      t.sortKey.columns.length,
      BigInt(blocks),
      0n,
      unsorted,
      0n,
      BigInt(total),
      null,
      skew,
      BigInt(live),
    ]);
  }
  return out;
}

function svlQueryReport(env: StatementEnv): Row[] {
  const out: Row[] = [];
  for (const e of env.log.entries) {
    if (e.sessionId !== env.session.sessionId) continue;
    for (const t of e.tasks) {
      out.push([e.query, t.slice, t.fragment, 0, e.startTime, e.endTime, BigInt(Math.round(t.elapsedMs * 1000)), BigInt(t.rows), pad('fragment', 256), 'f', t.ranOnNode]);
    }
  }
  return out;
}

function stlQuery(env: StatementEnv): Row[] {
  return env.log.entries
    .filter((e) => e.sessionId === env.session.sessionId)
    .map((e) => [100, e.query, pad('default', 320), 0n, e.sessionId, pad('dev', 32), pad(e.text.slice(0, 4000), 4000), e.startTime, e.endTime, e.aborted ? 1 : 0]);
}

/** Rows of the STV_/STL_/SVV_/SVL_ monitoring relations: slices, table storage, the query log. */
import { distStyleCode, distStyleText, type TableMeta } from '../../catalog/relation.js';
import { ADMIN_USER_ID, DATABASE_OID } from '../../catalog/system/listing.js';
import { liveRowCount, type SliceData } from '../../storage/index.js';
import type { StatementEnv } from '../query.js';
import { nodeOfSlice, sliceCount } from '../task.js';
import { pad, type Row, type RowsContext } from './context.js';

export const MONITORING_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  stv_slices: ({ env }) => stvSlices(env),
  stv_tbl_perm: ({ env }) => stvTblPerm(env),
  svv_table_info: ({ env }) => svvTableInfo(env),
  svl_query_report: ({ env }) => svlQueryReport(env),
  stl_query: ({ env }) => stlQuery(env),
  stl_ddltext: ({ env }) => statementText(env, 'DDL'),
  stl_utilitytext: ({ env }) => statementText(env, 'UTILITY'),
  stl_querytext: ({ env }) => queryText(env).map((q) => [q.userid, q.xid, q.pid, q.query, q.sequence, q.text]),
  svl_statementtext: ({ env }) => [
    ...statementText(env, 'DDL').map((r) => [...r.slice(0, 7), 'DDL', r[7]]),
    ...queryText(env).map((q) => [q.userid, q.xid, q.pid, pad('default', 320), q.startTime, q.endTime, q.sequence, 'QUERY', q.text]),
    ...statementText(env, 'UTILITY').map((r) => [...r.slice(0, 7), 'UTILITY', r[7]]),
  ],
};

/** Statement text in pieces of 200 characters, the way the text logs keep it (`sequence` 0, 1, ...). */
function pieces(text: string): string[] {
  const out: string[] = [];
  for (let at = 0; at === 0 || at < text.length; at += 200) out.push(pad(text.slice(at, at + 200), 200));
  return out;
}

/** STL_DDLTEXT / STL_UTILITYTEXT rows: the session's own statements, as STL_QUERY shows its own queries. */
function statementText(env: StatementEnv, type: 'DDL' | 'UTILITY'): Row[] {
  return env.log.statements
    .filter((s) => s.type === type && s.sessionId === env.session.sessionId)
    .flatMap((s) => pieces(s.text).map((text, sequence) => [ADMIN_USER_ID, BigInt(s.xid), s.sessionId, pad('default', 320), s.startTime, s.endTime, sequence, text]));
}

function queryText(env: StatementEnv): { userid: number; xid: bigint; pid: number; query: number; startTime: number; endTime: number; sequence: number; text: string }[] {
  return env.log.entries
    .filter((e) => e.sessionId === env.session.sessionId)
    .flatMap((e) => pieces(e.text).map((text, sequence) => ({ userid: ADMIN_USER_ID, xid: BigInt(e.xid), pid: e.sessionId, query: e.query, startTime: e.startTime, endTime: e.endTime, sequence, text })));
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

/** Like Redshift's for a superuser: every table, other sessions' temp tables included. */
function stvTblPerm(env: StatementEnv): Row[] {
  const out: Row[] = [];
  for (const t of env.state.catalog.tables()) {
    slicesOf(env, t).forEach((s, slice) => {
      out.push([
        slice,
        t.id,
        pad(t.name, 72),
        BigInt(s.rowCount),
        BigInt(s.sortedRows),
        t.temp ? 1 : 0,
        DATABASE_OID,
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
      env.session.database,
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
    .map((e) => [ADMIN_USER_ID, e.query, pad('default', 320), BigInt(e.xid), e.sessionId, pad(env.session.database, 32), pad(e.text.slice(0, 4000), 4000), e.startTime, e.endTime, e.aborted ? 1 : 0]);
}

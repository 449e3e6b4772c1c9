/**
 * Rows of the views of what runs now, across sessions: STV_RECENTS and STV_INFLIGHT (statements
 * running and recently run), SVV_TRANSACTIONS and STV_LOCKS (open transactions and their locks), and
 * SYS_QUERY_HISTORY (every statement, running or finished — the only query history Redshift
 * Serverless has).
 *
 * Slicewise's sessions are one cluster's, and its default user is the admin, who sees every row
 * (STL_QUERY and the text logs stay per session, as before). Reads take no lock here — they read their
 * snapshot — so SVV_TRANSACTIONS shows AccessShareLock only for a read waiting behind a LOCK.
 */
import { ADMIN_USER_ID } from '../../catalog/system/listing.js';
import { tokenize } from '../../sql/lexer.js';
import { REDSHIFT_BUILD } from '../../types/version.js';
import type { QueryLogEntry, StatementLogEntry } from '../query-log.js';
import { tableOfResource, type Transaction } from '../transactions.js';
import { pad, type Row, type RowsContext } from './context.js';

/** How many finished statements STV_RECENTS keeps (Redshift keeps a recent few per user). */
const RECENT_DONE = 100;

export const ACTIVITY_ROWS: Readonly<Record<string, (ctx: RowsContext) => Row[]>> = {
  stv_recents: stvRecents,
  stv_inflight: stvInflight,
  svv_transactions: svvTransactions,
  stv_locks: stvLocks,
  sys_query_history: sysQueryHistory,
};

function userId(ctx: RowsContext, user: string): number {
  return ctx.listing.userId(user) ?? ADMIN_USER_ID;
}

function stvRecents(ctx: RowsContext): Row[] {
  const entries = ctx.env.log.entries;
  const running = entries.filter((e) => e.running);
  const done = entries.filter((e) => !e.running).slice(-RECENT_DONE);
  const now = ctx.env.log.now();
  return [...running, ...done].map((e) => [
    userId(ctx, e.user),
    pad(e.running ? 'Running' : 'Done', 20),
    e.startTime,
    Math.min(2 ** 31 - 1, (e.running ? now : e.endTime) - e.startTime),
    pad(e.user, 50),
    pad(e.database, 50),
    pad(e.text.slice(0, 600), 600),
    e.sessionId,
  ]);
}

/** A running statement on every slice it has work on: Slicewise does not track that, so slice 0 (the leader's first). */
function stvInflight(ctx: RowsContext): Row[] {
  return ctx.env.log.entries
    .filter((e) => e.running)
    .map((e) => [userId(ctx, e.user), 0, e.query, pad('default', 320), BigInt(e.xid), e.sessionId, e.startTime, pad(e.text.slice(0, 100), 100), 0, 0, 0]);
}

/** The open transactions by the session that owns them. */
function transactionsByOwner(ctx: RowsContext): Map<number, Transaction> {
  return new Map(ctx.env.activity.openTransactions().map((t) => [t.owner, t]));
}

function svvTransactions(ctx: RowsContext): Row[] {
  const { activity } = ctx.env;
  const byOwner = transactionsByOwner(ctx);
  const row = (t: Transaction, mode: string, type: string, relation: number | null, granted: boolean): Row => [
    t.user,
    ctx.env.session.database,
    BigInt(t.xid),
    t.owner,
    t.startTime,
    mode,
    type,
    relation,
    granted,
  ];
  const out: Row[] = [];
  for (const t of byOwner.values()) out.push(row(t, 'ExclusiveLock', 'transactionid', null, true));
  for (const lock of activity.lockRows()) {
    const relation = tableOfResource(lock.resource);
    const t = byOwner.get(lock.owner);
    // The catalog's own lock is Slicewise's (it serializes DDL), and a read waiting outside a transaction has no xid.
    if (relation === null || t === undefined) continue;
    out.push(row(t, lock.mode, 'relation', relation, lock.granted));
  }
  return out;
}

/** STV_LOCKS: a row per table a transaction holds (or waits for) a write lock on. */
function stvLocks(ctx: RowsContext): Row[] {
  const byOwner = transactionsByOwner(ctx);
  const out: Row[] = [];
  for (const lock of ctx.env.activity.lockRows()) {
    const table = tableOfResource(lock.resource);
    const t = byOwner.get(lock.owner);
    if (table === null || t === undefined || lock.mode === 'AccessShareLock') continue;
    const status = lock.granted ? 'Holding write lock' : 'Waiting for write lock';
    out.push([BigInt(table), null, null, BigInt(t.xid), BigInt(t.owner), t.startTime, null, pad(status, 22)]);
  }
  return out;
}

function sysQueryHistory(ctx: RowsContext): Row[] {
  const now = ctx.env.log.now();
  const query = (e: QueryLogEntry): Row => {
    const end = e.running ? now : e.endTime;
    const outcome = { state: status(e), end: e.running ? null : e.endTime, errorMessage: e.errorMessage, returnedRows: e.returnedRows };
    return historyRow(ctx, e.user, BigInt(e.query), e.xid, e.sessionId, e.database, queryType(e.text), e.startTime, end - e.startTime, outcome, e.text);
  };
  const statement = (s: StatementLogEntry, id: bigint): Row => {
    const outcome = { state: 'success', end: s.endTime, errorMessage: '', returnedRows: 0 };
    return historyRow(ctx, s.user, id, s.xid, s.sessionId, s.database, s.type, s.startTime, s.endTime - s.startTime, outcome, s.text);
  };
  // DDL and utility statements have no query id in the log: theirs count on from the queries', as
  // Redshift numbers every statement. CREATE TABLE AS and SELECT INTO are in both logs (the DDL text and
  // the query that filled the table): one row, the query's.
  const { entries, statements } = ctx.env.log;
  const firstStatementId = BigInt((entries.at(-1)?.query ?? 0) + 1);
  const queryStarts = new Map<string, number[]>();
  for (const e of entries) {
    const key = `${e.sessionId}:${e.text}`;
    const starts = queryStarts.get(key);
    if (starts) starts.push(e.startTime);
    else queryStarts.set(key, [e.startTime]);
  }
  const alsoQuery = (s: StatementLogEntry): boolean => queryStarts.get(`${s.sessionId}:${s.text}`)?.some((t) => t >= s.startTime && t <= s.endTime) ?? false;
  const rows = [...entries.map(query), ...statements.flatMap((s, i) => (alsoQuery(s) ? [] : [statement(s, firstStatementId + BigInt(i))]))];
  return rows.sort((a, b) => (a[9] as number) - (b[9] as number));
}

/** How a statement in SYS_QUERY_HISTORY stands: its status, end (null while it runs), error and rows sent to the client. */
interface HistoryOutcome {
  readonly state: string;
  readonly end: number | null;
  readonly errorMessage: string;
  readonly returnedRows: number;
}

function historyRow(ctx: RowsContext, user: string, id: bigint, xid: number, session: number, database: string, type: string, start: number, elapsed: number, outcome: HistoryOutcome, text: string): Row {
  return [
    userId(ctx, user),
    id,
    pad('default', 320),
    BigInt(xid),
    session,
    pad(database, 128),
    pad(type, 32),
    pad(outcome.state, 10),
    false,
    start,
    outcome.end,
    BigInt(elapsed),
    0n,
    BigInt(elapsed),
    pad(outcome.errorMessage.slice(0, 512), 512),
    BigInt(outcome.returnedRows),
    null,
    pad(text.slice(0, 4000), 4000),
    pad(REDSHIFT_BUILD, 256),
  ];
}

function status(e: QueryLogEntry): string {
  if (e.running) return 'running';
  if (e.canceled) return 'canceled';
  return e.aborted ? 'failed' : 'success';
}

/** SYS_QUERY_HISTORY.query_type from the statement's first words: SELECT, INSERT, UPDATE, DELETE, COPY, UNLOAD, CTAS or OTHER. */
function queryType(text: string): string {
  const words = tokenize(text)
    .filter((t) => t.kind === 'word' || (t.kind === 'op' && t.value === '('))
    .slice(0, 8)
    .map((t) => t.value.toLowerCase());
  switch (words[0]) {
    case 'select':
      return words.includes('into') ? 'CTAS' : 'SELECT';
    case 'with':
    case '(':
      return 'SELECT';
    case 'insert':
    case 'update':
    case 'delete':
    case 'copy':
    case 'unload':
      return words[0].toUpperCase();
    case 'create':
      return 'CTAS';
    default:
      return 'OTHER';
  }
}

/**
 * The extended query protocol: Parse (a prepared statement, planned once through
 * Session.describe so Describe can answer and errors show at Parse, as in PostgreSQL), Bind (a
 * portal: the statement with parameter values and result formats), Describe, Execute (with a row
 * limit: the rest of the rows wait in the portal, PortalSuspended), Close, Sync and Flush.
 * After an error every message up to the next Sync is skipped; Sync answers ReadyForQuery and,
 * outside a transaction block, drops the portals (they belong to the transaction that just ended).
 * As in PostgreSQL, the statements executed before a Sync share one implicit transaction, which the
 * Sync commits: an error among them rolls back the ones before it.
 */
import { commandTag, SqlError, SqlState, type Field, type QueryResult } from '../index.js';
import {
  bindComplete,
  closeComplete,
  emptyQueryResponse,
  errorResponse,
  noData,
  parameterDescription,
  parseComplete,
  portalSuspended,
  readyForQuery,
} from './backend-messages.js';
import { errorFields } from './error-fields.js';
import type { FormatCode, FrontendMessage } from './frontend-messages.js';
import { statementCount } from './query-text.js';
import { columnFormats, encodersFor, writeCommandComplete, writeDataRows, writeNotices, writeRowDescription } from './result-writer.js';
import type { QueryContext } from './simple-query.js';
import { parameterValue, TypeOid, type ValueEncoder } from './values.js';

interface PreparedStatement {
  readonly sql: string;
  /** An empty query string: Execute answers EmptyQueryResponse. */
  readonly empty: boolean;
  /** Types the client declared in Parse (0: left open). */
  readonly declaredTypes: readonly number[];
  /** Every parameter's type: declared, else what the statement gives it. */
  readonly parameterTypes: readonly number[];
  readonly fields: readonly Field[];
}

interface Portal {
  readonly statement: PreparedStatement;
  readonly params: readonly unknown[];
  readonly resultFormats: readonly FormatCode[];
  readonly formats: readonly FormatCode[];
  readonly encoders: readonly ValueEncoder[];
  /** Set by the first Execute. */
  result: { readonly outcome: Pick<QueryResult, 'command' | 'rowCount'>; readonly rows: readonly (readonly (string | null)[])[]; readonly encoders: readonly ValueEncoder[] } | null;
  /** Rows sent so far. */
  sent: number;
}

export type ExtendedMessage = Extract<FrontendMessage, { kind: 'parse' | 'bind' | 'describe' | 'execute' | 'close' | 'sync' | 'flush' }>;

function protocolError(message: string): SqlError {
  return new SqlError(SqlState.protocolViolation, message);
}

export class ExtendedQuery {
  private readonly statements = new Map<string, PreparedStatement>();
  private readonly portals = new Map<string, Portal>();
  /** After an error: skip everything up to Sync. */
  private skipping = false;

  constructor(private readonly ctx: QueryContext) {}

  /** True after an extended-protocol error until Sync: every message, a simple Query too, is ignored. */
  get skippingToSync(): boolean {
    return this.skipping;
  }

  async handle(m: ExtendedMessage): Promise<void> {
    if (m.kind === 'sync') return await this.sync();
    if (m.kind === 'flush') return this.ctx.output.flush();
    if (this.skipping) return;
    try {
      switch (m.kind) {
        case 'parse':
          return await this.parse(m);
        case 'bind':
          return this.bind(m);
        case 'describe':
          return this.describe(m);
        case 'execute':
          return await this.execute(m);
        case 'close':
          if (m.target === 'statement') this.statements.delete(m.name);
          else this.portals.delete(m.name);
          return closeComplete(this.ctx.output.buffer);
      }
    } catch (err) {
      this.fail(err);
    }
  }

  /** Write the error (positions count in `sql`) and skip to the next Sync. */
  private fail(err: unknown, sql = ''): void {
    errorResponse(this.ctx.output.buffer, errorFields(err, sql));
    this.skipping = true;
  }

  private async sync(): Promise<void> {
    this.skipping = false;
    try {
      await this.ctx.session.commitImplicitBlock();
    } catch (err) {
      errorResponse(this.ctx.output.buffer, errorFields(err));
    }
    const status = this.ctx.session.transactionStatus;
    if (status === 'I') this.portals.clear();
    readyForQuery(this.ctx.output.buffer, status);
  }

  private async parse(m: Extract<ExtendedMessage, { kind: 'parse' }>): Promise<void> {
    if (m.name !== '' && this.statements.has(m.name)) {
      throw new SqlError('42P05', `prepared statement "${m.name}" already exists`);
    }
    const statements = statementCount(m.sql);
    if (statements > 1) throw new SqlError(SqlState.syntaxError, 'cannot insert multiple commands into a prepared statement');
    let description: { fields: readonly Field[]; parameterTypeOids: readonly number[] } = { fields: [], parameterTypeOids: [] };
    if (statements === 1) {
      try {
        description = await this.ctx.session.describe(m.sql);
      } catch (err) {
        return this.fail(err, m.sql);
      }
    }
    const count = Math.max(m.parameterTypes.length, description.parameterTypeOids.length);
    const parameterTypes = Array.from({ length: count }, (_, i) => m.parameterTypes[i] || description.parameterTypeOids[i] || TypeOid.text);
    this.statements.set(m.name, { sql: m.sql, empty: statements === 0, declaredTypes: m.parameterTypes, parameterTypes, fields: description.fields });
    parseComplete(this.ctx.output.buffer);
  }

  private bind(m: Extract<ExtendedMessage, { kind: 'bind' }>): void {
    const statement = this.statements.get(m.statement);
    if (!statement) throw new SqlError('26000', `prepared statement "${m.statement}" does not exist`);
    if (m.portal !== '' && this.portals.has(m.portal)) throw new SqlError('42P03', `portal "${m.portal}" already exists`);
    const n = m.parameters.length;
    if (n !== statement.parameterTypes.length) {
      throw protocolError(`bind message supplies ${n} parameters, but prepared statement "${m.statement}" requires ${statement.parameterTypes.length}`);
    }
    const parameterFormats = columnFormats(m.parameterFormats, n);
    if (!parameterFormats) throw protocolError(`bind message has ${m.parameterFormats.length} parameter formats but ${n} parameters`);
    const params = m.parameters.map((bytes, i) => {
      const format = parameterFormats[i]!;
      // A text value is typed only by a declared type; a binary one needs a type to be read at all.
      const oid = format === 0 ? (statement.declaredTypes[i] ?? 0) : statement.parameterTypes[i]!;
      return parameterValue(bytes, format, oid, i);
    });
    const formats = columnFormats(m.resultFormats, statement.fields.length);
    if (!formats) throw protocolError(`bind message has ${m.resultFormats.length} result formats but query has ${statement.fields.length} columns`);
    const encoders = encodersFor(statement.fields, formats);
    this.portals.set(m.portal, { statement, params, resultFormats: m.resultFormats, formats, encoders, result: null, sent: 0 });
    bindComplete(this.ctx.output.buffer);
  }

  private describe(m: Extract<ExtendedMessage, { kind: 'describe' }>): void {
    const out = this.ctx.output;
    if (m.target === 'statement') {
      const statement = this.statements.get(m.name);
      if (!statement) throw new SqlError('26000', `prepared statement "${m.name}" does not exist`);
      parameterDescription(out.buffer, statement.parameterTypes);
      if (statement.fields.length === 0) return noData(out.buffer);
      return writeRowDescription(out, statement.fields, columnFormats([], statement.fields.length)!);
    }
    const portal = this.portals.get(m.name);
    if (!portal) throw new SqlError('34000', `portal "${m.name}" does not exist`);
    if (portal.statement.fields.length === 0) return noData(out.buffer);
    writeRowDescription(out, portal.statement.fields, portal.formats);
  }

  private async execute(m: Extract<ExtendedMessage, { kind: 'execute' }>): Promise<void> {
    const portal = this.portals.get(m.portal);
    if (!portal) throw new SqlError('34000', `portal "${m.portal}" does not exist`);
    const { output } = this.ctx;
    if (portal.statement.empty) return emptyQueryResponse(output.buffer);
    if (!portal.result) {
      let result: QueryResult;
      try {
        result = await this.ctx.session.query(portal.statement.sql, portal.params, { keepImplicitBlock: true });
      } catch (err) {
        return this.fail(err, portal.statement.sql);
      }
      writeNotices(output, result.notices);
      portal.result = {
        outcome: { command: result.command, rowCount: result.rowCount },
        rows: result.fields.length > 0 ? result.toTextArrays() : [],
        // Rows go out as described at Parse; a statement whose columns came out otherwise gets encoders of its own.
        encoders: result.fields.length === portal.statement.fields.length ? portal.encoders : encodersFor(result.fields, columnFormats(portal.resultFormats, result.fields.length) ?? []),
      };
    }
    const { rows, outcome, encoders } = portal.result;
    const remaining = rows.length - portal.sent;
    const count = m.maxRows > 0 ? Math.min(m.maxRows, remaining) : remaining;
    await writeDataRows(output, rows, encoders, portal.sent, portal.sent + count);
    portal.sent += count;
    if (portal.sent < rows.length) return portalSuspended(output.buffer);
    // A statement returning rows counts the rows this Execute sent (PostgreSQL's rule for portals).
    writeCommandComplete(output, commandTag(outcome.command, rows.length > 0 ? count : outcome.rowCount));
  }
}

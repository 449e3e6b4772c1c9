/**
 * The simple query protocol: one Query message, any number of statements, each answered with
 * its notices, rows and CommandComplete as soon as it has run; the first error ends the message (the
 * statements after it do not run), and ReadyForQuery closes the exchange. The session runs the
 * statements of one message as one implicit transaction block (session/session.ts), so that error
 * also rolls back the statements before it, as on PostgreSQL and Redshift.
 */
import { commandTag, type QueryResult, type Session } from '../index.js';
import { emptyQueryResponse, errorResponse, readyForQuery } from './backend-messages.js';
import { errorFields } from './error-fields.js';
import type { Output } from './output.js';
import { statementCount } from './query-text.js';
import { columnFormats, encodersFor, writeCommandComplete, writeDataRows, writeNotices, writeRowDescription } from './result-writer.js';

/** What running statements for a connection needs. */
export interface QueryContext {
  readonly session: Session;
  readonly output: Output;
}

/** Thrown to the session when the client has gone: the message's remaining statements do not run. */
class ClientGone extends Error {}

export async function runSimpleQuery(ctx: QueryContext, sql: string): Promise<void> {
  const { output } = ctx;
  if (statementCount(sql) === 0) emptyQueryResponse(output.buffer);
  else {
    try {
      await ctx.session.query(sql, [], { onResult: (result) => writeResult(output, result) });
    } catch (err) {
      if (err instanceof ClientGone) return;
      // The session parsed the whole text, so a position counts from its start.
      errorResponse(output.buffer, errorFields(err, sql));
    }
  }
  if (output.closed) return;
  readyForQuery(output.buffer, ctx.session.transactionStatus);
}

async function writeResult(output: Output, result: QueryResult): Promise<void> {
  if (output.closed) throw new ClientGone();
  writeNotices(output, result.notices);
  if (result.fields.length > 0) {
    // Text format: its encoders cannot fail, so a statement that ran is never reported as failed.
    const formats = columnFormats([], result.fields.length)!;
    writeRowDescription(output, result.fields, formats);
    await writeDataRows(output, result.toTextArrays(), encodersFor(result.fields, formats), 0, result.rowCount);
  }
  writeCommandComplete(output, commandTag(result.command, result.rowCount));
}

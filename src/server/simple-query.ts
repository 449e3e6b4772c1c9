/**
 * The simple query protocol: one Query message, any number of statements, each answered with
 * its notices, rows and CommandComplete; the first error ends the message (the statements after
 * it do not run), and ReadyForQuery closes the exchange.
 */
import { commandTag, type QueryResult, type Session } from '../index.js';
import { emptyQueryResponse, errorResponse, readyForQuery } from './backend-messages.js';
import { errorFields } from './error-fields.js';
import type { Output } from './output.js';
import { statementsOf } from './query-text.js';
import { columnFormats, encodersFor, writeCommandComplete, writeDataRows, writeNotices, writeRowDescription } from './result-writer.js';

/** What running statements for a connection needs. */
export interface QueryContext {
  readonly session: Session;
  readonly output: Output;
}

export async function runSimpleQuery(ctx: QueryContext, sql: string): Promise<void> {
  const { output } = ctx;
  const statements = statementsOf(sql);
  if (statements.length === 0) emptyQueryResponse(output.buffer);
  for (const s of statements) {
    let result: QueryResult;
    try {
      result = await ctx.session.query(s.text);
    } catch (err) {
      errorResponse(output.buffer, errorFields(err, sql, s.offset));
      break;
    }
    writeNotices(output, result.notices);
    if (result.fields.length > 0) {
      // Text format: its encoders cannot fail, so a statement that ran is never reported as failed.
      const formats = columnFormats([], result.fields.length)!;
      writeRowDescription(output, result.fields, formats);
      await writeDataRows(output, result.toTextArrays(), encodersFor(result.fields, formats), 0, result.rowCount);
    }
    writeCommandComplete(output, commandTag(result.command, result.rowCount));
    if (output.closed) return;
  }
  readyForQuery(output.buffer, ctx.session.transactionStatus);
}

/**
 * LOCK [TABLE] a[, b]: the tables' locks, held to the end of the transaction (dg:r_LOCK.md). Writers
 * take the same lock, so other sessions' INSERT, UPDATE, DELETE, COPY and DDL on the tables wait
 * until this transaction ends — what Redshift users lock for: writes that follow one another instead
 * of failing with a serializable isolation violation. Redshift's ACCESS EXCLUSIVE lock also makes
 * other sessions' reads wait; here they go on, on their snapshot, and a NOTICE says so.
 */
import type * as ast from '../sql/ast.js';
import type { CommandContext, CommandResult } from './context.js';
import { lookupTable } from './lookup.js';

export async function lockTables(stmt: ast.Lock, ctx: CommandContext): Promise<CommandResult> {
  const tables = stmt.names.map((name) => lookupTable(ctx, name));
  await ctx.txn.lockForWrite([...new Set(tables.map((t) => t.id))], false);
  ctx.notice({
    severity: 'NOTICE',
    code: '00000',
    message: 'LOCK holds back other sessions\' writes to the table until this transaction ends; their reads are not blocked in Slicewise',
  });
  return { command: 'LOCK TABLE', rowCount: 0 };
}

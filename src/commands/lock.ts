/**
 * LOCK [TABLE] a[, b]: Redshift's one lock mode, ACCESS EXCLUSIVE, held to the end of the transaction
 * (dg:r_LOCK.md): other transactions' writes to the tables wait (writers take the same locks), and so
 * do their reads (the session waits before it takes a statement's snapshot; session/tables-read.ts).
 */
import type * as ast from '../sql/ast.js';
import type { CommandContext, CommandResult } from './context.js';
import { lookupTable } from './lookup.js';

export async function lockTables(stmt: ast.Lock, ctx: CommandContext): Promise<CommandResult> {
  const tables = stmt.names.map((name) => lookupTable(ctx, name));
  await ctx.txn.lockAccessExclusive([...new Set(tables.map((t) => t.id))]);
  return { command: 'LOCK TABLE', rowCount: 0 };
}

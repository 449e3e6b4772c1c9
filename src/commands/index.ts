/** commands/: one handler per utility statement (DDL, DML, and the later COPY/UNLOAD/VACUUM/ANALYZE). */
import type * as ast from '../sql/ast.js';
import { SqlError, SqlState, assertNever } from '../types/index.js';
import type { CommandContext, CommandResult } from './context.js';
import { commentOn } from './comment.js';
import { copy } from './copy.js';
import { alterTable, createSchema, createTable, createTableAs, createView, dropSchema, dropTable, dropView, truncate } from './ddl.js';
import { deleteFrom, insert, update } from './dml.js';
import { lockTables } from './lock.js';
import { showDefinition } from './show-definition.js';
import { merge } from './merge.js';

export type { ClusterCounters, CommandContext, CommandResult, CopyEnvironment } from './context.js';
export { showDefinitionColumn } from './show-definition.js';
export type { CopyProgress, SliceCopyProgress } from './copy-progress.js';

function notYet(what: string, pos: number): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${what} is not supported yet in Slicewise`, { position: pos });
}

/** Statements that are not queries, transaction control or settings. */
export async function runCommand(stmt: ast.Statement, ctx: CommandContext): Promise<CommandResult> {
  switch (stmt.kind) {
    case 'insert':
      return insert(stmt, ctx);
    case 'update':
      return update(stmt, ctx);
    case 'delete':
      return deleteFrom(stmt, ctx);
    case 'createTable':
      return createTable(stmt, ctx);
    case 'createTableAs':
      return createTableAs(
        { name: stmt.name, temp: stmt.temp, ifNotExists: stmt.ifNotExists, columnNames: stmt.columnNames, attrs: stmt, pos: stmt.pos },
        stmt.query,
        ctx,
        'SELECT',
      );
    case 'query': {
      // SELECT ... INTO t: the same as CREATE TABLE t AS SELECT ...
      const q = stmt.query;
      if (q.kind !== 'select' || !q.into) throw new SqlError(SqlState.internalError, 'queries are not commands');
      return createTableAs(
        { name: q.into.table, temp: q.into.temp, ifNotExists: false, attrs: {}, pos: q.pos },
        { ...q, into: undefined },
        ctx,
        'SELECT',
      );
    }
    case 'createSchema':
      return createSchema(stmt, ctx);
    case 'dropSchema':
      return dropSchema(stmt, ctx);
    case 'dropTable':
      return dropTable(stmt, ctx);
    case 'alterTable':
      return alterTable(stmt, ctx);
    case 'truncate':
      return truncate(stmt, ctx);
    case 'createView':
      return createView(stmt, ctx);
    case 'dropView':
      return dropView(stmt, ctx);
    case 'analyze':
      ctx.notice({ severity: 'NOTICE', code: '00000', message: 'ANALYZE is accepted but not emulated: Slicewise plans from live row counts' });
      return { command: 'ANALYZE', rowCount: 0 };
    case 'comment':
      return commentOn(stmt, ctx);
    case 'lock':
      return lockTables(stmt, ctx);
    case 'deallocate':
      ctx.notice({ severity: 'NOTICE', code: '00000', message: 'DEALLOCATE is accepted but not recorded yet' });
      return { command: 'DEALLOCATE', rowCount: 0 };
    case 'copy':
      return copy(stmt, ctx);
    case 'unload':
      throw notYet('UNLOAD', stmt.pos);
    case 'vacuum':
      throw notYet('VACUUM', stmt.pos);
    case 'explain':
      throw notYet('EXPLAIN', stmt.pos);
    case 'showDefinition':
      return showDefinition(stmt, ctx);
    case 'merge':
      return merge(stmt, ctx);
    case 'transaction':
    case 'set':
    case 'show':
    case 'reset':
      throw new SqlError(SqlState.internalError, `${stmt.kind} is handled by the session`);
    default:
      return assertNever(stmt);
  }
}

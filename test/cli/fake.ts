/** A Connection and output streams that record what the REPL does, for unit tests without a cluster. */
import type { Connection, StatementResult } from '../../src/cli/connection/connection.js';
import { Shell } from '../../src/cli/shell.js';
import { SqlError } from '../../src/index.js';

export class Recorder {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Answers every statement with one text column holding the statement; `fail` in it is a syntax error. */
export class FakeConnection implements Connection {
  readonly description = 'fake connection';
  readonly database = 'dev';
  readonly user = 'tester';
  readonly copyProgress = false;
  readonly transactionStatus = null;
  readonly statements: string[] = [];

  constructor(private readonly answers: (sql: string) => StatementResult | undefined = () => undefined) {}

  async query(sql: string): Promise<StatementResult> {
    this.statements.push(sql);
    const at = sql.indexOf('fail');
    if (at >= 0) throw new SqlError('42601', 'syntax error at or near "fail"', { position: at });
    return this.answers(sql) ?? { commandTag: 'SELECT 1', columns: [{ name: 'statement', typeOid: 25 }], rows: [[sql]] };
  }

  cancel(): boolean {
    return false;
  }

  async close(): Promise<void> {}
}

export function fakeShell(connection = new FakeConnection()): { shell: Shell; connection: FakeConnection; stdout: Recorder; stderr: Recorder } {
  const stdout = new Recorder();
  const stderr = new Recorder();
  return { shell: new Shell(connection, { stdout, stderr, interactive: false }), connection, stdout, stderr };
}

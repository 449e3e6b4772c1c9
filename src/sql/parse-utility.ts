/** Transactions, SET/SHOW/RESET, VACUUM, ANALYZE, EXPLAIN, DEALLOCATE. */
import type { Analyze, Deallocate, Explain, ResetStatement, SetStatement, ShowDefinition, ShowStatement, Statement, TransactionStatement, Vacuum } from './ast.js';
import { CopyParser } from './parse-copy.js';

export abstract class UtilityParser extends CopyParser {
  /** The statement EXPLAIN explains. */
  protected abstract parseStatementBody(): Statement;

  /**
   * BEGIN [TRANSACTION|WORK] / START TRANSACTION [modes] -> begin; COMMIT / END -> commit;
   * ROLLBACK / ABORT -> rollback. READ ONLY | READ WRITE are kept; isolation levels are accepted and
   * ignored (Redshift transactions are always serializable).
   */
  protected parseTransaction(action: TransactionStatement['action']): TransactionStatement {
    const first = this.advance();
    if (first.value === 'start') this.expectWord('transaction');
    else this.acceptOneOf(['transaction', 'work']);
    const readOnly = action === 'begin' ? this.transactionModes() : false;
    return { kind: 'transaction', pos: first.start, action, readOnly };
  }

  /** The modes after BEGIN; true when they make the transaction READ ONLY. */
  private transactionModes(): boolean {
    let readOnly = false;
    while (!this.isEnd()) {
      if (this.acceptWord('isolation')) {
        this.expectWord('level');
        if (this.acceptWord('read')) {
          if (this.acceptOneOf(['committed', 'uncommitted']) === undefined) throw this.syntaxError();
        } else if (this.acceptWord('repeatable')) {
          this.expectWord('read');
        } else {
          this.expectWord('serializable');
        }
      } else if (this.acceptWord('read')) {
        const mode = this.acceptOneOf(['write', 'only']);
        if (mode === undefined) throw this.syntaxError();
        readOnly = mode === 'only';
      } else {
        throw this.syntaxError();
      }
      this.acceptOp(',');
    }
    return readOnly;
  }

  /** `SET [SESSION|LOCAL] name {TO|=} value[, ...] | DEFAULT`, `SET TIME ZONE value` */
  protected parseSet(): SetStatement {
    const pos = this.advance().start;
    const local = this.acceptOneOf(['session', 'local']) === 'local';
    if (this.isWord('time') && this.isWord('zone', 1)) {
      this.at += 2;
      return { kind: 'set', pos, name: 'timezone', values: [this.parseSetValue()], local };
    }
    const name = this.parseSettingName();
    if (!this.acceptWord('to')) this.expectOp('=');
    const values = this.acceptWord('default') ? ['default'] : this.parseCommaList(() => this.parseSetValue());
    return { kind: 'set', pos, name, values, local };
  }

  /** A setting value: identifiers lower-cased, strings unquoted, numbers as text. */
  private parseSetValue(): string {
    const t = this.peek();
    if (t.kind === 'op' && t.value === '-' && this.peek(1).kind === 'number') {
      this.advance();
      return `-${this.advance().value}`;
    }
    if (t.kind === 'string' || t.kind === 'number' || t.kind === 'word' || t.kind === 'quotedIdent') return this.advance().value;
    throw this.syntaxError();
  }

  /** `name` or `name.name` (custom settings). */
  private parseSettingName(): string {
    let name = this.parseLabel();
    while (this.acceptOp('.')) name += `.${this.parseLabel()}`;
    return name;
  }

  /** SHOW name | ALL | TIME ZONE | TRANSACTION ISOLATION LEVEL | TABLE name | VIEW name */
  protected parseShow(): ShowStatement | ShowDefinition {
    const pos = this.advance().start;
    for (const object of ['table', 'view'] as const) {
      if (this.isWord(object) && this.peek(1).kind !== 'eof' && !this.isOp(';', 1)) {
        this.at += 1;
        return { kind: 'showDefinition', pos, object, name: this.parseQualifiedName() };
      }
    }
    if (this.isWord('transaction') && this.isWord('isolation', 1) && this.isWord('level', 2)) {
      this.at += 3;
      return { kind: 'show', pos, name: 'transaction_isolation' };
    }
    return { kind: 'show', pos, name: this.parseSettingOrAll() };
  }

  /** RESET name | ALL | TIME ZONE */
  protected parseReset(): ResetStatement {
    const pos = this.advance().start;
    return { kind: 'reset', pos, name: this.parseSettingOrAll() };
  }

  private parseSettingOrAll(): string {
    if (this.acceptWord('all')) return 'all';
    if (this.isWord('time') && this.isWord('zone', 1)) {
      this.at += 2;
      return 'timezone';
    }
    return this.parseSettingName();
  }

  /** `VACUUM [FULL|SORT ONLY|DELETE ONLY|REINDEX|RECLUSTER] [table] [TO n PERCENT] [BOOST]` */
  protected parseVacuum(): Vacuum {
    const pos = this.advance().start;
    let mode: Vacuum['mode'] = 'full';
    if (this.acceptWord('full')) mode = 'full';
    else if (this.acceptWord('reindex')) mode = 'reindex';
    else if (this.acceptWord('recluster')) mode = 'recluster';
    else if (this.isWord('sort') && this.isWord('only', 1)) mode = 'sortOnly';
    else if (this.isWord('delete') && this.isWord('only', 1)) mode = 'deleteOnly';
    if (mode === 'sortOnly' || mode === 'deleteOnly') this.at += 2;
    const table = this.isIdent() && !this.isWord('boost') ? this.parseQualifiedName() : undefined;
    let toPercent: number | undefined;
    if (this.acceptWord('to')) {
      toPercent = this.parseInteger();
      this.expectWord('percent');
    }
    return { kind: 'vacuum', pos, mode, table, toPercent, boost: this.acceptWord('boost') };
  }

  /** `ANALYZE [COMPRESSION] [table [(cols)]]` */
  protected parseAnalyze(): Analyze {
    const pos = this.advance().start;
    const compression = this.acceptWord('compression');
    if (!this.isIdent()) return { kind: 'analyze', pos, compression };
    const table = this.parseQualifiedName();
    const columns = this.isOp('(') ? this.parseIdentList() : undefined;
    return { kind: 'analyze', pos, table, columns, compression };
  }

  /** `EXPLAIN [VERBOSE] statement` */
  protected parseExplain(): Explain {
    const pos = this.advance().start;
    const verbose = this.acceptWord('verbose');
    return { kind: 'explain', pos, verbose, statement: this.parseStatementBody() };
  }

  /** `DEALLOCATE [PREPARE] name | ALL` */
  protected parseDeallocate(): Deallocate {
    const pos = this.advance().start;
    this.acceptWord('prepare');
    return { kind: 'deallocate', pos, name: this.acceptWord('all') ? 'all' : this.parseIdent() };
  }
}

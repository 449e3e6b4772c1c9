/** CREATE dispatch, CREATE SCHEMA/VIEW, DROP TABLE/SCHEMA/VIEW, TRUNCATE, COMMENT ON. */
import type { CommentOn, CreateSchema, CreateView, DropSchema, DropTable, DropView, Lock, QualifiedName, Statement, Truncate } from './ast.js';
import { TableDdlParser } from './parse-table-ddl.js';

export abstract class ObjectDdlParser extends TableDdlParser {
  /** `CREATE [OR REPLACE] [MATERIALIZED] VIEW | [TEMP|TEMPORARY|LOCAL TEMP] TABLE | SCHEMA ...` */
  protected parseCreate(): Statement {
    const pos = this.advance().start;
    if (this.isWord('or')) {
      this.advance();
      this.expectWord('replace');
      return this.parseCreateView(pos, true);
    }
    if (this.isWord('materialized') || this.isWord('view')) return this.parseCreateView(pos, false);
    if (this.acceptWord('schema')) return this.parseCreateSchema(pos);
    if (this.acceptWord('local')) {
      if (this.acceptOneOf(['temp', 'temporary']) === undefined) throw this.syntaxError();
      return this.parseCreateTable(pos, true);
    }
    const temporary = this.acceptOneOf(['temp', 'temporary']) !== undefined;
    return this.parseCreateTable(pos, temporary);
  }

  private parseCreateView(pos: number, orReplace: boolean): CreateView {
    const materialized = this.acceptWord('materialized');
    this.expectWord('view');
    const name = this.parseQualifiedName();
    const columnNames = this.isOp('(') ? this.parseIdentList() : undefined;
    this.expectWord('as');
    const queryStart = this.peek().start;
    const query = this.parseQuery();
    const queryText = this.sql.slice(queryStart, this.lastEnd);
    let noSchemaBinding = false;
    if (this.acceptWord('with')) {
      this.expectWord('no');
      this.expectWord('schema');
      this.expectWord('binding');
      noSchemaBinding = true;
    }
    return { kind: 'createView', pos, name, orReplace, columnNames, query, queryText, noSchemaBinding, materialized };
  }

  /** After CREATE SCHEMA: `[IF NOT EXISTS] name [AUTHORIZATION user]` */
  private parseCreateSchema(pos: number): CreateSchema {
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseIdent();
    const authorization = this.acceptWord('authorization') ? this.parseIdent() : undefined;
    return { kind: 'createSchema', pos, name, ifNotExists, authorization };
  }

  /** `DROP TABLE | SCHEMA | [MATERIALIZED] VIEW [IF EXISTS] a, b [CASCADE|RESTRICT]` */
  protected parseDrop(): DropTable | DropSchema | DropView {
    const pos = this.advance().start;
    const object = this.acceptOneOf(['table', 'schema', 'view', 'materialized']);
    if (object === undefined) throw this.syntaxError();
    if (object === 'materialized') this.expectWord('view');
    const ifExists = this.parseIfExists();
    if (object === 'schema') {
      const names = this.parseCommaList(() => this.parseIdent());
      return { kind: 'dropSchema', pos, names, ifExists, cascade: this.parseCascade() };
    }
    const names = this.parseCommaList(() => this.parseQualifiedName());
    const cascade = this.parseCascade();
    if (object === 'table') return { kind: 'dropTable', pos, names, ifExists, cascade };
    return { kind: 'dropView', pos, names, ifExists, cascade, materialized: object === 'materialized' };
  }

  private parseCascade(): boolean {
    return this.acceptOneOf(['cascade', 'restrict']) === 'cascade';
  }

  /** `TRUNCATE [TABLE] a[, b]` */
  protected parseTruncate(): Truncate {
    const pos = this.advance().start;
    this.acceptWord('table');
    return { kind: 'truncate', pos, names: this.parseCommaList(() => this.parseQualifiedName()) };
  }

  /** `LOCK [TABLE] a[, b]` */
  protected parseLock(): Lock {
    const pos = this.advance().start;
    this.acceptWord('table');
    return { kind: 'lock', pos, names: this.parseCommaList(() => this.parseQualifiedName()) };
  }

  /** `COMMENT ON TABLE|VIEW|COLUMN|SCHEMA name IS 'text' | NULL` */
  protected parseCommentOn(): CommentOn {
    const pos = this.advance().start;
    this.expectWord('on');
    const target = this.acceptOneOf(['table', 'column', 'view', 'schema']);
    if (target === undefined) throw this.syntaxError();
    const namePos = this.peek().start;
    let name: QualifiedName;
    let column: string | undefined;
    if (target === 'schema') {
      name = { kind: 'qname', pos: namePos, name: this.parseIdent() };
    } else if (target === 'column') {
      const parts = [this.parseIdent()];
      do {
        this.expectOp('.');
        parts.push(this.parseLabel());
      } while (parts.length < 3 && this.isOp('.'));
      column = parts.pop();
      name = parts.length === 2 ? { kind: 'qname', pos: namePos, schema: parts[0], name: parts[1] as string } : { kind: 'qname', pos: namePos, name: parts[0] as string };
    } else {
      name = this.parseQualifiedName();
    }
    this.expectWord('is');
    const t = this.peek();
    let text: string | null;
    if (t.kind === 'string') text = t.value;
    else if (this.isWord('null')) text = null;
    else throw this.syntaxError();
    this.advance();
    return { kind: 'comment', pos, target, name, column, text };
  }
}

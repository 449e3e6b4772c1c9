/**
 * The parser's entry points. The grammar is split by area into a chain of classes, each adding
 * one part: ParserBase (cursor, names, types) <- ExprParser <- FunctionParser <- QueryParser <-
 * DmlParser <- TableDdlParser <- ObjectDdlParser <- CopyParser <- UtilityParser <- StatementParser.
 * Positions are 0-based offsets into the whole input.
 */
import type { Expr, Statement } from './ast.js';
import { tokenize } from './lexer.js';
import { UtilityParser } from './parse-utility.js';

export interface ParsedStatement {
  readonly statement: Statement;
  /** The statement's source text, without the terminating ';'. */
  readonly text: string;
  /** Offset of `text` in the input. */
  readonly start: number;
}

class StatementParser extends UtilityParser {
  /** Every statement in the input; empty statements (`;;`) are skipped. */
  parseAll(): ParsedStatement[] {
    const statements: ParsedStatement[] = [];
    for (;;) {
      while (this.acceptOp(';'));
      const first = this.peek();
      if (first.kind === 'eof') return statements;
      const statement = this.parseStatementBody();
      if (!this.isEnd()) throw this.syntaxError();
      statements.push({ statement, text: this.sql.slice(first.start, this.lastEnd), start: first.start });
    }
  }

  /** Exactly one statement, optionally followed by ';'. */
  parseOne(): Statement {
    while (this.acceptOp(';'));
    const statement = this.parseStatementBody();
    while (this.acceptOp(';'));
    if (this.peek().kind !== 'eof') throw this.syntaxError();
    return statement;
  }

  /** Exactly one expression. */
  parseWholeExpression(): Expr {
    const expr = this.parseExpr();
    if (this.peek().kind !== 'eof') throw this.syntaxError();
    return expr;
  }

  protected parseStatementBody(): Statement {
    const t = this.peek();
    if (this.isQueryStart() || this.isOp('(')) return { kind: 'query', pos: t.start, query: this.parseQuery() };
    if (t.kind !== 'word') throw this.syntaxError();
    switch (t.value) {
      case 'insert':
        return this.parseInsert();
      case 'update':
        return this.parseUpdate();
      case 'delete':
        return this.parseDelete();
      case 'merge':
        return this.parseMerge();
      case 'create':
        return this.parseCreate();
      case 'alter':
        return this.parseAlterTable(this.advance().start);
      case 'drop':
        return this.parseDrop();
      case 'truncate':
        return this.parseTruncate();
      case 'lock':
        return this.parseLock();
      case 'comment':
        return this.parseCommentOn();
      case 'begin':
      case 'start':
        return this.parseTransaction('begin');
      case 'commit':
      case 'end':
        return this.parseTransaction('commit');
      case 'rollback':
      case 'abort':
        return this.parseTransaction('rollback');
      case 'set':
        return this.parseSet();
      case 'show':
        return this.parseShow();
      case 'reset':
        return this.parseReset();
      case 'copy':
        return this.parseCopy();
      case 'unload':
        return this.parseUnload();
      case 'vacuum':
        return this.parseVacuum();
      case 'analyze':
      case 'analyse':
        return this.parseAnalyze();
      case 'explain':
        return this.parseExplain();
      case 'deallocate':
        return this.parseDeallocate();
      default:
        throw this.syntaxError();
    }
  }
}

/** Parse one or more statements separated by ';'. Throws SqlError (42601) with a position. */
export function parse(sql: string): ParsedStatement[] {
  return new StatementParser(sql, tokenize(sql)).parseAll();
}

/** Parse exactly one statement (a trailing ';' is allowed). */
export function parseStatement(sql: string): Statement {
  return new StatementParser(sql, tokenize(sql)).parseOne();
}

/** Parse one expression, e.g. a DEFAULT expression stored as text. */
export function parseExpression(sql: string): Expr {
  return new StatementParser(sql, tokenize(sql)).parseWholeExpression();
}

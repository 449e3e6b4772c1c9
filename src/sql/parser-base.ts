/**
 * The token cursor shared by every part of the parser, plus the small grammar pieces everything
 * uses: identifiers, qualified names, identifier lists, type names.
 */
import { SqlError, SqlState } from '../types/errors.js';
import type { QualifiedName, TypeName } from './ast.js';
import { RESERVED } from './keywords.js';
import type { Token } from './tokens.js';

export abstract class ParserBase {
  /** Index of the current token. */
  protected at = 0;

  constructor(
    protected readonly sql: string,
    protected readonly tokens: readonly Token[],
  ) {}

  // ------------------------------------------------------------ cursor

  /** The token `k` places ahead (the final 'eof' token repeats past the end). */
  protected peek(k = 0): Token {
    const i = this.at + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1] as Token;
  }

  protected advance(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.at++;
    return t;
  }

  /** End offset of the last consumed token (for source text slices). */
  protected get lastEnd(): number {
    return this.at > 0 ? (this.tokens[this.at - 1] as Token).end : 0;
  }

  protected isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === word;
  }

  protected isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.value === op;
  }

  protected isEnd(): boolean {
    const t = this.peek();
    return t.kind === 'eof' || (t.kind === 'op' && t.value === ';');
  }

  protected acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.at++;
    return true;
  }

  protected acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.at++;
    return true;
  }

  protected expectWord(word: string): Token {
    if (!this.isWord(word)) throw this.syntaxError();
    return this.advance();
  }

  protected expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.syntaxError();
    return this.advance();
  }

  /** Consume one of `words` and return it, or undefined. */
  protected acceptOneOf<W extends string>(words: readonly W[]): W | undefined {
    const t = this.peek();
    if (t.kind !== 'word') return undefined;
    const found = words.find((w) => w === t.value);
    if (found !== undefined) this.at++;
    return found;
  }

  /** PostgreSQL's message: `syntax error at or near "<token as written>"`, or `at end of input`. */
  protected syntaxError(token: Token = this.peek()): SqlError {
    if (token.kind === 'eof') {
      return new SqlError(SqlState.syntaxError, 'syntax error at end of input', { position: token.start });
    }
    return new SqlError(SqlState.syntaxError, `syntax error at or near "${this.sql.slice(token.start, token.end)}"`, {
      position: token.start,
    });
  }

  // ------------------------------------------------------------ names

  /** A token usable as a name: a non-reserved word or a quoted identifier. */
  protected isIdent(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'quotedIdent' || (t.kind === 'word' && !RESERVED.has(t.value));
  }

  protected parseIdent(): string {
    if (!this.isIdent()) throw this.syntaxError();
    return this.advance().value;
  }

  /** After AS or '.', any word is a name, reserved or not (PostgreSQL's ColLabel). */
  protected parseLabel(): string {
    const t = this.peek();
    if (t.kind !== 'word' && t.kind !== 'quotedIdent') throw this.syntaxError();
    return this.advance().value;
  }

  /** `[schema.]name` */
  protected parseQualifiedName(): QualifiedName {
    const pos = this.peek().start;
    const first = this.parseIdent();
    if (!this.acceptOp('.')) return { kind: 'qname', pos, name: first };
    return { kind: 'qname', pos, schema: first, name: this.parseLabel() };
  }

  /** `( a, b, ... )` */
  protected parseIdentList(): string[] {
    this.expectOp('(');
    const names = [this.parseIdent()];
    while (this.acceptOp(',')) names.push(this.parseIdent());
    this.expectOp(')');
    return names;
  }

  /** A comma-separated list of `item`s (at least one). */
  protected parseCommaList<T>(item: () => T): T[] {
    const items = [item()];
    while (this.acceptOp(',')) items.push(item());
    return items;
  }

  /** An optionally signed integer literal. */
  protected parseInteger(): number {
    const negative = this.acceptOp('-');
    const t = this.peek();
    if (t.kind !== 'number' || !/^\d+$/.test(t.value)) throw this.syntaxError();
    this.advance();
    const n = Number(t.value);
    return negative ? -n : n;
  }

  // ------------------------------------------------------------ type names

  /**
   * A type as written. Multi-word names are joined by single spaces ('double precision',
   * 'character varying', 'timestamp with time zone'); the types layer resolves aliases.
   */
  protected parseTypeName(): TypeName {
    // Built-in types live in pg_catalog: `x::pg_catalog.text` names the same type as `x::text`.
    if (this.isWord('pg_catalog') && this.isOp('.', 1)) this.at += 2;
    const t = this.peek();
    if (!(t.kind === 'quotedIdent' || (t.kind === 'word' && (!RESERVED.has(t.value) || t.value === 'binary')))) {
      throw this.syntaxError();
    }
    this.advance();
    let name = t.value;
    if (t.kind === 'word') {
      if (name === 'double' && this.acceptWord('precision')) name = 'double precision';
      else if ((name === 'character' || name === 'char' || name === 'nchar' || name === 'binary') && this.acceptWord('varying')) {
        name += ' varying';
      }
    }
    const args = this.isOp('(') ? this.parseTypeArgs() : [];
    if (t.kind === 'word' && (name === 'timestamp' || name === 'time')) name += this.parseTimeZoneSuffix();
    return { kind: 'type', pos: t.start, name, args };
  }

  private parseTypeArgs(): (number | 'max')[] {
    this.expectOp('(');
    const args = this.parseCommaList((): number | 'max' => {
      if (this.acceptWord('max')) return 'max';
      const t = this.peek();
      if (t.kind !== 'number' || !/^\d+$/.test(t.value)) throw this.syntaxError();
      this.advance();
      return Number(t.value);
    });
    this.expectOp(')');
    return args;
  }

  /** ` with time zone` / ` without time zone` after TIMESTAMP or TIME, or ''. */
  protected parseTimeZoneSuffix(): string {
    if (!(this.isWord('with') || this.isWord('without')) || !this.isWord('time', 1) || !this.isWord('zone', 2)) return '';
    const which = this.advance().value;
    this.at += 2;
    return ` ${which} time zone`;
  }
}

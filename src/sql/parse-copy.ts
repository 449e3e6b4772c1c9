/**
 * COPY and UNLOAD. Their options are parsed generically — `keyword [AS] [args]` — and validated
 * by the commands that run them, so new Redshift parameters need no parser change.
 */
import type { CommandOption, Copy, Unload } from './ast.js';
import { ObjectDdlParser } from './parse-object-ddl.js';
import type { Token } from './tokens.js';

/** Bare words that are arguments of the option before them (`IAM_ROLE default`, `MAXFILESIZE 100 mb`). */
const ARGUMENT_WORDS: ReadonlySet<string> = new Set([
  'default', 'auto', 'on', 'off', 'true', 'false', 'mb', 'gb', 'verbose', 'include', 'preset',
  'utf8', 'utf16', 'utf16le', 'utf16be',
]);

export abstract class CopyParser extends ObjectDdlParser {
  /** `COPY t [(cols)] FROM 'source' options...` */
  protected parseCopy(): Copy {
    const pos = this.advance().start;
    const table = this.parseQualifiedName();
    const columns = this.isOp('(') ? this.parseIdentList() : undefined;
    this.expectWord('from');
    const from = this.parseStringToken().value;
    return { kind: 'copy', pos, table, columns, from, options: this.parseCommandOptions() };
  }

  /** `UNLOAD ('query') TO 's3://...' options...` */
  protected parseUnload(): Unload {
    const pos = this.advance().start;
    this.expectOp('(');
    const query = this.parseStringToken();
    this.expectOp(')');
    this.expectWord('to');
    const to = this.parseStringToken().value;
    return { kind: 'unload', pos, queryText: query.value, queryPos: this.stringContentStart(query), to, options: this.parseCommandOptions() };
  }

  private parseStringToken(): Token {
    if (this.peek().kind !== 'string') throw this.syntaxError();
    return this.advance();
  }

  /** Offset of a string literal's first content character (after the quote, E prefix or $tag$). */
  private stringContentStart(t: Token): number {
    const first = this.sql[t.start];
    if (first === "'") return t.start + 1;
    if (first === '$') return this.sql.indexOf('$', t.start + 1) + 1;
    return t.start + 2;
  }

  private parseCommandOptions(): CommandOption[] {
    const options: CommandOption[] = [];
    while (!this.isEnd()) options.push(this.parseCommandOption());
    return options;
  }

  private parseCommandOption(): CommandOption {
    const t = this.peek();
    if (t.kind !== 'word') throw this.syntaxError();
    this.advance();
    if (t.value === 'partition' && this.acceptWord('by')) {
      const args = this.parseIdentList();
      if (this.acceptWord('include')) args.push('include');
      return { kind: 'option', pos: t.start, name: 'partition_by', args };
    }
    this.acceptWord('as');
    const args: string[] = [];
    if (t.value === 'format') {
      // FORMAT [AS] CSV | JSON | PARQUET | ...: the format is the argument.
      const format = this.peek();
      if (format.kind !== 'word') throw this.syntaxError();
      args.push(this.advance().value);
    }
    for (;;) {
      const a = this.peek();
      if (a.kind === 'string' || a.kind === 'number' || (a.kind === 'word' && ARGUMENT_WORDS.has(a.value))) {
        args.push(this.advance().value);
      } else {
        return { kind: 'option', pos: t.start, name: t.value, args };
      }
    }
  }
}

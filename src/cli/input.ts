/**
 * Turns lines of input into statements and meta-commands, as psql's main loop does: SQL collects
 * in a query buffer until a `;` outside quotes, comments and dollar-quotes ends a statement; a
 * backslash outside them starts a meta-command that runs to the end of the line. Used for the
 * terminal, piped input, `-c`, `-f` and `\i` alike.
 */
import { splitStatements } from '../index.js';
import type { Shell, SourceLocation } from './shell.js';

/** What the line just read leaves: go on reading, or quit (`\q`). */
export type LineOutcome = 'continue' | 'quit';

/** Runs a meta-command; `runScript` lets `\i` feed a file through a processor of its own. */
export type MetaRunner = (name: string, args: readonly string[], context: MetaContext) => Promise<LineOutcome>;

export interface MetaContext {
  readonly shell: Shell;
  readonly processor: InputProcessor;
  readonly location: SourceLocation | undefined;
}

/** Whether `text` ends inside a quote, quoted identifier, comment or dollar-quote. */
export function endsInsideLiteral(text: string): boolean {
  // A ';' that the splitter does not see as a terminator is inside something.
  return splitStatements(`${text};`).rest !== '';
}

/**
 * The prompt character psql shows for an unfinished buffer: `-` plain, `'` in a string, `"` in a
 * quoted identifier, `$` in a dollar-quote, `*` in a block comment — found by trying the closers.
 */
export function continuationMark(buffer: string): '-' | "'" | '"' | '$' | '*' {
  if (!endsInsideLiteral(buffer)) return '-';
  if (!endsInsideLiteral(`${buffer}'`)) return "'";
  if (!endsInsideLiteral(`${buffer}"`)) return '"';
  for (const [tag] of buffer.matchAll(/\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/g)) {
    if (!endsInsideLiteral(buffer + tag)) return '$';
  }
  // What is left: a (possibly nested) block comment, or an E'' string ending in a backslash.
  return buffer.includes('/*') ? '*' : "'";
}

/** The meta-command words of a line: `\name` then its arguments, quotes honoured. */
export function parseMetaCommand(text: string): { name: string; args: string[] } {
  const match = /^\\(\S*)\s*(.*)$/s.exec(text);
  const name = match?.[1] ?? '';
  const args: string[] = [];
  const re = /'((?:[^']|'')*)'|("(?:[^"]|"")*")|(\S+)/g;
  for (const m of (match?.[2] ?? '').matchAll(re)) {
    if (m[1] !== undefined) args.push(m[1].replaceAll("''", "'"));
    else args.push(m[2] ?? m[3]!);
  }
  return { name, args };
}

export class InputProcessor {
  private buffer = '';
  private lineNumber = 0;

  constructor(
    private readonly shell: Shell,
    private readonly runMeta: MetaRunner,
    /** The script's name for error prefixes; undefined for the terminal, piped input and -c. */
    private readonly fileName: string | undefined,
  ) {}

  /** The statement typed so far (empty at a fresh prompt). */
  get pending(): string {
    return this.buffer;
  }

  /** Forget the statement typed so far (Ctrl-C at the prompt, `\r`). */
  reset(): void {
    this.buffer = '';
  }

  async line(line: string): Promise<LineOutcome> {
    this.lineNumber++;
    const meta = this.metaCommandStart(line);
    const sqlPart = meta < 0 ? line : line.slice(0, meta);
    const joined = this.buffer === '' ? sqlPart : `${this.buffer}\n${sqlPart}`;
    // A line that is only a meta-command leaves the buffer as it was.
    if (meta < 0 || sqlPart.trim() !== '') await this.runComplete(joined);
    if (meta < 0) return 'continue';
    return this.runMetaCommands(line.slice(meta));
  }

  /** End of input: run an unterminated last statement, as psql does for scripts and pipes. */
  async end(): Promise<void> {
    const rest = this.buffer;
    this.buffer = '';
    if (holdsStatement(rest)) await this.shell.execute(rest, this.location());
  }

  private location(): SourceLocation | undefined {
    return this.fileName === undefined ? undefined : { file: this.fileName, line: this.lineNumber };
  }

  private async runComplete(text: string): Promise<void> {
    const { complete, rest } = splitStatements(text);
    for (const statement of complete) await this.shell.execute(statement, this.location());
    this.buffer = rest;
  }

  /** Where in `line` a meta-command starts: the first backslash outside any quote or comment. */
  private metaCommandStart(line: string): number {
    const before = this.buffer === '' ? '' : `${this.buffer}\n`;
    for (let i = line.indexOf('\\'); i >= 0; i = line.indexOf('\\', i + 1)) {
      if (!endsInsideLiteral(before + line.slice(0, i))) return i;
    }
    return -1;
  }

  /** `\x \timing on`: each backslash word starts the next command. */
  private async runMetaCommands(text: string): Promise<LineOutcome> {
    const { name, args } = parseMetaCommand(text);
    const next = args.findIndex((a) => a.startsWith('\\'));
    const own = next < 0 ? args : args.slice(0, next);
    const outcome = await this.runMeta(name, own, { shell: this.shell, processor: this, location: this.location() });
    if (outcome === 'quit' || next < 0) return outcome;
    return this.runMetaCommands(args.slice(next).join(' '));
  }
}

/**
 * Whether an unterminated rest holds more than blanks and comments: ended on a line of its own
 * (so a trailing `--` comment cannot swallow the `;`), it either splits into a statement or stays
 * open (an unclosed quote, which the engine will report).
 */
function holdsStatement(rest: string): boolean {
  if (rest.trim() === '') return false;
  const { complete, rest: open } = splitStatements(`${rest}\n;`);
  return complete.length > 0 || open.trim() !== '';
}

/**
 * The REPL's engine room: runs one statement at a time on the connection and prints what psql
 * would — rows in the current `\pset format` / `\x` mode or the command tag, notices and errors on
 * stderr, `\timing` lines — and holds the settings the meta-commands change.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Connection } from './connection/connection.js';
import { CopyBars } from './copy-bars.js';
import { formatError, formatNotice, formatTiming, renderTable, type ExpandedMode, type OutputFormat, type TextTable } from './format/index.js';
import { NO_PAINT, paintFor, type OutputStream, type Paint } from './terminal.js';

export interface ShellIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** A person types at a terminal: colour, COPY progress bars, `\x auto` by terminal width. */
  readonly interactive: boolean;
}

/** Where a statement came from when it came from a script: errors then start `slicewise:<file>:<line>: `. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export interface ShellSettings {
  format: OutputFormat;
  expanded: ExpandedMode;
  timing: boolean;
}

function locationPrefix(location: SourceLocation | undefined): string {
  return location ? `slicewise:${location.file}:${location.line}: ` : '';
}

export class Shell {
  readonly settings: ShellSettings = { format: 'aligned', expanded: 'off', timing: false };
  /** Whether the last statement failed (`-c` exits with 1 then, as psql does). */
  lastFailed = false;
  /** Called with each successful statement's command tag (the completer refreshes names after DDL). */
  onStatementDone: ((commandTag: string) => void) | undefined;
  private outputFile: { readonly path: string; readonly stream: WriteStream } | undefined;
  private running = false;
  private readonly errorPaint: Paint;

  constructor(
    readonly connection: Connection,
    readonly io: ShellIO,
  ) {
    this.errorPaint = io.interactive ? paintFor(io.stderr) : NO_PAINT;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Run one statement and print its outcome; false when it failed. */
  async execute(sql: string, location?: SourceLocation): Promise<boolean> {
    const prefix = locationPrefix(location);
    const bars = this.io.interactive && this.io.stdout.isTTY && this.connection.copyProgress ? new CopyBars(this.io.stdout, paintFor(this.io.stdout)) : undefined;
    const started = performance.now();
    this.running = true;
    try {
      const result = await this.connection.query(sql, {
        onNotice: (notice) => this.io.stderr.write(formatNotice(notice, prefix)),
        onCopyProgress: bars ? (p) => bars.update(p) : undefined,
      });
      this.running = false;
      if (result.columns.length > 0) this.printTable({ columns: result.columns, rows: result.rows, countRows: true });
      else this.print(`${result.commandTag}\n`);
      this.lastFailed = false;
      this.onStatementDone?.(result.commandTag);
    } catch (error) {
      this.running = false;
      this.lastFailed = true;
      this.io.stderr.write(this.paintError(formatError(error, sql, prefix)));
    }
    if (this.settings.timing) this.io.stdout.write(formatTiming(performance.now() - started));
    return !this.lastFailed;
  }

  /** Cancel the running statement (Ctrl-C); false when none runs. */
  cancel(): boolean {
    return this.running && this.connection.cancel();
  }

  /** A table in the current output format, to the query output (`\o`). */
  printTable(table: TextTable): void {
    const terminalWidth = this.outputFile === undefined && this.io.stdout.isTTY ? this.io.stdout.columns : undefined;
    this.print(renderTable(table, { format: this.settings.format, expanded: this.settings.expanded, terminalWidth }));
  }

  /** Query output: stdout, or the file `\o` named. */
  print(text: string): void {
    (this.outputFile?.stream ?? this.io.stdout).write(text);
  }

  /** Meta-command messages ("Timing is on.") always go to stdout, as psql's do. */
  message(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Meta-command errors ("invalid command \foo"). */
  warn(text: string, location?: SourceLocation): void {
    this.io.stderr.write(`${locationPrefix(location)}${text}\n`);
  }

  /** `\o [file]`: send query output to a file (created or truncated), or back to stdout. */
  async setOutput(path: string | undefined): Promise<void> {
    if (path !== undefined) {
      const stream = createWriteStream(path);
      await Promise.race([once(stream, 'open'), once(stream, 'error').then(([e]) => Promise.reject(e as Error))]);
      await this.closeOutput();
      this.outputFile = { path, stream };
    } else {
      await this.closeOutput();
    }
  }

  async close(): Promise<void> {
    await this.closeOutput();
  }

  private async closeOutput(): Promise<void> {
    const file = this.outputFile;
    this.outputFile = undefined;
    if (file) await new Promise<void>((resolve) => file.stream.end(resolve));
  }

  /** `ERROR:` (or `FATAL:`) in bold red on a colour terminal; the rest as it is. */
  private paintError(text: string): string {
    return text.replace(/^((?:slicewise:[^\n]*?: )?)(ERROR|FATAL):/, (_, prefix: string, severity: string) => `${prefix}${this.errorPaint.bold(this.errorPaint.red(`${severity}:`))}`);
  }
}

/**
 * The interactive loop on a terminal (prompts, history, tab completion, Ctrl-C / Ctrl-D as in psql)
 * and the plain loop for piped input (no prompts, no colour).
 */
import { createInterface, type Interface } from 'node:readline';
import { Completer } from './completion.js';
import { HISTORY_SIZE, loadHistory, saveHistory } from './history.js';
import { continuationMark, InputProcessor } from './input.js';
import { runMetaCommand } from './meta.js';
import type { Shell } from './shell.js';

/** Lines from readline, handed out one at a time; null once input ends (Ctrl-D, end of pipe). */
class LineQueue {
  private readonly lines: string[] = [];
  private closed = false;
  private wake: (() => void) | undefined;

  constructor(rl: Interface) {
    rl.on('line', (line) => {
      this.lines.push(line);
      this.wake?.();
    });
    rl.on('close', () => {
      this.closed = true;
      this.wake?.();
    });
  }

  /** Input has ended (Ctrl-D, end of pipe). */
  get ended(): boolean {
    return this.closed;
  }

  /** Whether a line is waiting (pasted text): then no prompt is drawn before it. */
  get ready(): boolean {
    return this.lines.length > 0 || this.closed;
  }

  async next(): Promise<string | null> {
    while (this.lines.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.lines.shift() ?? null;
  }
}

export interface InteractiveOptions {
  readonly historyFile: string | undefined;
  readonly welcome: string;
}

export async function runInteractive(shell: Shell, options: InteractiveOptions): Promise<void> {
  const { stdin, stdout } = process;
  const processor = new InputProcessor(shell, runMetaCommand, undefined);
  const completer = new Completer(shell, () => processor.pending);
  shell.onStatementDone = (tag) => completer.noteCommand(tag);

  const rl = createInterface({
    input: stdin,
    output: stdout,
    terminal: true,
    history: options.historyFile ? loadHistory(options.historyFile) : [],
    historySize: HISTORY_SIZE,
    removeHistoryDuplicates: true,
    completer: (line: string, callback: (error: Error | null, result?: [string[], string]) => void) => {
      completer.complete(line).then((r) => callback(null, r), (e: Error) => callback(e));
    },
  });
  const historyFile = options.historyFile;
  if (historyFile) rl.on('history', (entries: string[]) => saveHistory(historyFile, entries));
  const queue = new LineQueue(rl);

  const promptText = (): string => {
    const pending = processor.pending;
    return `${shell.connection.database}${pending.trim() === '' ? '=' : continuationMark(pending)}${transactionMark(shell.connection.transactionStatus)}# `;
  };
  const prompt = (): void => {
    rl.setPrompt(promptText());
    rl.prompt();
  };

  // Ctrl-C: cancel the running statement; at the prompt, drop the line and the statement typed so far.
  const interrupt = (): void => {
    if (shell.busy) {
      // psql's words; the statement's error follows when it stops.
      if (shell.cancel()) process.stderr.write('Cancel request sent\n');
      return;
    }
    // After Ctrl-D the line editor is gone; the REPL is on its way out.
    if (queue.ended) return;
    // Leave what was typed on screen with ^C after it, then a fresh prompt on the next line
    // (deleting the line redraws the prompt there).
    rl.write(null, { ctrl: true, name: 'e' });
    stdout.write('^C\n');
    processor.reset();
    rl.setPrompt(promptText());
    rl.write(null, { ctrl: true, name: 'u' });
  };
  rl.on('SIGINT', interrupt);
  process.on('SIGINT', interrupt);

  stdout.write(`${options.welcome}\n\n`);
  try {
    for (;;) {
      if (!queue.ready) prompt();
      const line = await queue.next();
      if (line === null) {
        // Ctrl-D: psql says \q and leaves (an unfinished statement is dropped).
        stdout.write('\\q\n');
        break;
      }
      if ((await processor.line(line)) === 'quit') break;
    }
  } finally {
    process.off('SIGINT', interrupt);
    rl.close();
  }
}

/** Input from a pipe or file: no prompts; an unterminated last statement still runs. */
export async function runPiped(shell: Shell): Promise<void> {
  const processor = new InputProcessor(shell, runMetaCommand, undefined);
  const rl = createInterface({ input: process.stdin, terminal: false });
  const queue = new LineQueue(rl);
  // Ctrl-C (SIGINT) cancels the running statement, else ends the run as psql does.
  const interrupt = (): void => {
    if (shell.cancel()) process.stderr.write('Cancel request sent\n');
    else process.exit(130);
  };
  process.on('SIGINT', interrupt);
  try {
    for (let line = await queue.next(); line !== null; line = await queue.next()) {
      if ((await processor.line(line)) === 'quit') return;
    }
    await processor.end();
  } finally {
    process.off('SIGINT', interrupt);
    rl.close();
  }
}

/** psql's %x: `*` inside a transaction block, `!` inside a failed one. */
function transactionMark(status: 'I' | 'T' | 'E' | null): string {
  return status === 'T' ? '*' : status === 'E' ? '!' : '';
}

/**
 * The REPL's history file: ~/.slicewise_history, or $SLICEWISE_HISTORY (empty: no history file).
 * One entry a line, oldest first, at most HISTORY_SIZE; rewritten whenever the history changes,
 * so a killed REPL loses nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HISTORY_SIZE = 500;

export function historyPath(env: NodeJS.ProcessEnv): string | undefined {
  const configured = env.SLICEWISE_HISTORY;
  if (configured !== undefined) return configured === '' ? undefined : configured;
  return join(homedir(), '.slicewise_history');
}

/** The saved entries, newest first (the order node:readline keeps them in). */
export function loadHistory(path: string): string[] {
  try {
    const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Write `entries` (newest first); a history file that cannot be written is not worth an error. */
export function saveHistory(path: string, entries: readonly string[]): void {
  try {
    writeFileSync(path, `${[...entries].slice(0, HISTORY_SIZE).reverse().join('\n')}\n`, { mode: 0o600 });
  } catch {
    // e.g. a read-only home directory: the session goes on without saving history.
  }
}

/**
 * A Query message may hold several statements; each runs on its own and gets its own
 * CommandComplete (and, on error, the rest are skipped), so the server splits the text the way
 * the engine does and keeps each statement's offset for error positions.
 */
import { splitStatements } from '../index.js';

export interface StatementText {
  /** The statement, trimmed, with its ';' if it had one. */
  readonly text: string;
  /** Where it starts in the query string (UTF-16 units). */
  readonly offset: number;
}

/** True when `text` holds only spaces and comments. */
function isBlank(text: string): boolean {
  // The newline ends a trailing `--` comment, so the ';' counts.
  return splitStatements(`${text}\n;`).complete.length === 0;
}

export function statementsOf(sql: string): StatementText[] {
  const { complete, rest } = splitStatements(sql);
  const out: StatementText[] = [];
  let from = 0;
  for (const text of [...complete, ...(rest !== '' && !isBlank(rest) ? [rest] : [])]) {
    const offset = sql.indexOf(text, from);
    out.push({ text, offset });
    from = offset + text.length;
  }
  return out;
}

/**
 * How many statements a query string holds, split the way the engine splits them: a simple Query
 * with none answers EmptyQueryResponse, and a Parse with more than one is refused. (The session
 * parses and runs the text itself; error positions count from the start of the whole string.)
 */
import { splitStatements } from '../index.js';

/** True when `text` holds only spaces and comments. */
function isBlank(text: string): boolean {
  // The newline ends a trailing `--` comment, so the ';' counts.
  return splitStatements(`${text}\n;`).complete.length === 0;
}

export function statementCount(sql: string): number {
  const { complete, rest } = splitStatements(sql);
  return complete.length + (rest !== '' && !isBlank(rest) ? 1 : 0);
}

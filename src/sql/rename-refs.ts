/**
 * A statement's text with some of its relation references renamed, everything else left as written
 * (spacing, comments, case): how a view keeps reading a table that was renamed — PostgreSQL and
 * Redshift bind a view to the table itself, Slicewise keeps the view's text and binds it by name.
 */
import { quoteIdent } from './deparse.js';
import { tokenize } from './lexer.js';

/**
 * `text` with the relation name of each reference starting at one of `starts` (a QualifiedName's
 * position: `t`, `s.t`, `"S"."T"`) replaced by `newName` — the last part only, so a schema stays.
 */
export function renameReferences(text: string, starts: readonly number[], newName: string): string {
  const tokens = tokenize(text);
  const edits: { start: number; end: number }[] = [];
  for (const start of starts) {
    let k = tokens.findIndex((t) => t.start === start);
    if (k < 0) throw new Error(`renameReferences: no token at ${start}`);
    // The name is the last identifier of `ident (. ident)*`.
    while (tokens[k + 1]?.kind === 'op' && tokens[k + 1]!.value === '.' && tokens[k + 2] !== undefined) k += 2;
    edits.push({ start: tokens[k]!.start, end: tokens[k]!.end });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + quoteIdent(newName) + out.slice(e.end);
  return out;
}

/**
 * Statement splitting for the REPL: find the ';' that end statements, ignoring those inside
 * strings, quoted identifiers, comments and dollar quotes. Unlike the lexer it never throws: an
 * unterminated quote or comment just means the statement is not complete yet.
 */

const INCOMPLETE = -1;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c >= 128;
}

/** Split `text` into complete statements (each ending with ';', trimmed) and the unfinished rest. */
export function splitStatements(text: string): { complete: string[]; rest: string } {
  const complete: string[] = [];
  let statementStart = 0;
  let hasContent = false;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */) {
      if (hasContent) complete.push(text.slice(statementStart, i + 1).trim());
      statementStart = i + 1;
      hasContent = false;
      i++;
      continue;
    }
    const next = skipConstruct(text, i);
    if (next === INCOMPLETE) break;
    if (!isSpaceOrComment(text, i)) hasContent = true;
    i = next;
  }
  return { complete, rest: text.slice(statementStart).trim() };
}

function isSpaceOrComment(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  const next = text.charCodeAt(i + 1);
  return (c === 45 && next === 45) || (c === 47 && next === 42);
}

/** The offset after the token-ish construct at `i` (at least i + 1), or INCOMPLETE. */
function skipConstruct(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (c === 45 && next === 45) {
    const newline = text.indexOf('\n', i);
    return newline < 0 ? text.length : newline + 1;
  }
  if (c === 47 && next === 42) return skipBlockComment(text, i);
  if (c === 39) return skipQuoted(text, i, 39, false);
  if (c === 34) return skipQuoted(text, i, 34, false);
  if (c === 36) return skipDollar(text, i);
  if (isWordChar(c)) {
    if ((c === 101 || c === 69) && next === 39) return skipQuoted(text, i + 1, 39, true);
    let j = i + 1;
    while (j < text.length && isWordChar(text.charCodeAt(j))) j++;
    return j;
  }
  return i + 1;
}

function skipBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return INCOMPLETE;
}

/** A '...' string (doubled quotes; backslash escapes when `backslashes`) or "..." identifier. */
function skipQuoted(text: string, start: number, quote: number, backslashes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (backslashes && c === 92) {
      i += 2;
    } else if (c === quote) {
      if (text.charCodeAt(i + 1) !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return INCOMPLETE;
}

/** `$$...$$` / `$tag$...$tag$`; `$1` and a lone '$' are ordinary characters. */
function skipDollar(text: string, start: number): number {
  let i = start + 1;
  const first = text.charCodeAt(i);
  if (first >= 48 && first <= 57) return i;
  while (i < text.length && isWordChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 36) i++;
  if (text.charCodeAt(i) !== 36) return start + 1;
  const delimiter = text.slice(start, i + 1);
  const close = text.indexOf(delimiter, i + 1);
  return close < 0 ? INCOMPLETE : close + delimiter.length;
}

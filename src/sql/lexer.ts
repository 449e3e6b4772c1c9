/**
 * The SQL lexer: a char-code scanner (no regular expressions — `select 1` is on the hot path of
 * every statement) following PostgreSQL's lexical rules with Redshift's differences: quoted
 * identifiers are folded to lower case too, and names may start with '#' (temp tables).
 */
import { SqlError, SqlState } from '../types/errors.js';
import type { Token } from './tokens.js';

const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const DOLLAR = 36;
const HASH = 35;
const DOT = 46;
const BACKSLASH = 92;
const NEWLINE = 10;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === DOLLAR;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === NEWLINE || c === 13 || c === 12 || c === 11;
}

/** ASCII-only lower-casing, as PostgreSQL folds identifiers in multi-byte encodings. */
function foldIdentifier(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
  }
  return text;
}

/** Operators of two or three characters; anything else is a one-character operator. */
const LONG_OPERATORS: ReadonlySet<string> = new Set(['<>', '!=', '<=', '>=', '<<', '>>', '||', '::', '~*', '!~', '!~*']);
const LONG_OPERATOR_STARTS = '<>!|:~';

function unterminated(what: string, sql: string, start: number): SqlError {
  return new SqlError(SqlState.syntaxError, `unterminated ${what} at or near "${sql.slice(start)}"`, { position: start });
}

/** Split `sql` into tokens, ending with one 'eof' token. Throws SqlError (42601) on unterminated quotes/comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  for (;;) {
    i = skipSpaceAndComments(sql, i);
    if (i >= n) {
      tokens.push({ kind: 'eof', value: '', start: n, end: n });
      return tokens;
    }
    const c = sql.charCodeAt(i);
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;
    let token: Token;
    if (isIdentStart(c)) {
      if (next === SINGLE_QUOTE && (c === 101 || c === 69)) token = scanString(sql, i, i + 1, true);
      else if (next === SINGLE_QUOTE && (c === 110 || c === 78)) token = scanString(sql, i, i + 1, false);
      else token = scanWord(sql, i, i);
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      token = scanNumber(sql, i);
    } else if (c === SINGLE_QUOTE) {
      token = scanString(sql, i, i, false);
    } else if (c === DOUBLE_QUOTE) {
      token = scanQuotedIdent(sql, i);
    } else if (c === DOLLAR) {
      token = scanDollar(sql, i);
    } else if (c === HASH && next !== -1 && isIdentStart(next)) {
      token = scanWord(sql, i, i + 1);
    } else {
      token = scanOperator(sql, i);
    }
    tokens.push(token);
    i = token.end;
  }
}

/** Skip whitespace, `-- line` comments and nested `/* block *\/` comments. */
function skipSpaceAndComments(sql: string, from: number): number {
  const n = sql.length;
  let i = from;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      while (i < n && sql.charCodeAt(i) !== NEWLINE) i++;
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      i = skipBlockComment(sql, i);
    } else {
      break;
    }
  }
  return i;
}

function skipBlockComment(sql: string, start: number): number {
  const n = sql.length;
  let depth = 0;
  let i = start;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (c === 42 && sql.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  throw unterminated('/* comment', sql, start);
}

function scanWord(sql: string, start: number, from: number): Token {
  const n = sql.length;
  let i = from + 1;
  while (i < n && isIdentPart(sql.charCodeAt(i))) i++;
  return { kind: 'word', value: foldIdentifier(sql.slice(start, i)), start, end: i };
}

function scanNumber(sql: string, start: number): Token {
  const n = sql.length;
  let i = start;
  while (i < n && isDigit(sql.charCodeAt(i))) i++;
  // A '.' belongs to the number unless it starts '..' (not an operator we have, but keep PG's rule).
  if (i < n && sql.charCodeAt(i) === DOT && sql.charCodeAt(i + 1) !== DOT) {
    i++;
    while (i < n && isDigit(sql.charCodeAt(i))) i++;
  }
  const e = sql.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = sql.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(sql.charCodeAt(j))) {
      i = j;
      while (i < n && isDigit(sql.charCodeAt(i))) i++;
    }
  }
  return { kind: 'number', value: sql.slice(start, i), start, end: i };
}

/**
 * A quoted string starting at `quote` (the token starts at `start`, before an E/N prefix).
 * Segments separated by whitespace containing a newline are concatenated (SQL standard).
 */
function scanString(sql: string, start: number, quote: number, escapes: boolean): Token {
  let value = '';
  let i = quote;
  for (;;) {
    const segment = escapes ? scanEscapeSegment(sql, start, i) : scanStandardSegment(sql, start, i);
    value += segment.value;
    i = segment.end;
    const continuation = findContinuation(sql, i);
    if (continuation < 0) return { kind: 'string', value, start, end: i };
    i = continuation;
  }
}

/** If only whitespace with at least one newline separates `from` from another quote, that quote's offset. */
function findContinuation(sql: string, from: number): number {
  let sawNewline = false;
  let i = from;
  while (i < sql.length && isSpace(sql.charCodeAt(i))) {
    if (sql.charCodeAt(i) === NEWLINE) sawNewline = true;
    i++;
  }
  return sawNewline && sql.charCodeAt(i) === SINGLE_QUOTE ? i : -1;
}

function scanStandardSegment(sql: string, tokenStart: number, quote: number): { value: string; end: number } {
  let value = '';
  let from = quote + 1;
  for (;;) {
    const close = sql.indexOf("'", from);
    if (close < 0) throw unterminated('quoted string', sql, tokenStart);
    value += sql.slice(from, close);
    if (sql.charCodeAt(close + 1) !== SINGLE_QUOTE) return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** E'...' segment: backslash escapes as in PostgreSQL (\n \t \\ \' \ooo \xHH \uXXXX \UXXXXXXXX). */
function scanEscapeSegment(sql: string, tokenStart: number, quote: number): { value: string; end: number } {
  const n = sql.length;
  let value = '';
  let i = quote + 1;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === SINGLE_QUOTE) {
      if (sql.charCodeAt(i + 1) !== SINGLE_QUOTE) return { value, end: i + 1 };
      value += "'";
      i += 2;
    } else if (c === BACKSLASH && i + 1 < n) {
      const escaped = decodeEscape(sql, i + 1);
      value += escaped.text;
      i = escaped.end;
    } else {
      value += sql[i];
      i++;
    }
  }
  throw unterminated('quoted string', sql, tokenStart);
}

function decodeEscape(sql: string, at: number): { text: string; end: number } {
  const ch = sql[at] as string;
  const simple = SIMPLE_ESCAPES[ch];
  if (simple !== undefined) return { text: simple, end: at + 1 };
  const c = sql.charCodeAt(at);
  if (c >= 48 && c <= 55) return decodeDigits(sql, at, 3, 8, (d) => d >= 48 && d <= 55);
  if (ch === 'x' && isHexDigit(sql.charCodeAt(at + 1))) return decodeDigits(sql, at + 1, 2, 16, isHexDigit);
  if (ch === 'u' || ch === 'U') {
    const width = ch === 'u' ? 4 : 8;
    const digits = sql.slice(at + 1, at + 1 + width);
    if (digits.length === width && [...digits].every((d) => isHexDigit(d.charCodeAt(0)))) {
      return { text: String.fromCodePoint(parseInt(digits, 16)), end: at + 1 + width };
    }
    throw new SqlError(SqlState.syntaxError, 'invalid Unicode escape', { position: at - 1, hint: 'Unicode escapes must be \\uXXXX or \\UXXXXXXXX.' });
  }
  return { text: ch, end: at + 1 };
}

function decodeDigits(sql: string, from: number, max: number, radix: number, ok: (c: number) => boolean): { text: string; end: number } {
  let end = from;
  while (end < from + max && ok(sql.charCodeAt(end))) end++;
  return { text: String.fromCharCode(parseInt(sql.slice(from, end), radix) & 0xff), end };
}

function scanQuotedIdent(sql: string, start: number): Token {
  let value = '';
  let from = start + 1;
  for (;;) {
    const close = sql.indexOf('"', from);
    if (close < 0) throw unterminated('quoted identifier', sql, start);
    value += sql.slice(from, close);
    if (sql.charCodeAt(close + 1) !== DOUBLE_QUOTE) {
      if (value === '') {
        throw new SqlError(SqlState.syntaxError, `zero-length delimited identifier at or near """"`, { position: start });
      }
      return { kind: 'quotedIdent', value: foldIdentifier(value), start, end: close + 1 };
    }
    value += '"';
    from = close + 2;
  }
}

/** `$1` parameter, `$$...$$` / `$tag$...$tag$` string, or a lone '$' operator. */
function scanDollar(sql: string, start: number): Token {
  const n = sql.length;
  let i = start + 1;
  if (isDigit(sql.charCodeAt(i))) {
    while (i < n && isDigit(sql.charCodeAt(i))) i++;
    return { kind: 'param', value: sql.slice(start + 1, i), start, end: i };
  }
  if (i < n && isIdentStart(sql.charCodeAt(i))) {
    while (i < n && isIdentPart(sql.charCodeAt(i)) && sql.charCodeAt(i) !== DOLLAR) i++;
  }
  if (sql.charCodeAt(i) !== DOLLAR) return { kind: 'op', value: '$', start, end: start + 1 };
  const delimiter = sql.slice(start, i + 1);
  const close = sql.indexOf(delimiter, i + 1);
  if (close < 0) throw unterminated('dollar-quoted string', sql, start);
  return { kind: 'string', value: sql.slice(i + 1, close), start, end: close + delimiter.length };
}

function scanOperator(sql: string, start: number): Token {
  const first = sql[start] as string;
  if (LONG_OPERATOR_STARTS.includes(first)) {
    const three = sql.slice(start, start + 3);
    if (LONG_OPERATORS.has(three)) return { kind: 'op', value: three, start, end: start + 3 };
    const two = sql.slice(start, start + 2);
    if (LONG_OPERATORS.has(two)) return { kind: 'op', value: two === '!=' ? '<>' : two, start, end: start + 2 };
  }
  return { kind: 'op', value: first, start, end: start + 1 };
}

/**
 * Pattern compilers for LIKE / ILIKE, SIMILAR TO and POSIX regular expressions (~, REGEXP_*), each
 * translated once to a JavaScript matcher and cached per pattern: patterns are nearly always
 * constants while the functions run per row. POSIX semantics kept: `.` matches newlines, `^`/`$`
 * anchor the whole string, [[:alpha:]]-style classes and \m \M \y \Y \A \Z escapes are translated.
 * Not kept: POSIX leftmost-longest alternation (JavaScript takes the first alternative that matches).
 */
import { SqlError } from './errors.js';

const INVALID_ESCAPE = '22025';
const INVALID_REGEX = '2201B';

/** A bounded cache: cleared when full (patterns per query are few; this only caps pathological use). */
class PatternCache<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, build: () => T): T {
    let v = this.map.get(key);
    if (v === undefined) {
      v = build();
      if (this.map.size >= this.limit) this.map.clear();
      this.map.set(key, v);
    }
    return v;
  }
}

/** Characters that need a backslash to stand for themselves in a JavaScript regex (valid in 'u' mode). */
function escapeRegexChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Compile with the 'u' flag (so `.` and `_` take whole characters) when the source allows it. */
function compile(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    try {
      return new RegExp(source, flags);
    } catch (e) {
      throw new SqlError(INVALID_REGEX, `invalid regular expression: ${(e as Error).message}`);
    }
  }
}

// ---------------------------------------------------------------- LIKE / ILIKE

export type Matcher = (s: string) => boolean;

function checkEscape(escape: string): void {
  if (Array.from(escape).length > 1) {
    throw new SqlError(INVALID_ESCAPE, 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  }
}

/** The pattern as literal runs and wildcards ('%' any run, '_' one character). */
function likeParts(pattern: string, escape: string): (string | '%' | '_')[] {
  const parts: (string | '%' | '_')[] = [];
  let literal = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape) {
      if (i + 1 >= chars.length) throw new SqlError(INVALID_ESCAPE, 'LIKE pattern must not end with escape character');
      literal += chars[++i];
    } else if (c === '%' || c === '_') {
      if (literal) parts.push(literal);
      literal = '';
      if (!(c === '%' && parts[parts.length - 1] === '%')) parts.push(c);
    } else literal += c;
  }
  if (literal) parts.push(literal);
  return parts;
}

function buildLike(pattern: string, escape: string, ignoreCase: boolean): Matcher {
  checkEscape(escape);
  const parts = likeParts(pattern, escape);
  const wild = (p: string): boolean => p === '%' || p === '_';
  // Fast paths for the common shapes of case-sensitive patterns: 'abc', 'abc%', '%abc', '%abc%'.
  if (!ignoreCase && !parts.includes('_')) {
    const literals = parts.filter((p) => !wild(p));
    if (literals.length <= 1) {
      const text = literals[0] ?? '';
      const key = parts.map((p) => (wild(p) ? p : 'x')).join('');
      switch (key) {
        case '': return (s) => s === '';
        case 'x': return (s) => s === text;
        case '%': return () => true;
        case 'x%': return (s) => s.startsWith(text);
        case '%x': return (s) => s.endsWith(text);
        case '%x%': return (s) => s.includes(text);
      }
    }
  }
  const source = parts.map((p) => (p === '%' ? '.*' : p === '_' ? '.' : Array.from(p, escapeRegexChar).join(''))).join('');
  const re = compile(`^(?:${source})$`, ignoreCase ? 'si' : 's');
  return (s) => re.test(s);
}

const likeCache = new PatternCache<Matcher>(1000);
/** The last matcher per case mode: a column matched against one constant pattern skips the cache key. */
const lastLike = [
  { pattern: '', escape: '', matcher: null as Matcher | null },
  { pattern: '', escape: '', matcher: null as Matcher | null },
];

/** LIKE (`ignoreCase` false) or ILIKE; `escape` defaults to backslash, '' turns escaping off. */
export function likeMatcher(pattern: string, escape: string, ignoreCase: boolean): Matcher {
  const last = lastLike[ignoreCase ? 1 : 0]!;
  if (last.matcher && last.pattern === pattern && last.escape === escape) return last.matcher;
  const matcher = likeCache.get(`${ignoreCase ? 'i' : 'c'}${escape}\u0000${pattern}`, () => buildLike(pattern, escape, ignoreCase));
  last.pattern = pattern;
  last.escape = escape;
  last.matcher = matcher;
  return matcher;
}

// ---------------------------------------------------------------- SIMILAR TO

/** SQL regular expression -> JavaScript, as PostgreSQL's similar_escape does: % -> .*, _ -> ., whole-string match. */
function similarSource(pattern: string, escape: string): string {
  checkEscape(escape);
  let out = '';
  let inClass = false;
  let classStart = false;
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== '' && c === escape) {
      if (i + 1 >= chars.length) throw new SqlError(INVALID_ESCAPE, 'SIMILAR TO pattern must not end with escape character');
      out += escapeRegexChar(chars[++i]!);
      continue;
    }
    if (inClass) {
      if (c === ']' && !classStart) inClass = false;
      out += c === '\\' ? '\\\\' : c === '[' ? '\\[' : c;
      classStart = classStart && c === '^';
      continue;
    }
    switch (c) {
      case '[': inClass = true; classStart = true; out += c; break;
      case '%': out += '.*'; break;
      case '_': out += '.'; break;
      case '.': case '^': case '$': case '\\': case '/': out += `\\${c}`; break;
      default: out += c;
    }
  }
  return `^(?:${out})$`;
}

const similarCache = new PatternCache<RegExp>(1000);

export function similarRegex(pattern: string, escape: string): RegExp {
  return similarCache.get(`${escape}\u0000${pattern}`, () => compile(similarSource(pattern, escape), 's'));
}

// ---------------------------------------------------------------- POSIX regular expressions

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~',
  graph: '!-~', word: 'A-Za-z0-9_',
};

const POSIX_ESCAPES: Record<string, string> = { y: '\\b', Y: '\\B', m: '\\b(?=\\w)', M: '\\b(?<=\\w)', A: '^', Z: '$' };

/** A bracket expression from `[` at `start`: returns its JavaScript text and the index after `]`. */
function translateBracket(p: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  // A ']' first in the list is a literal.
  if (p[i] === ']') {
    out += '\\]';
    i++;
  }
  while (i < p.length && p[i] !== ']') {
    const rest = p.slice(i);
    const cls = /^\[:([a-z]+):\]/.exec(rest);
    const collating = /^\[([.=])(.+?)\1\]/.exec(rest);
    if (cls) {
      const set = POSIX_CLASSES[cls[1]!];
      if (set === undefined) throw new SqlError(INVALID_REGEX, 'invalid regular expression: invalid character class');
      out += set;
      i += cls[0].length;
    } else if (collating) {
      out += Array.from(collating[2]!, escapeRegexChar).join('');
      i += collating[0].length;
    } else if (p[i] === '\\' && i + 1 < p.length) {
      out += p.slice(i, i + 2);
      i += 2;
    } else {
      out += p[i] === '[' ? '\\[' : p[i];
      i++;
    }
  }
  if (i >= p.length) throw new SqlError(INVALID_REGEX, 'invalid regular expression: brackets [] not balanced');
  return [`${out}]`, i + 1];
}

/** POSIX (PostgreSQL ARE) syntax -> JavaScript. */
export function translatePosix(p: string): string {
  let out = '';
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '[') {
      const [text, next] = translateBracket(p, i);
      out += text;
      i = next;
    } else if (c === '\\' && i + 1 < p.length) {
      const e = p[i + 1]!;
      out += POSIX_ESCAPES[e] ?? `\\${e}`;
      i += 2;
    } else {
      out += c === '/' ? '\\/' : c;
      i++;
    }
  }
  return out;
}

export interface RegexOptions {
  readonly ignoreCase: boolean;
  /** 'p': the pattern is PCRE, used as JavaScript as it is (no newline-matching dot). */
  readonly pcre: boolean;
}

const posixCache = new PatternCache<RegExp>(1000);
let lastPosix: { pattern: string; ignoreCase: boolean; pcre: boolean; re: RegExp } | null = null;

/** A global (g) and index-reporting (d) regex for a POSIX or PCRE pattern. */
export function posixRegex(pattern: string, options: RegexOptions): RegExp {
  const { ignoreCase, pcre } = options;
  if (lastPosix && lastPosix.pattern === pattern && lastPosix.ignoreCase === ignoreCase && lastPosix.pcre === pcre) return lastPosix.re;
  const key = `${ignoreCase ? 'i' : 'c'}${pcre ? 'p' : 'x'}\u0000${pattern}`;
  const re = posixCache.get(key, () => compile(pcre ? pattern : translatePosix(pattern), `gd${ignoreCase ? 'i' : ''}${pcre ? '' : 's'}`));
  lastPosix = { pattern, ignoreCase, pcre, re };
  return re;
}

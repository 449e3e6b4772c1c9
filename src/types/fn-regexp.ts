/**
 * REGEXP_COUNT, REGEXP_INSTR, REGEXP_REPLACE, REGEXP_SUBSTR with Redshift's optional arguments:
 * position (1-based, in characters), occurrence, and parameters: c (case-sensitive, default),
 * i (case-insensitive), e (return the first subexpression), p (PCRE: the pattern as JavaScript).
 */
import { INTEGER, MAX_VARCHAR_LENGTH, varcharType, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { posixRegex } from './patterns.js';
import { defineFunction, type Overload, type Param } from './signatures.js';
import { codePointLength, hasSurrogates } from './strings.js';

interface Parameters {
  readonly ignoreCase: boolean;
  readonly pcre: boolean;
  readonly subexpression: boolean;
}

const parameterCache = new Map<string, Parameters>();

function parseParameters(text: string): Parameters {
  let p = parameterCache.get(text);
  if (p) return p;
  let ignoreCase = false;
  let pcre = false;
  let subexpression = false;
  for (const c of text) {
    if (c === 'c') ignoreCase = false;
    else if (c === 'i') ignoreCase = true;
    else if (c === 'p') pcre = true;
    else if (c === 'e') subexpression = true;
    else throw new SqlError(SqlState.invalidParameterValue, `invalid regular expression option: "${c}"`);
  }
  p = { ignoreCase, pcre, subexpression };
  if (parameterCache.size > 100) parameterCache.clear();
  parameterCache.set(text, p);
  return p;
}

function regexFor(pattern: string, p: Parameters): RegExp {
  return posixRegex(pattern, p);
}

/** UTF-16 offset of the character at 0-based character index `chars` (clamped to the string). */
function unitOffset(s: string, chars: number): number {
  if (!hasSurrogates(s)) return Math.min(chars, s.length);
  let i = 0;
  for (let n = 0; n < chars && i < s.length; n++) i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** 1-based character position of UTF-16 offset `unit`. */
function charPosition(s: string, unit: number): number {
  return (hasSurrogates(s) ? codePointLength(s.slice(0, unit)) : unit) + 1;
}

/** The match after `occurrence - 1` earlier ones, searching from the 1-based character `position`. */
function nthMatch(s: string, re: RegExp, position: number, occurrence: number): RegExpExecArray | null {
  re.lastIndex = unitOffset(s, Math.max(position, 1) - 1);
  for (let n = 1; ; n++) {
    const m = re.exec(s);
    if (!m) return null;
    if (n === occurrence) return m;
    if (m[0] === '') re.lastIndex++;
  }
}

export function regexpCount(s: string, pattern: string, position = 1, parameters = ''): number {
  if (position > codePointLength(s)) return 0;
  const re = regexFor(pattern, parseParameters(parameters));
  re.lastIndex = unitOffset(s, Math.max(position, 1) - 1);
  let count = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    count++;
    if (m[0] === '') re.lastIndex++;
  }
  return count;
}

export function regexpInstr(s: string, pattern: string, position = 1, occurrence = 1, option = 0, parameters = ''): number {
  if (occurrence < 1 || position > codePointLength(s)) return 0;
  const p = parseParameters(parameters);
  const m = nthMatch(s, regexFor(pattern, p), position, occurrence);
  if (!m) return 0;
  const [start, end] = p.subexpression && m.indices?.[1] ? m.indices[1] : [m.index, m.index + m[0].length];
  return charPosition(s, option === 0 ? start : end);
}

/** PostgreSQL replacement text: \1..\9 insert groups, \& the whole match, \\ a backslash. */
function expandReplacement(replacement: string, m: readonly (string | undefined)[]): string {
  if (!replacement.includes('\\')) return replacement;
  return replacement.replace(/\\([0-9&\\])/g, (_, c: string) => (c === '\\' ? '\\' : c === '&' ? m[0]! : (m[Number(c)] ?? '')));
}

export function regexpReplace(s: string, pattern: string, replacement = '', position = 1, parameters = ''): string {
  if (position > codePointLength(s)) return s;
  const re = regexFor(pattern, parseParameters(parameters));
  const start = unitOffset(s, Math.max(position, 1) - 1);
  re.lastIndex = 0;
  const rest = s.slice(start).replace(re, (...args: unknown[]) => {
    const groups = args.slice(0, args.findIndex((a) => typeof a === 'number')) as (string | undefined)[];
    return expandReplacement(replacement, groups);
  });
  return s.slice(0, start) + rest;
}

export function regexpSubstr(s: string, pattern: string, position = 1, occurrence = 1, parameters = ''): string | null {
  if (occurrence < 1) return null;
  if (position > codePointLength(s)) return '';
  const p = parseParameters(parameters);
  const m = nthMatch(s, regexFor(pattern, p), position, occurrence);
  if (!m) return '';
  return p.subexpression && m.length > 1 ? (m[1] ?? '') : m[0];
}

const same = (args: readonly SqlType[]): SqlType => args[0]!;
const WIDEST = varcharType(MAX_VARCHAR_LENGTH);

/** One overload per arity: the leading `required` parameters, then each optional one in turn. */
function arities(params: readonly Param[], required: number, returns: Overload['returns'], fn: (...args: never[]) => unknown): Overload[] {
  const out: Overload[] = [];
  for (let n = required; n <= params.length; n++) out.push({ params: params.slice(0, n), returns, fn: fn as (...args: unknown[]) => unknown });
  return out;
}

defineFunction('regexp_count', arities(['text', 'text', 'int4', 'text'], 2, INTEGER, regexpCount));
defineFunction('regexp_instr', arities(['text', 'text', 'int4', 'int4', 'int4', 'text'], 2, INTEGER, regexpInstr));
defineFunction('regexp_replace', arities(['text', 'text', 'text', 'int4', 'text'], 2, WIDEST, regexpReplace));
defineFunction('regexp_substr', arities(['text', 'text', 'int4', 'int4', 'text'], 2, same, regexpSubstr));

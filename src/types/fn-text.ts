/**
 * More string functions: SPLIT_PART, TRANSLATE, INITCAP, QUOTE_IDENT, QUOTE_LITERAL, ASCII, CHR,
 * STRTOL, BPCHARCMP / BTTEXT_PATTERN_CMP.
 */
import { BIGINT, INTEGER, MAX_VARCHAR_LENGTH, charType, varcharType, type SqlType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { compareStrings, hasSurrogates } from './strings.js';
import { registerImplementation } from './registry.js';
import { defineCustom, defineFunction } from './signatures.js';
import { textTypeFor } from './text-conversion.js';
import { integerOutOfRange } from './type-errors.js';

const same = (args: readonly SqlType[]): SqlType => args[0]!;
const lengthOf = (t: SqlType): number => (t.kind === 'varchar' || t.kind === 'char' ? t.length : MAX_VARCHAR_LENGTH);
/** A VARCHAR long enough for `factor` times the argument plus `extra` bytes. */
const grown = (factor: number, extra: number) => (args: readonly SqlType[]): SqlType =>
  varcharType(Math.min(lengthOf(args[0]!) * factor + extra, MAX_VARCHAR_LENGTH));

/** SPLIT_PART: the n-th (1-based) field between delimiters; '' beyond the last one. */
export function splitPart(s: string, delimiter: string, n: number): string {
  if (n <= 0) throw new SqlError(SqlState.invalidParameterValue, 'field position must be greater than zero');
  if (delimiter === '') return n === 1 ? s : '';
  let start = 0;
  for (let field = 1; field < n; field++) {
    const next = s.indexOf(delimiter, start);
    if (next < 0) return '';
    start = next + delimiter.length;
  }
  const end = s.indexOf(delimiter, start);
  return end < 0 ? s.slice(start) : s.slice(start, end);
}
defineFunction('split_part', [{ params: ['text', 'text', 'int4'], returns: same, fn: (s, d, n) => splitPart(s as string, d as string, n as number) }]);

/** TRANSLATE: each character of `from` becomes the one at the same place in `to`, or is dropped. */
export function translate(s: string, from: string, to: string): string {
  const source = Array.from(from);
  const target = Array.from(to);
  const map = new Map<string, string>();
  source.forEach((c, i) => {
    if (!map.has(c)) map.set(c, target[i] ?? '');
  });
  let out = '';
  for (const c of hasSurrogates(s) ? Array.from(s) : s) out += map.get(c) ?? c;
  return out;
}
defineFunction('translate', [{ params: ['text', 'text', 'text'], returns: same, fn: (s, f, t) => translate(s as string, f as string, t as string) }]);

const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/** INITCAP: upper-case the first letter of every word, lower-case the rest; any non-alphanumeric character separates words. */
export function initcap(s: string): string {
  let out = '';
  let wordStart = true;
  for (const c of s) {
    const alnum = c < '\x80' ? /[A-Za-z0-9]/.test(c) : ALPHANUMERIC.test(c);
    out += alnum ? (wordStart ? c.toUpperCase() : c.toLowerCase()) : c;
    wordStart = !alnum;
  }
  return out;
}
defineFunction('initcap', [{ params: ['text'], returns: same, fn: (s) => initcap(s as string) }]);

/** QUOTE_IDENT: double quotes (embedded ones doubled) unless the text is already a plain lower-case identifier. */
export function quoteIdent(s: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`;
}
defineFunction('quote_ident', [{ params: ['text'], returns: grown(2, 2), fn: (s) => quoteIdent(s as string) }]);

/** QUOTE_LITERAL: single quotes, embedded quotes and backslashes doubled. */
export function quoteLiteral(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
// Any argument is quoted as its text (quote_literal(catid) -> '1').
registerImplementation('quote_literal(varchar)', (s) => quoteLiteral(s as string));
defineCustom('quote_literal', (args) => {
  if (args.length !== 1) return null;
  const text = textTypeFor(args[0]!);
  return { id: 'quote_literal(varchar)', type: grown(2, 2)([text]), argTypes: [text] };
});

defineFunction('ascii', [{ params: ['text'], returns: INTEGER, fn: (s) => (s as string).codePointAt(0) ?? 0 }]);

// CHR: the ASCII character with that code; NULL for codes outside 1..127, as documented.
defineFunction('chr', [{ params: ['int4'], returns: charType(1), fn: (n) => ((n as number) >= 1 && (n as number) <= 127 ? String.fromCharCode(n as number) : null) }]);

const INT8_MAX = 2n ** 63n - 1n;

/**
 * STRTOL as C's strtol reads: leading blanks, an optional sign, an optional 0x for base 16, then the
 * digits valid in `base` up to the first that is not. No digits gives 0.
 */
export function strtol(s: string, base: number): bigint {
  if (!Number.isInteger(base) || base < 2 || base > 36) {
    throw new SqlError(SqlState.invalidParameterValue, `base must be between 2 and 36: ${base}`);
  }
  const m = /^[ \t\n\r\f\v]*([+-]?)/.exec(s)!;
  let i = m[0].length;
  if (base === 16 && /^0[xX][0-9a-fA-F]/.test(s.slice(i))) i += 2;
  let value = 0n;
  const b = BigInt(base);
  for (; i < s.length; i++) {
    const digit = parseInt(s[i]!, 36);
    if (Number.isNaN(digit) || digit >= base) break;
    value = value * b + BigInt(digit);
    if (value > INT8_MAX + 1n) throw integerOutOfRange('bigint');
  }
  const signed = m[1] === '-' ? -value : value;
  if (signed > INT8_MAX) throw integerOutOfRange('bigint');
  return signed;
}
defineFunction('strtol', [{ params: ['text', 'int4'], returns: BIGINT, fn: (s, base) => strtol(s as string, base as number) }]);

// -1, 0 or 1 as the strings compare (trailing blanks insignificant, as every comparison here).
defineFunction('bpcharcmp,bttext_pattern_cmp', [{ params: ['text', 'text'], returns: INTEGER, fn: (a, b) => Math.sign(compareStrings(a as string, b as string)) }]);

/**
 * String scalar functions. Positions and lengths count characters (code points), OCTET_LENGTH counts
 * UTF-8 bytes. CHAR arguments arrive as VARCHAR without their padding (the resolver converts them),
 * which is how LEN ignores CHAR's trailing blanks yet counts VARCHAR's.
 */
import { INTEGER, MAX_VARCHAR_LENGTH, varcharType, type SqlType } from './datatype.js';
import { SqlError } from './errors.js';
import { resolveConcat } from './operators.js';
import { defineCustom, defineFunction, type Overload, type Param } from './signatures.js';
import { codePointLength, hasSurrogates, utf8ByteLength } from './strings.js';

const same = (args: readonly SqlType[]): SqlType => args[0]!;
const WIDEST = varcharType(MAX_VARCHAR_LENGTH);

/** Characters of `s` (code points) from `start` (0-based) to `end` (exclusive). */
function sliceChars(s: string, start: number, end?: number): string {
  if (!hasSurrogates(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join('');
}

type Spec = [params: readonly Param[], returns: Overload['returns'], fn: (...args: never[]) => unknown];

function define(names: string, ...overloads: Spec[]): void {
  defineFunction(
    names,
    overloads.map(([params, returns, fn]) => ({ params, returns, fn: fn as (...args: unknown[]) => unknown })),
  );
}

define('upper', [['text'], same, (s: string) => s.toUpperCase()]);
define('lower', [['text'], same, (s: string) => s.toLowerCase()]);
define('length,len,char_length,character_length', [['text'], INTEGER, (s: string) => codePointLength(s)]);
define('octet_length', [['text'], INTEGER, (s: string) => utf8ByteLength(s)]);

/** PostgreSQL's SUBSTRING: characters start .. start+len-1 (1-based), clipped to the string. */
function substring(s: string, start: number, length?: number): string {
  if (length !== undefined && length < 0) throw new SqlError('22011', 'negative substring length not allowed');
  const from = Math.max(start, 1) - 1;
  if (length === undefined) return sliceChars(s, from);
  const end = start + length - 1;
  return end <= from ? '' : sliceChars(s, from, end);
}
define(
  'substring,substr',
  [['text', 'int4'], same, (s: string, start: number) => substring(s, start)],
  [['text', 'int4', 'int4'], same, (s: string, start: number, len: number) => substring(s, start, len)],
);

define('left', [['text', 'int4'], same, (s: string, n: number) => (n >= 0 ? sliceChars(s, 0, n) : sliceChars(s, 0, Math.max(codePointLength(s) + n, 0)))]);
define('right', [['text', 'int4'], same, (s: string, n: number) => {
  const len = codePointLength(s);
  return n >= 0 ? sliceChars(s, Math.max(len - n, 0)) : sliceChars(s, Math.min(-n, len));
}]);

function trim(s: string, chars: string, left: boolean, right: boolean): string {
  const set = Array.from(chars);
  const cs = Array.from(s);
  let i = 0;
  let j = cs.length;
  if (left) while (i < j && set.includes(cs[i]!)) i++;
  if (right) while (j > i && set.includes(cs[j - 1]!)) j--;
  return cs.slice(i, j).join('');
}
for (const [names, left, right] of [['btrim,trim', true, true], ['ltrim', true, false], ['rtrim', false, true]] as const) {
  define(
    names,
    [['text'], same, (s: string) => trim(s, ' ', left, right)],
    [['text', 'text'], same, (s: string, chars: string) => trim(s, chars, left, right)],
  );
}

define('replace', [['text', 'text', 'text'], WIDEST, (s: string, from: string, to: string) => (from === '' ? s : s.split(from).join(to))]);

/** 1-based character position of `sub` in `s`, 0 when absent. */
function strpos(s: string, sub: string): number {
  const i = s.indexOf(sub);
  return i < 0 ? 0 : codePointLength(s.slice(0, i)) + 1;
}
define('strpos', [['text', 'text'], INTEGER, strpos]);
define('charindex', [['text', 'text'], INTEGER, (sub: string, s: string) => strpos(s, sub)]);
// The parser hands POSITION(a IN b) over as position(a, b): find a in b.
define('position', [['text', 'text'], INTEGER, (sub: string, s: string) => strpos(s, sub)]);

/** Guard against requests that would build absurdly long strings. */
function checkLength(chars: number): void {
  if (chars > 10 * MAX_VARCHAR_LENGTH * 16) throw new SqlError('54000', 'requested length too large');
}

define('repeat,replicate', [['text', 'int4'], WIDEST, (s: string, n: number) => {
  if (n <= 0) return '';
  checkLength(s.length * n);
  return s.repeat(n);
}]);
define('reverse', [['text'], same, (s: string) => (hasSurrogates(s) ? Array.from(s).reverse().join('') : s.split('').reverse().join(''))]);

/** PostgreSQL's LPAD/RPAD: pad to `length` characters with `fill`, or truncate to it. */
function pad(s: string, length: number, fill: string, left: boolean): string {
  if (length <= 0) return '';
  checkLength(length);
  const len = codePointLength(s);
  if (len >= length) return sliceChars(s, 0, length);
  if (fill === '') return s;
  const need = length - len;
  const fillChars = Array.from(fill);
  let padding = '';
  for (let i = 0; i < need; i++) padding += fillChars[i % fillChars.length];
  return left ? padding + s : s + padding;
}
for (const [name, left] of [['lpad', true], ['rpad', false]] as const) {
  define(
    name,
    [['text', 'int4'], WIDEST, (s: string, n: number) => pad(s, n, ' ', left)],
    [['text', 'int4', 'text'], WIDEST, (s: string, n: number, fill: string) => pad(s, n, fill, left)],
  );
}

// CONCAT(a, b) is a || b: exactly two arguments, any types as text.
defineCustom('concat', (args) => (args.length === 2 ? resolveConcat(args[0]!, args[1]!) : null));

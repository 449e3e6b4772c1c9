/**
 * One-dimensional arrays as the catalogs hold them: text in PostgreSQL's array syntax, `{a,"b c",NULL}`
 * (Redshift has no array columns in user tables; its leader's catalogs have aclitem[], text[], ...).
 * ARRAY_TO_STRING and ARRAY_CAT read and write that text; QUOTE_ARRAY_ELEMENT writes one element, so
 * the binder can build `ARRAY(subquery)` as `'{' || LISTAGG(QUOTE_ARRAY_ELEMENT(x), ',') || '}'`.
 */
import { MAX_VARCHAR_LENGTH, varcharType } from './datatype.js';
import { SqlError, SqlState } from './errors.js';
import { defineFunction } from './signatures.js';

const ARRAY_TEXT = varcharType(MAX_VARCHAR_LENGTH);

function malformed(text: string, detail: string): SqlError {
  return new SqlError(SqlState.invalidTextRepresentation, `malformed array literal: "${text}"`, { detail });
}

/** The elements of a one-dimensional array's text (NULL elements as null). */
export function parseArrayText(text: string): (string | null)[] {
  const s = text.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) throw malformed(text, 'Array value must start with "{" or dimension information.');
  const body = s.slice(1, -1);
  const out: (string | null)[] = [];
  if (body.trim() === '') return out;
  let i = 0;
  for (;;) {
    while (body[i] === ' ') i++;
    if (body[i] === '{') throw new SqlError(SqlState.featureNotSupported, 'multidimensional arrays are not supported');
    let value = '';
    let quoted = false;
    if (body[i] === '"') {
      quoted = true;
      for (i++; i < body.length && body[i] !== '"'; i++) value += body[i] === '\\' ? (body[++i] ?? '') : body[i];
      if (i >= body.length) throw malformed(text, 'Unexpected end of input.');
      i++;
    } else {
      for (; i < body.length && body[i] !== ','; i++) value += body[i] === '\\' ? (body[++i] ?? '') : body[i];
      value = value.trimEnd();
    }
    out.push(!quoted && value.toUpperCase() === 'NULL' ? null : value);
    while (body[i] === ' ') i++;
    if (i >= body.length) return out;
    if (body[i] !== ',') throw malformed(text, `Unexpected "${body[i]}" character.`);
    i++;
  }
}

/** One element as PostgreSQL's array output writes it: quoted when empty, `NULL`-like or holding special characters. */
export function quoteArrayElement(value: string | null): string {
  if (value === null) return 'NULL';
  if (value !== '' && value.toUpperCase() !== 'NULL' && !/[{},"\\\s]/.test(value)) return value;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function arrayText(elements: readonly (string | null)[]): string {
  return `{${elements.map(quoteArrayElement).join(',')}}`;
}

/** ARRAY_TO_STRING(array, delimiter [, null_string]): NULL elements are skipped unless null_string is given. */
export function arrayToString(array: string, delimiter: string, nullString: string | null = null): string {
  const parts: string[] = [];
  for (const e of parseArrayText(array)) {
    if (e !== null) parts.push(e);
    else if (nullString !== null) parts.push(nullString);
  }
  return parts.join(delimiter);
}

defineFunction('array_to_string', [
  { params: ['text', 'text'], returns: ARRAY_TEXT, fn: (a, d) => arrayToString(a as string, d as string) },
  { params: ['text', 'text', 'text'], returns: ARRAY_TEXT, strict: false, fn: (a, d, n) => (a === null || d === null ? null : arrayToString(a as string, d as string, n as string | null)) },
]);

/** ARRAY_CAT(a, b) (and `a || ARRAY(...)`): the elements of both; a NULL array counts as empty. */
defineFunction('array_cat', [
  {
    params: ['text', 'text'],
    returns: ARRAY_TEXT,
    strict: false,
    fn: (a, b) => (a === null ? b : b === null ? a : arrayText([...parseArrayText(a as string), ...parseArrayText(b as string)])),
  },
]);

defineFunction('quote_array_element', [{ params: ['text'], returns: ARRAY_TEXT, strict: false, fn: (v) => quoteArrayElement(v as string | null) }]);

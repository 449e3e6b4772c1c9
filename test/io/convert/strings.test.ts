import { describe, expect, test } from 'vitest';
import { charType, INTEGER, varcharType } from '../../../src/types/datatype.js';
import { parseValue } from '../../../src/types/parse.js';
import { errorOf, fields, load, loadValues } from './helpers.js';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const concat = (...parts: (string | Uint8Array)[]): Uint8Array => {
  const chunks = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

describe('CHAR(n)', () => {
  test('blank-padded to n bytes, exactly as the engine stores an inserted CHAR', () => {
    const texts = ['abc', 'a', 'ab ', ''];
    const out = load(fields(INTEGER, charType(3)), texts.map((t, i) => `${i}|${t}`).join('\n') + '\n');
    expect(out.rows.map((r) => r[1])).toEqual(texts.map((t) => parseValue(t, charType(3))));
    expect(out.rows.map((r) => r[1])).toEqual(['abc', 'a  ', 'ab ', '   ']);
  });

  test('over-length: cut when the excess is spaces or with TRUNCATECOLUMNS, else 1204', () => {
    expect(loadValues(charType(3), ['abc   ']).values).toEqual(['abc']);
    expect(errorOf(charType(3), 'abcd')).toMatchObject({ code: 1204, reason: 'Char length exceeds DDL length', colLength: '3', type: 'char' });
    expect(loadValues(charType(3), ['abcdef'], { conversion: { truncateColumns: true } }).values).toEqual(['abc']);
  });

  test('multibyte characters are rejected (1220), whatever ACCEPTINVCHARS says', () => {
    const e = errorOf(charType(5), 'café');
    expect(e).toMatchObject({ code: 1220, reason: 'Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: c3 a9' });
    expect(e.rawFieldValue).toBe('caf.');
    expect(errorOf(charType(5), 'x日', { conversion: { acceptInvChars: '?' } }).reason).toMatch(/Invalid char: e6 97 a5$/);
  });
});

describe('VARCHAR(n)', () => {
  test('lengths are bytes: 4 three-byte characters need VARCHAR(12)', () => {
    expect(loadValues(varcharType(12), ['日本語です']).values).toEqual([undefined]);
    expect(loadValues(varcharType(12), ['日本語で']).values).toEqual(['日本語で']);
    expect(errorOf(varcharType(11), '日本語で')).toMatchObject({ code: 1204, reason: 'String length exceeds DDL length', colLength: '11', type: 'varchar' });
    expect(loadValues(varcharType(3), ['ab      ']).values).toEqual(['ab ']);
  });

  test('TRUNCATECOLUMNS cuts at a byte length without splitting a character', () => {
    const run = (text: string, n: number): unknown => loadValues(varcharType(n), [text], { conversion: { truncateColumns: true } }).values[0];
    expect(run('日本語', 4)).toBe('日');
    expect(run('日本語', 6)).toBe('日本');
    expect(run('ab😀c', 5)).toBe('ab');
    expect(run('ab😀c', 6)).toBe('ab😀');
  });

  test('TRIMBLANKS removes trailing whitespace before the length check', () => {
    expect(loadValues(varcharType(3), ['ab \t  '], { conversion: { trimBlanks: true } }).values).toEqual(['ab']);
    expect(loadValues(varcharType(10), ['  ab  '], { conversion: { trimBlanks: true } }).values).toEqual(['  ab']);
    expect(loadValues(varcharType(10), ['ab  ']).values).toEqual(['ab  ']);
  });

  test.each([
    ['a stray continuation byte', concat('x', bytes(0xa4), 'y'), 'a4', 3],
    ['byte FE', bytes(0xfe), 'fe', 3],
    ['an incomplete sequence at the end', concat('x', bytes(0xe6, 0x97)), 'e6 97', 2],
    ['a continuation byte out of range', concat(bytes(0xe6, 0x41), 'y'), 'e6', 4],
    ['a surrogate', bytes(0xed, 0xa0, 0x80), 'ed a0 80', 5],
    ['an overlong encoding', bytes(0xc0, 0xaf), 'c0 af', 9],
    ['a code point above U+10FFFF', bytes(0xf4, 0x90, 0x80, 0x80), 'f4 90 80 80', 8],
    ['a five-byte sequence', concat(bytes(0xf8, 0x88, 0x80, 0x80, 0x80), 'y'), 'f8 88 80 80 80', 1],
  ])('invalid UTF-8: %s', (_, field, hex, number) => {
    const out = load(fields(varcharType(20), INTEGER), concat(field, '|1\n'));
    expect(out.rows).toEqual([]);
    expect(out.errors).toHaveLength(1);
    // err_reason is CHAR(100): longer texts are cut.
    const reason = `String contains invalid or unsupported UTF8 codepoints. Bad UTF8 hex sequence: ${hex} (error ${number})`.slice(0, 100);
    expect(out.errors[0]).toMatchObject({ code: 1220, reason, colname: 'c0' });
  });

  test('ACCEPTINVCHARS replaces each invalid sequence by the character repeated to its byte length', () => {
    const input = concat('a', bytes(0xed, 0xa0, 0x80), 'b', bytes(0xa4), 'c', bytes(0xe6, 0x97), '|1\n');
    expect(load(fields(varcharType(20), INTEGER), input, { conversion: { acceptInvChars: '^' } }).rows).toEqual([['a^^^b^c^^', 1]]);
    expect(load(fields(varcharType(20), INTEGER), input, { conversion: { acceptInvChars: '?' } }).rows).toEqual([['a???b?c??', 1]]);
  });

  test('noncharacters load as they are, and are replaced under ACCEPTINVCHARS', () => {
    const input = concat('a', bytes(0xef, 0xbf, 0xbf), bytes(0xef, 0xb7, 0x90), '|1\n');
    expect(load(fields(varcharType(20), INTEGER), input).rows).toEqual([['a\uffff\ufdd0', 1]]);
    expect(load(fields(varcharType(20), INTEGER), input, { conversion: { acceptInvChars: '*' } }).rows).toEqual([['a******', 1]]);
  });

  test('valid multibyte text round-trips', () => {
    const texts = ['héllo', '日本語', '😀 emoji', 'ascii only', 'Ωmega'];
    expect(loadValues(varcharType(40), texts).values).toEqual(texts);
  });
});

describe('empty, blank and NULL AS fields of character columns', () => {
  const columns = fields(varcharType(10), charType(2), INTEGER);

  test('default: empty is an empty string, blanks load as is, \\N is NULL', () => {
    expect(load(columns, '||1\n  | |2\n\\N|\\N|\\N\n').rows).toEqual([['', '  ', 1], ['  ', '  ', 2], [null, null, null]]);
  });

  test('EMPTYASNULL', () => {
    expect(load(columns, '||1\n  | |2\n', { conversion: { emptyAsNull: true } }).rows).toEqual([[null, null, 1], ['  ', '  ', 2]]);
  });

  test('BLANKSASNULL', () => {
    expect(load(columns, '||1\n \t| |2\n', { conversion: { blanksAsNull: true } }).rows).toEqual([['', '  ', 1], [null, null, 2]]);
  });

  test("NULL AS is compared on bytes, for every type; NULL AS '' behaves as EMPTYASNULL", () => {
    expect(load(columns, 'NIL|NIL|NIL\n\\N|x|3\n', { conversion: { nullAs: 'NIL' } }).rows).toEqual([[null, null, null], ['\\N', 'x ', 3]]);
    expect(load(columns, '||\n', { conversion: { nullAs: '' } }).rows).toEqual([[null, null, null]]);
    expect(load(columns, 'ñ|a|1\n', { conversion: { nullAs: 'ñ' } }).rows).toEqual([[null, 'a ', 1]]);
  });

  test("NULL AS '\\0': a field holding only NUL is NULL", () => {
    expect(load(columns, concat(bytes(0), '|a|', bytes(0), '\n'), { conversion: { nullAs: '\0' } }).rows).toEqual([[null, 'a ', null]]);
  });
});

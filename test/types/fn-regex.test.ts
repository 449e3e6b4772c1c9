import { describe, expect, it } from 'vitest';
import { BOOLEAN, DATE, INTEGER, TIMESTAMP, UNKNOWN, charType, resolveFunction, resolveOperator, varcharType, type SqlType } from '../../src/types/index.js';
import { call, callOperator, expectSqlError } from './helpers.js';

const V = varcharType(100);
const t = (s: string): [SqlType, string] => [V, s];

describe('LIKE / ILIKE', () => {
  it.each<[string, string, string, string | null, boolean]>([
    ['like', 'East Hartford', 'E%', null, true],
    ['like', 'Christensen', '%ten%', null, true],
    ['like', 'Christensen', '%TEN%', null, false],
    ['ilike', 'Clearwater', '__EA%', null, true],
    ['ilike', 'Brea', '__EA%', null, true],
    ['like', 'start_time', '%start\\_%', null, true],
    ['like', 'starttime', '%start\\_%', null, false],
    ['like', 'start_time', '%start^_%', '^', true],
    ['like', 'a.c', 'a_c', null, true],
    ['like', 'a\nc', 'a_c', null, true],
    ['like', 'a😀c', 'a_c', null, true],
    ['like', 'abc', 'abc', null, true],
    ['like', 'abc', 'ab', null, false],
    ['like', 'x(y)', '%(y)', null, true],
    ['like', '50%', '50\\%', null, true],
    ['like', '50', '%', null, true],
    ['like', '', '', null, true],
    ['like', 'a\\b', 'a\\b', '', true],
    ['ilike', 'ÉTÉ', 'été', null, true],
  ])('%s(%s, %s, %s) = %s', (fn, s, p, esc, out) => {
    const args: [SqlType, string][] = esc === null ? [t(s), t(p)] : [t(s), t(p), t(esc)];
    expect(call(fn, ...args)).toBe(out ? 't' : 'f');
  });

  it('CHAR keeps its padding; dates match as text', () => {
    expect(call('like', [charType(6), 'abc'], t('abc'))).toBe('f');
    expect(call('like', [charType(6), 'abc'], t('abc%'))).toBe('t');
    expect(call('like', [TIMESTAMP, '2008-09-05 10:00:00'], t('2008-09%'))).toBe('t');
    expect(resolveFunction('like', [DATE, UNKNOWN]).argTypes[0]!.kind).toBe('varchar');
    expect(resolveFunction('ilike', [V, V]).type).toEqual(BOOLEAN);
  });

  it('switching patterns row by row uses the right matcher each time', () => {
    const rows: [string, string, string, boolean][] = [
      ['like', 'abc', 'a%', true], ['like', 'abc', 'b%', false], ['ilike', 'ABC', 'a%', true], ['like', 'ABC', 'a%', false],
      ['like', 'a%c', 'a#%c', false], ['like', 'a%c', 'a\\%c', true],
    ];
    for (const [fn, s, p, out] of rows) expect(call(fn, t(s), t(p))).toBe(out ? 't' : 'f');
    expect(call('like', t('a%c'), t('a#%c'), t('#'))).toBe('t');
    expect(callOperator('~', t('abc'), t('^a'))).toBe('t');
    expect(callOperator('~*', t('ABC'), t('^a'))).toBe('t');
    expect(callOperator('~', t('ABC'), t('^a'))).toBe('f');
  });

  it('errors', () => {
    expectSqlError(() => call('like', t('a'), t('a\\')), '22025', 'LIKE pattern must not end with escape character');
    expectSqlError(() => call('like', t('a'), t('a'), t('xy')), '22025', 'invalid escape string');
    expectSqlError(() => resolveFunction('like', [INTEGER, V]), '42883');
  });
});

describe('SIMILAR TO', () => {
  it.each<[string, string, string | null, boolean]>([
    ['Agoura Hills', '%E%|%H%', null, true],
    ['Atlanta', '%E%|%H%', null, false],
    ['idle_start_time', '%start\\_%', null, true],
    ['idle_start_time', '%start^_%', '^', true],
    ['abc', 'abc', null, true],
    ['abc', 'a', null, false],
    ['abc', '(a|b)%', null, true],
    ['aaa', 'a{2,3}', null, true],
    ['aaaa', 'a{2,3}', null, false],
    ['a.c', 'a.c', null, true],
    ['abc', 'a.c', null, false],
    ['b', '[abc]', null, true],
    ['xyz', '[^abc]+', null, true],
    ['ab', 'a+b?', null, true],
  ])('%s similar to %s = %s', (s, p, esc, out) => {
    const args: [SqlType, string][] = esc === null ? [t(s), t(p)] : [t(s), t(p), t(esc)];
    expect(call('similar_to', ...args)).toBe(out ? 't' : 'f');
  });
});

describe('POSIX operators', () => {
  it.each<[string, string, string, boolean]>([
    ['~', 'Agoura Hills', '.*E.*|.*H.*', true],
    ['~', 'St. Pete Times Forum', '.*\\..*', true],
    ['~', 'Toyota Park', '.*\\..*', false],
    ['~*', 'the FOX', 'fox', true],
    ['!~', 'the fox', 'FOX', true],
    ['!~*', 'the fox', 'FOX', false],
    ['~', 'abc', '^[[:alpha:]]+$', true],
    ['~', 'ab1', '^[[:alpha:]]+$', false],
    ['~', 'a]b', '[]]', true],
    ['~', 'one two', '\\mtwo\\M', true],
    ['~', 'onetwo', '\\ytwo', false],
    ['~', 'line1\nline2', '1.line', true],
    ['~', 'x', '[[:digit:][:upper:]]', false],
  ])('%s: %s ~ %s = %s', (op, s, p, out) => expect(callOperator(op, t(s), t(p))).toBe(out ? 't' : 'f'));

  it('resolves on strings only', () => {
    expect(resolveOperator('~', V, UNKNOWN)).toEqual({ id: 'textregexeq', type: BOOLEAN, argTypes: [V, varcharType(65535)] });
    expectSqlError(() => resolveOperator('~', INTEGER, V), '42883', 'operator does not exist: integer ~ character varying');
    expectSqlError(() => callOperator('~', t('a'), t('(')), '2201B');
  });
});

describe('REGEXP_ functions', () => {
  const P = '(?=[^ ]*[a-z])(?=[^ ]*[0-9])[^ ]+';
  const pw = 'passwd7 plain A1234 a1234';
  it.each<[string, [SqlType, string][], string]>([
    ['regexp_count', [t('abcdefghijklmnopqrstuvwxyz'), t('[a-z]{3}')], '8'],
    ['regexp_count', [t('Etiam.laoreet.libero@sodalesMaurisblandit.edu'), t('@[^.]*\\.(org|edu)')], '1'],
    ['regexp_count', [t('sed@lacusUtnec.ca'), t('@[^.]*\\.(org|edu)')], '0'],
    ['regexp_count', [t('the fox'), t('FOX'), [INTEGER, '1'], t('i')], '1'],
    ['regexp_count', [t(pw), t(P), [INTEGER, '1'], t('p')], '2'],
    ['regexp_count', [t(pw), t(P), [INTEGER, '1'], t('ip')], '3'],
    ['regexp_count', [t('aaa'), t('a'), [INTEGER, '2']], '2'],
    ['regexp_count', [t('aaa'), t('a'), [INTEGER, '9']], '0'],
    ['regexp_instr', [t('Etiam.laoreet.libero@sodalesMaurisblandit.edu'), t('@[^.]*')], '21'],
    ['regexp_instr', [t('The Home Depot Center'), t('[cC]ent(er|re)$')], '16'],
    ['regexp_instr', [t('Air Canada Centre'), t('[cC]ent(er|re)$')], '12'],
    ['regexp_instr', [t('the fox'), t('FOX'), [INTEGER, '1'], [INTEGER, '1'], [INTEGER, '0'], t('i')], '5'],
    ['regexp_instr', [t(pw), t(P), [INTEGER, '1'], [INTEGER, '2'], [INTEGER, '0'], t('p')], '21'],
    ['regexp_instr', [t(pw), t(P), [INTEGER, '1'], [INTEGER, '2'], [INTEGER, '0'], t('ip')], '15'],
    ['regexp_instr', [t('the fox'), t('fox'), [INTEGER, '1'], [INTEGER, '1'], [INTEGER, '1']], '8'],
    ['regexp_instr', [t('😀 fox'), t('fox')], '3'],
    ['regexp_instr', [t('abc'), t('z')], '0'],
    ['regexp_instr', [t('xx abc'), t('a(b)c'), [INTEGER, '1'], [INTEGER, '1'], [INTEGER, '0'], t('e')], '5'],
    ['regexp_replace', [t('Etiam.laoreet.libero@sodalesMaurisblandit.edu'), t('@.*\\.(org|gov|com|edu|ca)$')], 'Etiam.laoreet.libero'],
    ['regexp_replace', [t('sed@lacusUtnec.ca'), t('@.*\\.[[:alpha:]]{2,3}'), t('@internal.company.com')], 'sed@internal.company.com'],
    ['regexp_replace', [t('the fox'), t('FOX'), t('quick brown fox'), [INTEGER, '1'], t('i')], 'the quick brown fox'],
    ['regexp_replace', [t(pw), t(P), t('[hidden]'), [INTEGER, '1'], t('p')], '[hidden] plain A1234 [hidden]'],
    ['regexp_replace', [t(pw), t(P), t('[hidden]'), [INTEGER, '1'], t('ip')], '[hidden] plain [hidden] [hidden]'],
    ['regexp_replace', [t('abab'), t('a'), t('x'), [INTEGER, '2']], 'abxb'],
    ['regexp_replace', [t('john smith'), t('(\\w+) (\\w+)'), t('\\2, \\1 ($1)')], 'smith, john ($1)'],
    ['regexp_substr', [t('Etiam.laoreet.libero@sodalesMaurisblandit.edu'), t('@[^.]*')], '@sodalesMaurisblandit'],
    ['regexp_substr', [t('the fox'), t('FOX'), [INTEGER, '1'], [INTEGER, '1'], t('i')], 'fox'],
    ['regexp_substr', [t('THE SECRET CODE IS THE LOWERCASE PART OF 1931abc0EZ.'), t('[a-z]+'), [INTEGER, '1'], [INTEGER, '1'], t('c')], 'abc'],
    ['regexp_substr', [t(pw), t(P), [INTEGER, '1'], [INTEGER, '2'], t('p')], 'a1234'],
    ['regexp_substr', [t(pw), t(P), [INTEGER, '1'], [INTEGER, '2'], t('ip')], 'A1234'],
    ['regexp_substr', [t('This is a cat, this is a dog. This is a mouse.'), t('this is a (\\w+)'), [INTEGER, '1'], [INTEGER, '2'], t('ie')], 'dog'],
    ['regexp_substr', [t('abc'), t('z')], ''],
    ['regexp_substr', [t('abc'), t('b'), [INTEGER, '1'], [INTEGER, '0']], 'NULL'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));

  it('errors', () => {
    expectSqlError(() => call('regexp_count', t('a'), t('a'), [INTEGER, '1'], t('x')), '22023', 'invalid regular expression option: "x"');
    expectSqlError(() => call('regexp_substr', t('a'), t('[a')), '2201B');
  });
});

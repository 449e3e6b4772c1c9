import { describe, expect, it } from 'vitest';
import {
  BIGINT, DATE, DOUBLE, INTEGER, SMALLINT, TIMESTAMP, UNKNOWN, charType, decimalType, formatValue, getImplementation,
  parseValue, resolveFunction, varcharType, type SqlType,
} from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

/** Resolve `name(args)`; args are [type, text] (text null for NULL); the result printed ('NULL' for null). */
function call(name: string, ...args: [SqlType, string | null][]): string {
  const res = resolveFunction(name, args.map(([t]) => t));
  const values = args.map(([, text], i) => (text === null ? null : parseValue(text, res.argTypes[i]!)));
  const impl = getImplementation(res.id);
  if (impl.strict && values.includes(null)) return 'NULL';
  const out = impl.fn(...values);
  return out === null ? 'NULL' : formatValue(out, res.type);
}

const V = varcharType(100);
const d82 = decimalType(8, 2);

describe('numeric functions', () => {
  it.each([
    ['abs', [[INTEGER, '-5']], '5'],
    ['abs', [[d82, '-12.50']], '12.50'],
    ['abs', [[DOUBLE, '-1.5']], '1.5'],
    ['abs', [[BIGINT, '-9']], '9'],
    ['ceil', [[d82, '28.01']], '29'],
    ['ceiling', [[d82, '-28.99']], '-28'],
    ['floor', [[d82, '-28.01']], '-29'],
    ['floor', [[d82, '28.99']], '28'],
    ['floor', [[DOUBLE, '2.5']], '2'],
    ['ceil', [[INTEGER, '7']], '7'],
    ['round', [[d82, '28.05']], '28'],
    ['round', [[d82, '28.50']], '29'],
    ['round', [[d82, '-28.50']], '-29'],
    ['round', [[d82, '28.05'], [INTEGER, '1']], '28.10'],
    ['round', [[d82, '28.05'], [INTEGER, '-1']], '30.00'],
    ['round', [[DOUBLE, '2.5']], '3'],
    ['round', [[DOUBLE, '-2.5']], '-3'],
    ['round', [[DOUBLE, '3.14159'], [INTEGER, '2']], '3.14'],
    ['round', [[INTEGER, '1234'], [INTEGER, '-2']], '1200'],
    ['round', [[INTEGER, '1250'], [INTEGER, '-2']], '1300'],
    ['trunc', [[d82, '111.15'], [INTEGER, '-1']], '110.00'],
    ['trunc', [[d82, '-28.99']], '-28'],
    ['trunc', [[DOUBLE, '-2.7']], '-2'],
    ['trunc', [[TIMESTAMP, '2008-01-05 14:30:00']], '2008-01-05'],
    ['sign', [[d82, '-3.00']], '-1'],
    ['sign', [[INTEGER, '0']], '0'],
    ['sign', [[DOUBLE, '2.5']], '1'],
    ['mod', [[INTEGER, '7'], [INTEGER, '3']], '1'],
    ['mod', [[d82, '7.50'], [INTEGER, '2']], '1.50'],
    ['sqrt', [[INTEGER, '16']], '4'],
    ['power', [[INTEGER, '2'], [INTEGER, '3']], '8'],
    ['pow', [[DOUBLE, '4'], [DOUBLE, '0.5']], '2'],
    ['exp', [[INTEGER, '0']], '1'],
    ['ln', [[DOUBLE, '1']], '0'],
    ['log', [[INTEGER, '1000']], '3'],
    ['abs', [[UNKNOWN, '-1.5']], '1.5'],
  ] as [string, [SqlType, string][], string][])('%s(%o) = %s', (name, args, out) => {
    expect(call(name, ...args)).toBe(out);
  });
  it('pi', () => expect(call('pi')).toBe('3.141592653589793'));
  it('result types', () => {
    expect(resolveFunction('round', [d82]).type).toEqual(decimalType(7, 0));
    expect(resolveFunction('round', [d82, INTEGER]).id).toBe('round(numeric,int4):8,2');
    expect(resolveFunction('abs', [SMALLINT])).toEqual({ id: 'abs(int2)', type: SMALLINT, argTypes: [SMALLINT] });
    expect(resolveFunction('sqrt', [INTEGER])).toEqual({ id: 'sqrt(float8)', type: DOUBLE, argTypes: [DOUBLE] });
    expect(resolveFunction('trunc', [TIMESTAMP]).type).toEqual(DATE);
    expect(resolveFunction('mod', [INTEGER, INTEGER]).id).toBe('int4_mod');
  });
  it('errors', () => {
    expectSqlError(() => call('abs', [SMALLINT, '-32768']), '22003', 'smallint out of range');
    expectSqlError(() => call('sqrt', [DOUBLE, '-1']), '2201F', 'cannot take square root of a negative number');
    expectSqlError(() => call('ln', [DOUBLE, '0']), '2201E', 'cannot take logarithm of zero');
    expectSqlError(() => call('log', [DOUBLE, '-1']), '2201E', 'cannot take logarithm of a negative number');
    expectSqlError(() => call('power', [DOUBLE, '0'], [DOUBLE, '-1']), '2201F');
    expectSqlError(() => call('round', [SMALLINT, '32767'], [INTEGER, '-1']), '22003', 'smallint out of range');
    const e = expectSqlError(() => resolveFunction('abs', [V]), '42883', 'function abs(character varying) does not exist');
    expect(e.hint).toMatch(/explicit type casts/);
  });
});

describe('string functions', () => {
  it.each([
    ['upper', [[V, 'abc é']], 'ABC É'],
    ['lower', [[V, 'ABC']], 'abc'],
    ['length', [[V, 'français']], '8'],
    ['len', [[V, 'ab  ']], '4'],
    ['len', [[charType(5), 'ab']], '2'],
    ['char_length', [[V, '😀x']], '2'],
    ['character_length', [[V, '']], '0'],
    ['octet_length', [[V, 'français']], '9'],
    ['substring', [[V, 'abcdef'], [INTEGER, '2'], [INTEGER, '3']], 'bcd'],
    ['substring', [[V, 'abcdef'], [INTEGER, '0'], [INTEGER, '3']], 'ab'],
    ['substring', [[V, 'abcdef'], [INTEGER, '-5'], [INTEGER, '3']], ''],
    ['substr', [[V, 'abcdef'], [INTEGER, '4']], 'def'],
    ['substring', [[V, 'a😀bc'], [INTEGER, '2'], [INTEGER, '2']], '😀b'],
    ['substring', [[TIMESTAMP, '2008-09-05 10:00:00'], [INTEGER, '6'], [INTEGER, '2']], '09'],
    ['left', [[V, 'abcdef'], [INTEGER, '2']], 'ab'],
    ['left', [[V, 'abcdef'], [INTEGER, '-2']], 'abcd'],
    ['right', [[V, 'abcdef'], [INTEGER, '2']], 'ef'],
    ['right', [[V, 'abcdef'], [INTEGER, '-2']], 'cdef'],
    ['btrim', [[V, '  ab  ']], 'ab'],
    ['trim', [[V, 'xxabxx'], [V, 'x']], 'ab'],
    ['ltrim', [[V, '  ab  ']], 'ab  '],
    ['rtrim', [[V, 'abcxyx'], [V, 'xy']], 'abc'],
    ['replace', [[V, 'a-b-c'], [V, '-'], [V, '+']], 'a+b+c'],
    ['strpos', [[V, 'français'], [V, 'ai']], '6'],
    ['strpos', [[V, 'abc'], [V, 'z']], '0'],
    ['charindex', [[V, 'c'], [V, 'abc']], '3'],
    ['position', [[V, 'b'], [V, 'abc']], '2'],
    ['concat', [[V, 'ab'], [INTEGER, '5']], 'ab5'],
    ['concat', [[V, 'ab'], [V, null]], 'NULL'],
    ['repeat', [[V, 'ab'], [INTEGER, '3']], 'ababab'],
    ['repeat', [[V, 'ab'], [INTEGER, '-1']], ''],
    ['reverse', [[V, 'abc😀']], '😀cba'],
    ['lpad', [[V, 'ab'], [INTEGER, '5']], '   ab'],
    ['lpad', [[V, 'ab'], [INTEGER, '5'], [V, 'xy']], 'xyxab'],
    ['rpad', [[V, 'abcdef'], [INTEGER, '3']], 'abc'],
    ['rpad', [[V, 'ab'], [INTEGER, '4'], [V, '.']], 'ab..'],
    ['upper', [[UNKNOWN, 'lit']], 'LIT'],
    ['upper', [[V, null]], 'NULL'],
  ] as [string, [SqlType, string | null][], string][])('%s(%o) = %s', (name, args, out) => {
    expect(call(name, ...args)).toBe(out);
  });
  it('CHAR arguments lose their padding, DATE becomes text', () => {
    expect(resolveFunction('upper', [charType(5)])).toEqual({ id: 'upper(varchar)', type: varcharType(5), argTypes: [varcharType(5)] });
    expect(resolveFunction('lower', [DATE]).argTypes).toEqual([varcharType(16)]);
  });
  it('errors', () => {
    const e = expectSqlError(() => resolveFunction('upper', [INTEGER]), '42883', 'function upper(integer) does not exist');
    expect(e.detail).toBe('Expected: upper(character varying)');
    expectSqlError(() => resolveFunction('concat', [V, V, V]), '42883', 'function concat(character varying, character varying, character varying) does not exist');
    expectSqlError(() => resolveFunction('nosuch', []), '42883', 'function nosuch() does not exist');
    expectSqlError(() => call('substring', [V, 'abc'], [INTEGER, '1'], [INTEGER, '-1']), '22011', 'negative substring length not allowed');
  });
});

describe('other functions', () => {
  it('nullif is not strict and ignores trailing blanks', () => {
    expect(call('nullif', [V, 'a'], [V, 'a  '])).toBe('NULL');
    expect(call('nullif', [V, 'a'], [V, 'b'])).toBe('a');
    expect(call('nullif', [V, 'a'], [V, null])).toBe('a');
    expect(call('nullif', [V, null], [V, 'a'])).toBe('NULL');
    expect(call('nullif', [INTEGER, '5'], [UNKNOWN, '5'])).toBe('NULL');
    expect(call('nullif', [d82, '1.50'], [INTEGER, '2'])).toBe('1.50');
    expect(resolveFunction('nullif', [INTEGER, d82]).id).toBe('nullif(numeric)');
    expect(getImplementation('nullif(int4)').strict).toBe(false);
  });
  it('version', () => {
    expect(call('version')).toBe('PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.12103');
  });
  it('implementations are found by id alone (as on a worker thread)', () => {
    expect(getImplementation('numeric_add:8,2,10,4').fn(125n, 1n)).toBe(12501n);
    expect(getImplementation('round(numeric,int4):8,2').fn(2805n, 1)).toBe(2810n);
    expect(getImplementation('upper(varchar)').strict).toBe(true);
    expectSqlError(() => getImplementation('no_such_id'), 'XX000');
  });
});

import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DOUBLE, INTEGER, SMALLINT, TIMESTAMP, UNKNOWN, charType, decimalType, resolveFunction, varcharType, type SqlType,
} from '../../src/types/index.js';
import { call, expectSqlError } from './helpers.js';

const V = varcharType(100);
type Case = [string, [SqlType, string | null][], string];

describe('string functions', () => {
  it.each<Case>([
    ['split_part', [[TIMESTAMP, '2008-03-05 12:25:29'], [V, '-'], [INTEGER, '2']], '03'],
    ['split_part', [[V, 'a,b,c'], [V, ','], [INTEGER, '3']], 'c'],
    ['split_part', [[V, 'a,b,c'], [V, ','], [INTEGER, '4']], ''],
    ['split_part', [[V, 'abc'], [V, ','], [INTEGER, '1']], 'abc'],
    ['split_part', [[V, 'a::b'], [V, '::'], [INTEGER, '2']], 'b'],
    ['translate', [[V, 'mint tea'], [V, 'inea'], [V, 'osin']], 'most tin'],
    ['translate', [[V, 'St. George'], [V, ' .'], [V, '_']], 'St_George'],
    ['initcap', [[V, 'All non-musical theatre']], 'All Non-Musical Theatre'],
    ['initcap', [[V, 'MLB']], 'Mlb'],
    ['initcap', [[V, 'urna.Ut@egetdictumplacerat.edu']], 'Urna.Ut@Egetdictumplacerat.Edu'],
    ['initcap', [[V, 'élan vital 2nd']], 'Élan Vital 2nd'],
    ['quote_ident', [[V, 'MLB']], '"MLB"'],
    ['quote_ident', [[V, 'catname']], 'catname'],
    ['quote_ident', [[V, 'a"b']], '"a""b"'],
    ['quote_literal', [[V, "O'Neil"]], "'O''Neil'"],
    ['quote_literal', [[INTEGER, '10']], "'10'"],
    ['ascii', [[V, 'amazon']], '97'],
    ['ascii', [[V, '']], '0'],
    ['chr', [[INTEGER, '65']], 'A'],
    ['chr', [[INTEGER, '300']], 'NULL'],
    ['strtol', [[V, '0xf'], [INTEGER, '16']], '15'],
    ['strtol', [[V, 'abcd1234'], [INTEGER, '16']], '2882343476'],
    ['strtol', [[V, '1234567'], [INTEGER, '8']], '342391'],
    ['strtol', [[V, '110101'], [INTEGER, '2']], '53'],
    ['strtol', [[V, '  -12z'], [INTEGER, '10']], '-12'],
    ['strtol', [[V, ''], [INTEGER, '10']], '0'],
    ['bpcharcmp', [[charType(5), 'a'], [V, 'b']], '-1'],
    ['bttext_pattern_cmp', [[V, 'a  '], [V, 'a']], '0'],
    ['md5', [[V, 'Amazon Redshift']], 'f7415e33f972c03abd4f3fed36748f7a'],
    ['sha1', [[V, 'abc']], 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['crc32', [[V, 'Amazon Redshift']], 'f2726906'],
    ['sha2', [[V, 'abc'], [INTEGER, '256']], 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['sha2', [[V, 'abc'], [INTEGER, '100']], ''],
    ['fnv_hash', [[INTEGER, '1']], '-5968735742475085980'],
    ['fnv_hash', [[UNKNOWN, 'Amazon Redshift']], '7783490368944507294'],
    ['fnv_hash', [[V, 'abcd']], '-281581062704388899'],
    ['fnv_hash', [[SMALLINT, '1']], '589727492704079044'],
    ['fnv_hash', [[BIGINT, '1']], '-8517097267634966620'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));

  it('fnv_hash chains through its seed', () => {
    const ab = call('fnv_hash', [V, 'ab']);
    expect(call('fnv_hash', [V, 'cd'], [BIGINT, ab])).toBe(call('fnv_hash', [V, 'abcd']));
    expect(call('fnv_hash', [V, 'Amazon Redshift'], [BIGINT, call('fnv_hash', [INTEGER, '1'])])).toBe('-2202602717770968555');
  });

  it('result types', () => {
    expect(resolveFunction('split_part', [charType(10), V, INTEGER]).type).toEqual(varcharType(10));
    expect(resolveFunction('md5', [V]).type).toEqual(varcharType(32));
    expect(resolveFunction('strtol', [V, INTEGER]).type).toEqual(BIGINT);
    expect(resolveFunction('chr', [INTEGER]).type).toEqual(charType(1));
  });

  it('errors', () => {
    expectSqlError(() => call('split_part', [V, 'a'], [V, ','], [INTEGER, '0']), '22023', 'field position must be greater than zero');
    expectSqlError(() => call('strtol', [V, '1'], [INTEGER, '40']), '22023');
    expectSqlError(() => call('strtol', [V, 'ffffffffffffffffff'], [INTEGER, '16']), '22003', 'bigint out of range');
    const e = expectSqlError(() => resolveFunction('initcap', [INTEGER]), '42883', 'function initcap(integer) does not exist');
    expect(e.detail).toBe('Expected: initcap(character varying)');
  });
});

describe('greatest / least', () => {
  it.each<Case>([
    ['greatest', [[V, 'Lars'], [V, 'Ratliff']], 'Ratliff'],
    ['greatest', [[INTEGER, '1'], [INTEGER, null], [INTEGER, '3']], '3'],
    ['least', [[INTEGER, '1'], [decimalType(5, 2), '0.50'], [INTEGER, '3']], '0.50'],
    ['least', [[INTEGER, null], [INTEGER, null]], 'NULL'],
    ['greatest', [[DOUBLE, '1.5'], [INTEGER, '2']], '2'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));
  it('unifies the argument types', () => {
    expect(resolveFunction('greatest', [SMALLINT, INTEGER, UNKNOWN])).toEqual({ id: 'greatest(int4)', type: INTEGER, argTypes: [INTEGER, INTEGER, INTEGER] });
    expectSqlError(() => resolveFunction('least', [INTEGER, BOOLEAN]), '42804');
    expectSqlError(() => resolveFunction('greatest', []), '42883');
  });
});

describe('more numeric functions', () => {
  it.each<Case>([
    ['dlog1', [[DOUBLE, '1']], '0'],
    ['dlog10', [[DOUBLE, '100']], '2'],
    ['dexp', [[DOUBLE, '0']], '1'],
    ['cbrt', [[DOUBLE, '27']], '3'],
    ['degrees', [[DOUBLE, '3.141592653589793']], '180'],
    ['radians', [[DOUBLE, '180']], '3.141592653589793'],
    ['sin', [[DOUBLE, '0']], '0'],
    ['cos', [[DOUBLE, '0']], '1'],
    ['atan2', [[DOUBLE, '1'], [DOUBLE, '1']], '0.7853981633974483'],
    ['acos', [[DOUBLE, '1']], '0'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));
  it('random is volatile and in [0, 1)', () => {
    const r = resolveFunction('random', []);
    expect(r.type).toEqual(DOUBLE);
    const values = Array.from({ length: 100 }, () => Number(call('random')));
    expect(values.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(90);
  });
  it('domain errors', () => {
    expectSqlError(() => call('asin', [DOUBLE, '2']), '22003', 'input is out of range');
  });
});

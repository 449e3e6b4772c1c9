import { describe, expect, it } from 'vitest';
import { BOOLEAN, INTEGER, UNKNOWN, resolveFunction, varcharType, type SqlType } from '../../src/types/index.js';
import { call, expectSqlError } from './helpers.js';

const V = varcharType(1000);
const t = (s: string): [SqlType, string] => [V, s];
const yes: [SqlType, string] = [BOOLEAN, 'true'];

const HOUSE = `{
  "house": {
    "address": {"street": "123 Any St.", "city": "Any Town"},
    "bathroom": {"color": "green", "shower": true},
    "appliances": {"washing machine": {"brand": "Any Brand", "color": "beige"}}
  }
}`;

describe('JSON text functions', () => {
  it.each<[string, [SqlType, string][], string]>([
    ['json_extract_path_text', [t('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}}'), t('f4'), t('f6')], 'star'],
    ['json_extract_path_text', [t('{"f2":{"f3":1},"f4":{"f5":99,"f6":"star"}'), t('f4'), t('f6'), yes], 'NULL'],
    ['json_extract_path_text', [t('{"farm": {"barn": {}}}'), t('farm'), t('barn'), t('color')], 'NULL'],
    ['json_extract_path_text', [t(HOUSE), t('house'), t('appliances'), t('washing machine'), t('brand')], 'Any Brand'],
    ['json_extract_path_text', [t(HOUSE), t('house'), t('bathroom'), t('shower')], 'true'],
    ['json_extract_path_text', [t('{"a":{"b": [1, 2.50]}}'), t('a')], '{"b": [1, 2.50]}'],
    ['json_extract_path_text', [t('{"a":"x\\ny\\u0041"}'), t('a')], 'x\nyA'],
    ['json_extract_path_text', [t('{"a":null}'), t('a')], 'NULL'],
    ['json_extract_path_text', [t('[1,2]'), t('a')], 'NULL'],
    ['json_extract_array_element_text', [t('[111,112,113]'), [INTEGER, '2']], '113'],
    ['json_extract_array_element_text', [t('["a",["b",1]]'), [INTEGER, '1']], '["b",1]'],
    ['json_extract_array_element_text', [t('[111,112,113]'), [INTEGER, '5']], ''],
    ['json_extract_array_element_text', [t('["a",["b",1,["c",2,3,null,]]]'), [INTEGER, '1'], yes], 'NULL'],
    ['json_array_length', [t('[11,12,13,{"f1":21,"f2":[25,26]},14]')], '5'],
    ['json_array_length', [t('[11,12,13,{"f1":21,"f2":[25,26]},14'), yes], 'NULL'],
    ['json_array_length', [t('[]')], '0'],
    ['is_valid_json', [t('{"a":2}')], 't'],
    ['is_valid_json', [t('{"a": [1,2,"b"]}')], 't'],
    ['is_valid_json', [t('{{}}')], 'f'],
    ['is_valid_json', [t('{1:"a"}')], 'f'],
    ['is_valid_json', [t('[1,2,3]')], 'f'],
    ['is_valid_json_array', [t('[]')], 't'],
    ['is_valid_json_array', [t('["a",["b",1,["c",2,3,null]]]')], 't'],
    ['is_valid_json_array', [t('{"a":1}')], 'f'],
    ['is_valid_json_array', [t('a')], 'f'],
    ['is_valid_json_array', [t('[1,2,]')], 'f'],
    ['is_valid_json_array', [t('[01]')], 'f'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));

  it('invalid JSON is an error without null_if_invalid', () => {
    const e = expectSqlError(() => call('json_extract_path_text', t('{"f2":1'), t('f2')), 'XX000', 'JSON parsing error');
    expect(e.detail).toMatch(/^invalid json object/);
    expectSqlError(() => call('json_array_length', t('[1,2')), 'XX000', 'JSON parsing error');
    expectSqlError(() => call('json_extract_array_element_text', t('{"a":1}'), [INTEGER, '0']), 'XX000');
  });

  it('resolution', () => {
    expect(resolveFunction('json_extract_path_text', [V, UNKNOWN, UNKNOWN, BOOLEAN]).argTypes.map((a) => a.kind)).toEqual(['varchar', 'varchar', 'varchar', 'boolean']);
    expect(resolveFunction('json_extract_path_text', [V, UNKNOWN]).type).toEqual(V);
    expectSqlError(() => resolveFunction('json_extract_path_text', [V]), '42883');
    expectSqlError(() => resolveFunction('json_extract_path_text', [V, INTEGER]), '42883');
  });
});

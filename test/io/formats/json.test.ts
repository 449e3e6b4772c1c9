import { describe, expect, it } from 'vitest';
import { parseJsonPath } from '../../../src/io/formats/index.js';
import { MAX_JSON_VALUE_BYTES } from '../../../src/io/formats/json.js';
import type { DataFormat } from '../../../src/io/load-options.js';
import { fieldsOf, split, splitEverywhere } from './helpers.js';

const AUTO: DataFormat = { kind: 'json', mode: 'auto' };
const IGNORECASE: DataFormat = { kind: 'json', mode: 'auto ignorecase' };
const paths = (...p: string[]): DataFormat => ({ kind: 'json', mode: 'jsonpaths', paths: p });
const CATEGORY = { fieldNames: ['catid', 'catgroup', 'catname', 'catdesc'] };

/** The guide's category_object_auto.json, keys spelled by `key`. */
function categoryObjects(key: (name: string) => string): string {
  const k = (name: string) => JSON.stringify(key(name));
  return `{
    ${k('catdesc')}: "Major League Baseball",
    ${k('catid')}: 1,
    ${k('catgroup')}: "Sports",
    ${k('catname')}: "MLB"
}
{
    ${k('catgroup')}: "Sports",
    ${k('catid')}: 2,
    ${k('catname')}: "NHL",
    ${k('catdesc')}: "National Hockey League"
}{
    ${k('catid')}: 3,
    ${k('catname')}: "NFL",
    ${k('catgroup')}: "Sports",
    ${k('catdesc')}: "National Football League"
}
{
    "bogus": "Bogus Sports LLC",
    ${k('catid')}: 4,
    ${k('catgroup')}: "Sports",
    ${k('catname')}: "NBA",
    ${k('catdesc')}: "National Basketball Association"
}
{
    ${k('catid')}: 5,
    ${k('catgroup')}: "Shows",
    ${k('catname')}: "Musicals",
    ${k('catdesc')}: "All symphony, concerto, and choir concerts"
}
`;
}

const CATEGORY_ROWS = [
  ['1', 'Sports', 'MLB', 'Major League Baseball'],
  ['2', 'Sports', 'NHL', 'National Hockey League'],
  ['3', 'Sports', 'NFL', 'National Football League'],
  ['4', 'Sports', 'NBA', 'National Basketball Association'],
  ['5', 'Shows', 'Musicals', 'All symphony, concerto, and choir concerts'],
];

describe("JSON 'auto'", () => {
  it("loads the guide's category_object_auto.json; line numbers are each object's last line", () => {
    const out = splitEverywhere(AUTO, categoryObjects((n) => n), CATEGORY);
    expect(fieldsOf(out)).toEqual(CATEGORY_ROWS);
    expect(out.map((o) => o.line)).toEqual([6, 12, 17, 24, 30]);
  });

  it('matches keys case-sensitively: other spellings are missing (NULL)', () => {
    const upper = categoryObjects((n) => n.replace('cat', 'Cat'));
    expect(fieldsOf(split(AUTO, upper, CATEGORY))).toEqual(CATEGORY_ROWS.map(() => [null, null, null, null]));
  });

  it("'auto ignorecase' loads the guide's category_object_auto-ignorecase.json", () => {
    const mixed = categoryObjects((n) => ({ catid: 'CatID', catgroup: 'CatGroup', catname: 'CatName', catdesc: 'CatDesc' })[n]!);
    expect(fieldsOf(splitEverywhere(IGNORECASE, mixed, CATEGORY))).toEqual(CATEGORY_ROWS);
  });

  it('gives NULL for null and for missing keys; the last of duplicate keys wins; escaped keys match', () => {
    const input = '{"a": null, "c": 1}\n{"a": 1, "a": 2, "b\\u0061": 3}\n{}\n';
    expect(fieldsOf(splitEverywhere(AUTO, input, { fieldNames: ['a', 'b', 'c', 'ba'] }))).toEqual([
      [null, null, '1', null],
      ['2', null, null, '3'],
      [null, null, null, null],
    ]);
  });

  it('converts values: unescaped strings, numbers as written, true/false, nested values as JSON text', () => {
    const input = '{"s": "a\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00", "n": -1.50e+3, "t": true, "f": false, "o": {"x": [1, {"y": "}"}]}, "e": ""}';
    expect(fieldsOf(splitEverywhere(AUTO, input, { fieldNames: ['s', 'n', 't', 'f', 'o', 'e'] }))).toEqual([
      ['a"b\\c/d\n\té😀', '-1.50e+3', 'true', 'false', '{"x": [1, {"y": "}"}]}', ''],
    ]);
  });

  it('rejects a root-level array (arrays need a JSONPaths file)', () => {
    expect(split(AUTO, '[1, 2]\n{"a": 1}', { fieldNames: ['a'] })).toEqual([
      { error: 1216, line: 1, reason: 'Invalid JSON: a root-level array needs a JSONPaths file', position: 0, raw: '[1, 2]' },
      { line: 2, fields: ['1'], raw: '{"a": 1}' },
    ]);
  });
});

describe('JSON with JSONPaths', () => {
  it("loads the guide's category_object_paths.json with bracket notation", () => {
    const input = `{
    "one": 1,
    "two": "Sports",
    "three": "MLB",
    "four": "Major League Baseball"
}
{
    "three": "NHL",
    "four": "National Hockey League",
    "one": 2,
    "two": "Sports"
}
`;
    const format = paths("$['one']", "$['two']", "$['three']", "$['four']");
    expect(fieldsOf(splitEverywhere(format, input, CATEGORY))).toEqual(CATEGORY_ROWS.slice(0, 2));
  });

  it("loads the guide's category_array_data.json", () => {
    const input = `[1,"Sports","MLB","Major League Baseball"]
[2,"Sports","NHL","National Hockey League"]
[3,"Sports","NFL","National Football League"]
[4,"Sports","NBA","National Basketball Association"]
[5,"Concerts","Classical","All symphony, concerto, and choir concerts"]
`;
    const out = splitEverywhere(paths('$[0]', '$[1]', '$[2]', '$[3]'), input, CATEGORY);
    expect(fieldsOf(out)[4]).toEqual(['5', 'Concerts', 'Classical', 'All symphony, concerto, and choir concerts']);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it("loads nested values as the guide shows them ($['tags'], $['friends'][1]) and reaches into them", () => {
    const input = `{
    "id": 0,
    "guid": "84512477-fa49-456b-b407-581d0d851c3c",
    "isActive": true,
    "tags": [
        "nisi",
        "culpa",
        "ad",
        "amet",
        "voluptate",
        "reprehenderit",
        "veniam"
    ],
    "friends": [
        {
            "id": 0,
            "name": "Martha Rivera"
        },
        {
            "id": 1,
            "name": "Renaldo"
        }
    ]
}`;
    const format = paths("$['tags']", "$['friends'][1]", '$.friends[0].name', '$.isActive', '$.tags[6]', "$['friends'][1]['id']");
    expect(fieldsOf(splitEverywhere(format, input, { fieldNames: ['a', 'b', 'c', 'd', 'e', 'f'] }))).toEqual([
      ['["nisi","culpa","ad","amet","voluptate","reprehenderit","veniam"]', '{"id": 1,"name": "Renaldo"}', 'Martha Rivera', 'true', 'veniam', '1'],
    ]);
  });

  it('gives NULL for a path through a missing member or a non-object', () => {
    const format = paths('$.a.b', '$.missing', '$.s.x', '$.missing[3]');
    expect(fieldsOf(split(format, '{"a": {"c": 1}, "s": "str"}', { fieldNames: ['1', '2', '3', '4'] }))).toEqual([[null, null, null, null]]);
  });

  it('rejects a missing array element, or an index into a non-array, with Redshift\'s text', () => {
    const reason = 'Invalid JSONPath format: Not an array or index out of range.';
    const format = paths('$.id', '$.list[2]');
    expect(split(format, '{"id": 1, "list": [1, 2]}\n{"id": 2, "list": {"2": 0}}\n{"id": 3, "list": [1, 2, 3]}', { fieldNames: ['id', 'x'] })).toEqual([
      { error: 1216, line: 1, reason, position: 0, raw: '{"id": 1, "list": [1, 2]}' },
      { error: 1216, line: 2, reason, position: 0, raw: '{"id": 2, "list": {"2": 0}}' },
      { line: 3, fields: ['3', '3'], raw: '{"id": 3, "list": [1, 2, 3]}' },
    ]);
  });

  it('lets two paths share a prefix, or end where another goes on', () => {
    const format = paths('$.a', '$.a.b', '$.a.c[0]', '$.a');
    expect(fieldsOf(split(format, '{"a": {"b": "x", "c": [7]}}', { fieldNames: ['1', '2', '3', '4'] }))).toEqual([
      ['{"b": "x", "c": [7]}', 'x', '7', '{"b": "x", "c": [7]}'],
    ]);
  });

  it('parses dot and bracket notation, and rejects mixed notation and malformed paths', () => {
    const key = (s: string) => ({ kind: 'key', key: new TextEncoder().encode(s) });
    expect(parseJsonPath("$['store']['book'][0]")).toEqual([key('store'), key('book'), { kind: 'index', index: 0 }]);
    expect(parseJsonPath('$.store.book[12].title')).toEqual([key('store'), key('book'), { kind: 'index', index: 12 }, key('title')]);
    expect(parseJsonPath('$')).toEqual([]);
    for (const bad of ["$.a['b']", 'a.b', '$.', '$[x]', '$[-1]', "$['a'", '$..a', '$.a*']) {
      expect(() => parseJsonPath(bad), bad).toThrow(/^Invalid JSONPath format/);
    }
  });
});

describe('JSON framing and errors', () => {
  it('reports each run of stray text between root values, on its line', () => {
    const input = 'junk {"a": 1},\n{"a": 2} x y\n"str" 12 {"a": 3}\ntail';
    expect(splitEverywhere(AUTO, input, { fieldNames: ['a'] })).toEqual([
      { error: 1216, line: 1, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: 'junk' },
      { line: 1, fields: ['1'], raw: '{"a": 1}' },
      { error: 1216, line: 1, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: ',' },
      { line: 2, fields: ['2'], raw: '{"a": 2}' },
      { error: 1216, line: 2, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: 'x' },
      { error: 1216, line: 2, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: 'y' },
      { error: 1216, line: 3, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: '"str"' },
      { error: 1216, line: 3, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: '12' },
      { line: 3, fields: ['3'], raw: '{"a": 3}' },
      { error: 1216, line: 4, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: 'tail' },
    ]);
  });

  it('rejects a malformed object and goes on with the next', () => {
    const out = splitEverywhere(AUTO, '{"a": tru}\n{"a": 1,}\n{"a" 1}\n{"a": "x\ty"}\n{"a": 01}\n{"a": [1}]\n{"a": 2}\n', { fieldNames: ['a'] });
    expect(out.map((o) => ('error' in o ? `${o.error}@${o.line}:${o.position}` : o.fields))).toEqual([
      '1216@1:9', '1216@2:8', '1216@3:5', '1216@4:8', '1216@5:7', '1216@6:8', ['2'],
    ]);
    expect(out[0]).toMatchObject({ reason: 'Invalid JSON: unexpected character 0x7d (invalid literal)' });
  });

  it('rejects an object cut off by the end of the file', () => {
    expect(split(AUTO, '{"a": 1}\n{"a": "}', { fieldNames: ['a'] })).toEqual([
      { line: 1, fields: ['1'], raw: '{"a": 1}' },
      { error: 1216, line: 2, reason: 'Invalid JSON: unexpected end of data (unterminated object or array)', position: 8, raw: '{"a": "}' },
    ]);
  });

  it('skips IGNOREHEADER physical lines, even inside an object', () => {
    expect(splitEverywhere(AUTO, 'header line\n{"a":\n1}\n{"a": 2}', { fieldNames: ['a'], records: { ignoreHeader: 2 } })).toEqual([
      { error: 1216, line: 3, reason: 'Invalid JSON: text outside a root-level object or array', position: 0, raw: '1}' },
      { line: 4, fields: ['2'], raw: '{"a": 2}' },
    ]);
  });

  it('keeps braces inside strings and escaped quotes from ending a value', () => {
    const input = '{"a": "}{\\"]", "b": {"c": "\\\\"}}\n';
    expect(fieldsOf(splitEverywhere(AUTO, input, { fieldNames: ['a', 'b'] }))).toEqual([['}{"]', '{"c": "\\\\"}']]);
  });

  it('fails the COPY on a value larger than 4 MB', () => {
    const big = `{"a": "${'x'.repeat(MAX_JSON_VALUE_BYTES)}"}`;
    expect(() => split(AUTO, big, { fieldNames: ['a'] })).toThrow(/larger than the maximum/);
    expect(() => split(AUTO, big, { fieldNames: ['a'] }, [1000, 3_000_000])).toThrow(/larger than the maximum/);
  });
});

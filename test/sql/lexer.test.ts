import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/sql/lexer.js';
import { errorOf } from './helpers.js';

function kindsAndValues(sql: string): string[] {
  return tokenize(sql).map((t) => `${t.kind}:${t.value}`);
}

describe('lexer', () => {
  it('folds words and quoted identifiers to lower case (Redshift)', () => {
    expect(kindsAndValues('SELECT Foo, "BaR", "a""b"')).toEqual([
      'word:select', 'word:foo', 'op:,', 'quotedIdent:bar', 'op:,', 'quotedIdent:a"b', 'eof:',
    ]);
  });

  it('reads temp-table names starting with # and names containing $', () => {
    expect(kindsAndValues('#Temp a$b')).toEqual(['word:#temp', 'word:a$b', 'eof:']);
    expect(kindsAndValues('5 # 3')).toEqual(['number:5', 'op:#', 'number:3', 'eof:']);
  });

  it('reads numbers as written', () => {
    expect(kindsAndValues('42 3.14 .5 1e10 1.5E-3 7.')).toEqual([
      'number:42', 'number:3.14', 'number:.5', 'number:1e10', 'number:1.5E-3', 'number:7.', 'eof:',
    ]);
  });

  it('reads parameters', () => {
    expect(kindsAndValues('$1 + $12')).toEqual(['param:1', 'op:+', 'param:12', 'eof:']);
  });

  it('unescapes strings', () => {
    expect(tokenize("'it''s'")[0]).toMatchObject({ kind: 'string', value: "it's", start: 0, end: 7 });
    expect(tokenize("'a\\nb'")[0]?.value).toBe('a\\nb'); // standard strings keep backslashes
    expect(tokenize("E'a\\nb\\t\\\\ \\' \\101 \\x41 \\u00e9'")[0]?.value).toBe("a\nb\t\\ ' A A é");
    expect(tokenize("N'abc'")[0]).toMatchObject({ kind: 'string', value: 'abc', start: 0 });
    expect(tokenize('$$it\'s$$ $tag$a$$b$tag$').map((t) => t.value)).toEqual(["it's", 'a$$b', '']);
  });

  it('concatenates string literals separated by a newline only', () => {
    expect(tokenize("'a'\n  'b'")[0]).toMatchObject({ kind: 'string', value: 'ab', end: 9 });
    expect(kindsAndValues("'a' 'b'")).toEqual(['string:a', 'string:b', 'eof:']);
  });

  it('reads operators longest first and normalizes != to <>', () => {
    expect(kindsAndValues('a<>b != c <= >= << >> || :: ~* !~ !~* ~ & | ^ %')).toEqual([
      'word:a', 'op:<>', 'word:b', 'op:<>', 'word:c', 'op:<=', 'op:>=', 'op:<<', 'op:>>', 'op:||', 'op:::',
      'op:~*', 'op:!~', 'op:!~*', 'op:~', 'op:&', 'op:|', 'op:^', 'op:%', 'eof:',
    ]);
    expect(kindsAndValues('a<=-1')).toEqual(['word:a', 'op:<=', 'op:-', 'number:1', 'eof:']);
  });

  it('skips line comments and nested block comments', () => {
    const tokens = tokenize('select /* a /* nested */ still comment */ 1 -- trailing\n, 2');
    expect(tokens.map((t) => t.value)).toEqual(['select', '1', ',', '2', '']);
    expect(tokens[1]?.start).toBe(42);
  });

  it('records token offsets', () => {
    expect(tokenize('  select  x').map((t) => [t.start, t.end])).toEqual([[2, 8], [10, 11], [11, 11]]);
  });

  it('reports unterminated strings, identifiers and comments with their position', () => {
    const cases: [string, string, number][] = [
      ["select 'abc", `unterminated quoted string at or near "'abc"`, 7],
      ['select "abc', `unterminated quoted identifier at or near ""abc"`, 7],
      ['select 1 /* x', `unterminated /* comment at or near "/* x"`, 9],
      ['select $$abc', `unterminated dollar-quoted string at or near "$$abc"`, 7],
      ["select E'ab\\'", `unterminated quoted string at or near "E'ab\\'"`, 7],
    ];
    for (const [sql, message, position] of cases) {
      const error = errorOf(() => tokenize(sql));
      expect(error.code).toBe('42601');
      expect(error.message).toBe(message);
      expect(error.position).toBe(position);
    }
    expect(errorOf(() => tokenize('select ""')).message).toBe('zero-length delimited identifier at or near """"');
  });
});

import { describe, expect, it } from 'vitest';
import { parse, parseExpression, parseStatement } from '../../src/sql/index.js';
import { errorOf, expectSyntaxError } from './helpers.js';

describe('syntax errors (PostgreSQL wording and positions)', () => {
  it('points at the offending token as written', () => {
    expectSyntaxError('select * from t where x = 1 form y', 'form', 28);
    expectSyntaxError('selec 1', 'selec', 0);
    expectSyntaxError('SELECT a, FROM t', 'FROM');
    expectSyntaxError('select a b c from t', 'c', 11);
    expectSyntaxError('select * from order', 'order');
    expectSyntaxError('create table select (a int)', 'select');
    expectSyntaxError("select 'a' 'b'", "'b'");
    expectSyntaxError('select * from t limit 1 limit 2', 'limit', 24);
    expectSyntaxError('create table t (a int check (a > 0))', 'check');
    expectSyntaxError('select a from t where a = any (select 1)', 'any');
    expectSyntaxError('select x is distinct from y', 'distinct');
    expectSyntaxError('select ?', '?');
    expectSyntaxError('select 1 !', '!');
    expectSyntaxError('drop index i', 'index');
    expectSyntaxError('select a from t natural t2', 't2');
    expectSyntaxError('select "Col" from', null);
  });

  it('reports the end of input with position = length', () => {
    expectSyntaxError('select 1 +', null);
    expectSyntaxError('select * from t where', null);
    expectSyntaxError('insert into t values (1', null);
    expectSyntaxError('select x from t order by', null);
    expectSyntaxError('select 1 as', null);
    expectSyntaxError('', null);
    expectSyntaxError('  -- only a comment', null);
  });

  it('a second statement is an error for parseStatement but not for parse', () => {
    expectSyntaxError('select 1; select 2', 'select', 10);
    expect(parse('select 1; select 2')).toHaveLength(2);
    expect(parseStatement('select 1;;')).toMatchObject({ kind: 'query' });
  });

  it('positions are offsets into the whole input for later statements', () => {
    const error = errorOf(() => parse('select 1;\nselect * from t where x = 1 form y'));
    expect(error.message).toBe('syntax error at or near "form"');
    expect(error.position).toBe(38);
    const end = errorOf(() => parse('select 1; select 1 +; select 3'));
    expect(end.message).toBe('syntax error at or near ";"');
    expect(end.position).toBe(20);
  });

  it('lexical errors surface from the parser entry points', () => {
    const error = errorOf(() => parseStatement("select 'abc"));
    expect([error.code, error.message, error.position]).toEqual(['42601', `unterminated quoted string at or near "'abc"`, 7]);
  });

  it('parseExpression requires exactly one expression', () => {
    expect(errorOf(() => parseExpression('1 2')).message).toBe('syntax error at or near "2"');
    expect(errorOf(() => parseExpression('')).message).toBe('syntax error at end of input');
  });
});

describe('CREATE TABLE column names vs definitions', () => {
  it('a bare name list is a CTAS column list only before attributes or AS', () => {
    expectSyntaxError('create table t (a)', ')', 17);
    expectSyntaxError('create table t (a, b)', ',', 17);
  });
});

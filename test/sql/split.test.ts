import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/index.js';

describe('splitStatements', () => {
  it('splits complete statements and keeps the rest', () => {
    expect(splitStatements('select 1; select 2;\nselect')).toEqual({ complete: ['select 1;', 'select 2;'], rest: 'select' });
    expect(splitStatements('select 1;  \n')).toEqual({ complete: ['select 1;'], rest: '' });
  });

  it('ignores semicolons inside quotes, comments and dollar quotes', () => {
    const text = `select 'a;b', "c;d", E'x\\';y', $$p;q$$, $t$r;$$s$t$ -- c;
      /* d; /* nested; */ e; */ from t; select 2`;
    const { complete, rest } = splitStatements(text);
    expect(complete).toHaveLength(1);
    expect(complete[0]?.endsWith('from t;')).toBe(true);
    expect(rest).toBe('select 2');
  });

  it('an unterminated quote or comment keeps the statement incomplete', () => {
    expect(splitStatements("select 'a; select 2;")).toEqual({ complete: [], rest: "select 'a; select 2;" });
    expect(splitStatements('select 1; /* ; ')).toEqual({ complete: ['select 1;'], rest: '/* ;' });
    expect(splitStatements('select $$ ;')).toEqual({ complete: [], rest: 'select $$ ;' });
    expect(splitStatements("select 'it''s';")).toEqual({ complete: ["select 'it''s';"], rest: '' });
  });

  it('skips empty statements but not parameters or $ in names', () => {
    expect(splitStatements(';; -- x\n; select $1, a$b$ ;')).toEqual({ complete: ['select $1, a$b$ ;'], rest: '' });
  });
});

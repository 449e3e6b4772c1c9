/** The REPL's psql-style rendering of results, notices and errors. */
import { describe, expect, test } from 'vitest';
import { commandTag, formatError, formatFloat, formatResult } from '../src/cli/format.js';
import { SqlError, type QueryResult } from '../src/index.js';

function result(command: string, fields: [string, string][], rows: Record<string, unknown>[], rowCount = rows.length): QueryResult {
  return {
    command,
    rowCount,
    fields: fields.map(([name, type]) => ({ name, type, typeOid: 0, typeModifier: -1, typeSize: -1 })),
    rows,
    notices: [],
    tasks: [],
    toArrays: () => [],
    toTextArrays: () => [],
    toArrow: () => {
      throw new Error('not needed');
    },
  };
}

describe('aligned tables', () => {
  test('select 1', () => {
    expect(formatResult(result('SELECT', [['?column?', 'integer']], [{ '?column?': 1 }]))).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
  });

  test('numbers right, text left, NULL empty, booleans t/f, header centered', () => {
    const r = result(
      'SELECT',
      [
        ['venueid', 'smallint'],
        ['venuename', 'character varying(100)'],
        ['seats', 'bigint'],
        ['price', 'numeric(8,2)'],
        ['ok', 'boolean'],
        ['state', 'character(2)'],
      ],
      [
        { venueid: 1, venuename: 'Toyota Park', seats: 0n, price: '12.50', ok: true, state: 'IL' },
        { venueid: 250, venuename: 'Sahara Hotel', seats: null, price: null, ok: false, state: 'NV' },
      ],
    );
    expect(formatResult(r)).toBe(
      [
        ' venueid |  venuename   | seats | price | ok | state ',
        '---------+--------------+-------+-------+----+-------',
        '       1 | Toyota Park  |     0 | 12.50 | t  | IL',
        '     250 | Sahara Hotel |       |       | f  | NV',
        '(2 rows)',
        '',
        '',
      ].join('\n'),
    );
  });

  test('no rows', () => {
    expect(formatResult(result('SELECT', [['a', 'integer']], []))).toBe(' a \n---\n(0 rows)\n\n');
  });

  test('floats print like PostgreSQL (%.15g / %.6g)', () => {
    expect(formatFloat(0.1 + 0.2, 15)).toBe('0.3');
    expect(formatFloat(17503.96256684492, 15)).toBe('17503.9625668449');
    expect(formatFloat(1e20, 15)).toBe('1e+20');
    expect(formatFloat(0.00001234, 15)).toBe('1.234e-05');
    expect(formatFloat(1 / 3, 6)).toBe('0.333333');
    expect(formatFloat(-2, 15)).toBe('-2');
  });
});

describe('command tags', () => {
  test('as psql prints them', () => {
    expect(commandTag(result('INSERT', [], [], 3))).toBe('INSERT 0 3');
    expect(commandTag(result('UPDATE', [], [], 2))).toBe('UPDATE 2');
    expect(commandTag(result('DELETE', [], [], 0))).toBe('DELETE 0');
    expect(formatResult(result('CREATE TABLE', [], []))).toBe('CREATE TABLE\n');
  });
});

describe('errors', () => {
  test('with a caret under the position', () => {
    const error = new SqlError('42601', 'syntax error at or near "form"', { position: 9 });
    expect(formatError(error, 'select * form venue')).toBe(
      'ERROR:  syntax error at or near "form"\nLINE 1: select * form venue\n                 ^\n',
    );
  });

  test('on a later line of a multi-line statement, with DETAIL and HINT', () => {
    const sql = 'select *\nfrom nosuch';
    const error = new SqlError('42P01', 'relation "nosuch" does not exist', { position: 14, hint: 'check the name', detail: 'd' });
    expect(formatError(error, sql)).toBe(
      'ERROR:  relation "nosuch" does not exist\nLINE 2: from nosuch\n             ^\nDETAIL:  d\nHINT:  check the name\n',
    );
  });

  test('without a position, and errors that are not SqlErrors', () => {
    expect(formatError(new SqlError('22012', 'division by zero'), 'select 1/0')).toBe('ERROR:  division by zero\n');
    expect(formatError(new Error('boom'), 'x')).toBe('ERROR:  boom\n');
  });
});

/**
 * The REPL's rendering, checked against what psql 15 prints for the same data (the expected
 * strings were captured from /usr/bin/psql against PostgreSQL 15): aligned and expanded tables,
 * CSV, errors with the caret; and Slicewise's own json and markdown formats.
 */
import { describe, expect, test } from 'vitest';
import { formatError, formatNotice, formatTiming, renderTable, type DisplaySettings, type TextTable } from '../../src/cli/format/index.js';
import { SqlError } from '../../src/index.js';

const INT4 = 23;
const TEXT = 25;
const NUMERIC = 1700;
const BOOL = 16;

const aligned: DisplaySettings = { format: 'aligned', expanded: 'off', terminalWidth: undefined };
const expanded: DisplaySettings = { ...aligned, expanded: 'on' };

function table(columns: [string, number][], rows: (string | null)[][], extra: Partial<TextTable> = {}): TextTable {
  return { columns: columns.map(([name, typeOid]) => ({ name, typeOid })), rows, countRows: true, ...extra };
}

/** psql -c "select 1 as a, E'x\nyz' as bbbbbbb, null as c, 'é漢字' as d, 2.5::numeric as e" */
const MIXED = table(
  [
    ['a', INT4],
    ['bbbbbbb', TEXT],
    ['c', TEXT],
    ['d', TEXT],
    ['e', NUMERIC],
  ],
  [['1', 'x\nyz', null, 'é漢字', '2.5']],
);

describe('aligned', () => {
  test('select 1', () => {
    expect(renderTable(table([['?column?', INT4]], [['1']]), aligned)).toBe(' ?column? \n----------\n        1\n(1 row)\n\n');
  });

  test('numbers right, text left, NULL empty, wide characters, a multi-line value with +', () => {
    expect(renderTable(MIXED, aligned)).toBe(
      [' a | bbbbbbb | c |   d   |  e  ', '---+---------+---+-------+-----', ' 1 | x      +|   | é漢字 | 2.5', '   | yz      |   |       | ', '(1 row)', '', ''].join('\n'),
    );
  });

  test('a multi-line value in the first column', () => {
    const t = table(
      [
        ['b', TEXT],
        ['a', INT4],
      ],
      [['x\nyz', '1']],
    );
    expect(renderTable(t, aligned)).toBe(' b  | a \n----+---\n x +| 1\n yz | \n(1 row)\n\n');
  });

  test('no rows, several rows', () => {
    expect(renderTable(table([['a', INT4]], []), aligned)).toBe(' a \n---\n(0 rows)\n\n');
    expect(renderTable(table([['n', INT4]], [['1'], ['250']]), aligned)).toBe('  n  \n-----\n   1\n 250\n(2 rows)\n\n');
  });

  test("a title centered over the table and footers instead of the row count (psql's \\d)", () => {
    const t = table(
      [
        ['Column', TEXT],
        ['Type', TEXT],
        ['Collation', TEXT],
        ['Nullable', TEXT],
        ['Default', TEXT],
      ],
      [
        ['a', 'integer', '', 'not null', '3'],
        ['b', 'character varying(10)', '', '', null],
      ],
      { title: 'Table "public.zz_t"', countRows: false, footers: ['Access method: heap'] },
    );
    expect(renderTable(t, aligned)).toBe(
      [
        '                       Table "public.zz_t"',
        ' Column |         Type          | Collation | Nullable | Default ',
        '--------+-----------------------+-----------+----------+---------',
        ' a      | integer               |           | not null | 3',
        ' b      | character varying(10) |           |          | ',
        'Access method: heap',
        '',
        '',
      ].join('\n'),
    );
    const list = table(
      [
        ['Schema', TEXT],
        ['Name', TEXT],
        ['Type', TEXT],
        ['Owner', TEXT],
      ],
      [['public', 'zz_t', 'table', 'postgres']],
      { title: 'List of relations' },
    );
    expect(renderTable(list, aligned)).toBe(
      ['        List of relations', ' Schema | Name | Type  |  Owner   ', '--------+------+-------+----------', ' public | zz_t | table | postgres', '(1 row)', '', ''].join('\n'),
    );
  });

  test('\\x auto expands only what is wider than the terminal', () => {
    const wide = table([['text', TEXT]], [['x'.repeat(50)]]);
    expect(renderTable(wide, { ...aligned, expanded: 'auto', terminalWidth: 80 })).toMatch(/^ +text/);
    expect(renderTable(wide, { ...aligned, expanded: 'auto', terminalWidth: 40 })).toMatch(/^-\[ RECORD 1 \]/);
    expect(renderTable(wide, { ...aligned, expanded: 'auto', terminalWidth: undefined })).toMatch(/^ +text/);
  });
});

describe('expanded (\\x)', () => {
  test('a record header shorter than the label, a multi-line value, NULL', () => {
    const t = table(
      [
        ['a', INT4],
        ['bbbbbbb', TEXT],
        ['c', TEXT],
      ],
      [['1', 'x\nyz', null]],
    );
    expect(renderTable(t, expanded)).toBe('-[ RECORD 1 ]\na       | 1\nbbbbbbb | x +\n        | yz\nc       | \n\n');
  });

  test('long names and values: dashes and + under the separator', () => {
    const t = table(
      [
        ['aaaaaaaaaaaaaaaaaaaaaaaaa', INT4],
        ['b', TEXT],
      ],
      [
        ['1', 'loooooooooooooooooooooooooooooooooooooong'],
        ['22', 'x'],
      ],
    );
    expect(renderTable(t, expanded)).toBe(
      [
        '-[ RECORD 1 ]-------------+------------------------------------------',
        'aaaaaaaaaaaaaaaaaaaaaaaaa | 1',
        'b                         | loooooooooooooooooooooooooooooooooooooong',
        '-[ RECORD 2 ]-------------+------------------------------------------',
        'aaaaaaaaaaaaaaaaaaaaaaaaa | 22',
        'b                         | x',
        '',
        '',
      ].join('\n'),
    );
  });

  test('no rows', () => {
    expect(renderTable(table([['a', INT4]], []), expanded)).toBe('(0 rows)\n\n');
  });
});

describe('csv, json, markdown', () => {
  const t = table(
    [
      ['a', INT4],
      ['b', TEXT],
      ['c', TEXT],
      ['d', TEXT],
      ['e', TEXT],
      ['f', TEXT],
      ['g', TEXT],
    ],
    [['1', '', null, 'a,b', 'q"', ' s', 'x\ny']],
  );

  test('csv quotes only fields with the separator, quotes or line breaks (as psql --csv)', () => {
    expect(renderTable(t, { ...aligned, format: 'csv' })).toBe('a,b,c,d,e,f,g\n1,,,"a,b","q""", s,"x\ny"\n');
  });

  test('json: numbers exact, booleans, NULL, strings escaped; parses back', () => {
    const typed = table(
      [
        ['id', INT4],
        ['price', NUMERIC],
        ['ok', BOOL],
        ['name', TEXT],
        ['x', 701],
      ],
      [
        ['1', '12345678901234567890.25', 't', 'say "hi"\n', 'NaN'],
        ['2', null, 'f', null, '-1.5e-07'],
      ],
    );
    const text = renderTable(typed, { ...aligned, format: 'json' });
    expect(text).toBe(
      '[\n{"id":1,"price":12345678901234567890.25,"ok":true,"name":"say \\"hi\\"\\n","x":"NaN"},\n{"id":2,"price":null,"ok":false,"name":null,"x":-1.5e-07}\n]\n',
    );
    expect(JSON.parse(text)).toHaveLength(2);
    expect(renderTable(table([['a', INT4]], []), { ...aligned, format: 'json' })).toBe('[]\n');
  });

  test('markdown: padded, numbers right-aligned, pipes escaped, line breaks as <br>', () => {
    const md = table(
      [
        ['n', INT4],
        ['text', TEXT],
      ],
      [
        ['10', 'a|b'],
        ['2', 'x\ny'],
      ],
    );
    expect(renderTable(md, { ...aligned, format: 'markdown' })).toBe('|   n | text   |\n|----:|--------|\n|  10 | a\\|b   |\n|   2 | x<br>y |\n');
  });
});

describe('errors as psql prints them', () => {
  /** The column reference `x` in each statement (surrounded by blanks or at the end). */
  const at = (sql: string) => sql.search(/ x( |$)/) + 1;
  const cases: [string, string][] = [
    ['select x', 'LINE 1: select x\n               ^'],
    [
      `select '${'a'.repeat(98)}' || x || '${'b'.repeat(51)}'`,
      "LINE 1: ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' || x || 'bbbb...\n                                                             ^",
    ],
    [`select '${'a'.repeat(98)}' || x`, "LINE 1: ...aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' || x\n                                                                      ^"],
    [`select 1, x || '${'b'.repeat(98)}'`, "LINE 1: select 1, x || 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb...\n                  ^"],
    ["select 1,\n\t'漢字漢字', x", "LINE 2:  '漢字漢字', x\n                     ^"],
    ['select 1,\r\n  2 + x', 'LINE 2:   2 + x\n              ^'],
    [`select '${'a'.repeat(30)}' || x || '${'b'.repeat(25)}'`, "LINE 1: select 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' || x || 'bbbbbbbbbbb...\n                                                   ^"],
  ];
  for (const [sql, caret] of cases) {
    test(`caret: ${JSON.stringify(sql.slice(0, 40))}`, () => {
      const error = new SqlError('42703', 'column "x" does not exist', { position: at(sql) });
      expect(formatError(error, sql)).toBe(`ERROR:  column "x" does not exist\n${caret}\n`);
    });
  }

  test('DETAIL and HINT; a script location before the first line only', () => {
    const error = new SqlError('42P01', 'relation "nosuch" does not exist', { position: 14, detail: 'd', hint: 'check the name' });
    expect(formatError(error, 'select *\nfrom nosuch;', 'slicewise:q.sql:2: ')).toBe(
      'slicewise:q.sql:2: ERROR:  relation "nosuch" does not exist\nLINE 2: from nosuch;\n             ^\nDETAIL:  d\nHINT:  check the name\n',
    );
  });

  test('no position, a position past the end, errors that are not SqlErrors', () => {
    expect(formatError(new SqlError('22012', 'division by zero'), 'select 1/0')).toBe('ERROR:  division by zero\n');
    expect(formatError(new SqlError('42601', 'syntax error at end of input', { position: 8 }), 'select (')).toBe('ERROR:  syntax error at end of input\nLINE 1: select (\n                ^\n');
    expect(formatError(new SqlError('42601', 'x', { position: 99 }), 'select 1')).toBe('ERROR:  x\n');
    expect(formatError(new Error('boom'), 'x')).toBe('ERROR:  boom\n');
  });

  test('notices', () => {
    expect(formatNotice({ severity: 'INFO', message: "Load into table 'venue' completed, 202 record(s) loaded successfully." })).toBe(
      "INFO:  Load into table 'venue' completed, 202 record(s) loaded successfully.\n",
    );
    expect(formatNotice({ severity: 'WARNING', message: 'w', hint: 'h' })).toBe('WARNING:  w\nHINT:  h\n');
  });
});

describe('\\timing', () => {
  test('milliseconds, then minutes:seconds from one second on (psql 15)', () => {
    expect(formatTiming(0.052)).toBe('Time: 0.052 ms\n');
    expect(formatTiming(1202.659)).toBe('Time: 1202.659 ms (00:01.203)\n');
    expect(formatTiming(61_000)).toBe('Time: 61000.000 ms (01:01.000)\n');
    expect(formatTiming(3_725_000)).toBe('Time: 3725000.000 ms (01:02:05.000)\n');
    expect(formatTiming(90_000_000)).toBe('Time: 90000000.000 ms (1 d 01:00:00.000)\n');
  });
});

import { describe, expect, it } from 'vitest';
import { CSV, fieldsOf, split, splitEverywhere } from './helpers.js';

describe('CSV', () => {
  it("loads the guide's CATEGORY example (doubled quotes, commas inside quotes)", () => {
    const input = [
      '12,Shows,Musicals,Musical theatre',
      '13,Shows,Plays,"All ""non-musical"" theatre"',
      '14,Shows,Opera,"All opera, light, and ""rock"" opera"',
      '15,Concerts,Classical,"All symphony, concerto, and choir concerts"',
      '',
    ].join('\n');
    expect(fieldsOf(splitEverywhere(CSV, input))).toEqual([
      ['12', 'Shows', 'Musicals', 'Musical theatre'],
      ['13', 'Shows', 'Plays', 'All "non-musical" theatre'],
      ['14', 'Shows', 'Opera', 'All opera, light, and "rock" opera'],
      ['15', 'Concerts', 'Classical', 'All symphony, concerto, and choir concerts'],
    ]);
  });

  it("loads the guide's QUOTE AS '%' example (double quotes are then ordinary)", () => {
    const input = '12,Shows,Musicals,Musical theatre\n13,Shows,Plays,%All "non-musical" theatre%\n14,Shows,Opera,%All opera, light, and "rock" opera%\n';
    expect(fieldsOf(splitEverywhere({ ...CSV, quote: 0x25 }, input))).toEqual([
      ['12', 'Shows', 'Musicals', 'Musical theatre'],
      ['13', 'Shows', 'Plays', 'All "non-musical" theatre'],
      ['14', 'Shows', 'Opera', 'All opera, light, and "rock" opera'],
    ]);
  });

  it('keeps LF, CR and delimiters inside quotes; the record reports its first line', () => {
    expect(splitEverywhere(CSV, 'a,"line1\nline2\r\nline3",b\nc,d\n')).toEqual([
      { line: 1, fields: ['a', 'line1\nline2\r\nline3', 'b'], raw: 'a,"line1\nline2\r\nline3",b' },
      { line: 4, fields: ['c', 'd'], raw: 'c,d' },
    ]);
    // A doubled quote does not close the field: what follows is still quoted.
    expect(fieldsOf(splitEverywhere(CSV, '"a ""b"",\nc",x\n'))).toEqual([['a "b",\nc', 'x']]);
  });

  it('ends records at CRLF, dropping the CR (also on blank lines)', () => {
    expect(splitEverywhere(CSV, 'a,b\r\n"c",d\r\n\r\ne\r\n')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { line: 2, fields: ['c', 'd'], raw: '"c",d' },
      { line: 3, fields: [''], raw: '' },
      { line: 4, fields: ['e'], raw: 'e' },
    ]);
    expect(fieldsOf(splitEverywhere(CSV, 'a\r\n\r\n\nb\n', { records: { ignoreBlankLines: true } }))).toEqual([['a'], ['b']]);
    // A CR elsewhere is data, and so is a CR before the end of a file without a final LF.
    expect(fieldsOf(splitEverywhere(CSV, 'a\rb,c\r'))).toEqual([['a\rb', 'c\r']]);
  });

  it('ignores blanks between delimiters and quotes, but keeps blanks of unquoted fields', () => {
    expect(fieldsOf(splitEverywhere(CSV, 'a, "b" ,\t"c"\t, d ,e \n  "x"  \n'))).toEqual([['a', 'b', 'c', ' d ', 'e '], ['x']]);
  });

  it('does not treat a tab delimiter as a blank around quotes', () => {
    const TSV = { ...CSV, delimiter: 0x09 };
    expect(fieldsOf(splitEverywhere(TSV, 'a\t"b"\t\t"c"\n'))).toEqual([['a', 'b', '', 'c']]);
    expect(fieldsOf(splitEverywhere(TSV, ' "q" \tx\n'))).toEqual([['q', 'x']]);
  });

  it('treats a quote inside an unquoted field as data', () => {
    expect(fieldsOf(splitEverywhere(CSV, 'It\'s 5" long,b""c\n'))).toEqual([['It\'s 5" long', 'b""c']]);
  });

  it('keeps empty and quoted-empty fields, and a trailing delimiter', () => {
    expect(fieldsOf(splitEverywhere(CSV, ',"",x,\n'))).toEqual([['', '', 'x', '']]);
  });

  it('rejects text after a closing quote with "Missing newline: Unexpected character"', () => {
    expect(splitEverywhere(CSV, '1,"a \\"quoted\\" t",3\n2,ok\n')).toEqual([
      { error: 1214, line: 1, reason: 'Missing newline: Unexpected character 0x71 found at location 7', position: 7, raw: '1,"a \\"quoted\\" t",3' },
      { line: 2, fields: ['2', 'ok'], raw: '2,ok' },
    ]);
  });

  it('rejects an unterminated quote, which runs to the end of the file', () => {
    expect(splitEverywhere(CSV, 'a,b\nc,"open\nd,e\n')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a,b' },
      { error: 1214, line: 2, reason: 'Delimiter not found', position: 2, raw: 'c,"open\nd,e\n' },
    ]);
  });

  it('skips IGNOREHEADER physical lines', () => {
    expect(splitEverywhere(CSV, 'id,name\n1,"a\nb"\n2,c\n', { records: { ignoreHeader: 1 } })).toEqual([
      { line: 2, fields: ['1', 'a\nb'], raw: '1,"a\nb"' },
      { line: 4, fields: ['2', 'c'], raw: '2,c' },
    ]);
  });

  it('ends a record at a NUL, even inside quotes', () => {
    expect(splitEverywhere(CSV, '15,NUL next,\0,MFGR#47\n"a\0\n1,2\n')).toEqual([
      { error: 1214, line: 1, reason: 'Missing newline: Unexpected character 0x2c found at location 13', position: 0, raw: '15,NUL next,' },
      { error: 1214, line: 2, reason: 'Delimiter not found', position: 0, raw: '"a' },
      { line: 3, fields: ['1', '2'], raw: '1,2' },
    ]);
    expect(fieldsOf(split(CSV, '15,\0,"x\0"\n', { options: { nulIsData: true } }))).toEqual([['15', '\0', 'x\0']]);
  });

  it('keeps a quoted field spanning many chunks', () => {
    const long = 'line\n'.repeat(400);
    const input = `1,"${long}",2\n3,4\n`;
    const cuts = Array.from({ length: 40 }, (_, i) => i * 50 + 3);
    expect(split(CSV, input, {}, cuts)).toEqual([
      { line: 1, fields: ['1', long, '2'], raw: `1,"${long}",2` },
      { line: 402, fields: ['3', '4'], raw: '3,4' },
    ]);
  });
});

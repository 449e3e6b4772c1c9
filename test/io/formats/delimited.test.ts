import { describe, expect, it } from 'vitest';
import { createSplitter } from '../../../src/io/formats/index.js';
import type { TextRecord } from '../../../src/io/formats/record.js';
import { fieldsOf, split, splitEverywhere, TEXT } from './helpers.js';

const ESCAPE = { ...TEXT, escape: true };
const REMOVEQUOTES = { ...TEXT, removeQuotes: true };

describe('delimited text', () => {
  it('splits fields on the delimiter and records on LF, numbering lines from 1', () => {
    expect(splitEverywhere(TEXT, 'a|b|c\n1|22|333\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'], raw: 'a|b|c' },
      { line: 2, fields: ['1', '22', '333'], raw: '1|22|333' },
    ]);
  });

  it('reports the extra empty field of a trailing delimiter, and empty fields between delimiters', () => {
    const tpch = '1|15519|785|1|17|24386.67|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the|\n';
    const [record] = fieldsOf(splitEverywhere(TEXT, tpch));
    expect(record).toHaveLength(17);
    expect(record![15]).toBe('egular courts above the');
    expect(record![16]).toBe('');
    expect(fieldsOf(splitEverywhere(TEXT, '||\n|x|\n'))).toEqual([['', '', ''], ['', 'x', '']]);
  });

  it('loads a last line without a line feed', () => {
    expect(splitEverywhere(TEXT, 'a|b\nc|d')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a|b' },
      { line: 2, fields: ['c', 'd'], raw: 'c|d' },
    ]);
    expect(split(TEXT, '')).toEqual([]);
  });

  it('passes an empty line on as one empty field, or skips it with IGNOREBLANKLINES', () => {
    const input = 'a|b\n\nc|d\n\n';
    expect(splitEverywhere(TEXT, input)).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a|b' },
      { line: 2, fields: [''], raw: '' },
      { line: 3, fields: ['c', 'd'], raw: 'c|d' },
      { line: 4, fields: [''], raw: '' },
    ]);
    expect(splitEverywhere(TEXT, input, { records: { ignoreBlankLines: true } })).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a|b' },
      { line: 3, fields: ['c', 'd'], raw: 'c|d' },
    ]);
    // A line of blanks is not empty.
    expect(fieldsOf(split(TEXT, ' \n', { records: { ignoreBlankLines: true } }))).toEqual([[' ']]);
  });

  it('skips IGNOREHEADER lines, counting them in line numbers', () => {
    const input = 'id|name\nsecond header\n1|a\n2|b\n';
    expect(splitEverywhere(TEXT, input, { records: { ignoreHeader: 2 } })).toEqual([
      { line: 3, fields: ['1', 'a'], raw: '1|a' },
      { line: 4, fields: ['2', 'b'], raw: '2|b' },
    ]);
    expect(split(TEXT, 'only a header', { records: { ignoreHeader: 1 } })).toEqual([]);
    expect(split(TEXT, 'h\n', { records: { ignoreHeader: 5 } })).toEqual([]);
  });

  it('keeps the CR of CRLF lines as data (Redshift loads it into the last field)', () => {
    expect(splitEverywhere(TEXT, 'a|b\r\nc|d\r\n')).toEqual([
      { line: 1, fields: ['a', 'b\r'], raw: 'a|b\r' },
      { line: 2, fields: ['c', 'd\r'], raw: 'c|d\r' },
    ]);
    // So a CR-only line is not blank.
    expect(fieldsOf(split(TEXT, '\r\n', { records: { ignoreBlankLines: true } }))).toEqual([['\r']]);
  });

  it('uses any single-byte delimiter: tab, comma, a non-printing byte', () => {
    expect(fieldsOf(splitEverywhere({ ...TEXT, delimiter: 0x09 }, 'a\tb c\t\n'))).toEqual([['a', 'b c', '']]);
    expect(fieldsOf(splitEverywhere({ ...TEXT, delimiter: 0x2c }, 'a,b|c\n'))).toEqual([['a', 'b|c']]);
    expect(fieldsOf(splitEverywhere({ ...TEXT, delimiter: 0x01 }, 'a\x01b\n'))).toEqual([['a', 'b']]);
  });

  it('keeps backslashes and quotes as data without ESCAPE and REMOVEQUOTES', () => {
    expect(fieldsOf(splitEverywhere(TEXT, 'a\\|"b|c"\n\'x\'|\\N\n'))).toEqual([['a\\', '"b', 'c"'], ["'x'", '\\N']]);
  });

  it('handles records with many fields (the field arrays grow)', () => {
    const line = Array.from({ length: 100 }, (_, i) => String(i)).join('|');
    const out = fieldsOf(split(TEXT, `${line}\n${line}`, {}, [150]));
    expect(out).toHaveLength(2);
    expect(out[0]).toHaveLength(100);
    expect(out[1]![99]).toBe('99');
    expect(fieldsOf(split(ESCAPE, `${line}\\|\n`))[0]).toHaveLength(100);
  });

  it('indexes the input chunk directly on the fast path (no copy)', () => {
    const chunk = new TextEncoder().encode('a|b\nc|d\n');
    const seen: Uint8Array[] = [];
    const splitter = createSplitter(TEXT, { ignoreHeader: 0, ignoreBlankLines: false, fillRecord: false }, [], {
      record: (r: TextRecord) => seen.push(r.bytes),
      error: () => {},
    });
    splitter.push(chunk);
    splitter.end();
    expect(seen).toEqual([chunk, chunk]);
    expect(seen[0]).toBe(chunk);
  });

  it('handles a record spanning many chunks', () => {
    const long = 'x'.repeat(5000);
    const input = `1|${long}|2\n3|4\n`;
    const cuts = Array.from({ length: 50 }, (_, i) => i * 100 + 7);
    expect(fieldsOf(split(TEXT, input, {}, cuts))).toEqual([['1', long, '2'], ['3', '4']]);
  });
});

describe('delimited text: NUL bytes', () => {
  it('rejects a line cut by a NUL, as in the SSB tutorial, and skips the rest of it', () => {
    const input = '15|NUL next|\0|MFGR#47\nok|1\n';
    expect(splitEverywhere(TEXT, input)).toEqual([
      { error: 1214, line: 1, reason: 'Missing newline: Unexpected character 0x7c found at location 13', position: 0, raw: '15|NUL next|' },
      { line: 2, fields: ['ok', '1'], raw: 'ok|1' },
    ]);
  });

  it('loads the record before a NUL that ends its line or the file', () => {
    expect(splitEverywhere(TEXT, 'a|b\0\nc\0')).toEqual([
      { line: 1, fields: ['a', 'b'], raw: 'a|b' },
      { line: 2, fields: ['c'], raw: 'c' },
    ]);
  });

  it('rejects the line even when the rest of it spans chunks', () => {
    const input = `a\0${'y'.repeat(300)}\nb\n`;
    expect(split(TEXT, input, {}, [2, 100, 200])).toEqual([
      { error: 1214, line: 1, reason: 'Missing newline: Unexpected character 0x79 found at location 2', position: 0, raw: 'a' },
      { line: 2, fields: ['b'], raw: 'b' },
    ]);
  });

  it('treats NUL as data with NULL AS \\0', () => {
    expect(fieldsOf(splitEverywhere(TEXT, '15|\0|x\n', { options: { nulIsData: true } }))).toEqual([['15', '\0', 'x']]);
  });

  it('is not escaped by a backslash', () => {
    expect(splitEverywhere(ESCAPE, 'a\\\0\nb\n')).toEqual([
      { line: 1, fields: ['a\\'], raw: 'a\\' },
      { line: 2, fields: ['b'], raw: 'b' },
    ]);
  });
});

describe('delimited text: ESCAPE', () => {
  it("loads the guide's redshiftinfo example", () => {
    expect(fieldsOf(splitEverywhere(ESCAPE, '1|public\\|event\\|dwuser\n2|public\\|sales\\|dwuser\n'))).toEqual([
      ['1', 'public|event|dwuser'],
      ['2', 'public|sales|dwuser'],
    ]);
  });

  it("loads the guide's data-conversion example (escaped newline, backslashes, delimiters)", () => {
    const input = '1|The quick brown fox\\\njumped over the lazy dog.\n2|A\\\\B\\\\C\n3|A \\| B \\| C\n';
    expect(splitEverywhere(ESCAPE, input)).toEqual([
      { line: 1, fields: ['1', 'The quick brown fox\njumped over the lazy dog.'], raw: '1|The quick brown fox\\\njumped over the lazy dog.' },
      { line: 3, fields: ['2', 'A\\B\\C'], raw: '2|A\\\\B\\\\C' },
      { line: 4, fields: ['3', 'A | B | C'], raw: '3|A \\| B \\| C' },
    ]);
  });

  it("loads the guide's escaped-XML example (one record over five lines)", () => {
    const input = '<xml start>\\\n<newline characters provide>\\\n<line breaks at the end of each>\\\n<line in content>\\\n</xml>|1000\n<xml>\\\n</xml>|2000\n';
    expect(splitEverywhere(ESCAPE, input).map((o) => ('fields' in o ? [o.line, ...o.fields] : o))).toEqual([
      [1, '<xml start>\n<newline characters provide>\n<line breaks at the end of each>\n<line in content>\n</xml>', '1000'],
      [6, '<xml>\n</xml>', '2000'],
    ]);
  });

  it('keeps a whole-field \\N (and \\\\N) as \\N so the default NULL AS still matches; \\N inside a field is N', () => {
    expect(fieldsOf(splitEverywhere(ESCAPE, '\\N|\\\\N|a\\Nb|\\N\\N|\\N\n'))).toEqual([['\\N', '\\N', 'aNb', 'NN', '\\N']]);
  });

  it('escapes CR, quotes and any other byte; no octal notation; a final lone backslash stays', () => {
    expect(fieldsOf(splitEverywhere(ESCAPE, 'a\\\r\\\n|\\"q\\\'|\\012|\\x\nend\\'))).toEqual([
      ['a\r\n', '"q\'', '012', 'x'],
      ['end\\'],
    ]);
  });

  it('counts escaped line feeds in line numbers', () => {
    const out = splitEverywhere(ESCAPE, 'a\\\nb\\\nc\nd\n');
    expect(out.map((o) => o.line)).toEqual([1, 4]);
  });
});

describe('delimited text: REMOVEQUOTES', () => {
  it("strips surrounding quotes as in the guide's table", () => {
    const input = `"The delimiter is a pipe (|) character"|'Black'|"White"|Blue'\n' ' 'Black' ' '|' '\n`;
    expect(fieldsOf(splitEverywhere(REMOVEQUOTES, input))).toEqual([
      ['The delimiter is a pipe (|) character', 'Black', 'White', "Blue'"],
      [" ' 'Black' ' ", ' '],
    ]);
  });

  it('rejects an unmatched opening quote with 1214', () => {
    expect(splitEverywhere(REMOVEQUOTES, "1|'Blue\n2|\"Blue|x\n3|ok\n")).toEqual([
      { error: 1214, line: 1, reason: 'Delimiter not found', position: 2, raw: "1|'Blue" },
      { error: 1214, line: 2, reason: 'Delimiter not found', position: 2, raw: '2|"Blue|x' },
      { line: 3, fields: ['3', 'ok'], raw: '3|ok' },
    ]);
  });

  it('closes a quoted field only at the quote before a delimiter or the end; empty quotes are an empty field', () => {
    expect(fieldsOf(splitEverywhere(REMOVEQUOTES, `"a"b"|""|''|"x"\n`))).toEqual([['a"b', '', '', 'x']]);
  });

  it('with ESCAPE, keeps escaped quotes (the Midsummer example) and a leading escaped quote opens nothing', () => {
    const format = { ...TEXT, escape: true, removeQuotes: true };
    expect(fieldsOf(splitEverywhere(format, "4|'A Midsummer Night\\'s Dream'\n5|\\'kept\\'|'a\\|b'\n"))).toEqual([
      ['4', "A Midsummer Night's Dream"],
      ['5', "'kept'", 'a|b'],
    ]);
  });
});

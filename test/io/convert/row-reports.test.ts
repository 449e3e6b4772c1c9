/**
 * What RowConverter reports besides vectors: records loaded with ACCEPTINVCHARS replacements (once
 * per record, first replaced column; never for a rejected record), and 1218 for a NUL among other
 * bytes under NULL AS '\0'.
 */
import { describe, expect, test } from 'vitest';
import { RowConverter } from '../../../src/io/convert/index.js';
import type { LoadErrorRow, LoadReplacementRow } from '../../../src/io/convert/contract.js';
import { createSplitter } from '../../../src/io/formats/index.js';
import type { ConversionOptions } from '../../../src/io/load-options.js';
import { INTEGER, varcharType } from '../../../src/types/datatype.js';
import { DEFAULT_CONVERSION, DEFAULT_RECORDS, TEXT, fields, load, rowsOf } from './helpers.js';

const columns = fields([INTEGER, { name: 'id' }], [varcharType(10), { name: 'a' }], [varcharType(10), { name: 'b' }]);

function convert(input: Uint8Array, conversion: Partial<ConversionOptions>): { rows: unknown[][]; errors: LoadErrorRow[]; replaced: LoadReplacementRow[] } {
  const errors: LoadErrorRow[] = [];
  const replaced: LoadReplacementRow[] = [];
  const options = { ...DEFAULT_CONVERSION, ...conversion };
  const converter = new RowConverter(columns, options, DEFAULT_RECORDS, 'text', (e) => errors.push(e), undefined, (r) => replaced.push(r));
  const splitter = createSplitter(TEXT, DEFAULT_RECORDS, ['id', 'a', 'b'], converter, { nulIsData: options.nullAs === '\0' });
  splitter.push(input);
  splitter.end();
  return { rows: rowsOf(converter.takeVectors(false)), errors, replaced };
}

const bytes = (...parts: (string | number)[]): Uint8Array => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from([p]))));

describe('ACCEPTINVCHARS reports', () => {
  test('one report per loaded record that needed a replacement, naming its first such column', () => {
    const out = convert(bytes('1|ok|x', 0xff, '\n2|', 0xc3, '|', 0xe2, 0x82, '\n3|fine|é\n'), { acceptInvChars: '#' });
    expect(out.rows).toEqual([[1, 'ok', 'x#'], [2, '#', '##'], [3, 'fine', 'é']]);
    expect(out.replaced).toEqual([
      { lineNumber: 1, colname: 'b', rawLine: '1|ok|x.' },
      { lineNumber: 2, colname: 'a', rawLine: '2|.|.' },
    ]);
    expect(out.errors).toEqual([]);
  });

  test('a rejected record is not reported, even when a column before the failing one was replaced', () => {
    const out = convert(bytes('x|', 0xff, '|b\n1|', 0xff, '|this is too long\n2|a|b\n'), { acceptInvChars: '?' });
    expect(out.rows).toEqual([[2, 'a', 'b']]);
    expect(out.replaced).toEqual([]);
    expect(out.errors.map((e) => e.code)).toEqual([1207, 1204]);
  });

  test('noncharacters (valid UTF-8) are replaced and reported too', () => {
    const out = convert(bytes('1|', 0xef, 0xb7, 0x90, '|b\n'), { acceptInvChars: '?' });
    expect(out.rows).toEqual([[1, '???', 'b']]);
    expect(out.replaced.map((r) => r.colname)).toEqual(['a']);
  });

  test('without ACCEPTINVCHARS there is nothing to report', () => {
    const out = convert(bytes('1|', 0xff, '|b\n2|a|b\n'), {});
    expect(out.replaced).toEqual([]);
    expect(out.errors.map((e) => e.code)).toEqual([1220]);
  });
});

describe("NULL AS '\\0'", () => {
  test('a lone NUL is NULL; a NUL among other bytes is 1218 on that field, whatever its type', () => {
    const out = load(columns, bytes('1|', 0, '|', 0, '\n2|a', 0, '|b\n', 0, 0, '|a|b\n3|x|y\n'), { conversion: { nullAs: '\0' } });
    expect(out.rows).toEqual([[1, null, null], [3, 'x', 'y']]);
    expect(out.errors.map((e) => [e.lineNumber, e.colname, e.code, e.rawFieldValue, e.position])).toEqual([
      [2, 'a', 1218, 'a.', 2],
      [3, 'id', 1218, '..', 0],
    ]);
  });

  test('with any other NULL AS a NUL ends the record (the splitter rejects the line), so 1218 never arises', () => {
    const out = load(fields(varcharType(10)), bytes('a', 0, 'b\n'), { conversion: { nullAs: '\\N' } });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.code).not.toBe(1218);
  });
});

import { describe, expect, test } from 'vitest';
import { RowConverter } from '../../../src/io/convert/index.js';
import type { LoadColumn, LoadErrorRow } from '../../../src/io/convert/contract.js';
import type { TextRecord } from '../../../src/io/formats/record.js';
import { charType, DATE, decimalType, INTEGER, varcharType } from '../../../src/types/datatype.js';
import { CSV, DEFAULT_CONVERSION, DEFAULT_RECORDS, fields, JSON_AUTO, load, rowsOf } from './helpers.js';

const LINEITEM_LINE = '1|155190|7706|1|17|21168.23|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the|';

describe('field count', () => {
  const three = fields(INTEGER, varcharType(5), INTEGER);

  test('a trailing delimiter (one empty extra field) is allowed in delimited text: TPC-H lines load', () => {
    const lineitem = fields(INTEGER, INTEGER, INTEGER, INTEGER, decimalType(15, 2), decimalType(15, 2), decimalType(15, 2), decimalType(15, 2), charType(1), charType(1), DATE, DATE, DATE, charType(25), charType(10), varcharType(44));
    const out = load(lineitem, `${LINEITEM_LINE}\n`);
    expect(out.errors).toEqual([]);
    expect(out.rows[0]!.slice(0, 10)).toEqual([1, 155190, 7706, 1, 1700n, 2116823n, 4n, 2n, 'N', 'O']);
    expect(out.rows[0]![13]).toBe('DELIVER IN PERSON        ');
    expect(out.rows[0]![15]).toBe('egular courts above the');
    expect(load(three, '1|a|2|\n').rows).toEqual([[1, 'a', 2]]);
  });

  test('more fields: 1202 Extra column(s) found (also a non-empty or second trailing field, and in CSV)', () => {
    for (const line of ['1|a|2|x', '1|a|2||']) {
      const out = load(three, `${line}\n`);
      expect(out.rows).toEqual([]);
      expect(out.errors).toMatchObject([{ code: 1202, reason: 'Extra column(s) found', lineNumber: 1, rawLine: line, colname: '' }]);
    }
    expect(load(three, '1,a,2,\n', { format: CSV }).errors).toMatchObject([{ code: 1202 }]);
  });

  test('fewer fields: 1214 Delimiter not found, about the last field present', () => {
    const out = load(three, '7|abc\n');
    expect(out.rows).toEqual([]);
    expect(out.errors).toEqual([{ lineNumber: 1, colname: 'c1', type: 'varchar', colLength: '5', position: 2, rawLine: '7|abc', rawFieldValue: 'abc', code: 1214, reason: 'Delimiter not found', fields: [] }]);
  });

  test('FILLRECORD: missing fields are NULL, a VARCHAR gets an empty string in text and CSV unless EMPTYASNULL', () => {
    const columns = fields(INTEGER, varcharType(5), charType(2), INTEGER);
    expect(load(columns, '1\n2|x\n', { records: { fillRecord: true } }).rows).toEqual([[1, '', null, null], [2, 'x', null, null]]);
    expect(load(columns, '1\n', { records: { fillRecord: true }, conversion: { emptyAsNull: true } }).rows).toEqual([[1, null, null, null]]);
    expect(load(columns, '1\n', { records: { fillRecord: true }, format: CSV }).rows).toEqual([[1, '', null, null]]);
    const strict = fields(INTEGER, [INTEGER, { notNull: true }]);
    expect(load(strict, '1\n', { records: { fillRecord: true } }).errors).toMatchObject([{ code: 1213, colname: 'c1', position: -1 }]);
  });

  test('an empty line is 1211; IGNOREBLANKLINES skips it', () => {
    const out = load(three, '1|a|2\n\n3|b|4\n');
    expect(out.rows).toEqual([[1, 'a', 2], [3, 'b', 4]]);
    expect(out.errors).toMatchObject([{ code: 1211, reason: 'Input line contained no data', lineNumber: 2, rawLine: '' }]);
    expect(load(three, '1|a|2\n\n', { records: { ignoreBlankLines: true } }).errors).toEqual([]);
  });

  test('fixed-width lines that end early: 1203, or NULLs with FILLRECORD', () => {
    const format = { kind: 'fixedwidth', columns: [{ label: 'a', width: 2 }, { label: 'b', width: 3 }] } as const;
    const columns = fields(INTEGER, INTEGER);
    expect(load(columns, '12345\n12\n', { format }).errors).toMatchObject([{ code: 1203, lineNumber: 2 }]);
    expect(load(columns, '12345\n12\n', { format, records: { fillRecord: true } }).rows).toEqual([[12, 345], [12, null]]);
  });
});

describe('NULLs and NOT NULL', () => {
  test('NULL into a NOT NULL column rejects the row (1213)', () => {
    const columns = fields(INTEGER, [varcharType(3), { notNull: true, name: 'name' }]);
    const out = load(columns, '1|\\N\n2|ok\n3|\n');
    expect(out.rows).toEqual([[2, 'ok'], [3, '']]);
    expect(out.errors).toMatchObject([{ code: 1213, reason: 'Missing data for not-null field', colname: 'name', lineNumber: 1, rawFieldValue: '\\N', position: 2 }]);
  });

  test('JSON nulls and missing keys are NULL', () => {
    const columns = fields(INTEGER, varcharType(5), DATE);
    const out = load(columns, '{"c0": 1, "c1": null, "c2": "2008-01-25"}\n{"c0": 2}\n', { format: JSON_AUTO });
    expect(out.errors).toEqual([]);
    expect(out.rows).toEqual([[1, null, 13903], [2, null, null]]);
  });
});

describe('rejected rows', () => {
  test('a failing later column rolls the whole row back; exactly one error, for the first failing column', () => {
    const columns = fields(INTEGER, varcharType(10), decimalType(5, 2), charType(2), INTEGER);
    const out = load(columns, '1|one|1.5|ab|1\n2|two|bad|xyz|x\n3|three|3.25|cd|3\n', { shared: true });
    expect(out.rows).toEqual([[1, 'one', 150n, 'ab', 1], [3, 'three', 325n, 'cd', 3]]);
    expect(out.errors).toEqual([{
      lineNumber: 2, colname: 'c2', type: 'numeric', colLength: '5, 2', position: 6, rawLine: '2|two|bad|xyz|x', rawFieldValue: 'bad', code: 1207, reason: "Invalid digit, Value 'b', Pos 0, Type: Decimal",
      // STL_LOADERROR_DETAIL: the fields read before the failing one, then the failing one, empty.
      fields: [
        { field: 1, colname: 'c0', value: '2', isNull: false, type: 'int4', colLength: 0 },
        { field: 2, colname: 'c1', value: 'two', isNull: false, type: 'varchar', colLength: 10 },
        { field: 3, colname: 'c2', value: '', isNull: false, type: 'numeric', colLength: 5 },
      ],
    }]);
    expect(out.vectors.every((v) => v.length === 2 && v.values.buffer instanceof SharedArrayBuffer)).toBe(true);
  });

  test('with a column list, fields are converted in file order: the first bad field is the one reported', () => {
    const columns: LoadColumn[] = [
      { name: 'a', type: INTEGER, notNull: false, source: { kind: 'field', field: 1 } },
      { name: 'b', type: INTEGER, notNull: false, source: { kind: 'field', field: 0 } },
    ];
    const out = load(columns, 'x|y\n5|6\n');
    expect(out.rows).toEqual([[6, 5]]);
    expect(out.errors).toMatchObject([{ colname: 'b', position: 0, rawFieldValue: 'x' }]);
  });

  test('raw line: multibyte characters as ".", at most 1024 bytes; reason at most 100 characters', () => {
    const long = 'é'.repeat(600) + 'x'.repeat(600);
    const out = load(fields(INTEGER, INTEGER), `${long}|1\n`);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.rawLine).toBe('.'.repeat(600) + 'x'.repeat(424));
    expect(out.errors[0]!.rawFieldValue).toHaveLength(1024);
    expect(out.errors[0]!.reason.length).toBeLessThanOrEqual(100);
  });

  test("the splitter's own errors pass through as load errors", () => {
    const format = { kind: 'text', delimiter: 0x7c, escape: false, removeQuotes: true } as const;
    const out = load(fields(varcharType(9), INTEGER), "'open|1\nok|2\n", { format });
    expect(out.rows).toEqual([['ok', 2]]);
    expect(out.errors).toEqual([{ lineNumber: 1, colname: '', type: '', colLength: '', position: 0, rawLine: "'open|1", rawFieldValue: '', code: 1214, reason: 'Delimiter not found', fields: [] }]);
  });

  test('onError may throw (MAXERROR reached) after the row was rolled back', () => {
    const columns = fields(INTEGER, INTEGER);
    const converter = new RowConverter(columns, DEFAULT_CONVERSION, DEFAULT_RECORDS, 'text', () => {
      throw new Error('stop');
    });
    const record = textRecord(['1', '2']);
    converter.record(record);
    expect(() => converter.record(textRecord(['3', 'x']))).toThrow('stop');
    expect(rowsOf(converter.takeVectors(false))).toEqual([[1, 2]]);
  });
});

describe('constant columns and takeVectors', () => {
  test('DEFAULT values and NULLs for columns outside the column list fill every row, in table order', () => {
    const columns: LoadColumn[] = [
      { name: 'id', type: INTEGER, notNull: true, source: { kind: 'field', field: 1 } },
      { name: 'seats', type: INTEGER, notNull: true, source: { kind: 'constant', value: 1000 } },
      { name: 'name', type: varcharType(10), notNull: false, source: { kind: 'field', field: 0 } },
      { name: 'code', type: charType(3), notNull: false, source: { kind: 'constant', value: 'ab ' } },
      { name: 'price', type: decimalType(8, 2), notNull: false, source: { kind: 'constant', value: null } },
    ];
    const out = load(columns, 'x|1\ny|2\n');
    expect(out.rows).toEqual([[1, 1000, 'x', 'ab ', null], [2, 1000, 'y', 'ab ', null]]);
  });

  test('takeVectors hands out the rows so far and starts over; rowCount follows', () => {
    const errors: LoadErrorRow[] = [];
    const converter = new RowConverter(fields(INTEGER, varcharType(4)), DEFAULT_CONVERSION, DEFAULT_RECORDS, 'text', (e) => errors.push(e));
    converter.record(textRecord(['1', 'a']));
    converter.record(textRecord(['2', 'bb']));
    expect(converter.rowCount).toBe(2);
    expect(rowsOf(converter.takeVectors(true))).toEqual([[1, 'a'], [2, 'bb']]);
    expect(converter.rowCount).toBe(0);
    converter.record(textRecord(['3', 'ccc']));
    expect(rowsOf(converter.takeVectors(false))).toEqual([[3, 'ccc']]);
    expect(errors).toEqual([]);
  });

  test('withRows lends the rows in place (constant columns included), then starts over on the same memory', () => {
    const columns: LoadColumn[] = [
      { name: 'id', type: INTEGER, notNull: true, source: { kind: 'field', field: 0 } },
      { name: 'seats', type: INTEGER, notNull: true, source: { kind: 'constant', value: 7 } },
      { name: 'name', type: varcharType(4), notNull: false, source: { kind: 'field', field: 1 } },
    ];
    const converter = new RowConverter(columns, DEFAULT_CONVERSION, DEFAULT_RECORDS, 'text', () => undefined, 4);
    converter.record(textRecord(['1', 'a']));
    converter.record(textRecord(['2', '\\N']));
    let buffer: ArrayBufferLike | null = null;
    expect(converter.withRows((vectors) => {
      buffer = vectors[0]!.values.buffer;
      expect(buffer).toBeInstanceOf(ArrayBuffer);
      return rowsOf(vectors);
    })).toEqual([[1, 7, 'a'], [2, 7, null]]);
    expect(converter.rowCount).toBe(0);
    converter.record(textRecord(['3', 'ccc']));
    expect(converter.withRows((vectors) => {
      expect(vectors[0]!.values.buffer, 'the same memory, reused').toBe(buffer);
      return rowsOf(vectors);
    })).toEqual([[3, 7, 'ccc']]);
  });

  test('a large load: 100,000 rows across many builder segments', () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(`${i}|${i % 5 === 0 ? '' : 'v' + i}|${(i / 100).toFixed(2)}|${i % 9 === 0 ? '\\N' : '2008-01-25'}`);
    const out = load(fields(INTEGER, varcharType(10), decimalType(10, 2), DATE), lines.join('\n') + '\n');
    expect(out.errors).toEqual([]);
    expect(out.rows).toHaveLength(100_000);
    expect(out.rows[99_998]).toEqual([99_998, 'v99998', 99998n, 13903]);
    expect(out.rows[99_990]).toEqual([99_990, '', 99990n, null]);
  });
});

/** A TextRecord over the given field texts (joined by '|'). */
function textRecord(values: readonly string[]): TextRecord {
  const text = values.join('|');
  const bytes = new TextEncoder().encode(text);
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, i) => {
    starts[i] = at;
    ends[i] = at + new TextEncoder().encode(v).length;
    at = ends[i]! + 1;
  });
  return { bytes, fieldCount: values.length, starts, ends, nulls: new Uint8Array(values.length), lineNumber: 1, raw: bytes };
}

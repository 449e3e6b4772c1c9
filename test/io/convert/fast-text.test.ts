/**
 * The fast path of delimited text (src/io/convert/fast-text.ts) against the splitter + RowConverter
 * path, on random input: the same rows, values and load errors, whatever the chunking — including
 * records the fast path must leave to the slow one (NULL markers, blanks, signs, overflow, bad dates,
 * NUL, backslashes, multibyte and invalid UTF-8, CR, too few or too many fields, empty lines).
 * FAST_ROUNDS=<n> runs more random tables per variant (40 by default; 600 passed when it was written).
 */
import { describe, expect, test } from 'vitest';
import type { LoadColumn } from '../../../src/io/convert/contract.js';
import type { ConversionOptions, DataFormat, RecordOptions } from '../../../src/io/load-options.js';
import { BIGINT, BOOLEAN, charType, DATE, decimalType, DOUBLE, INTEGER, REAL, SMALLINT, TIMESTAMP, varcharType, type SqlType } from '../../../src/types/datatype.js';
import { Rng } from '../../fuzz/random.js';
import { comparable, fields, loadOnce, TEXT, type Options } from './helpers.js';

const TYPES: readonly SqlType[] = [INTEGER, BIGINT, SMALLINT, decimalType(15, 2), decimalType(5, 0), decimalType(18, 4), DATE, charType(1), charType(6), varcharType(8), varcharType(44), TIMESTAMP, BOOLEAN, REAL, DOUBLE];

/** A plausible value of the type, as text. */
function goodValue(type: SqlType, r: () => number): string {
  const int = (digits: number): string => String(Math.floor(r() * 10 ** digits));
  const sign = r() < 0.2 ? '-' : '';
  switch (type.kind) {
    case 'integer': return sign + int(1 + Math.floor(r() * 9));
    case 'bigint': return sign + int(1 + Math.floor(r() * 18));
    case 'smallint': return sign + int(1 + Math.floor(r() * 4));
    case 'decimal': {
      const whole = int(Math.max(1, Math.floor(r() * (type.precision - type.scale + 1))));
      const fraction = type.scale > 0 && r() < 0.8 ? `.${int(Math.floor(r() * (type.scale + 1))).padStart(1, '0')}` : '';
      return sign + whole + fraction;
    }
    case 'date': return `${1900 + Math.floor(r() * 200)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 31)).padStart(2, '0')}`;
    case 'char':
    case 'varchar': return Array.from({ length: Math.floor(r() * (type.length + 3)) }, () => 'abcxyz ABC019-.'[Math.floor(r() * 15)]).join('');
    case 'timestamp': return `2020-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)} 1${Math.floor(r() * 9)}:3${Math.floor(r() * 9)}:00`;
    case 'boolean': return ['t', 'f', 'true', 'false', '1', '0'][Math.floor(r() * 6)]!;
    default: return `${sign}${int(3)}.${int(2)}`;
  }
}

/** Field text the fast path must hand to the slow path, or that it must get exactly right. */
const ODD_FIELDS = ['', ' ', '\\N', '\\', 'a\\b', '+5', ' 7', '7 ', '0', '-0', '00012', '1.', '.5', '-.5', '1.234', '1e5', '99999999999', '2147483648',
  '-2147483648', '9007199254740993', '1234567890123456', '999999999999999', '1996-02-30', '1996-2-3', '1996-03-13 ', 'é', 'naïve', '\xff\xfe', 'x\0y', '\0', 'abc\r', '5\r', 'N', 'true '];

function oddField(r: () => number): string {
  return ODD_FIELDS[Math.floor(r() * ODD_FIELDS.length)]!;
}

/** A line of fields for the columns: mostly good values, now and then an odd field or a malformed line. */
function line(types: readonly SqlType[], r: () => number, delimiter: string): string {
  const values = types.map((t) => (r() < 0.1 ? oddField(r) : goodValue(t, r)));
  const shape = r();
  if (shape < 0.03) return '';
  if (shape < 0.06) return values.slice(0, Math.max(1, values.length - 1)).join(delimiter);
  if (shape < 0.09) return [...values, 'extra'].join(delimiter);
  if (shape < 0.12) return `${values.join(delimiter)}${delimiter}${delimiter}`;
  if (shape < 0.45) return `${values.join(delimiter)}${delimiter}`;
  return values.join(delimiter);
}

/** Latin-1 text as bytes: each char one byte, so '\xff' is an invalid UTF-8 byte; other text as UTF-8. */
function bytesOf(text: string): Uint8Array {
  const encoded = new TextEncoder().encode(text.replace(/[\x80-\xff]/g, ''));
  if (!/[\x80-\xff]/.test(text)) return encoded;
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

interface Variant {
  readonly name: string;
  readonly format?: DataFormat;
  readonly conversion?: Partial<ConversionOptions>;
  readonly records?: Partial<RecordOptions>;
}

const VARIANTS: readonly Variant[] = [
  { name: 'defaults' },
  { name: 'comma delimiter', format: { ...TEXT, delimiter: 0x2c } as DataFormat },
  { name: 'tab delimiter', format: { ...TEXT, delimiter: 0x09 } as DataFormat },
  { name: 'EMPTYASNULL BLANKSASNULL', conversion: { emptyAsNull: true, blanksAsNull: true } },
  { name: 'TRUNCATECOLUMNS TRIMBLANKS', conversion: { truncateColumns: true, trimBlanks: true } },
  { name: 'ROUNDEC', conversion: { roundDec: true } },
  { name: "DATEFORMAT 'auto'", conversion: { dateFormat: 'auto' } },
  { name: 'ACCEPTANYDATE', conversion: { acceptAnyDate: true } },
  { name: 'FILLRECORD IGNOREBLANKLINES IGNOREHEADER 1', records: { fillRecord: true, ignoreBlankLines: true, ignoreHeader: 1 } },
];

describe('the fast path of delimited text loads exactly as the slow path', () => {
  for (const [v, variant] of VARIANTS.entries()) {
    test(`random tables and lines, random chunking: ${variant.name}`, () => {
      let fastRecords = 0;
      for (let round = 0; round < Number(process.env.FAST_ROUNDS ?? 40); round++) {
        const rng = new Rng(1_000 * v + round + 1);
        const r = (): number => rng.next();
        const types = Array.from({ length: 1 + Math.floor(r() * 7) }, () => TYPES[Math.floor(r() * TYPES.length)]!);
        const columns: LoadColumn[] = fields(...types.map((t): [SqlType, { notNull: boolean }] => [t, { notNull: r() < 0.3 }]));
        const delimiter = String.fromCharCode(variant.format?.kind === 'text' ? variant.format.delimiter : 0x7c);
        const text = Array.from({ length: 60 }, () => `${line(types, r, delimiter)}\n`).join('');
        const bytes = bytesOf(text);
        const options: Options = { format: variant.format, conversion: variant.conversion, records: variant.records };
        const slow = loadOnce(columns, bytes, options, false)!;
        for (const chunk of [bytes.length, 1 + Math.floor(r() * 64), 1 + Math.floor(r() * 7)]) {
          const fast = loadOnce(columns, bytes, options, true, chunk, () => fastRecords++);
          expect(fast, 'the fast path applies').not.toBeNull();
          expect(comparable(fast!), `seed ${1_000 * v + round + 1}, ${types.map((t) => t.kind).join(',')}, chunks of ${chunk}`).toEqual(comparable(slow));
        }
      }
      // Of the 40 x 60 lines loaded three ways, plenty took the fast path (odd fields, malformed lines
      // and records cut by the chunking go the slow way).
      expect(fastRecords).toBeGreaterThan(800);
    });
  }
});

describe('when the fast path is off', () => {
  const columns = fields(INTEGER, varcharType(5));
  test.each([
    ['ESCAPE', { format: { ...TEXT, escape: true } as DataFormat }],
    ['REMOVEQUOTES', { format: { ...TEXT, removeQuotes: true } as DataFormat }],
    ["NULL AS 'null'", { conversion: { nullAs: 'null' } }],
    ['ACCEPTINVCHARS', { conversion: { acceptInvChars: '?' } }],
    ['CSV', { format: { kind: 'csv', delimiter: 0x2c, quote: 0x22 } as DataFormat }],
    ["DELIMITER '.' (part of a number)", { format: { ...TEXT, delimiter: 0x2e } as DataFormat }],
  ])('%s: records take the slow path', (_, options) => {
    expect(loadOnce(columns, new TextEncoder().encode('1|a\n'), options as Options, true)).toBeNull();
  });

});

test('a column list that reorders the fields, and a column outside it: each field still reaches its column', () => {
  const columns: LoadColumn[] = [
    { name: 'a', type: INTEGER, notNull: false, source: { kind: 'field', field: 1 } },
    { name: 'k', type: INTEGER, notNull: false, source: { kind: 'constant', value: 42 } },
    { name: 'b', type: varcharType(5), notNull: false, source: { kind: 'field', field: 0 } },
  ];
  let fastRecords = 0;
  const fast = loadOnce(columns, new TextEncoder().encode('x|1\nyy|2|\n'), {}, true, undefined, () => fastRecords++);
  expect(fast!.rows).toEqual([[1, 42, 'x'], [2, 42, 'yy']]);
  expect(fastRecords).toBe(2);
});

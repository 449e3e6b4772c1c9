import { describe, expect, test } from 'vitest';
import { BIGINT, BOOLEAN, decimalType, DOUBLE, INTEGER, REAL, SMALLINT, varcharType, type SqlType } from '../../../src/types/datatype.js';
import { parseValue, parseValueWithRounding } from '../../../src/types/parse.js';
import { errorOf, fields, load, loadValues } from './helpers.js';

function reasonOf(type: SqlType, text: string, roundDec = false): [number, string] {
  const e = errorOf(type, text, { conversion: { roundDec } });
  return [e.code, e.reason];
}

describe('integers', () => {
  test('plain, signed, padded and zero-led values', () => {
    expect(loadValues(INTEGER, ['1', '-1', '+5', ' 42 ', '007', '-0', '\t9\t']).values).toEqual([1, -1, 5, 42, 7, 0, 9]);
    expect(loadValues(BIGINT, ['1', '-9007199254740993', '9223372036854775807', '-9223372036854775808']).values).toEqual([1n, -9007199254740993n, 2n ** 63n - 1n, -(2n ** 63n)]);
  });

  test('range boundaries and Redshift overflow texts (1222)', () => {
    expect(loadValues(SMALLINT, ['32767', '-32768']).values).toEqual([32767, -32768]);
    expect(loadValues(INTEGER, ['2147483647', '-2147483648']).values).toEqual([2147483647, -2147483648]);
    expect(reasonOf(SMALLINT, '32768')).toEqual([1222, 'Overflow (Short valid range -32768 to 32767)']);
    expect(reasonOf(SMALLINT, '-32769')).toEqual([1222, 'Overflow (Short valid range -32768 to 32767)']);
    expect(reasonOf(INTEGER, '2147483648')).toEqual([1222, 'Overflow (Integer valid range -2147483648 to 2147483647)']);
    expect(reasonOf(INTEGER, '-99999999999999999999999')).toEqual([1222, 'Overflow (Integer valid range -2147483648 to 2147483647)']);
    expect(reasonOf(BIGINT, '9223372036854775808')).toEqual([1222, 'Overflow (Long valid range -9223372036854775808 to 9223372036854775807)']);
    expect(reasonOf(BIGINT, '-9223372036854775809')[0]).toBe(1222);
  });

  test('invalid digits (1207): the byte and its position in the field', () => {
    expect(reasonOf(INTEGER, 'c')).toEqual([1207, "Invalid digit, Value 'c', Pos 0, Type: Integer"]);
    expect(reasonOf(INTEGER, '12.5')).toEqual([1207, "Invalid digit, Value '.', Pos 2, Type: Integer"]);
    expect(reasonOf(BIGINT, '20200407.0')).toEqual([1207, "Invalid digit, Value '.', Pos 8, Type: Long"]);
    expect(reasonOf(SMALLINT, '-')).toEqual([1207, "Invalid digit, Value '-', Pos 0, Type: Short"]);
    expect(reasonOf(INTEGER, ' 1 2')).toEqual([1207, "Invalid digit, Value ' ', Pos 2, Type: Integer"]);
    expect(reasonOf(INTEGER, '1e3')).toEqual([1207, "Invalid digit, Value 'e', Pos 1, Type: Integer"]);
    expect(reasonOf(INTEGER, 'é')).toEqual([1207, "Invalid digit, Value '.', Pos 0, Type: Integer"]);
  });

  test('an empty or blank field of a number column is NULL', () => {
    const out = load(fields(INTEGER, DOUBLE, decimalType(5, 2), BOOLEAN, varcharType(3)), '||||a\n  |\t| | |b\n');
    expect(out.errors).toEqual([]);
    expect(out.rows).toEqual([[null, null, null, null, 'a'], [null, null, null, null, 'b']]);
  });
});

describe('DECIMAL', () => {
  const d82 = decimalType(8, 2);

  test('extra fraction digits are truncated by default and rounded half away from zero with ROUNDEC', () => {
    expect(loadValues(d82, ['20.259', '-20.259', '20.255', '0.009']).values).toEqual([2025n, -2025n, 2025n, 0n]);
    expect(loadValues(d82, ['20.259', '-20.255', '20.254', '-0.005'], { conversion: { roundDec: true } }).values).toEqual([2026n, -2026n, 2025n, -1n]);
  });

  test('forms: no fraction, bare point, leading zeros, signs, blanks', () => {
    expect(loadValues(d82, ['5', '.5', '5.', '-0.00', '0000012.5', '+3.1', ' 7.25 ', '123456.78']).values).toEqual([500n, 50n, 500n, 0n, 1250n, 310n, 725n, 12345678n]);
  });

  test('too many integer digits, or a rounding carry past the precision, is an overflow (1204)', () => {
    expect(reasonOf(d82, '1234567.8')).toEqual([1204, 'Numeric data overflow (result precision)']);
    expect(reasonOf(d82, '999999.995', true)).toEqual([1204, 'Numeric data overflow (result precision)']);
    expect(loadValues(d82, ['999999.995']).values).toEqual([99999999n]);
    expect(reasonOf(decimalType(5, 0), '99999.5', true)[0]).toBe(1204);
    expect(loadValues(decimalType(5, 0), ['12345.9'], { conversion: { roundDec: true } }).values).toEqual([12346n]);
    expect(loadValues(decimalType(3, 3), ['0.1239', '-.5']).values).toEqual([123n, -500n]);
    expect(reasonOf(decimalType(3, 3), '1.0')[0]).toBe(1204);
  });

  test('no exponent form; other bytes are invalid digits', () => {
    expect(reasonOf(d82, '1e5')).toEqual([1207, "Invalid digit, Value 'e', Pos 1, Type: Decimal"]);
    expect(reasonOf(d82, '1.2.3')).toEqual([1207, "Invalid digit, Value '.', Pos 3, Type: Decimal"]);
    expect(reasonOf(d82, '.')).toEqual([1207, "Invalid digit, Value '.', Pos 0, Type: Decimal"]);
    expect(reasonOf(d82, '$5')).toEqual([1207, "Invalid digit, Value '$', Pos 0, Type: Decimal"]);
  });

  test('wide decimals beyond 2^53 (bigint path), up to 38 digits', () => {
    const t = decimalType(38, 10);
    const text = '1234567890123456789012345678.12345678919';
    expect(loadValues(t, [text, `-${text}`]).values).toEqual([12345678901234567890123456781234567891n, -12345678901234567890123456781234567891n]);
    expect(loadValues(t, [text], { conversion: { roundDec: true } }).values).toEqual([12345678901234567890123456781234567892n]);
    expect(loadValues(decimalType(19, 0), ['9999999999999999999', '-9007199254740993']).values).toEqual([9999999999999999999n, -9007199254740993n]);
  });

  test('loaded values equal the engine parse with the same rounding (random inputs)', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (const [p, s] of [[15, 2], [18, 4], [38, 6], [10, 0], [5, 5]] as const) {
      const type = decimalType(p, s);
      const texts: string[] = [];
      for (let i = 0; i < 300; i++) {
        const intDigits = random(p - s + 1);
        const fracDigits = random(s + 4);
        const digits = (n: number): string => Array.from({ length: n }, () => String(random(10))).join('');
        texts.push(`${random(2) === 0 ? '-' : ''}${digits(intDigits) || '0'}${fracDigits > 0 ? '.' + digits(fracDigits) : ''}`);
      }
      for (const roundDec of [false, true]) {
        const got = loadValues(type, texts, { conversion: { roundDec } });
        const expected = texts.map((t) => {
          try {
            return parseValueWithRounding(t, type, roundDec ? 'round' : 'truncate');
          } catch {
            return undefined;
          }
        });
        expect(got.values).toEqual(expected);
      }
    }
  });
});

describe('REAL and DOUBLE PRECISION', () => {
  test('plain and exponential notation, special values', () => {
    const got = loadValues(DOUBLE, ['12.123', '1.0E4', '-1e-5', '.5', '5.', '  2.5 ', 'NaN', 'inf', '-Infinity', '123456789012345678901234567890', '0.1000000000000000055511151231257827']).values;
    expect(got).toEqual([12.123, 10000, -1e-5, 0.5, 5, 2.5, NaN, Infinity, -Infinity, 1.2345678901234568e29, 0.1]);
    expect(loadValues(REAL, ['0.1', '3.4e38', '-2.5']).values).toEqual([Math.fround(0.1), Math.fround(3.4e38), -2.5]);
  });

  test('out of range (1204) and malformed (1208)', () => {
    expect(errorOf(DOUBLE, '1e400')).toMatchObject({ code: 1204, reason: "Overflow, Value '1e400', Type: Double" });
    expect(errorOf(REAL, '3.5e38').code).toBe(1204);
    expect(errorOf(REAL, '1e-50').code).toBe(1204);
    expect(errorOf(DOUBLE, 'abc')).toMatchObject({ code: 1208, reason: "Invalid digit, Value 'a', Pos 0, Type: Double" });
    expect(errorOf(REAL, '1.5x')).toMatchObject({ code: 1208, reason: "Invalid digit, Value 'x', Pos 3, Type: Float" });
    expect(errorOf(DOUBLE, '1e').code).toBe(1208);
  });

  test('loaded values equal the engine parse (random inputs)', () => {
    const texts: string[] = [];
    for (let i = 0; i < 500; i++) {
      const x = (Math.sin(i) * 10 ** ((i % 40) - 20)).toPrecision(1 + (i % 17));
      texts.push(x, x.replace(/e.*/, ''), String(i / 7));
    }
    for (const type of [DOUBLE, REAL]) expect(loadValues(type, texts).values).toEqual(texts.map((t) => parseValue(t, type)));
  });
});

describe('BOOLEAN', () => {
  test("Redshift's literals, any case, padded", () => {
    const got = loadValues(BOOLEAN, ['t', 'f', 'TRUE', 'false', 'y', 'N', 'yes', 'No', '1', '0', ' t ']).values;
    expect(got).toEqual([true, false, true, false, true, false, true, false, true, false, true]);
  });

  test('anything else is 1210', () => {
    expect(errorOf(BOOLEAN, 'maybe')).toMatchObject({ code: 1210, reason: "Invalid input syntax for type boolean, Value 'maybe'" });
    expect(errorOf(BOOLEAN, '2').code).toBe(1210);
  });
});

import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL, REAL, SMALLINT, TIME, TIMESTAMP, TIMESTAMPTZ, UNKNOWN, charType,
  decimalType, formatValue, getImplementation, parseValue, resolveOperator, varcharType, type SqlType,
} from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

/** Resolve `l op r`, run it on values (given as text of the operand types), print the result. */
function evaluate(op: string, l: SqlType, lv: string, r: SqlType, rv: string): string {
  const res = resolveOperator(op, l, r);
  const a = parseValue(lv, res.argTypes[0]!);
  const b = parseValue(rv, res.argTypes[1]!);
  return formatValue(getImplementation(res.id).fn(a, b), res.type);
}

describe('arithmetic result types (§7.2)', () => {
  const d82 = decimalType(8, 2);
  it.each([
    [SMALLINT, '+', SMALLINT, SMALLINT],
    [SMALLINT, '*', INTEGER, INTEGER],
    [INTEGER, '-', BIGINT, BIGINT],
    [SMALLINT, '/', BIGINT, BIGINT],
    [INTEGER, '+', d82, decimalType(13, 2)],
    [d82, '+', d82, decimalType(9, 2)],
    [d82, '*', d82, decimalType(17, 4)],
    [d82, '/', d82, decimalType(17, 9)],
    [d82, '/', SMALLINT, decimalType(14, 8)],
    [decimalType(38, 10), '*', decimalType(38, 10), decimalType(38, 20)],
    [INTEGER, '+', REAL, DOUBLE],
    [REAL, '*', REAL, REAL],
    [d82, '-', DOUBLE, DOUBLE],
    [REAL, '/', DOUBLE, DOUBLE],
    [UNKNOWN, '+', INTEGER, INTEGER],
    [BIGINT, '%', UNKNOWN, BIGINT],
  ] as [SqlType, string, SqlType, SqlType][])('%o %s %o -> %o', (l, op, r, type) => {
    expect(resolveOperator(op, l, r).type).toEqual(type);
  });

  it('ids are deterministic and name their implementation', () => {
    expect(resolveOperator('+', INTEGER, INTEGER).id).toBe('int4_add');
    expect(resolveOperator('+', SMALLINT, SMALLINT).id).toBe('int2_add');
    expect(resolveOperator('*', BIGINT, INTEGER)).toEqual({ id: 'int8_mul', type: BIGINT, argTypes: [BIGINT, BIGINT] });
    expect(resolveOperator('/', decimalType(8, 2), SMALLINT)).toEqual({
      id: 'numeric_div:8,2,5,0', type: decimalType(14, 8), argTypes: [decimalType(8, 2), decimalType(5, 0)],
    });
    expect(resolveOperator('-', DOUBLE, null).id).toBe('float8_neg');
  });
});

describe('arithmetic values', () => {
  const d82 = decimalType(8, 2);
  it.each([
    ['/', INTEGER, '7', INTEGER, '2', '3'],
    ['/', INTEGER, '-7', INTEGER, '2', '-3'],
    ['%', INTEGER, '-7', INTEGER, '2', '-1'],
    ['/', BIGINT, '-7', BIGINT, '2', '-3'],
    ['%', BIGINT, '7', BIGINT, '-2', '1'],
    ['+', SMALLINT, '30000', SMALLINT, '2767', '32767'],
    ['*', INTEGER, '65536', INTEGER, '32767', '2147418112'],
    ['/', d82, '2500.00', SMALLINT, '1', '2500.00000000'],
    ['/', d82, '10.00', d82, '3.00', '3.333333333'],
    ['/', d82, '-2.00', d82, '3.00', '-0.666666667'],
    ['*', d82, '1.25', d82, '-2.50', '-3.1250'],
    ['+', d82, '1.25', decimalType(10, 4), '0.0001', '1.2501'],
    ['-', INTEGER, '5', d82, '0.01', '4.99'],
    ['%', d82, '7.50', INTEGER, '2', '1.50'],
    ['+', DOUBLE, '0.1', DOUBLE, '0.2', '0.30000000000000004'],
    ['/', DOUBLE, '1', DOUBLE, '4', '0.25'],
    ['*', REAL, '1.1', REAL, '1.1', '1.21'],
    ['^', INTEGER, '2', INTEGER, '10', '1024'],
    ['||', varcharType(5), 'ab', INTEGER, '12', 'ab12'],
    ['||', charType(5), 'ab', varcharType(5), 'cd', 'abcd'],
    ['||', UNKNOWN, 'x', UNKNOWN, 'y', 'xy'],
    ['||', DATE, '2008-01-05', UNKNOWN, '!', '2008-01-05!'],
  ] as [string, SqlType, string, SqlType, string, string][])('%s: %o %s, %o %s -> %s', (op, l, lv, r, rv, out) => {
    expect(evaluate(op, l, lv, r, rv)).toBe(out);
  });

  it('errors', () => {
    expectSqlError(() => evaluate('/', INTEGER, '1', INTEGER, '0'), '22012', 'division by zero');
    expectSqlError(() => evaluate('%', BIGINT, '1', BIGINT, '0'), '22012', 'division by zero');
    expectSqlError(() => evaluate('/', decimalType(8, 2), '1', decimalType(8, 2), '0'), '22012', 'division by zero');
    expectSqlError(() => evaluate('/', DOUBLE, '1', DOUBLE, '0'), '22012', 'division by zero');
    expectSqlError(() => evaluate('+', SMALLINT, '32767', SMALLINT, '1'), '22003', 'smallint out of range');
    expectSqlError(() => evaluate('*', INTEGER, '65536', INTEGER, '65536'), '22003', 'integer out of range');
    expectSqlError(() => evaluate('/', INTEGER, '-2147483648', INTEGER, '-1'), '22003', 'integer out of range');
    expectSqlError(() => evaluate('+', BIGINT, '9223372036854775807', BIGINT, '1'), '22003', 'bigint out of range');
    expectSqlError(
      () => evaluate('*', decimalType(38, 0), '99999999999999999999999999999999999999', decimalType(38, 0), '10'),
      '22003',
      'Numeric data overflow (result precision)',
    );
    expectSqlError(() => evaluate('*', DOUBLE, '1e300', DOUBLE, '1e300'), '22003', 'value out of range: overflow');
    expectSqlError(() => getImplementation(resolveOperator('-', SMALLINT, null).id).fn(-32768), '22003', 'smallint out of range');
  });

  it('operator does not exist', () => {
    const e = expectSqlError(() => resolveOperator('+', DATE, BOOLEAN), '42883', 'operator does not exist: date + boolean');
    expect(e.hint).toBe('No operator matches the given name and argument type(s). You might need to add explicit type casts.');
    expectSqlError(() => resolveOperator('+', INTEGER, varcharType(5)), '42883', 'operator does not exist: integer + character varying');
    expectSqlError(() => resolveOperator('%', DOUBLE, DOUBLE), '42883', 'operator does not exist: double precision % double precision');
    expectSqlError(() => resolveOperator('-', BOOLEAN, null), '42883', 'operator does not exist: - boolean');
    expectSqlError(() => resolveOperator('+', UNKNOWN, UNKNOWN), '42725', 'operator is not unique: unknown + unknown');
  });
});

describe('date/time operators', () => {
  it.each([
    ['+', DATE, '2008-01-30', INTEGER, '5', DATE, '2008-02-04'],
    ['+', INTEGER, '1', DATE, '2008-12-31', DATE, '2009-01-01'],
    ['-', DATE, '2008-03-01', INTEGER, '1', DATE, '2008-02-29'],
    ['-', DATE, '2008-03-01', DATE, '2008-01-01', INTEGER, '60'],
    ['-', DATE, '2008-03-01', UNKNOWN, '2008-01-01', INTEGER, '60'],
    ['+', DATE, '2008-01-31', INTERVAL, '1 month', TIMESTAMP, '2008-02-29 00:00:00'],
    ['+', DATE, '2008-01-31', UNKNOWN, '1 day', TIMESTAMP, '2008-02-01 00:00:00'],
    ['-', TIMESTAMP, '2008-01-01 10:00:00', INTERVAL, '1 day 2 hours', TIMESTAMP, '2007-12-31 08:00:00'],
    ['+', TIMESTAMPTZ, '2008-01-01 10:00:00', INTERVAL, '30 minutes', TIMESTAMPTZ, '2008-01-01 10:30:00+00'],
    ['-', TIMESTAMP, '2008-01-02 12:00:00', TIMESTAMP, '2008-01-01 10:00:00', INTERVAL, '1 day 02:00:00'],
    ['-', TIMESTAMP, '2008-01-01 10:00:00', DATE, '2008-01-02', INTERVAL, '-14:00:00'],
    ['+', DATE, '2008-01-01', TIME, '10:30:00', TIMESTAMP, '2008-01-01 10:30:00'],
    ['+', TIME, '23:00:00', INTERVAL, '2 hours', TIME, '01:00:00'],
    ['+', INTERVAL, '1 day', INTERVAL, '2 hours', INTERVAL, '1 day 02:00:00'],
    ['-', INTERVAL, '1 day', INTERVAL, '2 days', INTERVAL, '-1 days'],
    ['*', INTERVAL, '1 day', DOUBLE, '1.5', INTERVAL, '1 day 12:00:00'],
    ['*', INTEGER, '3', INTERVAL, '1 mon', INTERVAL, '3 mons'],
    ['/', INTERVAL, '3 days', INTEGER, '2', INTERVAL, '1 day 12:00:00'],
  ] as [string, SqlType, string, SqlType, string, SqlType, string][])('%o %s %o -> %s', (op, l, lv, r, rv, type, out) => {
    expect(resolveOperator(op, l, r).type).toEqual(type);
    expect(evaluate(op, l, lv, r, rv)).toBe(out);
  });
  it('unary minus on intervals', () => {
    const r = resolveOperator('-', INTERVAL, null);
    expect(formatValue(getImplementation(r.id).fn(parseValue('1 day', INTERVAL)), INTERVAL)).toBe('-1 days');
  });
});

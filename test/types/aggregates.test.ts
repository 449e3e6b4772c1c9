import { describe, expect, it } from 'vitest';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, REAL, SMALLINT, aggregateResultType, decimalType, varcharType, type SqlType,
} from '../../src/types/index.js';
import { expectSqlError } from './helpers.js';

describe('aggregateResultType', () => {
  it.each([
    ['count_star', null, BIGINT],
    ['count', varcharType(5), BIGINT],
    ['sum', SMALLINT, BIGINT],
    ['sum', INTEGER, BIGINT],
    ['sum', BIGINT, BIGINT],
    ['sum', decimalType(8, 2), decimalType(38, 2)],
    ['sum', REAL, DOUBLE],
    ['sum', DOUBLE, DOUBLE],
    ['avg', SMALLINT, BIGINT],
    ['avg', decimalType(8, 2), decimalType(38, 2)],
    ['avg', REAL, DOUBLE],
    ['min', varcharType(5), varcharType(5)],
    ['max', DATE, DATE],
    ['max', BOOLEAN, BOOLEAN],
  ] as [string, SqlType | null, SqlType][])('%s(%o) -> %o', (fn, arg, type) => {
    expect(aggregateResultType(fn, arg)).toEqual(type);
  });
  it('bad argument types', () => {
    expectSqlError(() => aggregateResultType('sum', varcharType(5)), '42883', 'function sum(character varying) does not exist');
    expectSqlError(() => aggregateResultType('avg', DATE), '42883', 'function avg(date) does not exist');
    expectSqlError(() => aggregateResultType('median2', INTEGER), '42883');
  });
});

import { describe, expect, it } from 'vitest';
import {
  BIGINT, DATE, DOUBLE, INTEGER, INTERVAL, TIME, TIMESTAMP, TIMESTAMPTZ, UNKNOWN, resolveFunction, varcharType, type SqlType,
} from '../../src/types/index.js';
import { call, expectSqlError } from './helpers.js';

const V = varcharType(20);
const U = UNKNOWN;
type Case = [string, [SqlType, string | null][], string];

describe('DATEADD', () => {
  it.each<Case>([
    ['dateadd', [[V, 'day'], [INTEGER, '30'], [DATE, '2008-11-01']], '2008-12-01 00:00:00'],
    ['dateadd', [[V, 'month'], [INTEGER, '18'], [U, '2008-02-28']], '2009-08-28 00:00:00'],
    ['dateadd', [[V, 'm'], [INTEGER, '30'], [U, '2008-02-28']], '2008-02-28 00:30:00'],
    ['dateadd', [[V, 'month'], [INTEGER, '1'], [U, '2008-04-30']], '2008-05-30 00:00:00'],
    ['dateadd', [[V, 'month'], [INTEGER, '12'], [U, '2016-02-29']], '2017-02-28 00:00:00'],
    ['dateadd', [[V, 'year'], [INTEGER, '1'], [U, '2016-02-29']], '2017-03-01 00:00:00'],
    ['dateadd', [[V, 'month'], [INTEGER, '-1'], [DATE, '2008-03-31']], '2008-02-29 00:00:00'],
    ['dateadd', [[V, 'qtr'], [INTEGER, '1'], [TIMESTAMP, '2008-01-31 10:00:00']], '2008-04-30 10:00:00'],
    ['dateadd', [[V, 'w'], [INTEGER, '2'], [DATE, '2008-01-01']], '2008-01-15 00:00:00'],
    ['dateadd', [[V, 'hours'], [BIGINT, '-3'], [TIMESTAMP, '2008-01-01 01:00:00']], '2007-12-31 22:00:00'],
    ['dateadd', [[V, 'ms'], [INTEGER, '5'], [TIMESTAMP, '2008-01-01 00:00:00']], '2008-01-01 00:00:00.005'],
    ['dateadd', [[V, 'decade'], [INTEGER, '1'], [DATE, '2000-06-15']], '2010-06-15 00:00:00'],
    ['dateadd', [[V, 'minute'], [INTEGER, '5'], [TIME, '00:00:00.555']], '00:05:00.555'],
    ['dateadd', [[V, 'hour'], [INTEGER, '8'], [TIME, '13:24:55']], '21:24:55'],
    ['dateadd', [[V, 'hour'], [INTEGER, '12'], [TIME, '13:24:55']], '01:24:55'],
    ['dateadd', [[V, 'day'], [INTEGER, null], [DATE, '2008-01-01']], 'NULL'],
    ['dateadd', [[V, 'DAY'], [INTEGER, '1'], [TIMESTAMPTZ, '2008-01-01 00:00:00+00']], '2008-01-02 00:00:00+00'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));

  it('result types', () => {
    expect(resolveFunction('dateadd', [V, INTEGER, DATE]).type).toEqual(TIMESTAMP);
    expect(resolveFunction('dateadd', [V, INTEGER, TIME]).type).toEqual(TIME);
    expect(resolveFunction('dateadd', [V, INTEGER, TIMESTAMPTZ]).type).toEqual(TIMESTAMPTZ);
  });
  it('errors', () => {
    expectSqlError(() => call('dateadd', [V, 'fortnight'], [INTEGER, '1'], [DATE, '2008-01-01']), '22023', 'timestamp units "fortnight" not recognized');
    expectSqlError(() => call('dateadd', [V, 'day'], [INTEGER, '1'], [TIME, '10:00:00']), '0A000');
    expectSqlError(() => resolveFunction('dateadd', [V, V, DATE]), '42883');
  });
});

describe('DATEDIFF', () => {
  it.each<Case>([
    ['datediff', [[V, 'week'], [U, '2009-01-01'], [U, '2009-12-31']], '52'],
    ['datediff', [[V, 'hour'], [U, '2023-01-01'], [U, '2023-01-03 05:04:03']], '53'],
    ['datediff', [[V, 'day'], [DATE, '2009-01-01'], [DATE, '2009-03-23']], '81'],
    ['datediff', [[V, 'day'], [DATE, '2023-01-04'], [DATE, '2024-05-04']], '486'],
    ['datediff', [[V, 'year'], [DATE, '2008-12-31'], [DATE, '2009-01-01']], '1'],
    ['datediff', [[V, 'hour'], [TIMESTAMP, '2009-01-01 08:30:00'], [TIMESTAMP, '2009-01-01 10:00:00']], '2'],
    ['datediff', [[V, 'qtr'], [DATE, '1998-07-01'], [DATE, '2008-07-05']], '40'],
    ['datediff', [[V, 'month'], [DATE, '2008-03-31'], [DATE, '2008-01-01']], '-2'],
    ['datediff', [[V, 'week'], [DATE, '2022-05-01'], [DATE, '2022-05-02']], '1'],
    ['datediff', [[V, 'week'], [DATE, '2022-05-02'], [DATE, '2022-05-08']], '0'],
    ['datediff', [[V, 'hour'], [TIME, '20:00:00'], [TIME, '15:24:45']], '-5'],
    ['datediff', [[V, 'hour'], [TIME, '00:00:00.555'], [TIME, '15:24:45']], '15'],
    ['datediff', [[V, 'minute'], [TIME, '20:00:00'], [TIME, '21:00:00']], '60'],
    ['datediff', [[V, 'century'], [DATE, '2000-12-31'], [DATE, '2001-01-01']], '1'],
    ['datediff', [[V, 'seconds'], [TIMESTAMP, '2008-01-01 00:00:00.9'], [TIMESTAMP, '2008-01-01 00:00:01.1']], '1'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));
  it('returns BIGINT', () => expect(resolveFunction('datediff', [V, DATE, TIMESTAMP]).type).toEqual(BIGINT));
});

describe('DATE_TRUNC', () => {
  const ts: [SqlType, string] = [TIMESTAMP, '2020-04-30 04:05:06.789'];
  it.each<[string, string]>([
    ['second', '2020-04-30 04:05:06'],
    ['minute', '2020-04-30 04:05:00'],
    ['hour', '2020-04-30 04:00:00'],
    ['day', '2020-04-30 00:00:00'],
    ['month', '2020-04-01 00:00:00'],
    ['quarter', '2020-04-01 00:00:00'],
    ['year', '2020-01-01 00:00:00'],
    ['decade', '2020-01-01 00:00:00'],
    ['century', '2001-01-01 00:00:00'],
    ['millennium', '2001-01-01 00:00:00'],
    ['milliseconds', '2020-04-30 04:05:06.789'],
  ])('%s', (part, out) => expect(call('date_trunc', [V, part], ts)).toBe(out));
  it('week truncates to Monday', () => {
    expect(call('date_trunc', [V, 'week'], [TIMESTAMP, '2022-04-30 04:05:06.789'])).toBe('2022-04-25 00:00:00');
    expect(call('date_trunc', [V, 'week'], [DATE, '2008-09-07'])).toBe('2008-09-01 00:00:00');
  });
});

describe('DATE_PART and EXTRACT', () => {
  const ts: [SqlType, string] = [TIMESTAMP, '2022-05-02 04:05:06.789'];
  it.each<[string, string]>([
    ['minute', '5'], ['week', '18'], ['day', '2'], ['dayofweek', '1'], ['century', '21'], ['millennium', '3'],
    ['microsecond', '789000'], ['millisecond', '789'], ['sec', '6.789'], ['month', '5'], ['year', '2022'],
    ['doy', '122'], ['qtr', '2'], ['decade', '202'], ['epoch', '1651464306.789'], ['h', '4'],
  ])('date_part(%s)', (part, out) => expect(call('date_part', [V, part], ts)).toBe(out));

  it.each<[string, [SqlType, string], string]>([
    ['sec', [TIMESTAMP, '2009-09-21 11:10:03.189717'], '3'],
    ['minute', [TIMESTAMP, '2009-09-09 12:08:43'], '8'],
    ['ms', [TIMESTAMP, '2009-09-09 12:08:43.101'], '101'],
    ['century', [TIMESTAMP, '2000-12-16 12:21:13'], '20'],
    ['century', [TIMESTAMP, '2001-12-16 12:21:13'], '21'],
    ['decade', [TIMESTAMP, '1999-02-16 20:38:40'], '199'],
    ['mil', [TIMESTAMP, '2000-12-16 12:21:13'], '2'],
    ['mil', [TIMESTAMP, '2001-12-16 12:21:13'], '3'],
    ['epoch', [TIMESTAMP, '2008-01-01 20:00:00'], '1199217600'],
    ['year', [TIMESTAMPTZ, '1997-01-12 07:37:16+00'], '1997'],
    ['minute', [TIME, '00:58:00'], '58'],
    ['ms', [TIME, '18:25:33.123456'], '123'],
    ['hour', [TIME, '20:00:00'], '20'],
    ['dow', [DATE, '2008-01-05'], '6'],
    ['day', [INTERVAL, '3 days 04:00:00'], '3'],
  ])('extract(%s from %o) = %s', (part, arg, out) => expect(call('extract', [V, part], arg)).toBe(out));

  it('result types', () => {
    expect(resolveFunction('date_part', [V, DATE]).type).toEqual(DOUBLE);
    expect(resolveFunction('pgdate_part', [V, TIMESTAMP]).type).toEqual(DOUBLE);
    expect(resolveFunction('extract', [V, TIMESTAMP]).type).toEqual(INTEGER);
    expect(resolveFunction('extract', [V, TIME]).type).toEqual(INTEGER);
    expect(resolveFunction('extract', [V, TIMESTAMPTZ]).type).toEqual(DOUBLE);
  });
  it('errors', () => {
    expectSqlError(() => call('extract', [V, 'year'], [TIME, '10:00:00']), '22023', '"time" units "year" not recognized');
    expectSqlError(() => call('date_part', [V, 'timezone'], [TIMESTAMP, '2008-01-01']), '0A000');
    expect(call('date_part', [V, 'timezone_hour'], [TIMESTAMPTZ, '2008-01-01 00:00:00+00'])).toBe('0');
  });
});

describe('month functions, NEXT_DAY, time zones', () => {
  it.each<Case>([
    ['add_months', [[U, '2008-04-30'], [INTEGER, '1']], '2008-05-31 00:00:00'],
    ['add_months', [[U, '2008-03-31'], [INTEGER, '1']], '2008-04-30 00:00:00'],
    ['add_months', [[DATE, '2008-01-15'], [INTEGER, '12']], '2009-01-15 00:00:00'],
    ['add_months', [[TIMESTAMP, '2008-02-29 10:30:00'], [INTEGER, '-12']], '2007-02-28 10:30:00'],
    ['last_day', [[DATE, '2008-02-10']], '2008-02-29'],
    ['last_day', [[TIMESTAMP, '2014-01-10 10:00:00']], '2014-01-31'],
    ['months_between', [[U, '1969-01-18'], [U, '1969-03-18']], '-2'],
    ['months_between', [[DATE, '2014-09-30'], [DATE, '2014-08-31']], '1'],
    ['months_between', [[DATE, '2008-02-15'], [DATE, '2008-01-01']], String(1 + 14 / 31)],
    ['next_day', [[U, '2014-08-20'], [V, 'Tuesday']], '2014-08-26'],
    ['next_day', [[DATE, '2008-07-06'], [V, 'Monday']], '2008-07-07'],
    ['next_day', [[DATE, '2008-07-07'], [V, 'mo']], '2008-07-14'],
    ['next_day', [[TIMESTAMP, '2008-07-07 10:00:00'], [V, 'Th']], '2008-07-10'],
    ['convert_timezone', [[V, 'PST'], [TIMESTAMP, '2008-08-24 09:36:12']], '2008-08-24 01:36:12'],
    ['convert_timezone', [[V, 'US/Pacific'], [TIMESTAMP, '2008-08-24 09:36:12']], '2008-08-24 02:36:12'],
    ['convert_timezone', [[V, 'EST'], [V, 'PST'], [U, '20080305 12:25:29']], '2008-03-05 09:25:29'],
    ['convert_timezone', [[V, 'America/New_York'], [U, '2013-02-01 08:00:00']], '2013-02-01 03:00:00'],
    ['convert_timezone', [[V, 'America/New_York'], [U, '2013-06-01 08:00:00']], '2013-06-01 04:00:00'],
    ['convert_timezone', [[V, 'GMT'], [V, 'NEWZONE +2'], [U, '2014-05-17 12:00:00']], '2014-05-17 10:00:00'],
    ['convert_timezone', [[V, 'GMT'], [V, 'NEWZONE-2:15'], [U, '2014-05-17 12:00:00']], '2014-05-17 14:15:00'],
    ['convert_timezone', [[V, 'GMT'], [V, 'GMT+2'], [U, '2014-05-17 12:00:00']], '2014-05-17 10:00:00'],
    ['convert_timezone', [[V, 'Europe/London'], [V, 'UTC'], [U, '2014-07-01 12:00:00']], '2014-07-01 11:00:00'],
    ['convert_timezone', [[V, '+05:30'], [U, '2014-07-01 12:00:00']], '2014-07-01 17:30:00'],
    ['convert_timezone', [[V, 'Asia/Tokyo'], [U, '2014-07-01 12:00:00']], '2014-07-01 21:00:00'],
    ['timezone', [[V, 'MST'], [TIMESTAMP, '2001-02-16 20:38:40']], '2001-02-17 03:38:40+00'],
    ['timezone', [[V, 'MST'], [TIMESTAMPTZ, '2001-02-16 20:38:40-05']], '2001-02-16 18:38:40'],
    ['timezone', [[V, 'America/New_York'], [TIMESTAMP, '2021-03-14 12:00:00']], '2021-03-14 16:00:00+00'],
    ['timezone', [[V, 'America/New_York'], [TIMESTAMP, '2021-03-13 12:00:00']], '2021-03-13 17:00:00+00'],
  ])('%s(%o) = %s', (name, args, out) => expect(call(name, ...args)).toBe(out));

  it('errors', () => {
    expectSqlError(() => call('next_day', [DATE, '2008-07-07'], [V, 'T']), '22023');
    expectSqlError(() => call('convert_timezone', [V, 'Mars/Olympus'], [TIMESTAMP, '2008-01-01']), '22023', 'time zone "Mars/Olympus" not recognized');
  });
});

import { describe, expect, it } from 'vitest';
import {
  BIGINT, DATE, DOUBLE, INTEGER, TIMESTAMP, TIMESTAMPTZ, UNKNOWN, decimalType, resolveFunction, varcharType, type SqlType,
} from '../../src/types/index.js';
import { call, expectSqlError } from './helpers.js';

const V = varcharType(100);
const fmt = (s: string): [SqlType, string] => [V, s];
const num = (s: string): [SqlType, string] => {
  const dot = s.indexOf('.');
  return [decimalType(18, dot < 0 ? 0 : s.length - dot - 1), s];
};

describe('to_char(timestamp)', () => {
  const ts: [SqlType, string] = [TIMESTAMP, '2009-12-31 23:15:59'];
  it.each<[[SqlType, string], string, string]>([
    [ts, 'MONTH-DY-DD-YYYY HH12:MIPM', 'DECEMBER -THU-31-2009 11:15PM'],
    [ts, 'DDD', '365'],
    [[TIMESTAMP, '2022-05-16 23:15:59'], 'ID', '1'],
    [[DATE, '2009-12-31'], 'MONTH', 'DECEMBER '],
    [[TIMESTAMP, '2008-01-25 14:30:00'], 'MON-DD-YYYY HH12:MIPM', 'JAN-25-2008 02:30PM'],
    [[TIMESTAMP, '2008-01-25 14:30:00'], 'HH:MI:SS', '02:30:00'],
    [ts, 'HH24:MI:SS', '23:15:59'],
    [[TIMESTAMP, '2008-02-18 02:36:48'], 'cc', '21'],
    [[TIMESTAMP, '2008-02-18 02:36:48'], 'HH12:MI:SS TZ', '02:36:48 UTC'],
    [[TIMESTAMP, '2015-04-10 18:45:09.325143'], 'HH24:MI:SS.MS', '18:45:09.325'],
    [[TIMESTAMP, '2015-04-10 18:45:09.325143'], 'HH24:MI:SS:US', '18:45:09:325143'],
    [ts, 'Month Day month day', 'December  Thursday  december  thursday '],
    [ts, 'FMMonth FMDay', 'December Thursday'],
    [ts, 'Mon Dy mon dy', 'Dec Thu dec thu'],
    [ts, 'YYYY YYY YY Y Y,YYY', '2009 009 09 9 2,009'],
    [ts, 'Q WW W IW IYYY D', '4 53 5 53 2009 5'],
    [[DATE, '2010-01-03'], 'IYYY-IW-ID IDDD', '2009-53-7 371'],
    [[DATE, '2008-01-05'], 'D DDD FMDDD J', '7 005 5 2454471'],
    [[TIMESTAMP, '2008-01-05 00:05:00'], 'HH HH12 HH24 am A.M. p.m.', '12 12 00 am A.M. a.m.'],
    [[DATE, '2008-01-01'], 'DDth FMDDth ddTH', '01st 1st 01ST'],
    [[DATE, '2008-01-22'], 'FMDDth', '22nd'],
    [[DATE, '2008-01-13'], 'FMDDth', '13th'],
    [[DATE, '2008-04-01'], 'RM rm FMRM', 'IV   iv   IV'],
    [[DATE, '2008-04-01'], '"Quarter "Q', 'Quarter 2'],
    [[DATE, '2008-04-01'], 'YYYY\\-MM', '2008-04'],
    [[DATE, '2008-04-01'], 'AD B.C.', 'AD A.D.'],
    [[TIMESTAMPTZ, '2008-04-01 10:00:00+00'], 'YYYY-MM-DD HH24 OF', '2008-04-01 10 +00'],
    [[TIMESTAMP, '2008-04-01 10:00:42'], 'SSSS', '36042'],
  ])('to_char(%o, %s) = %s', (arg, format, out) => expect(call('to_char', arg, fmt(format))).toBe(out));
});

describe('to_char(number)', () => {
  it.each<[[SqlType, string], string, string]>([
    [num('-125.8'), '999D99S', '125.80-'],
    [num('-125.88'), '$S999D99', '$-125.88'],
    [num('-125.88'), '$999D99PR', '$<125.88>'],
    [num('125.88'), '$999D99PR', '$ 125.88 '],
    [[INTEGER, '125'], 'RN', '           CXXV'],
    [num('618.80'), 'rn', '          dcxix'],
    [num('618.80'), 'l99999D99', '$   618.80'],
    [num('-0.1'), '99.99', '  -.10'],
    [num('-0.1'), 'FM9.99', '-.1'],
    [num('-0.1'), 'FM90.99', '-0.1'],
    [num('0.1'), '0.9', ' 0.1'],
    [[INTEGER, '12'], '9990999.9', '    0012.0'],
    [[INTEGER, '12'], 'FM9990999.9', '0012.'],
    [[INTEGER, '485'], '999', ' 485'],
    [[INTEGER, '-485'], '999', '-485'],
    [[INTEGER, '5'], '999', '   5'],
    [[INTEGER, '-5'], '999', '  -5'],
    [[INTEGER, '0'], '999', '   0'],
    [[INTEGER, '485'], '9 9 9', ' 4 8 5'],
    [[INTEGER, '1485'], '9,999', ' 1,485'],
    [[INTEGER, '1485'], '9G999', ' 1,485'],
    [[INTEGER, '485'], '9,999', '   485'],
    [num('148.5'), '999.999', ' 148.500'],
    [num('148.5'), 'FM999.999', '148.5'],
    [num('148.5'), 'FM999.990', '148.500'],
    [[INTEGER, '-485'], '999MI', '485-'],
    [[INTEGER, '485'], '999MI', '485 '],
    [[INTEGER, '485'], 'FM999MI', '485'],
    [[INTEGER, '485'], 'PL999', '+485'],
    [[INTEGER, '485'], 'SG999', '+485'],
    [[INTEGER, '-485'], '9SG99', '4-85'],
    [[INTEGER, '-485'], '999PR', '<485>'],
    [[INTEGER, '5'], 'S999', '  +5'],
    [[INTEGER, '485'], 'FMRN', 'CDLXXXV'],
    [num('5.2'), 'FMRN', 'V'],
    [[INTEGER, '4000'], 'RN', '###############'],
    [[INTEGER, '482'], '999th', ' 482nd'],
    [[INTEGER, '485'], '"Good number:"999', 'Good number: 485'],
    [num('485.8'), '"Pre:"999" Post:" .999', 'Pre: 485 Post: .800'],
    [[INTEGER, '12'], '99V999', ' 12000'],
    [num('12.4'), '99V999', ' 12400'],
    [num('12.45'), '99V9', ' 125'],
    [[INTEGER, '12345'], '999', ' ###'],
    [num('12.345'), '99.99', ' 12.35'],
    [num('-12.345'), '99.99', '-12.35'],
    [[DOUBLE, '0.0004859'], '9.99EEEE', ' 4.86e-04'],
    [[DOUBLE, '-125.8'], '999D99S', '125.80-'],
    [[DOUBLE, '0.1'], '0.99', ' 0.10'],
    [[BIGINT, '9000000000'], '9,999,999,999', ' 9,000,000,000'],
  ])('to_char(%o, %s) = %s', (arg, format, out) => expect(call('to_char', arg, fmt(format))).toBe(out));

  it('types', () => {
    expect(resolveFunction('to_char', [decimalType(8, 2), V]).id).toBe('to_char(numeric,varchar):8,2');
    expect(resolveFunction('to_char', [DATE, UNKNOWN]).argTypes[0]).toEqual(TIMESTAMP);
    expect(resolveFunction('to_char', [INTEGER, V]).type.kind).toBe('varchar');
  });
});

describe('to_date, to_timestamp, to_number', () => {
  it.each<[string, [SqlType, string][], string]>([
    ['to_date', [fmt('02 Oct 2001'), fmt('DD Mon YYYY')], '2001-10-02'],
    ['to_date', [fmt('20010631'), fmt('YYYYMMDD')], '2001-07-01'],
    ['to_date', [fmt('2001-Oct-02'), fmt('YYYY-MON-DD')], '2001-10-02'],
    ['to_date', [fmt('October 2, 2001'), fmt('Month DD, YYYY')], '2001-10-02'],
    ['to_date', [fmt('12/31/08'), fmt('MM/DD/YY')], '2008-12-31'],
    ['to_date', [fmt('2008.366'), fmt('YYYY.DDD')], '2008-12-31'],
    ['to_timestamp', [fmt('2021-04-05 19:27:53.281812'), fmt('YYYY-MM-DD HH24:MI:SS')], '2021-04-05 19:27:53+00'],
    ['to_timestamp', [fmt('2017'), fmt('YYYY')], '2017-01-01 00:00:00+00'],
    ['to_timestamp', [fmt('2011-12-18 24:38:15'), fmt('YYYY-MM-DD HH24:MI:SS')], '2011-12-19 00:38:15+00'],
    ['to_timestamp', [fmt('2011-12-18 02:38:15 PM'), fmt('YYYY-MM-DD HH:MI:SS AM')], '2011-12-18 14:38:15+00'],
    ['to_timestamp', [fmt('2011-12-18 12:00:00.5 am'), fmt('YYYY-MM-DD HH12:MI:SS.MS am')], '2011-12-18 00:00:00.5+00'],
    ['to_timestamp', [fmt(''), fmt('YYYY-MM-DD')], '0001-01-01 00:00:00+00'],
    ['to_number', [fmt('12,454.8-'), fmt('99G999D9S')], '-12454.8'],
    ['to_number', [fmt('$ 12,454.88'), fmt('L 99G999D99')], '12454.88'],
  ])('%s(%o) = %s', (name, args, out) => {
    const constants = args.map(([, v]) => v);
    // to_number's scale comes from its constant format.
    if (name === 'to_number') {
      const res = resolveFunction(name, args.map(([ty]) => ty), constants);
      expect(res.type).toEqual(decimalType(38, out.split('.')[1]!.length));
      return;
    }
    expect(call(name, ...args)).toBe(out);
  });

  it('to_number values', async () => {
    const { getImplementation, formatValue } = await import('../../src/types/index.js');
    const res = resolveFunction('to_number', [V, V], [undefined, '99G999D9S']);
    expect(formatValue(getImplementation(res.id).fn('12,454.8-', '99G999D9S'), res.type)).toBe('-12454.8');
    const pr = resolveFunction('to_number', [V, V], [undefined, '999D99PR']);
    expect(formatValue(getImplementation(pr.id).fn('<125.50>', '999D99PR'), pr.type)).toBe('-125.50');
    expect(resolveFunction('to_number', [V, V]).type).toEqual(decimalType(38, 10));
    expectSqlError(() => getImplementation(res.id).fn('abc', '999'), '22P02');
  });

  it('strict mode and errors', () => {
    expectSqlError(() => call('to_date', fmt('20010631'), fmt('YYYYMMDD'), [{ kind: 'boolean' }, 'true']), '22008', 'date/time field date value out of range: 2001-6-31');
    expectSqlError(() => call('to_timestamp', fmt('2011-12-18 24:38:15'), fmt('YYYY-MM-DD HH24:MI:SS'), [{ kind: 'boolean' }, 'true']), '22008', 'date/time field time value out of range: 24:38:15.0');
    expectSqlError(() => call('to_date', fmt('2001-xx-02'), fmt('YYYY-MM-DD')), '22007', 'invalid value "xx" for "MM"');
    expectSqlError(() => call('to_date', fmt('2001 Foo 02'), fmt('YYYY Mon DD')), '22007');
    expectSqlError(() => call('to_timestamp', fmt('2001-01-01 UTC'), fmt('YYYY-MM-DD TZ')), '0A000');
    expect(resolveFunction('to_timestamp', [V, V]).type).toEqual(TIMESTAMPTZ);
  });
});

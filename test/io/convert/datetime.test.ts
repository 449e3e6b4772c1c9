import { describe, expect, test } from 'vitest';
import { DATE, INTEGER, TIME, TIMESTAMP, TIMESTAMPTZ, type SqlType } from '../../../src/types/datatype.js';
import { daysFromCivil, MICROS_PER_DAY, MICROS_PER_SECOND } from '../../../src/types/datetime.js';
import { parseValue } from '../../../src/types/parse.js';
import { errorOf, fields, load, loadValues, type Options } from './helpers.js';

const day = (y: number, m: number, d: number): number => daysFromCivil(y, m, d);
const ts = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, us = 0): number => day(y, m, d) * MICROS_PER_DAY + ((h * 60 + mi) * 60 + s) * MICROS_PER_SECOND + us;

function values(type: SqlType, texts: readonly string[], options: Options = {}): unknown[] {
  const out = loadValues(type, texts, options);
  expect(out.errors).toEqual([]);
  return out.values;
}

describe('DATE', () => {
  test("default 'YYYY-MM-DD': the engine's values; a time part is dropped", () => {
    const texts = ['2008-01-25', '1970-01-01', '1969-12-31', '2000-02-29', '0001-01-01', '9999-12-31', '1992-01-02'];
    expect(values(DATE, texts)).toEqual(texts.map((t) => parseValue(t, DATE)));
    expect(values(DATE, ['2008-01-25 14:30:00', '2008-01-25T14:30:00', ' 2008-01-25 '])).toEqual([day(2008, 1, 25), day(2008, 1, 25), day(2008, 1, 25)]);
  });

  test('days-from-civil matches the engine over four centuries', () => {
    const texts: string[] = [];
    for (let d = day(1900, 1, 1); d < day(2300, 1, 1); d += 37) {
      const date = new Date(d * 86400000);
      texts.push(date.toISOString().slice(0, 10));
    }
    expect(values(DATE, texts)).toEqual(texts.map((t) => parseValue(t, DATE)));
  });

  test('errors (1205)', () => {
    expect(errorOf(DATE, '2008-1-5')).toMatchObject({ code: 1205, reason: 'Invalid Date Format - length must be 10 or more', type: 'date' });
    for (const bad of ['2008-13-01', '2008-02-30', '2009-02-29', '2008-01-255', 'abcdefghij', '2008-01-2x']) {
      expect(errorOf(DATE, bad)).toMatchObject({ code: 1205, reason: 'Invalid date format or value [YYYY-MM-DD]' });
    }
  });

  test('DATEFORMAT strings: parts, 1-2 digit fields, month names, any separators', () => {
    const run = (format: string, texts: string[]): unknown[] => values(DATE, texts, { conversion: { dateFormat: format } });
    expect(run('MM/DD/YYYY', ['01/25/2008', '1/5/2008', '12-31-2008'])).toEqual([day(2008, 1, 25), day(2008, 1, 5), day(2008, 12, 31)]);
    expect(run('MON DD, YYYY', ['Jan 25, 2008', 'JANUARY 5, 2008', 'dec 31, 1999'])).toEqual([day(2008, 1, 25), day(2008, 1, 5), day(1999, 12, 31)]);
    expect(run('MON-DD-YYYY', ['Jan-01-1999'])).toEqual([day(1999, 1, 1)]);
    expect(run('DD.MM.YY', ['25.01.08', '25.01.99', '01.01.69', '01.01.70'])).toEqual([day(2008, 1, 25), day(1999, 1, 25), day(2069, 1, 1), day(1970, 1, 1)]);
    expect(run('YYYYMMDD', ['20080125'])).toEqual([day(2008, 1, 25)]);
    expect(run('MM.DD.YYYY HH:MI:SS', ['01.25.2008 14:30:00', '01.25.2008'])).toEqual([day(2008, 1, 25), day(2008, 1, 25)]);
    expect(errorOf(DATE, '2008-01-25', { conversion: { dateFormat: 'MM/DD/YYYY' } })).toMatchObject({ code: 1205, reason: 'Invalid date format or value [MM/DD/YYYY]' });
  });

  test("DATEFORMAT 'auto'", () => {
    const got = values(DATE, ['2008-01-25', '01/25/2008', 'Jan 25, 2008', '20080125', 'J2451187', '1996.008', '2019-02-11T05:09:12.195Z', 'Jan-08-95 BC', '12.17.1997 07:37:16.00 PST'], { conversion: { dateFormat: 'auto' } });
    expect(got).toEqual([day(2008, 1, 25), day(2008, 1, 25), day(2008, 1, 25), day(2008, 1, 25), 2451187 - 2440588, day(1996, 1, 8), day(2019, 2, 11), day(-1994, 1, 8), day(1997, 12, 17)]);
    expect(errorOf(DATE, 'not a date', { conversion: { dateFormat: 'auto' } })).toMatchObject({ code: 1205, reason: 'Invalid date format or value [auto]' });
  });

  test('ACCEPTANYDATE loads unparsable dates as NULL', () => {
    const out = load(fields(DATE, TIMESTAMP, INTEGER), '00/00/00 00:00:00|00/00/00 00:00:00|1\n', { conversion: { acceptAnyDate: true, dateFormat: 'MM/DD/YY' } });
    expect(out.errors).toEqual([]);
    expect(out.rows).toEqual([[null, null, 1]]);
  });
});

describe('TIMESTAMP and TIMESTAMPTZ', () => {
  test("default 'YYYY-MM-DD HH:MI:SS' with an optional fraction: the engine's values", () => {
    const texts = ['2008-01-25 14:30:00', '2008-01-25 14:30:00.123456', '2008-01-25 14:30:00.1234567', '1969-12-31 23:59:59.999999', '2008-01-25 24:00:00', '1900-03-01 00:00:01'];
    expect(values(TIMESTAMP, texts)).toEqual(texts.map((t) => parseValue(t, TIMESTAMP)));
    expect(values(TIMESTAMP, ['2008-01-25', '2008-01-25 14:30:00+05'])).toEqual([ts(2008, 1, 25), ts(2008, 1, 25, 14, 30)]);
  });

  test('TIMESTAMPTZ applies an offset (none means UTC)', () => {
    const texts = ['2008-01-25 14:30:00+02', '2008-01-25 14:30:00-08:00', '2008-01-25 14:30:00', '2008-01-25 14:30:00.5 +0530', '2008-01-25 14:30:00Z', '2008-01-25 14:30:00 UTC'];
    expect(values(TIMESTAMPTZ, texts)).toEqual(texts.map((t) => parseValue(t, TIMESTAMPTZ)));
    expect(values(TIMESTAMPTZ, ['2008-01-25 14:30:00+02'])).toEqual([ts(2008, 1, 25, 12, 30)]);
  });

  test('errors (1206) with the documented text for the default format', () => {
    for (const bad of ['2008-01-25 25:00:00', '2008-01-25 14:60:00', 'abc', '2008-01-25 14:30:00 nonsense']) {
      expect(errorOf(TIMESTAMP, bad)).toMatchObject({ code: 1206, reason: 'Error in Timestamp value or format [%Y-%m-%d %H:%M:%S]', type: 'timestamp' });
    }
    expect(errorOf(TIMESTAMPTZ, '2008-01-25 14:30:00+99')).toMatchObject({ code: 1206, type: 'timestamptz' });
  });

  test("TICKIT's TIMEFORMAT 'MM/DD/YYYY HH:MI:SS' (HH is 24-hour; month and day not zero-padded)", () => {
    const options = { conversion: { timeFormat: 'MM/DD/YYYY HH:MI:SS' } };
    expect(values(TIMESTAMP, ['2/18/2008 02:36:48', '12/31/2008 23:59:59', '1/1/2008 00:00:00'], options)).toEqual([ts(2008, 2, 18, 2, 36, 48), ts(2008, 12, 31, 23, 59, 59), ts(2008, 1, 1)]);
    expect(errorOf(TIMESTAMP, '2008-02-18 02:36:48', options)).toMatchObject({ code: 1206, reason: 'Invalid timestamp format or value [MM/DD/YYYY HH:MI:SS]' });
    expect(values(TIMESTAMP, ['2008-01-25 14:30:00'], { conversion: { timeFormat: 'YYYY-MM-DD HH:MI:SS' } })).toEqual([ts(2008, 1, 25, 14, 30)]);
  });

  test('HH12 / HH24 and AM/PM; MON names; fractions after SS', () => {
    expect(values(TIMESTAMP, ['01/25/2008 02:30:00 PM', '01/25/2008 12:05:00 am', '01/25/2008 12:05:00 PM'], { conversion: { timeFormat: 'MM/DD/YYYY HH12:MI:SS AM' } })).toEqual([
      ts(2008, 1, 25, 14, 30), ts(2008, 1, 25, 0, 5), ts(2008, 1, 25, 12, 5),
    ]);
    expect(values(TIMESTAMP, ['25 Jan 2008 23:15:01.25'], { conversion: { timeFormat: 'DD MON YYYY HH24:MI:SS' } })).toEqual([ts(2008, 1, 25, 23, 15, 1, 250000)]);
    expect(values(TIMESTAMP, ['2008.01.25 14:30:00'], { conversion: { timeFormat: 'YYYY.MM.DD HH:MI:SS' } })).toEqual([ts(2008, 1, 25, 14, 30)]);
  });

  test("'epochsecs' and 'epochmillisecs'", () => {
    expect(values(TIMESTAMP, ['1230768000', '0', '-86400', '1230768000.5'], { conversion: { timeFormat: 'epochsecs' } })).toEqual([ts(2009, 1, 1), 0, ts(1969, 12, 31), ts(2009, 1, 1, 0, 0, 0, 500000)]);
    expect(values(TIMESTAMPTZ, ['1230768000123'], { conversion: { timeFormat: 'epochmillisecs' } })).toEqual([ts(2009, 1, 1, 0, 0, 0, 123000)]);
    expect(errorOf(TIMESTAMP, '2009-01-01', { conversion: { timeFormat: 'epochsecs' } })).toMatchObject({ code: 1206, reason: 'Invalid timestamp format or value [epochsecs]' });
  });

  test("TIMEFORMAT 'auto'", () => {
    const auto = { conversion: { timeFormat: 'auto' } };
    expect(values(TIMESTAMP, ['2019-02-11T05:09:12.195Z', '19960108 040809', '960108 040809', '1996-01-08 04:05:06.789', '17 Dec 07:37:16 1997 PST', '12/17/1997 07:37:16.00 PST', '1997-12-17 07:37:16-08', 'J2451187 04:05:06'], auto)).toEqual([
      ts(2019, 2, 11, 5, 9, 12, 195000), ts(1996, 1, 8, 4, 8, 9), ts(1996, 1, 8, 4, 8, 9), ts(1996, 1, 8, 4, 5, 6, 789000), ts(1997, 12, 17, 7, 37, 16), ts(1997, 12, 17, 7, 37, 16),
      ts(1997, 12, 17, 7, 37, 16), (2451187 - 2440588) * MICROS_PER_DAY + (4 * 3600 + 5 * 60 + 6) * MICROS_PER_SECOND,
    ]);
    expect(values(TIMESTAMPTZ, ['17 Dec 07:37:16 1997 PST', '1997-12-17 07:37:16-08', '2019-02-11T05:09:12Z'], auto)).toEqual([ts(1997, 12, 17, 15, 37, 16), ts(1997, 12, 17, 15, 37, 16), ts(2019, 2, 11, 5, 9, 12)]);
    expect(errorOf(TIMESTAMP, 'soon', auto)).toMatchObject({ code: 1206, reason: 'Invalid timestamp format or value [auto]' });
  });
});

describe('TIME', () => {
  test("'HH:MI:SS' with a fraction", () => {
    expect(values(TIME, ['14:30:00', '00:00:00.5', '23:59:59.999999'])).toEqual(['14:30:00', '00:00:00.5', '23:59:59.999999'].map((t) => parseValue(t, TIME)));
    expect(errorOf(TIME, '25:00:00')).toMatchObject({ code: 1206, reason: 'Invalid time format or value [HH:MI:SS]', type: 'time' });
  });
});

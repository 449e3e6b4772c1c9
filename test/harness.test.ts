/**
 * The differential-test harness itself: fixture reading, INSERT generation, the DuckDB reference
 * and result comparison. These run without the engine.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { QueryResult } from '../src/index.js';
import { canonSlicewise, canonicalDecimal, canonicalTimestamp, diffResults, type CanonRow } from './helpers/compare.js';
import { DuckReference } from './helpers/duckdb.js';
import { TICKIT_ROW_COUNTS, TICKIT_TABLES, VENUE_DDL, insertStatements, readTickitRows, tickitDdl } from './helpers/tickit.js';

const exact = (text: string) => ({ kind: 'exact', text }) as const;
const text = (t: string) => ({ kind: 'text', text: t }) as const;
const float = (value: number) => ({ kind: 'float', value }) as const;

function fakeResult(fields: [string, string][], rows: Record<string, unknown>[]): QueryResult {
  return {
    command: 'SELECT',
    rowCount: rows.length,
    fields: fields.map(([name, type]) => ({ name, type, typeOid: 0, typeModifier: -1, typeSize: -1 })),
    rows,
    notices: [],
    tasks: [],
    toArrays: () => rows.map((r) => fields.map(([name]) => r[name])),
    toTextArrays: () => [],
    toArrow: () => {
      throw new Error('not needed');
    },
  };
}

describe('fixtures', () => {
  test.each(TICKIT_TABLES)('%s has the documented row count', (table) => {
    expect(readTickitRows(table)).toHaveLength(TICKIT_ROW_COUNTS[table]);
  });

  test('\\N reads as NULL', () => {
    const nulls = readTickitRows('venue').filter((r) => r[4] === null);
    expect(nulls).toHaveLength(15);
  });
});

describe('INSERT generation', () => {
  test('chunks of 500 rows, quoted strings with doubled quotes, bare NULLs and numbers', () => {
    const statements = insertStatements('event', ['bare', 'bare', 'bare', 'bare', 'quoted', 'quoted'], readTickitRows('event'));
    expect(statements).toHaveLength(Math.ceil(8798 / 500));
    const sample = insertStatements('t', ['bare', 'quoted', 'bare'], [['1', "Night's", null]]);
    expect(sample).toEqual(["insert into t values (1, 'Night''s', NULL)"]);
  });

  test('tickitDdl rewrites the distribution and the name', () => {
    expect(tickitDdl('venue')).toBe(VENUE_DDL);
    expect(tickitDdl('venue', { name: 'venue_all', distribution: 'all' })).toBe(
      'create table venue_all(venueid smallint not null sortkey, venuename varchar(100), venuecity varchar(30), ' +
        'venuestate char(2), venueseats integer) diststyle all',
    );
    expect(tickitDdl('venue', { distribution: { key: 'venuestate' } })).toMatch(/\) distkey\(venuestate\)$/);
  });
});

describe('canonical values', () => {
  test('decimals', () => {
    expect(canonicalDecimal('012.500')).toBe('12.5');
    expect(canonicalDecimal('-0.00')).toBe('0');
    expect(canonicalDecimal('3')).toBe('3');
    expect(canonicalDecimal('-.25')).toBe('-0.25');
    expect(canonicalDecimal('1.5e3')).toBe('1500');
    expect(canonicalDecimal('1.5e-3')).toBe('0.0015');
  });

  test('timestamps', () => {
    expect(canonicalTimestamp('2008-01-25 14:30:00.000000')).toBe('2008-01-25 14:30:00');
    expect(canonicalTimestamp('2008-01-25T14:30:00.120')).toBe('2008-01-25 14:30:00.12');
  });

  test('Slicewise values by field type', () => {
    const result = fakeResult(
      [
        ['a', 'smallint'],
        ['b', 'bigint'],
        ['c', 'numeric(8,2)'],
        ['d', 'character(5)'],
        ['e', 'character varying(5)'],
        ['f', 'double precision'],
        ['g', 'timestamp without time zone'],
        ['h', 'boolean'],
      ],
      [{ a: 3, b: 3n, c: '3.00', d: 'ab   ', e: 'ab ', f: 0.5, g: '2008-01-01 00:00:00', h: null }],
    );
    expect(canonSlicewise(result)).toEqual([
      [exact('3'), exact('3'), exact('3'), text('ab'), text('ab '), float(0.5), text('2008-01-01 00:00:00'), { kind: 'null' }],
    ]);
  });
});

describe('diffResults', () => {
  const rows: CanonRow[] = [
    [exact('1'), text('a')],
    [exact('2'), text('b')],
  ];

  test('multisets ignore order; ordered comparison does not', () => {
    const swapped = [rows[1]!, rows[0]!];
    expect(diffResults(rows, swapped, { ordered: false })).toBeNull();
    expect(diffResults(rows, swapped, { ordered: true })).toContain('row 0: slicewise (1, "a"), reference (2, "b")');
  });

  test('duplicates count', () => {
    expect(diffResults([rows[0]!, rows[0]!], [rows[0]!], { ordered: false })).toContain('row count differs: slicewise 2, reference 1');
  });

  test('floats within 1e-9 relative tolerance, also against exact numbers', () => {
    expect(diffResults([[float(17503.96256684492)]], [[float(17503.962566845)]], { ordered: true })).toBeNull();
    expect(diffResults([[exact('0.1')]], [[float(0.1)]], { ordered: true })).toBeNull();
    expect(diffResults([[float(1.0001)]], [[float(1)]], { ordered: true })).not.toBeNull();
  });

  test('NULL differs from a value; column counts are checked', () => {
    expect(diffResults([[{ kind: 'null' }]], [[exact('0')]], { ordered: true })).toContain('slicewise (NULL), reference (0)');
    expect(diffResults([[exact('1')]], [[exact('1'), exact('2')]], { ordered: true })).toContain('column count differs');
  });
});

describe('DuckDB reference', () => {
  let reference: DuckReference;
  beforeAll(async () => {
    reference = await DuckReference.open();
  });
  afterAll(() => reference.close());

  test.each(TICKIT_TABLES)('%s loads every fixture row', async (table) => {
    const r = await reference.query(`select count(*) from ${table}`);
    expect(r.rows).toEqual([[exact(String(TICKIT_ROW_COUNTS[table]))]]);
  });

  test('types come back canonical', async () => {
    const r = await reference.query(
      "select venueseats, venuestate, caldate, holiday, starttime, avg(venueseats::double precision) over () as a, 12.50::decimal(8,2) as d " +
        "from venue, date, event where venue.venueid = 250 and date.dateid = 1827 and eventid = 1",
    );
    expect(r.rows).toEqual([
      [{ kind: 'null' }, text('NV'), text('2008-01-01'), { kind: 'bool', value: true }, text('2008-01-25 14:30:00'), { kind: 'null' }, exact('12.5')],
    ]);
    const avg = await reference.query('select trunc(avg(venueseats))::bigint from venue');
    expect(avg.rows).toEqual([[exact('17503')]]);
  });
});

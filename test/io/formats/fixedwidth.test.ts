import { describe, expect, it } from 'vitest';
import type { DataFormat } from '../../../src/io/load-options.js';
import { fieldsOf, splitEverywhere } from './helpers.js';

function fixed(spec: string): DataFormat {
  return { kind: 'fixedwidth', columns: spec.split(',').map((p) => ({ label: p.split(':')[0]!, width: Number(p.split(':')[1]) })) };
}

describe('FIXEDWIDTH', () => {
  it("loads the guide's VENUE example", () => {
    const input = [
      '1  Toyota Park              Bridgeview  IL0',
      '2  Columbus Crew Stadium    Columbus    OH0',
      '4  CommunityAmerica BallparkKansas City KS0',
      '5  Gillette Stadium         Foxborough  MA68756',
      '',
    ].join('\n');
    expect(fieldsOf(splitEverywhere(fixed('venueid:3,venuename:25,venuecity:12,venuestate:2,venueseats:6'), input))).toEqual([
      ['1  ', 'Toyota Park              ', 'Bridgeview  ', 'IL', '0'],
      ['2  ', 'Columbus Crew Stadium    ', 'Columbus    ', 'OH', '0'],
      ['4  ', 'CommunityAmerica Ballpark', 'Kansas City ', 'KS', '0'],
      ['5  ', 'Gillette Stadium         ', 'Foxborough  ', 'MA', '68756'],
    ]);
  });

  it('counts widths in characters, not bytes (UTF-8)', () => {
    // 'é' is 2 bytes, '日' 3, '😀' 4: each is one character.
    expect(fieldsOf(splitEverywhere(fixed('a:2,b:3,c:1'), 'é日x😀ab\n日本語z\n'))).toEqual([
      ['é日', 'x😀a', 'b'],
      ['日本', '語z'],
    ]);
  });

  it('gives a short line fewer fields, ignores bytes past the last column, and an empty line one empty field', () => {
    expect(splitEverywhere(fixed('a:2,b:3'), 'abcdefgh\nab\nabc\n\n')).toEqual([
      { line: 1, fields: ['ab', 'cde'], raw: 'abcdefgh' },
      { line: 2, fields: ['ab'], raw: 'ab' },
      { line: 3, fields: ['ab', 'c'], raw: 'abc' },
      { line: 4, fields: [''], raw: '' },
    ]);
  });

  it('honours IGNOREHEADER and IGNOREBLANKLINES', () => {
    const out = splitEverywhere(fixed('a:1,b:1'), 'AB\n\nxy\n', { records: { ignoreHeader: 1, ignoreBlankLines: true } });
    expect(out).toEqual([{ line: 3, fields: ['x', 'y'], raw: 'xy' }]);
  });

  it('keeps a CR inside the columns as data', () => {
    expect(fieldsOf(splitEverywhere(fixed('a:1,b:2'), 'ab\r\nxyz\r\n'))).toEqual([['a', 'b\r'], ['x', 'yz']]);
  });
});

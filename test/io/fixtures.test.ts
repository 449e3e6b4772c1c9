/** The sample bucket fixtures/s3/slicewise-sample: complete, faithful to the TICKIT files, and exactly what the generator makes. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decompress } from '../../src/io/compression.js';
import { listObjects, readObjectText, resolveManifest } from '../../src/io/object-store.js';
import { ORIGINALS, S3_FIXTURE_ROOT, SAMPLE_BUCKET, VENUE_FIXED_WIDTHS, VENUE_FULL_WIDTHS, buildS3Fixtures } from '../helpers/make-s3-fixtures.js';
import { collectBytes } from './store-helpers.js';

const config = { root: S3_FIXTURE_ROOT, throughput: null };
const bucketFile = (key: string): Buffer => readFileSync(join(S3_FIXTURE_ROOT, SAMPLE_BUCKET, ...key.split('/')));
const tickit = (file: keyof typeof ORIGINALS): Buffer => readFileSync(new URL(`../../fixtures/tickit/${file}`, import.meta.url));
const url = (key: string): string => `s3://${SAMPLE_BUCKET}/${key}`;
const PARTS = [1, 2, 3, 4].map((n) => `tickit/split/allevents_pipe.txt.${n}`);

/** Pipe-delimited rows with `\N` as null. */
function pipeRows(text: string): (string | null)[][] {
  return text.trimEnd().split('\n').map((l) => l.split('|').map((f) => (f === '\\N' ? null : f)));
}

async function inflated(kind: 'gzip' | 'bzip2' | 'zstd', key: string): Promise<Buffer> {
  return collectBytes(decompress(kind, (async function* () { yield bucketFile(key); })()));
}

describe('the sample bucket', () => {
  it('holds exactly the generator\'s output, byte for byte (run make-s3-fixtures.ts after changing it)', async () => {
    const expected = buildS3Fixtures();
    const listed = await listObjects(config, url('tickit/'));
    expect(listed.map((o) => o.key).sort()).toEqual([...expected.keys()].sort());
    for (const [key, bytes] of expected) expect(bucketFile(key).equals(bytes), key).toBe(true);
    expect(listed.reduce((n, o) => n + o.size, 0)).toBeLessThan(2_000_000);
  });

  it('has the four original files byte for byte, under their AWS names', () => {
    for (const [file, awsName] of Object.entries(ORIGINALS) as [keyof typeof ORIGINALS, string][]) {
      expect(bucketFile(`tickit/${awsName}`).equals(tickit(file)), awsName).toBe(true);
    }
  });

  it('split parts: whole lines, 2200/2200/2199/2199, together the original', () => {
    const parts = PARTS.map(bucketFile);
    expect(parts.map((p) => p.toString().split('\n').length - 1)).toEqual([2200, 2200, 2199, 2199]);
    for (const p of parts) expect(p.at(-1)).toBe(0x0a);
    expect(Buffer.concat(parts).equals(tickit('events.txt'))).toBe(true);
  });

  it('gzip parts inflate to the parts; bzip2 and zstd to venue_pipe.txt', async () => {
    for (const [i, part] of PARTS.entries()) {
      expect((await inflated('gzip', `tickit/gz/allevents_pipe.txt.${i + 1}.gz`)).equals(bucketFile(part))).toBe(true);
    }
    expect((await inflated('bzip2', 'tickit/bz2/venue_pipe.txt.bz2')).equals(tickit('venue.txt'))).toBe(true);
    expect((await inflated('zstd', 'tickit/zst/venue_pipe.txt.zst')).equals(tickit('venue.txt'))).toBe(true);
  });

  it('CSV files hold the same rows (header, quoted text, NULL as an empty unquoted field)', () => {
    const venueCsv = bucketFile('tickit/csv/venue.csv').toString();
    const lines = venueCsv.trimEnd().split('\n');
    expect(lines[0]).toBe('venueid,venuename,venuecity,venuestate,venueseats');
    expect(lines.slice(1).map(csvRow)).toEqual(pipeRows(tickit('venue.txt').toString()).map((r) => r.map((f) => f ?? '')));
    for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,"[^"]*","[^"]*","[A-Z]{2}",\d*$/);
    const categoryCsv = bucketFile('tickit/csv/category.csv').toString().trimEnd().split('\n');
    expect(categoryCsv[0]).toBe('catid,catgroup,catname,catdesc');
    expect(categoryCsv.slice(1).map(csvRow)).toEqual(pipeRows(tickit('category.txt').toString()));
    expect(categoryCsv.at(-1)).toBe('11,Concerts,Classical,"All symphony, concerto, and choir concerts"');
  });

  it('fixed width: the guide\'s layout, values cut to the widths; the full variant holds every value', () => {
    const venue = pipeRows(tickit('venue.txt').toString());
    const check = (key: string, widths: readonly number[], cut: boolean): void => {
      const lines = bucketFile(key).toString().split('\n');
      expect(lines.pop()).toBe(''); // LF-terminated; the last record keeps its padding
      expect(lines).toHaveLength(202);
      const total = widths.reduce((a, b) => a + b, 0);
      for (const [i, line] of lines.entries()) {
        expect(line.length).toBe(total);
        let at = 0;
        const fields = widths.map((w) => line.slice(at, (at += w)).trimEnd());
        expect(fields, line).toEqual(venue[i]!.map((f, c) => (f === null ? '' : cut ? f.slice(0, widths[c]) : f).trimEnd()));
      }
    };
    check('tickit/fixedwidth/venue_fw.txt', Object.values(VENUE_FIXED_WIDTHS), true);
    check('tickit/fixedwidth/venue_fw_full.txt', Object.values(VENUE_FULL_WIDTHS), false);
    // The guide's sample lines, padded to the full record width.
    expect(bucketFile('tickit/fixedwidth/venue_fw.txt').toString().split('\n').slice(0, 5).map((l) => l.trimEnd())).toEqual([
      '1  Toyota Park              Bridgeview  IL0',
      '2  Columbus Crew Stadium    Columbus    OH0',
      '3  RFK Stadium              Washington  DC0',
      '4  CommunityAmerica BallparkKansas City KS0',
      '5  Gillette Stadium         Foxborough  MA68756',
    ]);
  });

  it('JSON files: all 11 categories in the guide\'s shapes', () => {
    const category = pipeRows(tickit('category.txt').toString()).map(([id, group, name, desc]) => ({ catid: Number(id), catgroup: group, catname: name, catdesc: desc }));
    const auto = jsonValues(bucketFile('tickit/json/category_object_auto.json').toString()) as Record<string, unknown>[];
    expect(auto.map(({ catid, catgroup, catname, catdesc }) => ({ catid, catgroup, catname, catdesc }))).toEqual(category);
    expect(auto[3]).toHaveProperty('bogus');
    expect(bucketFile('tickit/json/category_object_auto.json').toString()).toContain('}{');
    const ignorecase = jsonValues(bucketFile('tickit/json/category_object_auto-ignorecase.json').toString()) as Record<string, unknown>[];
    expect(ignorecase.map((o) => ({ catid: o['CatID'], catgroup: o['CatGroup'], catname: o['CatName'], catdesc: o['CatDesc'] }))).toEqual(category);
    const paths = jsonValues(bucketFile('tickit/json/category_object_paths.json').toString()) as Record<string, unknown>[];
    expect(paths.map((o) => ({ catid: o['one'], catgroup: o['two'], catname: o['three'], catdesc: o['four'] }))).toEqual(category);
    const arrays = jsonValues(bucketFile('tickit/json/category_array_data.json').toString());
    expect(arrays).toEqual(category.map((c) => [c.catid, c.catgroup, c.catname, c.catdesc]));
    expect(JSON.parse(bucketFile('tickit/json/category_jsonpath.json').toString())).toEqual({ jsonpaths: ["$['one']", "$['two']", "$['three']", "$['four']"] });
    expect(JSON.parse(bucketFile('tickit/json/category_array_jsonpath.json').toString())).toEqual({ jsonpaths: ['$[0]', '$[1]', '$[2]', '$[3]'] });
  });

  it('manifests resolve as documented: all parts; optional missing skipped; a part twice', async () => {
    const all = await resolveManifest(config, url('tickit/manifest/allevents.manifest'));
    expect(all.files.map((f) => f.key)).toEqual(PARTS);
    expect(all.entries.map((e) => e.mandatory)).toEqual([true, true, true, true]);
    expect(all.entries.map((e) => e.contentLength)).toEqual(all.files.map((f) => f.size));
    const optional = await resolveManifest(config, url('tickit/manifest/optional-missing.manifest'));
    expect(optional.files.map((f) => f.key)).toEqual(PARTS);
    expect(optional.skipped.map((e) => [e.url, e.mandatory])).toEqual([[url('tickit/split/allevents_pipe.txt.5'), false]]);
    const duplicate = await resolveManifest(config, url('tickit/manifest/duplicate.manifest'));
    expect(duplicate.files.map((f) => f.key)).toEqual([...PARTS, PARTS[1]]);
  });

  it('the Getting Started prefixes each match only their own file', async () => {
    for (const name of Object.values(ORIGINALS)) {
      expect((await listObjects(config, url(`tickit/${name}`))).map((o) => o.key)).toEqual([`tickit/${name}`]);
    }
    expect((await listObjects(config, url('tickit/split/allevents_pipe.txt'))).map((o) => o.key)).toEqual(PARTS);
    expect(await readObjectText(config, url('tickit/category_pipe.txt'))).toBe(tickit('category.txt').toString());
  });

  it('the README describes every object', () => {
    const readme = readFileSync(join(S3_FIXTURE_ROOT, 'README.md'), 'utf8');
    for (const key of buildS3Fixtures().keys()) {
      if (/\.[234](\.gz)?$/.test(key)) continue; // parts 2-4 are written as "... .1 … .4"
      expect(readme, key).toContain(`\`${key}\``);
    }
    expect(statSync(join(S3_FIXTURE_ROOT, 'README.md')).size).toBeGreaterThan(0);
  });
});

/** One CSV record (no embedded newlines in these files). */
function csvRow(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') {
          field += '"';
          i++;
        } else break;
      }
    } else {
      const comma = line.indexOf(',', i);
      field = line.slice(i, comma < 0 ? line.length : comma);
      i = comma < 0 ? line.length : comma;
    }
    fields.push(field);
    if (line[i] !== ',') return fields;
    i++;
  }
}

/** The root-level JSON values of a file holding several, separated only by whitespace (or nothing). */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if (c === '}' || c === ']') {
      if (--depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
    } else if (depth === 0 && !/\s/.test(c)) throw new Error(`stray character ${c} at ${i}`);
  }
  return values;
}
